"""Tables 二, 三 and 四 as the official formats print them (reference annual-report.md §§3–7)."""

import os
import re
from pathlib import Path

import pytest

from gongkai.core.annual_report import HEADINGS, LAYOUTS, Layout, ReportFormat, Role, layout
from gongkai.core.annual_report.layout import format_for_year

REFERENCE = (
    Path(os.environ.get("GONGKAI_REFERENCE_DIR", "/work/shared/reference")) / "annual-report.md"
)
F2019, F2021 = ReportFormat.TRIAL_2019, ReportFormat.FORMAT_2021

# §5.2 rows 1–25, as printed
TABLE_THREE_2021 = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]


def _own_labels(table: Layout) -> list[str]:
    """The label of each data row itself (not the merged cells it sits under)."""
    return [[c.text for c in row.cells if c.role is Role.LABEL][-1] for row in table.data_rows]


def _grid(table: Layout) -> list[list[str]]:
    """Lay the cells out as a browser does; every position must be filled exactly once."""
    rows = (*table.head, *table.body)
    grid: list[list[str | None]] = [[None] * table.width for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while c < table.width and grid[r][c] is not None:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert grid[r + dr][c + dc] is None, (table.number, r, c, cell.text)
                    grid[r + dr][c + dc] = cell.text or cell.column
            c += cell.colspan
    assert all(None not in line for line in grid), table.number
    return [[text or "" for text in line] for line in grid]


@pytest.mark.parametrize("key", sorted(LAYOUTS))
def test_every_table_is_a_full_rectangle_when_its_spans_are_laid_out(
    key: tuple[ReportFormat, str],
) -> None:
    _grid(LAYOUTS[key])


def test_table_three_2021_has_the_25_rows_of_the_reference_in_order() -> None:
    assert _own_labels(layout("三", F2021)) == TABLE_THREE_2021


def test_the_trial_format_has_one_row_for_other_handling_and_23_rows() -> None:
    labels = _own_labels(layout("三", F2019))
    assert len(labels) == 23
    assert labels[20] == "（六）其他处理"
    assert labels[:20] == TABLE_THREE_2021[:20]


def test_table_three_header_merges_the_corner_over_three_header_rows() -> None:
    grid = _grid(layout("三", F2021))
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert [line[:3] for line in grid[:3]] == [[corner] * 3] * 3
    assert grid[0][3:] == ["申请人情况"] * 7
    assert grid[1][3:] == ["自然人", *["法人或其他组织"] * 5, "总计"]
    assert grid[2][3:] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]


def test_the_result_rows_sit_under_one_merged_cell_and_their_group_cells() -> None:
    grid = _grid(layout("三", F2021))
    body = grid[3:]
    assert [line[0] for line in body[2:24]] == ["三、本年度办理结果"] * 22
    assert [line[1] for line in body[4:12]] == ["（三）不予公开"] * 8
    assert [line[1] for line in body[12:15]] == ["（四）无法提供"] * 3
    assert [line[1] for line in body[15:20]] == ["（五）不予处理"] * 5
    assert [line[1] for line in body[20:23]] == ["（六）其他处理"] * 3
    assert body[23][:3] == ["三、本年度办理结果", "（七）总计", "（七）总计"]
    assert body[0][:3] == ["一、本年新收政府信息公开申请数量"] * 3


def test_table_four_has_three_blocks_of_five_and_one_row_of_15_numbers() -> None:
    table = layout("四", F2021)
    grid = _grid(table)
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert grid[0] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert grid[1] == results + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert grid[2] == results * 3
    assert len(table.data_rows) == 1 and len(table.data_rows[0].values) == 15


def test_table_two_2021_has_four_blocks_six_rows_and_ten_numbers() -> None:
    table = layout("二", F2021)
    grid = _grid(table)
    assert [line[0] for line in grid if len(set(line)) == 1] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert grid[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert _own_labels(table) == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]
    assert len(table.cells()) == 10
    assert "本年收费金额（单位：万元）" in table.labels()


@pytest.mark.parametrize(
    ("year", "fmt"), [(2017, F2019), (2019, F2019), (2020, F2019), (2021, F2021), (2030, F2021)]
)
def test_the_format_follows_the_report_year(year: int, fmt: ReportFormat) -> None:
    assert format_for_year(year) is fmt


# The reference file itself, where it is available ---------------------------------------------


@pytest.fixture(scope="module")
def reference() -> str:
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is not available")
    return REFERENCE.read_text(encoding="utf-8")


def _part(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_table_three_labels_and_refs_are_those_of_reference_5_2(reference: str) -> None:
    rows = re.findall(
        r"^\| (\d+) \| (\S+) \| (.+?) \| (?:input|result|total|carry-over)", reference, re.M
    )
    table = layout("三", F2021)
    assert [label for _, _, label in rows] == _own_labels(table)
    refs = [ref.replace("(", "（").replace(")", "）") for _, ref, _ in rows]
    assert refs == [row.ref for row in table.data_rows]


def test_table_three_and_four_headers_are_the_quoted_cells_of_the_reference(reference: str) -> None:
    for number, heading in (("三", "### 5.1"), ("四", "## 6.")):
        quoted = set(re.findall(r"`([^`]+)`", _part(reference, heading)))
        head = {cell.text for row in layout(number, F2021).head for cell in row.cells}
        assert head == quoted, number


@pytest.mark.parametrize(("fmt", "heading"), [(F2021, "## 4."), (F2019, "Table 二 (2019)")])
def test_table_two_blocks_are_those_of_the_reference(
    reference: str, fmt: ReportFormat, heading: str
) -> None:
    part = _part(reference, heading)
    blocks = re.findall(r"^\| (第二十条第（.）项) \| (.+?) \| (.+?) \|", part, re.M)
    table = layout("二", fmt)
    assert len(blocks) == (4 if fmt is F2021 else 5)
    expected: list[str] = []
    for article, headers, rows in blocks:
        expected += [article, "信息内容", *headers.split(" · "), *rows.split("; ")]
    printed = [text for text in table.labels()]
    assert sorted(printed) == sorted(expected)
    assert [t for t in printed if t.startswith("第二十条")] == [a for a, _, _ in blocks]


def test_the_section_headings_are_those_of_reference_3(reference: str) -> None:
    rows = re.findall(r"^\| (.) \| (.、.+?) \| (?:prose|table)", _part(reference, "## 3."), re.M)
    assert dict(rows) == HEADINGS


def test_every_printed_text_of_every_layout_occurs_in_the_reference(reference: str) -> None:
    for table in LAYOUTS.values():
        for text in table.labels():
            assert text in reference, (table.format, table.number, text)
