"""Checking every row of a ledger before anything is saved.

Each row is read against the core vocabulary (channels, applicant kinds, outcomes through
outcome_from_ledger, the words of table 四); every problem of every row is collected, so the
office fixes the file once. A row whose 登记号 the agency already holds with the same
收到日期 was imported before and is skipped; the same 登记号 with another date is an error.
"""

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.accounts.models import Agency
from gongkai.applications.intake import REGISTRATION_TEMPLATE
from gongkai.applications.ledger.files import APPLICATIONS, SourceRow, Table
from gongkai.applications.ledger.history import historic_events
from gongkai.applications.ledger.layout import (
    APPLICANT,
    APPLICANT_WORDS,
    CHANNEL,
    CHANNEL_WORDS,
    EARLIEST_YEAR,
    EXTENDED,
    EXTENDED_WORDS,
    FEE,
    KIND,
    NUMBER,
    NUMBER_LIMIT,
    OUTCOME,
    PAID,
    RECEIVED,
    REMEDY_KIND_WORDS,
    REMEDY_RESULT_WORDS,
    REPLIED,
    RESULT,
    SUMMARY,
    YEAR,
)
from gongkai.applications.models import Application, Remedy
from gongkai.core import applications as rules
from gongkai.core.workcalendar import MessageError, WorkCalendar

_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_AMOUNT = re.compile(r"\d{1,8}(\.\d{1,2})?")
_CHUNK = 500


@dataclass
class BadRow:
    where: str  # the table, when the files hold more than one; "" otherwise
    line: int
    problems: list[str]

    def lines(self) -> list[str]:
        return [f"{self.where}第 {self.line} 行：{problem}" for problem in self.problems]


@dataclass
class ApplicationPlan:
    where: str
    line: int
    number: str
    year: int
    seq: int | None  # from a number in the agency's own shape; None: the next serial
    received: date
    channel: str
    applicant_kind: str
    summary: str
    outcome: rules.Outcome | None  # None: 办理中
    replied: date | None
    extended: bool
    fee: Decimal | None
    paid: date | None
    events: list[tuple[rules.Event, str]] = field(default_factory=list)  # history.py


@dataclass
class RemedyPlan:
    where: str
    line: int
    number: str
    kind: str
    result: str
    year: int


@dataclass
class Checked:
    applications: list[ApplicationPlan] = field(default_factory=list)
    remedies: list[RemedyPlan] = field(default_factory=list)
    unchanged_applications: int = 0
    unchanged_remedies: int = 0
    bad: list[BadRow] = field(default_factory=list)


def template_serial(
    number: str, received: date, agency_code: str, template: str = REGISTRATION_TEMPLATE
) -> int | None:
    """The serial of a 登记号 written in the agency's own template for its year of receipt
    (so new registrations must continue after it); None for any other number."""
    found = _template_pattern(template, agency_code).fullmatch(number)
    if found is None or int(found["year"]) != received.year:
        return None
    seq = int(found["seq"])
    if seq < 1:
        return None
    rendered = rules.registration_number(
        template,
        year=received.year,
        seq=seq,
        agency_code=agency_code,
        month=received.month,
    )
    return seq if rendered == number else None


def _template_pattern(template: str, agency_code: str) -> re.Pattern[str]:
    tokens = {
        "agency_code": re.escape(agency_code),
        "year": r"(?P<year>\d{4})",
        "month": r"\d{1,2}",
        "seq": r"(?P<seq>\d+)",
    }
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(tokens[name])
    return re.compile("".join(parts))


