"""The checks of a work report's figures: a part larger than its whole, lead and assisting
items that do not add up, an entry set aside for the records, a rate that disagrees with
its counts, what is not entered yet. Each finding names the figures by their labels."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.work_report.figures import BY_KEY, Figure, Kind, Source, percent_shown, rate
from gongkai.core.workcalendar import Message, Param, message


class Severity(StrEnum):
    ERROR = "error"  # the report contradicts itself: correct it before it goes out
    WARNING = "warning"  # worth a look, may be right


class Check(StrEnum):
    PART_OF_WHOLE = "W1"
    LEAD_AND_ASSISTING = "W2"
    PETITIONS_BALANCE = "W3"
    ENTRY_SET_ASIDE = "W4"
    RATE_AGAINST_COUNTS = "W5"
    PROSE_MISSING = "W6"
    NOT_ENTERED = "W7"

    @property
    def label(self) -> str:
        return CHECK_LABELS[self]


CHECK_LABELS: Mapping[Check, str] = {
    Check.PART_OF_WHOLE: "部分不大于总数",
    Check.LEAD_AND_ASSISTING: "主办与协办之和等于总数",
    Check.PETITIONS_BALANCE: "办结与在办之和等于接收",
    Check.ENTRY_SET_ASIDE: "填报数与系统统计数一致",
    Check.RATE_AGAINST_COUNTS: "比率与件数一致",
    Check.PROSE_MISSING: "文字部分齐全",
    Check.NOT_ENTERED: "数据填报齐全",
}
WARNINGS = {
    Check.PETITIONS_BALANCE,
    Check.ENTRY_SET_ASIDE,
    Check.RATE_AGAINST_COUNTS,
    Check.PROSE_MISSING,
    Check.NOT_ENTERED,
}

# (part, whole): the part can never exceed the whole.
PARTS: tuple[tuple[str, str], ...] = (
    ("principal_interpretations", "interpretations"),
    ("applications_answered", "applications_received"),
    ("consultations_answered", "consultations_received"),
    ("letters_answered", "letters_received"),
    ("hotline_answered", "hotline_calls"),
    ("petitions_closed", "petitions_received"),
    ("petitions_online", "petitions_received"),
    ("petitions_in_progress", "petitions_received"),
    ("npc_lead", "npc_suggestions"),
    ("npc_assisting", "npc_suggestions"),
    ("cppcc_lead", "cppcc_proposals"),
    ("cppcc_assisting", "cppcc_proposals"),
)
# (total, lead, assisting): every item is handled either as lead (主办) or assisting (协办).
SPLITS: tuple[tuple[str, str, str], ...] = (
    ("npc_suggestions", "npc_lead", "npc_assisting"),
    ("cppcc_proposals", "cppcc_lead", "cppcc_assisting"),
)

CHINESE: Mapping[str, str] = {
    "check.part_of_whole": "“%(part)s”（%(actual)s）不能大于“%(whole)s”（%(expected)s）",
    "check.lead_and_assisting": (
        "“%(lead)s”与“%(assisting)s”之和（%(actual)s）应等于“%(total)s”（%(expected)s）"
    ),
    "check.petitions_balance": (
        "“办结信访件”与“正在办理的信访件”之和（%(actual)s）不等于“接收信访件”（%(expected)s），"
        "如有上年转入或转出请在文字中说明"
    ),
    "check.entry_set_aside": (
        "“%(label)s”填报为 %(actual)s，系统按记录统计为 %(expected)s，报告采用统计数"
    ),
    "check.rate_against_counts": (
        "“%(label)s”填报为 %(actual)s，按来电和回复件数计算应为 %(expected)s"
    ),
    "check.prose_missing": "缺少“%(section)s”的文字",
    "check.not_entered": "以下数据尚未填报，报告中不出现相应内容：%(labels)s",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class Finding:
    check: Check
    severity: Severity
    keys: tuple[str, ...]  # the figures (or the prose section) concerned
    message: Message

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


def _finding(check: Check, keys: tuple[str, ...], text: Message) -> Finding:
    severity = Severity.WARNING if check in WARNINGS else Severity.ERROR
    return Finding(check, severity, keys, text)


def _exact(figures: Mapping[str, Figure], key: str) -> int | None:
    """A count known exactly (not "300多"), else None."""
    figure = figures.get(key)
    if figure is None or figure.value is None or figure.value.more_than:
        return None
    return figure.count


def check_figures(figures: Mapping[str, Figure]) -> list[Finding]:
    found: list[Finding] = []
    for part, whole in PARTS:
        p, w = _exact(figures, part), _exact(figures, whole)
        if p is not None and w is not None and p > w:
            text = _say(
                "check.part_of_whole",
                part=BY_KEY[part].label,
                whole=BY_KEY[whole].label,
                actual=p,
                expected=w,
            )
            found.append(_finding(Check.PART_OF_WHOLE, (part, whole), text))
    for total, lead, assisting in SPLITS:
        t, a, b = (_exact(figures, k) for k in (total, lead, assisting))
        if t is not None and a is not None and b is not None and a + b != t:
            text = _say(
                "check.lead_and_assisting",
                lead=BY_KEY[lead].label,
                assisting=BY_KEY[assisting].label,
                total=BY_KEY[total].label,
                actual=a + b,
                expected=t,
            )
            found.append(_finding(Check.LEAD_AND_ASSISTING, (total, lead, assisting), text))
    found += _petitions(figures) + _set_aside(figures) + _hotline_rate(figures)
    return found + _not_entered(figures)


def _petitions(figures: Mapping[str, Figure]) -> list[Finding]:
    keys = ("petitions_received", "petitions_closed", "petitions_in_progress")
    received, closed, open_ = (_exact(figures, k) for k in keys)
    if received is None or closed is None or open_ is None or closed + open_ == received:
        return []
    text = _say("check.petitions_balance", actual=closed + open_, expected=received)
    return [_finding(Check.PETITIONS_BALANCE, keys, text)]


def _set_aside(figures: Mapping[str, Figure]) -> list[Finding]:
    return [
        _finding(
            Check.ENTRY_SET_ASIDE,
            (f.key,),
            _say(
                "check.entry_set_aside",
                label=f.definition.label,
                actual=f.overridden.shown,
                expected=f.shown,
            ),
        )
        for f in figures.values()
        if f.overridden is not None
    ]


def _hotline_rate(figures: Mapping[str, Figure]) -> list[Finding]:
    entered = figures.get("hotline_reply_rate")
    derived = rate(_exact(figures, "hotline_answered"), _exact(figures, "hotline_calls"))
    if entered is None or entered.value is None or derived is None:
        return []
    if entered.value.number == derived:
        return []
    text = _say(
        "check.rate_against_counts",
        label=entered.definition.label,
        actual=entered.shown,
        expected=percent_shown(derived),
    )
    return [_finding(Check.RATE_AGAINST_COUNTS, ("hotline_reply_rate",), text)]


def _not_entered(figures: Mapping[str, Figure]) -> list[Finding]:
    missing = tuple(
        f.key
        for f in figures.values()
        if f.source is Source.MISSING and f.definition.kind is not Kind.TEXT
    )
    if not missing:
        return []
    labels = tuple(BY_KEY[k].label for k in missing)
    return [_finding(Check.NOT_ENTERED, missing, _say("check.not_entered", labels=labels))]


def check_prose(headings: Mapping[str, str], texts: Mapping[str, tuple[str, ...]]) -> list[Finding]:
    """A finding for each section of `headings` the office has not written."""
    return [
        _finding(Check.PROSE_MISSING, (key,), _say("check.prose_missing", section=heading))
        for key, heading in headings.items()
        if not texts.get(key)
    ]
