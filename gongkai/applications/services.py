"""The steps of a case after registration (gongkai.applications.intake registers it).

One service per step of gongkai.core.applications.Step. Each one, in one transaction:
re-reads the application under a row lock, requires HANDLE_APPLICATIONS on it, builds the
core Event, asks core ``check_step`` whether the case may take it on that day (a refusal is
a ValidationError whose message is the core's Message: its str() is the Chinese reason, the
console renders it in the reader's language), records the CaseEvent, derives status and
deadline again (``refresh``) and writes the audit entry. ``now`` is a parameter; the day a
step happened (``day``) may be earlier than today, never later.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Unit
from gongkai.accounts.permissions import Action, can, require
from gongkai.applications import crypto, provided
from gongkai.applications.intake import refresh
from gongkai.applications.models import Application, ApplicationFile, CaseEvent
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core import applications as rules
from gongkai.core.workcalendar import MessageError
from gongkai.workcalendar.selectors import work_calendar

# What the audit entry of a step compares before and after.
CASE_FIELDS = [
    "status",
    "outcome",
    "deadline",
    "deadline_paused",
    "extended",
    "replied_on",
    "handler",
    "unit",
    "fee_amount",
]


def refused(error: MessageError) -> ValidationError:
    """A core refusal as a ValidationError carrying the core's Message (str(): Chinese)."""
    return ValidationError(error.message, code=error.message.code)  # type: ignore[arg-type]


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=application.pk)
    )


@dataclass(frozen=True)
class _Recorded:
    application: Application
    event: CaseEvent


def _record(
    *,
    actor: Any,
    application: Application,
    event: rules.Event,
    now: datetime,
    action: str,
    note: str = "",
    before_save: Any = None,
    extra_changes: Mapping[str, Any] | None = None,
    reason: str = "",
    note_of: Any = None,
    extra_changes_of: Any = None,
    details_of: Any = None,
) -> _Recorded:
    """The common body of every step (see the module docstring)."""
    locked = _locked(application)
    if actor is not None:  # None: the system (docs/conventions.md), e.g. corrections.py
        require(actor, Action.HANDLE_APPLICATIONS, locked)
    before = snapshot(locked, CASE_FIELDS)
    existing = [e.as_rule() for e in locked.events.all()]
    try:
        rules.check_step(existing, event, work_calendar(), today=timezone.localdate(now))
    except MessageError as error:
        raise refused(error) from None
    if before_save is not None:
        before_save(locked)
    if note_of is not None:
        note = note_of()
    if extra_changes_of is not None:
        extra_changes = {**(extra_changes or {}), **extra_changes_of()}
    details = details_of() if details_of is not None else {}
    recorded = CaseEvent.objects.create(
        application=locked,
        step=event.step.value,
        day=event.day,
        outcome=event.outcome.value if event.outcome else "",
        variant=event.variant.value if event.variant else "",
        until=event.until,
        party=event.party,
        reason=event.reason,
        note=note,
        details=details,
        actor=actor,
        at=now,
    )
    locked.version += 1
    locked.save(update_fields=["version", "handler", "unit", "fee_amount", "updated_at"])
    refresh(locked)
    changes = diff(before, snapshot(locked, CASE_FIELDS))
    changes["step"] = [None, event.step.value]
    changes["day"] = [None, event.day.isoformat()]
    changes.update(extra_changes or {})
    audit_log(actor=actor, action=action, target=locked, changes=changes, reason=reason, now=now)
    return _Recorded(locked, recorded)


def _simple(
    step: rules.Step, *, actor: Any, application: Application, day: date, now: datetime, **kw: Any
) -> Application:
    event = rules.Event(step=step, day=day, **kw)
    return _record(
        actor=actor,
        application=application,
        event=event,
        now=now,
        action=f"application.{step.value}",
    ).application


@transaction.atomic
def application_assign(
    *,
    actor: Any,
    application: Application,
    day: date,
    now: datetime,
    handler: Any = None,
    unit: Unit | None = None,
) -> Application:
    """分办: to a handler (staff of the agency who may handle applications) and/or a unit of
    the agency. Assigning again hands the case over."""
    if handler is None and unit is None:
        raise ValidationError(_("Choose a handler or a unit."))
    agency = application.agency
    if handler is not None and not (
        handler.is_active and can(handler, Action.HANDLE_APPLICATIONS, agency)
    ):
        raise ValidationError(
            {"handler": _("The handler must be a member of this agency's disclosure office.")}
        )
    if unit is not None and unit.agency_id != application.agency_id:
        raise ValidationError({"unit": _("The unit must belong to the application's agency.")})

    def assign(locked: Application) -> None:
        locked.handler = handler
        locked.unit = unit

    names = "；".join(str(x) for x in (handler, unit) if x is not None)
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.ASSIGN, day),
        now=now,
        action="application.assign",
        note=names,
        before_save=assign,
    ).application