class _Row:
    """One row's cells being read; problems are collected rather than raised."""

    def __init__(self, row: SourceRow, today: date) -> None:
        self.cells = row.cells
        self.today = today
        self.problems: list[str] = [row.problem] if row.problem else []

    def text(self, name: str, *, required: bool = False, limit: int | None = None) -> str:
        value = self.cells.get(name, "").strip()
        if required and not value:
            self.problems.append(f"{name}不能为空")
        if limit is not None and len(value) > limit:
            self.problems.append(f"{name}超过 {limit} 个字符")
        return value

    def date(self, name: str, *, required: bool = False) -> date | None:
        value = self.text(name, required=required)
        if not value:
            return None
        found = _DAY.fullmatch(value)
        try:
            if found is None:
                raise ValueError
            day = date(*(int(part) for part in found.groups()))
        except ValueError:
            self.problems.append(f"{name}“{value}”无效，应为 YYYY-MM-DD 格式")
            return None
        if day.year < EARLIEST_YEAR:
            self.problems.append(
                f"{name}“{value}”早于《政府信息公开条例》施行（{EARLIEST_YEAR}年）"
            )
            return None
        if day > self.today:
            self.problems.append(f"{name}“{value}”晚于今天 {self.today.isoformat()}")
            return None
        return day

    def choice(self, name: str, words: dict[str, str]) -> str:
        value = self.text(name, required=True)
        if value and value not in words:
            allowed = "、".join(w for w in words if not w.isascii())
            self.problems.append(f"{name}“{value}”无法识别，应为：{allowed}")
            return ""
        return words.get(value, "")

    def outcome(self) -> tuple[bool, rules.Outcome | None]:
        """(readable, outcome): the row of table 三, or None for 办理中."""
        value = self.text(OUTCOME, required=True)
        if not value:
            return False, None
        try:
            return True, rules.outcome_from_ledger(value)
        except MessageError as exc:
            rows = "、".join(rules.ledger_outcome(o) for o in rules.Outcome)
            self.problems.append(f"{exc}，应为表三的一行（{rows}）或“办理中”")
            return False, None

    def amount(self, name: str) -> Decimal | None:
        value = self.text(name).replace(",", "").replace("，", "")
        if not value:
            return None
        if not _AMOUNT.fullmatch(value):
            self.problems.append(f"{name}“{value}”无效，应为不小于 0 的金额（元，至多两位小数）")
            return None
        try:
            return Decimal(value).quantize(Decimal("0.01"))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            self.problems.append(f"{name}“{value}”无效")
            return None


class _Agency:
    """What the agency already holds of the numbers a file names."""

    def __init__(self, agency: Agency, tables: list[Table]) -> None:
        self.agency = agency
        numbers = sorted(
            {
                r.cells.get(NUMBER, "").strip()
                for t in tables
                for r in t.rows
                if r.cells.get(NUMBER, "").strip()
            }
        )
        self.applications: dict[str, tuple[date, int, int]] = {}
        self.remedies: dict[tuple[str, str, int], str] = {}
        for start in range(0, len(numbers), _CHUNK):
            chunk = numbers[start : start + _CHUNK]
            held = Application.objects.filter(agency=agency, number__in=chunk)
            for number, received, year, seq in held.values_list(
                "number", "received_on", "year", "seq"
            ):
                self.applications[number] = (received, year, seq)
            remedies = Remedy.objects.filter(agency=agency, number__in=chunk)
            for number, kind, year, result in remedies.values_list(
                "number", "kind", "year", "result"
            ):
                self.remedies[(number, kind, year)] = result
        self._serials: dict[int, dict[int, str]] = {}

    def serial_holder(self, year: int, seq: int) -> str | None:
        """The 登记号 of the agency's application with this year and serial, if any."""
        if year not in self._serials:
            held = Application.objects.filter(agency=self.agency, year=year)
            self._serials[year] = dict(held.values_list("seq", "number"))
        return self._serials[year].get(seq)


