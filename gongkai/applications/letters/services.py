"""Letters: new template versions (the disclosure office) and issuing a letter of a case.

Both require HANDLE_APPLICATIONS on the agency or case and write their audit entry in the
same transaction; ``now`` is a parameter. Refusals are ValidationErrors carrying a Message
(code, parameters and the Chinese text; ``render`` gives it in the reader's language).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.applications import services as steps
from gongkai.applications.letters import defaults, render
from gongkai.applications.models import (
    Application,
    CaseEvent,
    Letter,
    LetterKind,
    LetterSequence,
    LetterTemplate,
)
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core import applications as rules
from gongkai.core.workcalendar import Message, Param, message
from gongkai.workcalendar.selectors import work_calendar

CHINESE: Mapping[str, str] = {
    "template.unknown_kind": "未知的文书种类“%(kind)s”",
    "template.unknown_outcome": "答复书须对应一种办理结果，“%(outcome)s”无法识别",
    "template.outcome_not_reply": "只有答复书按办理结果区分模板",
    "template.empty": "%(field)s不能为空",
    "template.braces": "%(field)s的大括号不成对或占位符带有格式：%(detail)s",
    "template.unknown_placeholder": "%(field)s中有未知的占位符“{%(name)s}”",
    "template.number_fields": "文号模板须包含〔{year}〕和{seq}，例如“临民公开复〔{year}〕{seq}号”",
    "template.remedies": "答复书须告知行政复议、行政诉讼的权利和期限（条例第51条），正文缺少“%(word)s”",
    "letter.no_correction": "本申请没有告知补正的记录，不能出具补正告知书",
    "letter.no_extension": "本申请没有延长答复期限的记录，不能出具延期答复告知书",
    "letter.no_consultation": "本申请没有征求第三方意见的记录，不能出具征求第三方意见函",
    "letter.no_fee": "本申请没有收费通知的记录，不能出具收费通知书",
    "letter.not_decided": "本申请尚未作出答复决定，不能出具答复书",
}
ENGLISH: Mapping[str, Any] = {
    "template.unknown_kind": _("Unknown kind of letter “%(kind)s”."),
    "template.unknown_outcome": _(
        "A reply template answers one outcome; “%(outcome)s” is not one."
    ),
    "template.outcome_not_reply": _("Only reply letters have a template per outcome."),
    "template.empty": _("%(field)s cannot be empty."),
    "template.braces": _(
        "The braces of %(field)s do not pair, or a placeholder carries a format: %(detail)s"
    ),
    "template.unknown_placeholder": _("%(field)s uses an unknown placeholder “{%(name)s}”."),
    "template.number_fields": _(
        "The letter number must contain 〔{year}〕 and {seq}, e.g. “临民公开复〔{year}〕{seq}号”."
    ),
    "template.remedies": _(
        "A reply must state the right to 行政复议 and 行政诉讼 and their periods (OGI "
        "Regulations, art. 51); the text lacks “%(word)s”."
    ),
    "letter.no_correction": _(
        "No correction was requested for this application: there is no notice to correct."
    ),
    "letter.no_extension": _(
        "The reply period of this application was not extended: there is no notice of extension."
    ),
    "letter.no_consultation": _(
        "No third party was consulted about this application: there is no consultation letter."
    ),
    "letter.no_fee": _("No fee was notified for this application: there is no fee notice."),
    "letter.not_decided": _("The application is not decided yet: there is no reply to issue."),
}
FIELD_NAMES: Mapping[str, str] = {
    "title": "标题",
    "number_template": "文号模板",
    "body": "正文",
}


def refusal(code: str, **params: Param) -> ValidationError:
    """A refusal whose message is a Message: str() is the Chinese sentence."""
    return ValidationError(message(CHINESE, code, **params), code=code)  # type: ignore[arg-type]


def render_message(said: Message) -> str:
    """A letters Message in the active language (the Chinese text for zh-hans)."""
    language = translation.get_language() or ""
    template = ENGLISH.get(said.code)
    if template is None or language.lower().startswith("zh"):
        return said.text
    params = {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in said.params.items()}
    return str(template) % params


def chinese_date(day: date | None) -> str:
    """成文日期: year, month and day in Arabic numerals without padding (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


# --- templates ----------------------------------------------------------------------------


def _check_slot(kind: str, outcome: str) -> None:
    if kind not in LetterKind.values:
        raise refusal("template.unknown_kind", kind=kind)
    if kind == LetterKind.REPLY:
        if outcome not in {o.value for o in rules.Outcome}:
            raise refusal("template.unknown_outcome", outcome=outcome)
    elif outcome:
        raise refusal("template.outcome_not_reply")


def check_template(*, kind: str, outcome: str, title: str, number_template: str, body: str) -> None:
    """ValidationError (per field) for an empty part, unpaired braces, an unknown
    placeholder, a number without 〔{year}〕 and {seq}, or a merits reply without remedies."""
    _check_slot(kind, outcome)
    known = defaults.allowed(kind)
    errors: dict[str, list[ValidationError]] = {}
    parts = {"title": title, "number_template": number_template, "body": body}
    for field, text in parts.items():
        name = FIELD_NAMES[field]
        if not text.strip():
            errors.setdefault(field, []).append(refusal("template.empty", field=name))
            continue
        try:
            names = defaults.fields_of(text)
        except ValueError as exc:
            errors.setdefault(field, []).append(
                refusal("template.braces", field=name, detail=str(exc))
            )
            continue
        allowed = defaults.NUMBER_FIELDS if field == "number_template" else known
        for unknown in dict.fromkeys(n for n in names if n not in allowed):
            errors.setdefault(field, []).append(
                refusal("template.unknown_placeholder", field=name, name=unknown)
            )
    if "number_template" not in errors and (
        "〔{year}〕" not in number_template or "{seq}" not in number_template
    ):
        errors.setdefault("number_template", []).append(refusal("template.number_fields"))
    if kind == LetterKind.REPLY and defaults.on_the_merits(outcome) and "body" not in errors:
        for word in defaults.REMEDY_WORDS:
            if word not in body:
                errors.setdefault("body", []).append(refusal("template.remedies", word=word))
    if errors:
        raise ValidationError(errors)


def latest_template(agency: Agency, kind: str, outcome: str = "") -> LetterTemplate | None:
    return (
        LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome)
        .order_by("-version")
        .first()
    )


