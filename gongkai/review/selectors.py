"""Reads of the review app that check permission in the same call: findings per agency and
unit, sweeps, the sensitive-term list, a user's notifications, the dashboard's counts.

A finding is seen by the holders of VIEW_FINDINGS of its agency (the supervisor and the
system administrator: of every agency). Only masked previews are ever shown.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.accounts.permissions import (
    Action,
    can,
    require_somewhere,
    sees_every_agency,
    visible_agencies,
)
from gongkai.core import disclosure
from gongkai.core.privacy import gate as rules
from gongkai.core.privacy import recognizers as kinds
from gongkai.review.models import Finding, Notification, SensitiveTerm, Sweep

PUBLIC_STATUSES = (disclosure.Status.PUBLISHED, disclosure.Status.ARCHIVED)

KIND_LABELS: Mapping[str, str | Promise] = {
    kinds.ID: _("resident identity number"),
    kinds.MOBILE: _("mobile number"),
    kinds.LANDLINE: _("landline number"),
    kinds.CARD: _("bank card or account number"),
    kinds.USCC: _("unified social credit code"),
    kinds.EMAIL: _("e-mail address"),
    kinds.PASSPORT: _("passport or travel permit number"),
    kinds.PLATE: _("vehicle plate"),
    kinds.ADDRESS: _("address"),
    kinds.NAME: _("name"),
    kinds.MARKING: _("secret marking"),
    kinds.TERM: _("sensitive term"),
    kinds.UNREADABLE: _("unreadable: needs manual review"),
    rules.ASSISTANCE_COLUMN: _("column an assistance list must not show"),
}

# The keys of a finding's location, in the order they are shown.
WHERE_LABELS: Mapping[str, str | Promise] = {
    "member": _("archive member"),
    "sheet": _("sheet"),
    "cell": _("cell"),
    "column": _("column"),
    "page": _("page"),
    "part": _("part"),
    "paragraph": _("paragraph"),
    "line": _("line"),
    "char": _("character"),
    "field": _("field"),
    "hidden": _("hidden"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def where_text(where: Any) -> str:
    """A finding's location for people: "sheet 名单, cell C4, hidden column"."""
    if not isinstance(where, Mapping):
        return ""
    shown = [k for k in WHERE_LABELS if k in where] + sorted(
        k for k in where if k not in WHERE_LABELS
    )
    parts = []
    for key in shown:
        value = where[key]
        if value is True:
            parts.append(str(WHERE_LABELS.get(key, key)))
        elif value not in (None, "", False):
            parts.append(f"{WHERE_LABELS.get(key, key)} {value}")
    return ", ".join(parts)


def location(finding: Finding) -> str:
    """Where a finding is: the title, the body or the file, then the place inside it."""
    if finding.source == Finding.Source.ATTACHMENT:
        place = finding.file_name
    else:
        place = str(Finding.Source(finding.source).label)
    inside = where_text(finding.where)
    return gettext("%(place)s: %(where)s") % {"place": place, "where": inside} if inside else place


# --- findings ------------------------------------------------------------------------------


def findings_for(*, user: Any) -> QuerySet[Finding]:
    """The findings of the agencies whose findings `user` may see; PermissionDenied if none."""
    agencies = require_somewhere(user, Action.VIEW_FINDINGS)
    findings = Finding.objects.select_related(
        "agency", "record", "record__agency", "record__unit", "resolved_by"
    )
    if not sees_every_agency(user, Action.VIEW_FINDINGS):
        findings = findings.filter(agency__in=agencies)
    return findings.order_by("-found_at", "-pk")


def findings_filtered(findings: QuerySet[Finding], filters: Mapping[str, Any]) -> QuerySet[Finding]:
    if filters.get("agency"):
        findings = findings.filter(agency=filters["agency"])
    if filters.get("unit"):
        findings = findings.filter(record__unit=filters["unit"])
    for name in ("state", "origin", "kind"):
        if filters.get(name):
            findings = findings.filter(**{name: filters[name]})
    if filters.get("blocking_only"):
        findings = findings.filter(blocking=True)
    if filters.get("published_only"):
        findings = findings.filter(record__status__in=PUBLIC_STATUSES)
    return findings


def finding_filter_choices(*, user: Any) -> tuple[list[Agency], QuerySet[Unit]]:
    agencies = visible_agencies(user, Action.VIEW_FINDINGS)
    units = Unit.objects.filter(agency__in=agencies).select_related("agency")
    return agencies, units.order_by("agency__code", "code")


