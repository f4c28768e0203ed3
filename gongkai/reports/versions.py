"""Prose kept in versions, shared by the annual report (sections 一, 五, 六) and the work
report (its parts): the current text in one model, every saved text in another, an audit event
in the same transaction. The caller checks the permission and the key first."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import models

from gongkai.audit.services import audit_log


def normalized(text: str | None) -> str:
    """One paragraph per line, without trailing blanks or blank lines around."""
    return "\n".join(line.rstrip() for line in (text or "").strip().splitlines())


def text_save_version(
    *,
    actor: Any,
    current: type[models.Model],
    versions: type[models.Model],
    key: Mapping[str, Any],
    text: str,
    now: datetime,
    action: str,
) -> Any | None:
    """Save `text` as the current text of `key` (agency, year and section or part) and as its
    next version; None when it did not change. Call inside a transaction."""
    text = normalized(text)
    found = current._default_manager.select_for_update().filter(**key).first()
    before = found.text if found is not None else None  # type: ignore[attr-defined]
    if before == text:
        return None
    if found is None:
        found = current._default_manager.create(**key, text=text)
    else:
        found.text = text  # type: ignore[attr-defined]
        found.save(update_fields=["text", "updated_at"])
    saved = versions._default_manager.filter(**key)
    last = saved.order_by("-version").values_list("version", flat=True).first()
    version = versions._default_manager.create(
        **key, version=(last or 0) + 1, text=text, saved_by=actor, saved_at=now
    )
    audit_log(
        actor=actor,
        action=action,
        target=found,
        changes={"text": [before, text], "version": [last, version.version]},
        now=now,
    )
    return version