def default_for(agency: Agency, kind: str, outcome: str = "") -> defaults.Default:
    return defaults.default(kind, outcome, prefix=defaults.short_name(agency.name, agency.code))


def ensure_template(*, agency: Agency, kind: str, outcome: str, now: datetime) -> LetterTemplate:
    """The agency's latest template of the kind (and outcome); the default becomes version 1,
    created by the system, on first use."""
    _check_slot(kind, outcome)
    found = latest_template(agency, kind, outcome)
    if found is not None:
        return found
    text = default_for(agency, kind, outcome)
    try:
        with transaction.atomic():
            created = LetterTemplate.objects.create(
                agency=agency,
                kind=kind,
                outcome=outcome,
                version=1,
                title=text.title,
                number_template=text.number_template,
                body=text.body,
                created_by=None,
                created_at=now,
            )
    except IntegrityError:  # created by a concurrent first use
        found = latest_template(agency, kind, outcome)
        assert found is not None
        return found
    audit_log(
        actor=None,
        action="letter_template.default",
        target=created,
        agency=agency,
        changes={"kind": [None, kind], "outcome": [None, outcome], "version": [None, 1]},
        now=now,
    )
    return created


TEMPLATE_FIELDS = ["version", "title", "number_template", "body"]


@transaction.atomic
def template_new_version(
    *,
    actor: Any,
    agency: Agency,
    kind: str,
    outcome: str,
    title: str,
    number_template: str,
    body: str,
    now: datetime,
) -> LetterTemplate:
    """A new version of the agency's template of `kind` (and `outcome` for a reply); the
    letters already issued keep the version they were made from."""
    require(actor, Action.HANDLE_APPLICATIONS, agency)
    outcome = outcome if kind == LetterKind.REPLY else ""
    title, number_template = title.strip(), number_template.strip()
    body = "\n".join(line.rstrip() for line in body.strip().splitlines())
    check_template(
        kind=kind, outcome=outcome, title=title, number_template=number_template, body=body
    )
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one writer at a time
    previous = ensure_template(agency=agency, kind=kind, outcome=outcome, now=now)
    before = snapshot(previous, TEMPLATE_FIELDS)
    created = LetterTemplate.objects.create(
        agency=agency,
        kind=kind,
        outcome=outcome,
        version=previous.version + 1,
        title=title,
        number_template=number_template,
        body=body,
        created_by=actor,
        created_at=now,
    )
    audit_log(
        actor=actor,
        action="letter_template.new_version",
        target=created,
        agency=agency,
        changes=diff(before, snapshot(created, TEMPLATE_FIELDS)),
        now=now,
    )
    return created