@transaction.atomic
def application_request_correction(
    *, actor: Any, application: Application, day: date, until: date, now: datetime
) -> Application:
    """告知补正 (条例第30条): once, within 7 working days of receipt, with the period's last day."""
    event = rules.Event(rules.Step.REQUEST_CORRECTION, day, until=until)
    return _record(
        actor=actor,
        application=application,
        event=event,
        now=now,
        action="application.request_correction",
    ).application


@transaction.atomic
def application_receive_correction(
    *, actor: Any, application: Application, day: date, now: datetime, reason: str = ""
) -> Application:
    """收到补正: the count restarts from this day; after the period, with the 正当理由."""
    return _simple(
        rules.Step.RECEIVE_CORRECTION,
        actor=actor,
        application=application,
        day=day,
        now=now,
        reason=reason.strip(),
    )


@transaction.atomic
def application_correction_lapsed(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    """逾期未补正，视为放弃申请 (（六）1): only after the correction period."""
    return _simple(
        rules.Step.CORRECTION_LAPSED, actor=actor, application=application, day=day, now=now
    )


@transaction.atomic
def application_send_consultation(
    *, actor: Any, application: Application, day: date, party: str, now: datetime
) -> Application:
    """征求意见 (条例第32条、第33条): a third party or another agency; the time until the answer
    (at most 15 working days) is not counted."""
    return _simple(
        rules.Step.SEND_CONSULTATION,
        actor=actor,
        application=application,
        day=day,
        now=now,
        party=party.strip(),
    )


@transaction.atomic
def application_receive_opinion(
    *, actor: Any, application: Application, day: date, party: str, now: datetime
) -> Application:
    return _simple(
        rules.Step.RECEIVE_OPINION,
        actor=actor,
        application=application,
        day=day,
        now=now,
        party=party.strip(),
    )


@transaction.atomic
def application_extend(
    *,
    actor: Any,
    application: Application,
    day: date,
    reason: str,
    approved_by: str,
    now: datetime,
) -> Application:
    """延长答复期限 (条例第33条第2款): once, before the deadline, approved by the head of the
    disclosure office (named on the step and in the audit trail; the account recording it
    is the actor); the reason is stated to the applicant."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    if not approved_by.strip():
        raise ValidationError(
            {"approved_by": _("Name the head of the disclosure office who approved it.")}
        )
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.EXTEND, day, reason=reason.strip()),
        now=now,
        action="application.extend",
        reason=reason.strip(),
        extra_changes={"approved_by": [None, approved_by.strip()]},
        details_of=lambda: {"approved_by": approved_by.strip()},
    ).application


@transaction.atomic
def application_ask_reasons(
    *, actor: Any, application: Application, day: date, now: datetime, until: date | None = None
) -> Application:
    """要求说明理由 (条例第35条): the number or frequency of the applicant's requests is clearly
    beyond a reasonable range; once, with an optional day to answer by. [I] The clock does not
    pause meanwhile."""
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.ASK_REASONS, day, until=until),
        now=now,
        action="application.ask_reasons",
        extra_changes={"until": [None, until.isoformat()]} if until else None,
    ).application


@transaction.atomic
def application_set_longer_period(
    *, actor: Any, application: Application, day: date, until: date, reason: str, now: datetime
) -> Application:
    """确定延迟答复期限 (条例第35条): the reasons were accepted but the periods of 条例第33条
    cannot be met; a reasonable period fixed and told to the applicant, once, after the reasons
    were asked. Its last day (``until``, after the current deadline) becomes the deadline."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason the reply needs a longer period.")})
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.SET_LONGER_PERIOD, day, until=until, reason=reason.strip()),
        now=now,
        action="application.set_longer_period",
        reason=reason.strip(),
    ).application


@transaction.atomic
def application_notify_fee(
    *,
    actor: Any,
    application: Application,
    day: date,
    method: str,
    quantity: int,
    now: datetime,
    earlier: int = 0,
) -> Application:
    """收费通知 (国办函〔2020〕109号): the fee computed by core ``compute_fee``; ``day`` is the day
    the notice reached the applicant (the clock pauses from the next day until payment)."""
    try:
        fee = rules.compute_fee(rules.FeeMethod(method), quantity=quantity, earlier=earlier)
    except MessageError as error:
        raise refused(error) from None
    if fee.amount <= 0:
        raise ValidationError(
            {"quantity": _("Nothing is charged for this quantity: do not send a fee notice.")}
        )

    def charge(locked: Application) -> None:
        locked.fee_amount = fee.amount

    note = "；".join(step.text for step in fee.steps)
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.NOTIFY_FEE, day),
        now=now,
        action="application.notify_fee",
        note=note,
        before_save=charge,
        extra_changes={"fee": [None, {"method": method, "quantity": quantity, "earlier": earlier}]},
        details_of=lambda: {
            "fee": {
                "method": method,
                "quantity": quantity,
                "earlier": earlier,
                "amount": str(fee.amount),
            }
        },
    ).application