def check_tables(
    tables: list[Table],
    *,
    agency: Agency,
    today: date,
    calendar: WorkCalendar,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = iter,
) -> Checked:
    """Check every row of every table; nothing is saved."""
    state = _Agency(agency, tables)
    checked = Checked()
    several = len(tables) > 1
    numbers: dict[str, tuple[str, int]] = {}  # 登记号 → where it is first, in the file
    file_numbers: dict[str, date] = {}  # 登记号 → 收到日期, of rows that are fine
    remedy_keys: dict[tuple[str, str, int], tuple[str, int]] = {}
    pending_remedies: list[tuple[Table, SourceRow, str]] = []
    for table in tables:
        where = table.where if several else ""
        for source in progress(table.rows) if table.kind == APPLICATIONS else []:
            row = _Row(source, today)
            plan = _application(row, source, where, agency, calendar)
            number = row.text(NUMBER)
            if number and number in numbers:
                first_where, first_line = numbers[number]
                other = (
                    f"{first_where}第 {first_line} 行"
                    if first_where != where
                    else f"第 {first_line} 行"
                )
                row.problems.append(f"登记号“{number}”与{other}重复")
            elif number:
                numbers[number] = (where, source.line)
            if row.problems or plan is None:
                checked.bad.append(BadRow(where, source.line, row.problems))
                continue
            file_numbers[plan.number] = plan.received
            verdict = _against_agency(plan, state)
            if verdict is None:
                checked.unchanged_applications += 1
            elif verdict:
                checked.bad.append(BadRow(where, source.line, [verdict]))
            else:
                checked.applications.append(plan)
        if table.kind != APPLICATIONS:
            pending_remedies += [(table, source, where) for source in table.rows]
    _check_serials(checked, state)
    for _table, source, where in progress(pending_remedies) if pending_remedies else []:
        row = _Row(source, today)
        remedy = _remedy(row, source, where, file_numbers, state)
        if remedy is not None and not row.problems:
            key = (remedy.number, remedy.kind, remedy.year)
            if key in remedy_keys:
                first_where, first_line = remedy_keys[key]
                other = (
                    f"{first_where}第 {first_line} 行"
                    if first_where != where
                    else f"第 {first_line} 行"
                )
                row.problems.append(f"与{other}重复（同一登记号、类型和年度）")
            else:
                remedy_keys[key] = (where, source.line)
        if row.problems or remedy is None:
            checked.bad.append(BadRow(where, source.line, row.problems))
            continue
        held = state.remedies.get((remedy.number, remedy.kind, remedy.year))
        if held is None:
            checked.remedies.append(remedy)
        elif held == remedy.result:
            checked.unchanged_remedies += 1
        else:
            checked.bad.append(
                BadRow(
                    where,
                    source.line,
                    [
                        f"登记号“{remedy.number}”的{_label(REMEDY_KIND_WORDS, remedy.kind)}"
                        f"（{remedy.year}年）已登记为“{_label(REMEDY_RESULT_WORDS, held)}”，"
                        "与文件不一致；导入不修改已有记录，请在后台更正"
                    ],
                )
            )
    checked.bad.sort(key=lambda b: (b.where, b.line))
    return checked


def _label(words: dict[str, str], code: str) -> str:
    return next((w for w, c in words.items() if c == code and not w.isascii()), code)


def _application(
    row: _Row, source: SourceRow, where: str, agency: Agency, calendar: WorkCalendar
) -> ApplicationPlan | None:
    number = row.text(NUMBER, required=True, limit=NUMBER_LIMIT)
    received = row.date(RECEIVED, required=True)
    channel = row.choice(CHANNEL, CHANNEL_WORDS)
    kind = row.choice(APPLICANT, APPLICANT_WORDS)
    summary = row.text(SUMMARY, required=True)
    readable, outcome = row.outcome()
    replied = row.date(REPLIED)
    extended_text = row.text(EXTENDED)
    if extended_text not in EXTENDED_WORDS:
        row.problems.append(f"{EXTENDED}“{extended_text}”无法识别，应为“是”或“否”")
    fee = row.amount(FEE)
    paid = row.date(PAID)
    if readable and outcome is None and replied is not None:
        row.problems.append(f"办理中的申请不能填写{REPLIED}")
    if readable and outcome is not None and replied is None and not row.text(REPLIED):
        row.problems.append(f"已办结的申请须填写{REPLIED}")
    if received and replied and replied < received:
        row.problems.append(f"{REPLIED} {replied} 早于{RECEIVED} {received}")
    _check_fee(row, outcome, readable, received, replied, fee, paid)
    if PAID not in source.cells and fee and replied and outcome is not rules.Outcome.FEE_NOT_PAID:
        paid = replied  # a ledger without the column: the fee was paid before the reply
    if row.problems or received is None:
        return None
    try:
        events = historic_events(
            received=received,
            outcome=outcome,
            replied=replied,
            extended=EXTENDED_WORDS[extended_text],
            paid=paid,
            calendar=calendar,
            today=row.today,
        )
        rules.replay([event for event, _note in events])
    except MessageError as exc:  # StepRefused, or a day the calendar does not cover
        row.problems.append(f"无法据此记录案件：{exc}")
        return None
    return ApplicationPlan(
        where=where,
        line=source.line,
        number=number,
        year=received.year,
        seq=template_serial(
            number,
            received,
            agency.code,
            agency.application_number_template or REGISTRATION_TEMPLATE,
        ),
        received=received,
        channel=channel,
        applicant_kind=kind,
        summary=summary,
        outcome=outcome,
        replied=replied,
        extended=EXTENDED_WORDS[extended_text],
        fee=fee,
        paid=paid,
        events=events,
    )