# --- letters ------------------------------------------------------------------------------


def _strip(text: str) -> str:
    return text.strip().rstrip("。；;.，, ")


def _last(events: list[CaseEvent], step: rules.Step) -> CaseEvent | None:
    found = [e for e in events if e.step == step.value]
    return found[-1] if found else None


NEEDS: Mapping[str, tuple[rules.Step, str]] = {
    LetterKind.CORRECTION: (rules.Step.REQUEST_CORRECTION, "letter.no_correction"),
    LetterKind.EXTENSION: (rules.Step.EXTEND, "letter.no_extension"),
    LetterKind.CONSULTATION: (rules.Step.SEND_CONSULTATION, "letter.no_consultation"),
    LetterKind.FEE: (rules.Step.NOTIFY_FEE, "letter.no_fee"),
}
# [I] What the correction notice asks for when the step recorded nothing more specific.
CORRECTION_ITEMS = "所需政府信息的名称、文号或者便于本机关查询的其他特征性描述"


@dataclass(frozen=True)
class _Case:
    values: dict[str, str]
    outcome: str


def case_values(application: Application, kind: str, *, day: date) -> _Case:
    """The placeholders of a letter of `kind` about `application` (ValidationError when the
    case has not reached the step the letter belongs to)."""
    agency = application.agency
    events = list(application.events.order_by("day", "at", "pk"))
    office = agency.disclosure_office_name or f"{agency.name}政府信息公开工作机构"
    contact = "；".join(
        part
        for part in (
            office,
            f"联系电话：{agency.phone}" if agency.phone else "",
            f"地址：{agency.address}" if agency.address else "",
        )
        if part
    )
    values = {
        "agency": agency.name,
        "applicant": application.name,
        "number": application.number,
        "received_on": chinese_date(application.received_on),
        "description": _strip(application.description),
        "deadline": chinese_date(application.deadline),
        "date": chinese_date(day),
        "office": office,
        "office_phone": agency.phone,
        "office_address": agency.address,
        "office_contact": contact,
    }
    outcome = ""
    calendar = work_calendar()
    if kind in NEEDS:
        step, code = NEEDS[kind]
        event = _last(events, step)
        if event is None:
            raise refusal(code)
        if kind == LetterKind.CORRECTION:
            items = event.details.get("items") if isinstance(event.details, dict) else ""
            values["correction_until"] = chinese_date(event.until)
            values["correction_items"] = _strip(str(items or event.reason or event.note or "")) or (
                CORRECTION_ITEMS
            )
        elif kind == LetterKind.EXTENSION:
            values["extension_reason"] = _strip(event.reason)
        elif kind == LetterKind.CONSULTATION:
            values["party"] = event.party
            values["consultation_sent"] = chinese_date(event.day)
            values["consultation_until"] = chinese_date(
                rules.consultation_period_end(calendar, event.day)
            )
        else:
            fee = event.details.get("fee", {}) if isinstance(event.details, dict) else {}
            amount = fee.get("amount") if isinstance(fee, dict) else None
            values["fee"] = (
                steps.fee_amount_text(application.fee_amount)
                if application.fee_amount is not None
                else str(amount or "")
            )
            values["fee_basis"] = _strip(event.note)
            values["payment_due"] = chinese_date(rules.payment_due(calendar, event.day))
    else:
        if not application.outcome:
            raise refusal("letter.not_decided")
        outcome = application.outcome
        decided = _last(events, rules.Step.DECIDE)
        variant = decided.variant if decided is not None else ""
        info = rules.OUTCOMES[rules.Outcome(outcome)]
        values.update({item.value: "" for item in rules.ReplyItem})
        if decided is not None:
            values.update({k: _strip(v) for k, v in steps.reply_of(decided).items()})
        values["decision"] = defaults.decision(outcome, variant)
        values["outcome"] = info.label
        values["decided_on"] = chinese_date(decided.day if decided else application.replied_on)
        values["article"] = defaults.article_text(info.article)
        values["review_body"] = defaults.review_body(agency.name)
        values["court"] = defaults.GENERAL_COURT
    return _Case(values, outcome)