@transaction.atomic
def application_record_payment(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    return _simple(
        rules.Step.RECORD_PAYMENT, actor=actor, application=application, day=day, now=now
    )


@transaction.atomic
def application_fee_lapsed(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    """逾期未缴费，视为放弃申请 (（六）2): only after the 20 working days to pay."""
    return _simple(rules.Step.FEE_LAPSED, actor=actor, application=application, day=day, now=now)


@transaction.atomic
def application_withdraw(
    *, actor: Any, application: Application, day: date, now: datetime, reason: str = ""
) -> Application:
    """申请人撤回申请 (（六）3), from any open status."""
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.WITHDRAW, day),
        now=now,
        action="application.withdraw",
        note=reason.strip(),
        reason=reason.strip(),
    ).application


def reply_of(event: CaseEvent) -> dict[str, str]:
    """The reply items a DECIDE event stated ({ReplyItem value: text})."""
    if event.step != rules.Step.DECIDE:
        return {}
    stored = event.details.get("reply", {})
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


@transaction.atomic
def application_decide(
    *,
    actor: Any,
    application: Application,
    day: date,
    outcome: str,
    now: datetime,
    variant: str = "",
    items: Mapping[str, str] | None = None,
) -> Application:
    """答复决定: one row of table 三 (and the reply type where the row covers two), with each
    item the reply must state for it (core ``reply_items``); refused while one is missing."""
    try:
        the_outcome = rules.Outcome(outcome)
        the_variant = rules.Variant(variant) if variant else None
    except ValueError:
        raise ValidationError({"outcome": _("Choose an outcome.")}) from None
    known = {item.value for item in rules.ReplyItem}
    stated = {
        rules.ReplyItem(key): text.strip()
        for key, text in (items or {}).items()
        if key in known and text and text.strip()
    }
    event = rules.Event(rules.Step.DECIDE, day, outcome=the_outcome, variant=the_variant)
    reply: dict[str, str] = {}

    def check_reply(locked: Application) -> None:
        # after core check_step accepted the row, its variant and the state of the case
        missing = rules.missing_reply_items(the_outcome, the_variant, stated)
        if missing:
            raise ValidationError(
                [ValidationError(m, code=m.code) for m in missing]  # type: ignore[arg-type]
            )
        for item in rules.reply_items(the_outcome, the_variant):
            reply[item.value] = stated[item]

    return _record(
        actor=actor,
        application=application,
        event=event,
        now=now,
        action="application.decide",
        before_save=check_reply,
        details_of=lambda: {"reply": reply},
        extra_changes_of=lambda: {"reply_items": [None, sorted(reply)]},
    ).application


@transaction.atomic
def application_issue_letter(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    """出具答复书: recorded only; the letters themselves come later (issue 5 §4)."""
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.ISSUE_LETTER, day),
        now=now,
        action="application.issue_letter",
        # Information provided must have passed the privacy review first (provided.py).
        before_save=provided.check_released,
    ).application


@transaction.atomic
def application_deliver(
    *, actor: Any, application: Application, day: date, now: datetime, note: str = ""
) -> Application:
    """送达: how and when the reply reached the applicant."""
    return _record(
        actor=actor,
        application=application,
        event=rules.Event(rules.Step.DELIVER, day),
        now=now,
        action="application.deliver",
        note=note.strip(),
        # Information provided must have passed the privacy review first (provided.py).
        before_save=provided.check_released,
    ).application


@transaction.atomic
def application_close(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    return _simple(rules.Step.CLOSE, actor=actor, application=application, day=day, now=now)


@transaction.atomic
def application_archive(
    *, actor: Any, application: Application, day: date, now: datetime
) -> Application:
    return _simple(rules.Step.ARCHIVE, actor=actor, application=application, day=day, now=now)


@transaction.atomic
def application_reveal_identity(*, actor: Any, application: Application, now: datetime) -> str:
    """The full identity number, for the disclosure office; every reading is audited."""
    require(actor, Action.VIEW_APPLICATIONS, application)
    number = crypto.decrypt(application.id_number_encrypted)
    audit_log(
        actor=actor,
        action="application.identity_revealed",
        target=application,
        changes={"id_number": [None, "revealed"]},
        now=now,
    )
    return number


@transaction.atomic
def application_file_decrypted(
    *, actor: Any, item: ApplicationFile, data: bytes, now: datetime
) -> bytes:
    """An encrypted file (the identity image) in the clear, for the office; audited."""
    require(actor, Action.VIEW_APPLICATIONS, item.application)
    audit_log(
        actor=actor,
        action="application.identity_image_opened",
        target=item.application,
        changes={"file": [None, item.pk]},
        now=now,
    )
    return crypto.decrypt_bytes(data)


def fee_amount_text(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"
