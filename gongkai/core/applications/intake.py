"""Taking an application in: its receipt date (条例第31条), the count of the applicant's
applications (条例第35条), and its registration number.
"""

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.vocabulary import Channel
from gongkai.core.workcalendar import Message, MessageError, Param, message

CHINESE: Mapping[str, str] = {
    "receipt.in_person": "当面提交，以提交之日 %(day)s 为收到申请之日（条例第31条第（一）项）",
    "receipt.signed": "以邮寄方式提交，以签收之日 %(day)s 为收到申请之日（条例第31条第（二）项）",
    "receipt.unsigned": (
        "以平常信函等无需签收的方式邮寄，以与申请人确认之日 %(day)s 为收到申请之日"
        "（条例第31条第（二）项）"
    ),
    "receipt.confirmed": (
        "通过%(channel)s提交，以双方确认之日 %(day)s 为收到申请之日（条例第31条第（三）项）"
    ),
    "receipt.needs_confirmation": "%(channel)s须记录与申请人确认的日期（条例第31条）",
    "receipt.signed_not_letter": "只有信函申请才有签收，%(channel)s不适用",
    "receipt.confirmed_early": "确认日期 %(confirmed)s 早于申请到达日 %(arrived)s",
    "receipt.before_dated": "收到申请之日 %(day)s 早于申请书所署日期 %(dated)s",
    "receipt.future": "收到申请之日 %(day)s 晚于今天 %(today)s",
    "excess.warning": (
        "该申请人本月已提出 %(month)s 件、本年已提出 %(year)s 件政府信息公开申请，"
        "可能明显超过合理范围：可以要求其说明理由（条例第35条）"
    ),
    "number.unparsable": "登记号模板“%(template)s”无法解析",
    "number.unknown_fields": "登记号模板含有未知字段：%(fields)s（可用字段：%(known)s）",
    "number.no_seq": "登记号模板须包含流水号 {seq}，否则登记号会重复",
    "number.no_year": "登记号模板须包含年份 {year}：流水号每年从 1 重新开始",
    "number.bad_format": "登记号模板“%(template)s”的格式说明有误",
    "number.seq_too_small": "流水号须从 1 开始，实际为 %(seq)s",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class Receipt:
    day: date
    rule: Message  # which paragraph of 条例第31条 gave the day


def receipt_date(
    channel: Channel,
    *,
    arrived: date,
    today: date,
    confirmed: date | None = None,
    signed_for: bool = False,
    dated: date | None = None,
) -> Receipt:
    """The 收到申请之日 of 条例第31条.

    `arrived` is the day the application was handed in, signed for, or reached the agency;
    `confirmed` the day the agency and the applicant confirmed it (平常信函, internet, fax);
    `dated` the date the applicant wrote on it. [I] An e-mail is an internet channel; for the
    online form the platform's acknowledgement with the tracking code is the confirmation
    (applications.md §3), so the caller passes that day.
    """
    if signed_for and channel is not Channel.LETTER:
        raise MessageError(_say("receipt.signed_not_letter", channel=channel.label))
    receipt = _receipt(channel, arrived, confirmed, signed_for)
    if dated is not None and receipt.day < dated:
        raise MessageError(_say("receipt.before_dated", day=receipt.day, dated=dated))
    if receipt.day > today:
        raise MessageError(_say("receipt.future", day=receipt.day, today=today))
    return receipt


def _receipt(channel: Channel, arrived: date, confirmed: date | None, signed: bool) -> Receipt:
    if channel is Channel.IN_PERSON:
        return Receipt(arrived, _say("receipt.in_person", day=arrived))
    if channel is Channel.LETTER and signed:
        return Receipt(arrived, _say("receipt.signed", day=arrived))
    if confirmed is None:
        raise MessageError(_say("receipt.needs_confirmation", channel=channel.label))
    if confirmed < arrived:
        raise MessageError(_say("receipt.confirmed_early", confirmed=confirmed, arrived=arrived))
    if channel is Channel.LETTER:
        return Receipt(confirmed, _say("receipt.unsigned", day=confirmed))
    return Receipt(confirmed, _say("receipt.confirmed", channel=channel.label, day=confirmed))


# [I] 条例第35条 sets no number ("明显超过合理范围"): agency settings. The monthly default is
# the free allowance of 按件计收 (国办函〔2020〕109号第4条), the yearly one ours.
MONTHLY_WARNING = 10
YEARLY_WARNING = 60


@dataclass(frozen=True)
class ApplicationCounts:
    month: int
    year: int
    warning: Message | None  # shown to the handler when the counts pass a limit


def application_counts(
    dates: Iterable[date],
    *,
    on: date,
    monthly_limit: int = MONTHLY_WARNING,
    yearly_limit: int = YEARLY_WARNING,
) -> ApplicationCounts:
    """How many applications the applicant made in the natural month and year of `on` (up to
    and including it, the application at hand among them), and whether to warn."""
    year = [day for day in dates if day.year == on.year and day <= on]
    month = sum(1 for day in year if day.month == on.month)
    warn = month > monthly_limit or len(year) > yearly_limit
    warning = _say("excess.warning", month=month, year=len(year)) if warn else None
    return ApplicationCounts(month, len(year), warning)


REGISTRATION_FIELDS = frozenset({"agency_code", "year", "month", "seq"})
DEFAULT_REGISTRATION_TEMPLATE = "{year}-{seq:04d}"


def check_registration_template(template: str) -> None:
    """MessageError naming the problem if `template` cannot number applications."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        raise MessageError(_say("number.unparsable", template=template)) from None
    unknown = sorted({name or "{}" for name in fields} - REGISTRATION_FIELDS)
    if unknown:
        known = tuple(sorted(REGISTRATION_FIELDS))
        raise MessageError(_say("number.unknown_fields", fields=tuple(unknown), known=known))
    if "seq" not in fields:
        raise MessageError(_say("number.no_seq"))
    if "year" not in fields:
        raise MessageError(_say("number.no_year"))
    try:
        template.format(agency_code="X", year=2026, month=1, seq=1)
    except (ValueError, TypeError):
        raise MessageError(_say("number.bad_format", template=template)) from None


def registration_number(
    template: str, *, year: int, seq: int, agency_code: str = "", month: int = 1
) -> str:
    """The registration number of the `seq`-th application of `year` (seq from 1, gapless: the
    database hands it out)."""
    check_registration_template(template)
    if seq < 1:
        raise MessageError(_say("number.seq_too_small", seq=seq))
    return template.format(agency_code=agency_code, year=year, month=month, seq=seq)
