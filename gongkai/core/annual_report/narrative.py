"""N1: the figures written in the prose compared with the tables they name.

Evaluators treat a sentence that contradicts the report's own table as 内容不准确
(annual-report.md §8, §10.1). Each rule ties a phrase ("共收到申请15件", "行政复议3件") to the
table cells it quotes; the rules are tried from the most specific to the most general, and the
text a rule matched is not read again, so "予以公开及部分公开258件" is the sum of two rows and
not a figure of 部分公开 alone.

[I] Only Arabic numerals are read; a phrase the rules do not know is not checked; a quotation
in 「…」 (last year's report quoted in section 五) is not this year's figure and is not read. Where a
table's 总计 cell is blank (a published report, A7), the row's applicant columns are summed.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.core.annual_report.checks import Check, Finding, Severity, number_param
from gongkai.core.annual_report.layout import (
    APPLICANT_COLUMNS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    DECISIONS,
    LICENSING,
    MADE,
    NEW,
    NORMATIVE,
    OTHER_HANDLING,
    PENALTY,
    REMEDIES,
    RESULTS_TOTAL,
    RULES,
    TOTAL,
    remedy_key,
)
from gongkai.core.annual_report.tables import Table, Value
from gongkai.core.applications.vocabulary import Outcome, RemedyKind
from gongkai.core.workcalendar import Message, Param, message

CHINESE: Mapping[str, str] = {
    "narrative.table": "正文“%(quote)s”与表%(table)s“%(row)s”%(column)s的 %(expected)s 不一致",
    "narrative.figure": "正文“%(quote)s”与记录统计的%(row)s %(expected)s 不一致",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


# Figures that are no table cell, passed by the caller.
PUBLISHED = "published"  # 主动公开政府信息条数 of the year (documents.statistics)
FEE_AMOUNT = "fee_amount"  # 信息处理费 collected, 元 (section 六)


@dataclass(frozen=True)
class Figures:
    """What the prose may quote: the filled tables by number, and figures outside them."""

    tables: Mapping[str, Table]
    extra: Mapping[str, Value] = field(default_factory=dict)


Source = Callable[[Figures], Value | None]


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    table: str  # 二, 三, 四, or "" for an extra figure
    row: str  # the row as a reader names it
    column: str
    source: Source


def _row_total(table: Table, row: str) -> Value:
    given = table.value(row, TOTAL)
    if given is not None:
        return given
    return sum((table.number(row, column) for column in APPLICANT_COLUMNS), 0)


def _three(*rows: str) -> Source:
    def source(figures: Figures) -> Value | None:
        table = figures.tables.get("三")
        return None if table is None else sum((_row_total(table, r) for r in rows), 0)

    return source


def _three_group(group: str) -> Source:
    """The rows under the merged group cell `group` (or the trial format's single （六） row)."""

    def source(figures: Figures) -> Value | None:
        table = figures.tables.get("三")
        if table is None:
            return None
        rows = [
            row.key
            for row in table.layout.data_rows
            if row.group == group or (row.key == OTHER_HANDLING and group == "（六）其他处理")
        ]
        return sum((_row_total(table, r) for r in rows), 0)

    return source


def _four(*kinds: RemedyKind) -> Source:
    def source(figures: Figures) -> Value | None:
        table = figures.tables.get("四")
        if table is None:
            return None
        return sum((table.number(REMEDIES, remedy_key(kind, None)) for kind in kinds), 0)

    return source


def _two(row: str, column: str) -> Source:
    def source(figures: Figures) -> Value | None:
        table = figures.tables.get("二")
        return None if table is None else table.number(row, column)

    return source


def _extra(key: str) -> Source:
    return lambda figures: figures.extra.get(key)


# Words that may stand between the phrase and its number: "共收到申请共计15件".
_FILLER = (
    r"(?:共计|合计|总计|累计|共|计|为|达|有|了|案件|政府信息公开申请|申请|件数|数量|：|:|\s)*?"
)
QUOTATION = re.compile(r"「[^」]*」")
_NUMBER = r"(?P<number>\d[\d,]*(?:\.\d+)?)"
_COUNT_UNITS = "件|条|起|个|份"


def _rule(terms: str, units: str, table: str, row: str, column: str, source: Source) -> Rule:
    pattern = re.compile(rf"(?:共|累计)?(?:{terms}){_FILLER}{_NUMBER}\s*(?:{units})")
    return Rule(pattern, table, row, column, source)


_WITHHELD, _UNABLE = "（三）不予公开", "（四）无法提供"
_NOT_HANDLED, _OTHER = "（五）不予处理", "（六）其他处理"
_C, _TOTAL = _COUNT_UNITS, "总计"

# Most specific first.
NARRATIVE_RULES: tuple[Rule, ...] = (
    _rule(
        "予以公开(?:及|和|、)部分公开", _C, "三", "（一）予以公开＋（二）部分公开", _TOTAL,
        _three(Outcome.DISCLOSED.value, Outcome.PARTLY_DISCLOSED.value),
    ),
    _rule("部分公开", _C, "三", "（二）部分公开", _TOTAL, _three(Outcome.PARTLY_DISCLOSED.value)),
    _rule("予以公开", _C, "三", "（一）予以公开", _TOTAL, _three(Outcome.DISCLOSED.value)),
    _rule("不予公开", _C, "三", _WITHHELD, _TOTAL, _three_group(_WITHHELD)),
    _rule("无法提供", _C, "三", _UNABLE, _TOTAL, _three_group(_UNABLE)),
    _rule("不予处理", _C, "三", _NOT_HANDLED, _TOTAL, _three_group(_NOT_HANDLED)),
    _rule("其他处理", _C, "三", _OTHER, _TOTAL, _three_group(_OTHER)),
    _rule(
        "结转下年度(?:继续办理)?|结转至下年度|结转下一年度", _C, "三", "四、结转下年度继续办理",
        _TOTAL, _three(CARRIED_FORWARD),
    ),
    _rule(
        "上年结转|上年度结转|结转上年", _C, "三", "二、上年结转政府信息公开申请数量", _TOTAL,
        _three(CARRIED_OVER),
    ),
    _rule(
        "(?:新)?收到(?:政府信息公开)?申请|新收(?:政府信息公开)?申请|受理(?:政府信息公开)?申请",
        _C, "三", "一、本年新收政府信息公开申请数量", _TOTAL, _three(NEW),
    ),
    _rule("办结|办理完毕|答复完毕", _C, "三", "（七）总计", _TOTAL, _three(RESULTS_TOTAL)),
    _rule(
        "行政复议", _C, "四", "行政复议", "总计", _four(RemedyKind.RECONSIDERATION)
    ),
    _rule(
        "行政诉讼", _C, "四", "行政诉讼", "总计",
        _four(RemedyKind.DIRECT_LITIGATION, RemedyKind.LITIGATION_AFTER_RECONSIDERATION),
    ),
    _rule("制发规章", _C, "二", "规章", "本年制发件数", _two(RULES, MADE)),
    _rule(
        "制发(?:行政)?规范性文件", _C, "二", "行政规范性文件", "本年制发件数",
        _two(NORMATIVE, MADE),
    ),
    _rule("行政许可", _C, "二", "行政许可", "本年处理决定数量", _two(LICENSING, DECISIONS)),
    _rule("行政处罚", _C, "二", "行政处罚", "本年处理决定数量", _two(PENALTY, DECISIONS)),
    _rule(
        "主动公开(?:政府)?信息", _C, "", "主动公开政府信息", "条数", _extra(PUBLISHED)
    ),
    _rule("收取信息处理费|信息处理费", "元", "", "信息处理费", "金额（元）", _extra(FEE_AMOUNT)),
)  # fmt: skip


def quoted(figures: Figures, table: str, row: str) -> Value | None:
    """The figure a sentence about `row` of table `table` must state (the rule's own source),
    so drafted prose and N1 cannot disagree; KeyError for a row no rule knows."""
    rule = next((r for r in NARRATIVE_RULES if r.table == table and r.row == row), None)
    if rule is None:
        raise KeyError((table, row))
    return rule.source(figures)


def check_narrative(
    text: str, figures: Figures, rules: tuple[Rule, ...] = NARRATIVE_RULES
) -> list[Finding]:
    """N1: every figure of `text` a rule recognises that differs from its table cell."""
    text = QUOTATION.sub(lambda m: " " * len(m[0]), text)
    found = []
    for rule in rules:
        for match in list(rule.pattern.finditer(text)):
            text = text[: match.start()] + " " * len(match[0]) + text[match.end() :]
            expected = rule.source(figures)
            written = Decimal(match["number"].replace(",", ""))
            if expected is None or written == expected:
                continue
            actual: Value = int(written) if written == written.to_integral_value() else written
            found.append(_contradiction(rule, match[0], expected, actual))
    return found


def _contradiction(rule: Rule, quote: str, expected: Value, actual: Value) -> Finding:
    if rule.table:
        words = _say(
            "narrative.table",
            quote=quote,
            table=rule.table,
            row=rule.row,
            column=rule.column,
            expected=number_param(expected),
        )
    else:
        words = _say("narrative.figure", quote=quote, row=rule.row, expected=number_param(expected))
    return Finding(
        Check.NARRATIVE, Severity.ERROR, rule.table, rule.row, rule.column, expected, actual, words
    )