def _check_fee(
    row: _Row,
    outcome: rules.Outcome | None,
    readable: bool,
    received: date | None,
    replied: date | None,
    fee: Decimal | None,
    paid: date | None,
) -> None:
    """A 缴费日期 needs an amount and lies between receipt and reply; （六）2 means the fee
    was never paid."""
    if paid is None:
        return
    if not fee:
        row.problems.append(f"填写了{PAID}，但{FEE}为空或为 0")
    if outcome is rules.Outcome.FEE_NOT_PAID:
        row.problems.append(f"办理结果为逾期未缴费，不能填写{PAID}")
    if received and paid < received:
        row.problems.append(f"{PAID} {paid} 早于{RECEIVED} {received}")
    if replied and paid > replied:
        row.problems.append(f"{PAID} {paid} 晚于{REPLIED} {replied}（未缴费不能作出答复）")


def _against_agency(plan: ApplicationPlan, state: _Agency) -> str | None:
    """ "" if new, None if the agency holds this application already, else why not."""
    held = state.applications.get(plan.number)
    if held is None:
        return ""
    received = held[0]
    if received == plan.received:
        return None
    return (
        f"登记号“{plan.number}”已被本机关收到日期为 {received} 的另一申请使用"
        "（登记号在本机关内须唯一）"
    )


def _check_serials(checked: Checked, state: _Agency) -> None:
    """A number in the agency's own shape takes its serial: no other application of that
    year may hold it (one imported earlier under another number, for instance)."""
    keep = []
    for plan in checked.applications:
        holder = state.serial_holder(plan.year, plan.seq) if plan.seq is not None else None
        if holder is not None and holder != plan.number:
            checked.bad.append(
                BadRow(
                    plan.where,
                    plan.line,
                    [f"登记号“{plan.number}”的序号 {plan.seq} 已由本机关的“{holder}”使用"],
                )
            )
        else:
            keep.append(plan)
    checked.applications = keep


def _remedy(
    row: _Row, source: SourceRow, where: str, file_numbers: dict[str, date], state: _Agency
) -> RemedyPlan | None:
    number = row.text(NUMBER, required=True, limit=NUMBER_LIMIT)
    kind = row.choice(KIND, REMEDY_KIND_WORDS)
    result = row.choice(RESULT, REMEDY_RESULT_WORDS)
    year_text = row.text(YEAR, required=True).removesuffix("年")
    year = None
    if year_text:
        if not re.fullmatch(r"\d{4}", year_text) or not (
            EARLIEST_YEAR <= int(year_text) <= row.today.year
        ):
            row.problems.append(
                f"{YEAR}“{year_text}”无效，应为 {EARLIEST_YEAR} 至 {row.today.year} 之间的年份"
            )
        else:
            year = int(year_text)
    received = file_numbers.get(number) or (
        state.applications[number][0] if number in state.applications else None
    )
    if year is not None and received is not None and year < received.year:
        row.problems.append(f"{YEAR} {year} 早于该申请的收到年份 {received.year}")
    if row.problems or year is None:
        return None
    return RemedyPlan(where, source.line, number, kind, result, year)