def open_finding_counts(*, user: Any) -> list[dict[str, Any]]:
    """Open findings per agency and unit: blocking ones (on published records and others)
    and the rest."""
    rows = (
        findings_for(user=user)
        .filter(state=Finding.State.OPEN)
        .order_by()
        .values("agency__name", "agency__code", "record__unit__name")
        .annotate(
            leaks=Count("pk", filter=Q(blocking=True, record__status__in=PUBLIC_STATUSES)),
            blocking_all=Count("pk", filter=Q(blocking=True)),
            other=Count("pk", filter=Q(blocking=False)),
        )
        .order_by("agency__code", "record__unit__name")
    )
    return list(rows)


def decorate(findings: Any, *, user: Any) -> list[Finding]:
    """The rows of a page of findings, with the labels and buttons they show."""
    rows = list(findings)
    for finding in rows:
        finding.kind_label = kind_label(finding.kind)  # type: ignore[attr-defined]
        finding.location = location(finding)  # type: ignore[attr-defined]
        finding.can_withdraw = (  # type: ignore[attr-defined]
            finding.record.status == disclosure.Status.PUBLISHED
            and can(user, Action.HANDLE_LEAK, finding.record)
        )
    return rows


# --- sweeps --------------------------------------------------------------------------------


def sweeps_for(*, user: Any) -> QuerySet[Sweep]:
    """Sweeps are of the installation; their counts are shown to those who see every agency."""
    require_somewhere(user, Action.VIEW_FINDINGS)
    return Sweep.objects.select_related("started_by")


def last_sweep() -> Sweep | None:
    return Sweep.objects.select_related("started_by").first()


def sweep_agencies_for(*, user: Any) -> list[Agency]:
    """The agencies whose published records `user` may sweep from the console."""
    return visible_agencies(user, Action.HANDLE_LEAK)


# --- the sensitive-term list ---------------------------------------------------------------


def terms_for_user(*, user: Any) -> QuerySet[SensitiveTerm]:
    """The terms of the agencies `user` manages terms for, and the installation-wide ones."""
    agencies = require_somewhere(user, Action.MANAGE_TERMS)
    terms = SensitiveTerm.objects.select_related("agency", "created_by")
    if not sees_every_agency(user, Action.MANAGE_TERMS):
        terms = terms.filter(Q(agency__in=agencies) | Q(agency__isnull=True))
    return terms.order_by("agency__code", "term")


def term_editable_by(*, user: Any, term: SensitiveTerm) -> bool:
    if term.agency_id is None:
        return sees_every_agency(user, Action.MANAGE_TERMS)
    return can(user, Action.MANAGE_TERMS, term.agency)


def term_get_for(*, user: Any, pk: int) -> SensitiveTerm:
    """A term `user` may change; a term of another agency is a 404."""
    term = SensitiveTerm.objects.select_related("agency").filter(pk=pk).first()
    if term is None or not term_editable_by(user=user, term=term):
        raise Http404
    return term


def term_agencies_for(*, user: Any) -> tuple[list[Agency], bool]:
    """The agencies `user` may add terms for, and whether installation-wide terms too."""
    return visible_agencies(user, Action.MANAGE_TERMS), sees_every_agency(user, Action.MANAGE_TERMS)


# --- notifications -------------------------------------------------------------------------


def notifications_for(*, user: Any) -> QuerySet[Notification]:
    """A staff member's own notifications; nobody reads another's."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("record", "agency")


def unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_get_for(*, user: Any, pk: int) -> Notification:
    notification = notifications_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


# --- the console's home --------------------------------------------------------------------


def dashboard_for(*, user: Any) -> dict[str, Any]:
    """What the console's home shows of the review: open blocking findings on published
    records, records awaiting review that have open findings, unread notifications."""
    counts: dict[str, Any] = {"unread_notifications": unread_count(user=user)}
    if not visible_agencies(user, Action.VIEW_FINDINGS):
        return counts
    open_findings = findings_for(user=user).filter(state=Finding.State.OPEN).order_by()
    counts["leaks"] = open_findings.filter(
        blocking=True, record__status__in=PUBLIC_STATUSES
    ).count()
    counts["in_review"] = (
        open_findings.filter(record__status=disclosure.Status.SUBMITTED)
        .values("record")
        .distinct()
        .count()
    )
    return counts