def _next_seq(agency: Agency, kind: str, year: int) -> int:
    try:
        with transaction.atomic():
            LetterSequence.objects.get_or_create(agency=agency, kind=kind, year=year)
    except IntegrityError:
        pass  # created by a concurrent letter in the meantime
    sequence = LetterSequence.objects.select_for_update().get(agency=agency, kind=kind, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def letter_page(template: LetterTemplate, values: Mapping[str, str], number: str) -> render.Page:
    filled = {**values, "letter_number": number}
    return render.Page(
        title=defaults.fill(template.title, filled),
        number=number,
        paragraphs=defaults.paragraphs(template.body, filled),
        agency=filled["agency"],
        date=filled["date"],
    )


@transaction.atomic
def letter_issue(*, actor: Any, application: Application, kind: str, now: datetime) -> Letter:
    """A letter of `kind` for the case, dated today: from the agency's latest template (for a
    reply, the one of the decision's outcome), numbered from the agency's sequence of the
    kind and year, rendered as DOCX and PDF. A reply on a decided case also records the step
    出具答复书."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=application.pk)
    )
    require(actor, Action.HANDLE_APPLICATIONS, locked)
    if kind not in LetterKind.values:
        raise refusal("template.unknown_kind", kind=kind)
    day = timezone.localdate(now)
    case = case_values(locked, kind, day=day)
    template = ensure_template(agency=locked.agency, kind=kind, outcome=case.outcome, now=now)
    if kind == LetterKind.REPLY and locked.status == rules.Status.DECIDED.value:
        locked = steps.application_issue_letter(actor=actor, application=locked, day=day, now=now)
    seq = _next_seq(locked.agency, kind, day.year)
    number = defaults.fill(template.number_template, {"year": str(day.year), "seq": str(seq)})
    page = letter_page(template, case.values, number)
    letter = Letter(
        agency=locked.agency,
        application=locked,
        kind=kind,
        number=number,
        year=day.year,
        seq=seq,
        template=template,
        template_version=template.version,
        dated_on=day,
        text=page.text(),
        issued_by=actor,
        issued_at=now,
    )
    name = f"{kind}-{day.year}-{seq}"
    letter.docx.save(f"{name}.docx", ContentFile(render.docx(page)), save=False)
    letter.pdf.save(f"{name}.pdf", ContentFile(render.pdf(page)), save=False)
    letter.save()
    audit_log(
        actor=actor,
        action="application.letter_issued",
        target=locked,
        changes={
            "letter": [None, number],
            "kind": [None, kind],
            "template": [None, f"{template.pk} v{template.version}"],
        },
        now=now,
    )
    return letter
