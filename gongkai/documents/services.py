from collections.abc import Mapping
from typing import Any

from django.db import transaction

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log, snapshot
from gongkai.documents.models import Record

RECORD_FIELDS = ["title", "document_number", "written_on", "body", "note", "unit"]


@transaction.atomic
def record_create(*, actor: Any, agency: Agency, data: Mapping[str, Any]) -> Record:
    """Store a record. actor=None is the system (the demo loader)."""
    record = Record(agency=agency, created_by=actor, **data)
    if actor is not None:
        require(actor, Action.DRAFT_RECORD, record)
    record.full_clean()
    record.save()
    changes = {k: [None, v] for k, v in snapshot(record, RECORD_FIELDS).items() if k != "body"}
    changes["body"] = [None, f"{len(record.body)} characters"]
    audit_log(actor=actor, action="record.create", target=record, changes=changes)
    return record
