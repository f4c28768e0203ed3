"""The official tables 二, 三 and 四 as data: every cell with its text and its spans.

Reference annual-report.md §§4–7. Two layouts are kept, chosen by the report year ([I] §7):
the trial format of 国办公开办函〔2019〕60号 for reports on 2020 and earlier, the format of
国办公开办函〔2021〕30号 from 2021 on. A renderer walks ``head`` and then ``body`` row by row
and writes each cell with its rowspan and colspan; a value cell takes its number from the
filled ``Table`` (tables.py) by its row key and ``column``.

[I] Spans the reference does not state: the block label of table 二 (第二十条第（X）项) is a
row of its own across the whole table, and a block with fewer value columns than the widest
stretches its last value column over the rest, so every row is as wide as the table.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from gongkai.core.applications.vocabulary import (
    APPLICANT_KIND_LABELS,
    LITIGATION_HEADER,
    ORGANISATION_HEADER,
    OUTCOMES,
    REMEDY_KIND_LABELS,
    REMEDY_RESULT_LABELS,
    REMEDY_TOTAL,
    ApplicantKind,
    Outcome,
    RemedyKind,
    RemedyResult,
)


class ReportFormat(enum.StrEnum):
    TRIAL_2019 = "2019"  # 国办公开办函〔2019〕60号, reports on 2019 and 2020
    FORMAT_2021 = "2021"  # 国办公开办函〔2021〕30号, reports on 2021 onward


def format_for_year(year: int) -> ReportFormat:
    """[I] annual-report.md §7: ≤ 2020 → the trial format, ≥ 2021 → the 2021 format.

    Years before 2019 had no prescribed table; [I] they use the trial format too, so ledgers
    loaded for earlier years can be reported and carried over.
    """
    return ReportFormat.TRIAL_2019 if year <= 2020 else ReportFormat.FORMAT_2021


class Role(enum.StrEnum):
    HEADER = "header"  # a heading cell (<th>)
    LABEL = "label"  # the label of a data row (<th scope="row">)
    VALUE = "value"  # a number (<td>)


class ValueKind(enum.StrEnum):
    COUNT = "count"  # a whole number ≥ 0 (A6)
    CHANGE = "change"  # a whole number, may be negative (2019 本年增/减)
    AMOUNT = "amount"  # a decimal ≥ 0 (万元, 元)


@dataclass(frozen=True)
class Cell:
    text: str  # header and label cells: exactly as printed; value cells: ""
    rowspan: int = 1
    colspan: int = 1
    role: Role = Role.HEADER
    column: str = ""  # value cells: the column key
    kind: ValueKind = ValueKind.COUNT  # value cells: what the number may be


@dataclass(frozen=True)
class Row:
    key: str  # data rows: the row key; heading rows: ""
    cells: tuple[Cell, ...]
    ref: str = ""  # the numbering as the report prints it, e.g. 三（三）1
    name: str = ""  # the row as a reader names it, group included: "（三）不予公开 1.属于国家秘密"
    group: str = ""  # table 三: the merged group cell the row sits under, e.g. （三）不予公开

    @property
    def values(self) -> tuple[Cell, ...]:
        return tuple(cell for cell in self.cells if cell.role is Role.VALUE)


@dataclass(frozen=True)
class Layout:
    number: str  # 二, 三, 四
    title: str  # the section heading the table sits under
    format: ReportFormat
    width: int  # columns of the grid, label columns included
    head: tuple[Row, ...]  # the heading rows (<thead>); table 二 has its headings in the body
    body: tuple[Row, ...]
    column_labels: Mapping[str, str]  # column key → how a reader names the column

    def row(self, key: str) -> Row:
        for row in self.body:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.body if row.key)

    def cells(self) -> tuple[tuple[Row, Cell], ...]:
        """Every value cell with its row, in reading order."""
        return tuple((row, cell) for row in self.data_rows for cell in row.values)

    def labels(self) -> tuple[str, ...]:
        """Every printed text of the table (headings and row labels), in reading order."""
        rows = (*self.head, *self.body)
        return tuple(cell.text for row in rows for cell in row.cells if cell.role is not Role.VALUE)


def _label(text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
    return Cell(text, rowspan, colspan, Role.LABEL)


def _value(column: str, colspan: int = 1, kind: ValueKind = ValueKind.COUNT) -> Cell:
    return Cell("", 1, colspan, Role.VALUE, column, kind)


# Table 二 ------------------------------------------------------------------------------------

TABLE_TWO_TITLE = "二、主动公开政府信息情况"
CONTENT_HEADER = "信息内容"
TWO_WIDTH = 4

# Row keys (2021 and 2019).
RULES = "rules"  # 规章
NORMATIVE = "normative_documents"  # 行政规范性文件 (2019: 规范性文件)
LICENSING = "licensing"  # 行政许可
OTHER_SERVICES = "other_services"  # 2019: 其他对外管理服务事项
PENALTY = "penalty"  # 行政处罚
COERCION = "coercion"  # 行政强制
CHARGES = "charges"  # 行政事业性收费
PROCUREMENT = "procurement"  # 2019: 政府集中采购

# Column keys.
MADE, REPEALED, IN_FORCE = "made", "repealed", "in_force"  # 2021 第（一）项
DECISIONS = "decisions"  # 本年处理决定数量 (2019: 处理决定数量)
AMOUNT = "amount"  # 2021: 本年收费金额（单位：万元）
NEW_MADE, NEW_PUBLISHED, PUBLISHED_TOTAL = "new_made", "new_published", "published_total"
ITEMS_LAST_YEAR, ITEMS_CHANGE = "items_last_year", "items_change"  # 2019
PROCUREMENT_ITEMS, PROCUREMENT_AMOUNT = "procurement_items", "procurement_amount"  # 2019


@dataclass(frozen=True)
class _Block:
    article: str  # 第二十条第（一）项
    columns: tuple[tuple[str, str, ValueKind], ...]  # (key, header, kind)
    rows: tuple[tuple[str, str], ...]  # (key, label)


def _block_rows(block: _Block) -> tuple[Row, ...]:
    spans = [1] * len(block.columns)
    spans[-1] = TWO_WIDTH - len(block.columns)
    headers = tuple(
        Cell(header, colspan=span)
        for (_, header, _), span in zip(block.columns, spans, strict=True)
    )
    rows = [
        Row("", (Cell(block.article, colspan=TWO_WIDTH),)),
        Row("", (Cell(CONTENT_HEADER), *headers)),
    ]
    for key, label in block.rows:
        values = tuple(
            _value(column, span, kind)
            for (column, _, kind), span in zip(block.columns, spans, strict=True)
        )
        rows.append(Row(key, (_label(label), *values), ref=block.article, name=label))
    return tuple(rows)


_COUNT, _CHANGE, _AMOUNT = ValueKind.COUNT, ValueKind.CHANGE, ValueKind.AMOUNT
_DECISIONS_2021 = ((DECISIONS, "本年处理决定数量", _COUNT),)
BLOCKS_2021 = (
    _Block(
        "第二十条第（一）项",
        (
            (MADE, "本年制发件数", _COUNT),
            (REPEALED, "本年废止件数", _COUNT),
            (IN_FORCE, "现行有效件数", _COUNT),
        ),
        ((RULES, "规章"), (NORMATIVE, "行政规范性文件")),
    ),
    _Block("第二十条第（五）项", _DECISIONS_2021, ((LICENSING, "行政许可"),)),
    _Block("第二十条第（六）项", _DECISIONS_2021, ((PENALTY, "行政处罚"), (COERCION, "行政强制"))),
    _Block(
        "第二十条第（八）项",
        ((AMOUNT, "本年收费金额（单位：万元）", _AMOUNT),),
        ((CHARGES, "行政事业性收费"),),
    ),
)
_ITEMS_2019 = (
    (ITEMS_LAST_YEAR, "上一年项目数量", _COUNT),
    (ITEMS_CHANGE, "本年增/减", _CHANGE),
    (DECISIONS, "处理决定数量", _COUNT),
)
BLOCKS_2019 = (
    _Block(
        "第二十条第（一）项",
        (
            (NEW_MADE, "本年新制作数量", _COUNT),
            (NEW_PUBLISHED, "本年新公开数量", _COUNT),
            (PUBLISHED_TOTAL, "对外公开总数量", _COUNT),
        ),
        ((RULES, "规章"), (NORMATIVE, "规范性文件")),
    ),
    _Block(
        "第二十条第（五）项",
        _ITEMS_2019,
        ((LICENSING, "行政许可"), (OTHER_SERVICES, "其他对外管理服务事项")),
    ),
    _Block("第二十条第（六）项", _ITEMS_2019, ((PENALTY, "行政处罚"), (COERCION, "行政强制"))),
    _Block("第二十条第（八）项", _ITEMS_2019[:2], ((CHARGES, "行政事业性收费"),)),
    # [U] the unit of 采购总金额 is not printed in the reference; the Shanghai report wrote 元
    _Block(
        "第二十条第（九）项",
        (
            (PROCUREMENT_ITEMS, "采购项目数量", _COUNT),
            (PROCUREMENT_AMOUNT, "采购总金额", _AMOUNT),
        ),
        ((PROCUREMENT, "政府集中采购"),),
    ),
)


def _table_two(fmt: ReportFormat) -> Layout:
    blocks = BLOCKS_2021 if fmt is ReportFormat.FORMAT_2021 else BLOCKS_2019
    body = tuple(row for block in blocks for row in _block_rows(block))
    columns = {key: header for block in blocks for key, header, _ in block.columns}
    return Layout("二", TABLE_TWO_TITLE, fmt, TWO_WIDTH, (), body, columns)


# Table 三 ------------------------------------------------------------------------------------

TABLE_THREE_TITLE = "三、收到和处理政府信息公开申请情况"
TABLE_THREE_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEADER = "申请人情况"
TOTAL_LABEL = "总计"
RESULTS_LABEL = "三、本年度办理结果"
THREE_LABEL_COLUMNS = 3

# Row keys: the four numbered items; the result rows are keyed by their Outcome value.
NEW = "new"  # 一
CARRIED_OVER = "carried_over"  # 二
RESULTS_TOTAL = "results_total"  # 三（七）
CARRIED_FORWARD = "carried_forward"  # 四
OTHER_HANDLING = "other_handling"  # 2019: （六）其他处理, one row without sub-rows
# Column keys: the ApplicantKind values, then TOTAL.
TOTAL = "total"
APPLICANT_COLUMNS = tuple(kind.value for kind in ApplicantKind)
THREE_COLUMNS = (*APPLICANT_COLUMNS, TOTAL)

ROW_LABELS: Mapping[str, str] = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_OVER: "二、上年结转政府信息公开申请数量",
    RESULTS_TOTAL: "（七）总计",
    CARRIED_FORWARD: "四、结转下年度继续办理",
    OTHER_HANDLING: "（六）其他处理",
}
ROW_REFS: Mapping[str, str] = {
    NEW: "一",
    CARRIED_OVER: "二",
    RESULTS_TOTAL: "三（七）",
    CARRIED_FORWARD: "四",
    OTHER_HANDLING: "三（六）",
}
_OTHER_GROUP = "（六）其他处理"


@dataclass(frozen=True)
class _Result:
    key: str
    ref: str  # （三）1
    group: str  # （三）不予公开, "" for a row of its own
    label: str


def result_rows(fmt: ReportFormat) -> tuple[_Result, ...]:
    """The result rows of table 三 in order: 21 in the 2021 format, 19 in the trial format."""
    rows = [
        _Result(o.value, OUTCOMES[o].ref, OUTCOMES[o].group, OUTCOMES[o].label) for o in Outcome
    ]
    if fmt is ReportFormat.TRIAL_2019:
        rows = [row for row in rows if row.group != _OTHER_GROUP]
        rows.append(_Result(OTHER_HANDLING, "（六）", "", ROW_LABELS[OTHER_HANDLING]))
    return tuple(rows)


def outcome_row(fmt: ReportFormat, outcome: Outcome) -> str:
    """The row key of table 三 a case with `outcome` is counted in."""
    if fmt is ReportFormat.TRIAL_2019 and OUTCOMES[outcome].group == _OTHER_GROUP:
        return OTHER_HANDLING
    return outcome.value


def _values(columns: tuple[str, ...]) -> tuple[Cell, ...]:
    return tuple(_value(column) for column in columns)


def _result_body(fmt: ReportFormat) -> list[Row]:
    results = result_rows(fmt)
    rows: list[Row] = []
    group_sizes = {r.group: sum(1 for s in results if s.group == r.group) for r in results}
    seen: set[str] = set()
    for result in results:
        cells: list[Cell] = []
        if not rows:
            cells.append(_label(RESULTS_LABEL, rowspan=len(results) + 1))
        if not result.group:
            cells.append(_label(result.label, colspan=2))
        else:
            if result.group not in seen:
                cells.append(_label(result.group, rowspan=group_sizes[result.group]))
                seen.add(result.group)
            cells.append(_label(result.label))
        name = f"{result.group} {result.label}" if result.group else result.label
        rows.append(
            Row(
                result.key, (*cells, *_values(THREE_COLUMNS)), f"三{result.ref}", name, result.group
            )
        )
    total = ROW_LABELS[RESULTS_TOTAL]
    total_cells = (_label(total, colspan=2), *_values(THREE_COLUMNS))
    rows.append(Row(RESULTS_TOTAL, total_cells, ROW_REFS[RESULTS_TOTAL], total))
    return rows


def _numbered(key: str) -> Row:
    label = ROW_LABELS[key]
    cells = (_label(label, colspan=THREE_LABEL_COLUMNS), *_values(THREE_COLUMNS))
    return Row(key, cells, ROW_REFS[key], label)


def _table_three(fmt: ReportFormat) -> Layout:
    organisations = [kind for kind in ApplicantKind if kind.is_organisation]
    head = (
        Row(
            "",
            (
                Cell(TABLE_THREE_CORNER, rowspan=3, colspan=THREE_LABEL_COLUMNS),
                Cell(APPLICANTS_HEADER, colspan=len(THREE_COLUMNS)),
            ),
        ),
        Row(
            "",
            (
                Cell(ApplicantKind.NATURAL_PERSON.label, rowspan=2),
                Cell(ORGANISATION_HEADER, colspan=len(organisations)),
                Cell(TOTAL_LABEL, rowspan=2),
            ),
        ),
        Row("", tuple(Cell(kind.label) for kind in organisations)),
    )
    body = (
        _numbered(NEW),
        _numbered(CARRIED_OVER),
        *_result_body(fmt),
        _numbered(CARRIED_FORWARD),
    )
    columns = {kind.value: label for kind, label in APPLICANT_KIND_LABELS.items()}
    columns[TOTAL] = TOTAL_LABEL
    width = THREE_LABEL_COLUMNS + len(THREE_COLUMNS)
    return Layout("三", TABLE_THREE_TITLE, fmt, width, head, body, columns)


# Table 四 ------------------------------------------------------------------------------------

TABLE_FOUR_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
REMEDIES = "remedies"  # the one data row


def remedy_key(kind: RemedyKind, result: RemedyResult | None) -> str:
    """The column key of table 四: "reconsideration.upheld", …, "reconsideration.total"."""
    return f"{kind.value}.{result.value if result else TOTAL}"


def remedy_columns(kind: RemedyKind) -> tuple[str, ...]:
    return (*(remedy_key(kind, result) for result in RemedyResult), remedy_key(kind, None))


def _remedy_headers(rowspan: int) -> tuple[Cell, ...]:
    texts = (*(REMEDY_RESULT_LABELS[result] for result in RemedyResult), REMEDY_TOTAL)
    return tuple(Cell(text, rowspan=rowspan) for text in texts)


def _table_four(fmt: ReportFormat) -> Layout:
    per_block = len(RemedyResult) + 1
    litigation = (RemedyKind.DIRECT_LITIGATION, RemedyKind.LITIGATION_AFTER_RECONSIDERATION)
    head = (
        Row(
            "",
            (
                Cell(REMEDY_KIND_LABELS[RemedyKind.RECONSIDERATION], colspan=per_block),
                Cell(LITIGATION_HEADER, colspan=per_block * len(litigation)),
            ),
        ),
        Row(
            "",
            (
                *_remedy_headers(rowspan=2),
                *(Cell(REMEDY_KIND_LABELS[kind], colspan=per_block) for kind in litigation),
            ),
        ),
        Row("", tuple(cell for _ in litigation for cell in _remedy_headers(rowspan=1))),
    )
    keys = tuple(key for kind in RemedyKind for key in remedy_columns(kind))
    body = (Row(REMEDIES, _values(keys), "", TABLE_FOUR_TITLE),)
    labels = {}
    for kind in RemedyKind:
        block = (
            kind.label
            if kind is RemedyKind.RECONSIDERATION
            else f"{LITIGATION_HEADER}/{kind.label}"
        )
        for result in (*RemedyResult, None):
            labels[remedy_key(kind, result)] = f"{block}/{result.label if result else REMEDY_TOTAL}"
    return Layout("四", TABLE_FOUR_TITLE, fmt, len(keys), head, body, labels)


_BUILDERS = {"二": _table_two, "三": _table_three, "四": _table_four}
LAYOUTS: Mapping[tuple[ReportFormat, str], Layout] = {
    (fmt, number): build(fmt) for fmt in ReportFormat for number, build in _BUILDERS.items()
}


def layout(number: str, fmt: ReportFormat) -> Layout:
    """The layout of table `number` (二, 三 or 四) in format `fmt`."""
    return LAYOUTS[(fmt, number)]
