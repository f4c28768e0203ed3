"""The calendar CSV file: checked whole, every mistake reported with its line."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.workcalendar import DayKind
from gongkai.workcalendar.csvfile import (
    MAX_BYTES,
    CalendarRow,
    calendar_csv,
    parse_calendar_csv,
)

HEADER = "date,kind,name,source,note\n"


def errors_of(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as error:
        parse_calendar_csv(data)
    return error.value.messages


def test_it_reads_the_english_and_the_chinese_words_for_the_kind_of_day():
    data = (
        "date,kind,name\n"
        "2027-02-06,放假,春节\n2027-02-07,休息,春节\n2027-02-08,holiday,春节\n"
        "2027-02-13,调休上班,春节\n2027-02-14,上班,春节\n2027-02-20,工作日,春节\n"
        "2027-02-21,workday,春节\n"
    ).encode()
    kinds = [row.kind for row in parse_calendar_csv(data)]
    assert kinds == [DayKind.HOLIDAY] * 3 + [DayKind.WORKDAY] * 4


def test_it_reads_utf8_with_a_byte_order_mark_and_spreadsheet_dates():
    data = "\ufeffdate,kind,name,source,note\n2027/1/1,放假,元旦,国务院通知,\n".encode()
    assert parse_calendar_csv(data) == [
        CalendarRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦", "国务院通知")
    ]


def test_blank_lines_are_skipped_and_later_lines_keep_their_numbers():
    data = (HEADER + "2027-01-01,holiday,元旦,,\n\n2027-13-01,holiday,元旦,,\n").encode()
    assert errors_of(data) == ["第 4 行：日期“2027-13-01”无效，应为 YYYY-MM-DD 格式"]


def test_every_bad_row_is_reported_with_its_line_number():
    data = (
        HEADER
        + "2027-01-01,holiday,元旦,,\n"  # line 2: good
        + "not-a-date,holiday,元旦,,\n"  # line 3
        + "2027-01-02,rest,元旦,,\n"  # line 4
        + "2027-01-01,holiday,元旦,,\n"  # line 5: duplicate of line 2
        + "1900-12-31,holiday,旧日,,\n"  # line 6
        + "2027-01-03,holiday,,,\n"  # line 7
        + "2027-01-04,holiday,元旦,,,extra\n"  # line 8
    ).encode()
    assert errors_of(data) == [
        "第 3 行：日期“not-a-date”无效，应为 YYYY-MM-DD 格式",
        "第 4 行：类型“rest”无法识别，应为 holiday（放假、休息）或 workday（上班、调休上班、工作日）",
        "第 5 行：日期 2027-01-01 与第 2 行重复",
        "第 6 行：日期 1900-12-31 超出支持范围（1901–2099 年）",
        "第 7 行：名称不能为空",
        "第 8 行：应有 5 列，实际为 6 列",
    ]


def test_too_long_texts_are_refused_like_the_database_would():
    data = (HEADER + f"2027-01-01,holiday,{'节' * 51},,{'注' * 201}\n").encode()
    assert errors_of(data) == ["第 2 行：名称超过 50 个字符", "第 2 行：备注超过 200 个字符"]


def test_each_error_is_a_message_with_its_line_and_its_problem():
    data = (HEADER + "2027-01-01,rest,元旦,,\n").encode()
    with pytest.raises(ValidationError) as error:
        parse_calendar_csv(data)
    [message] = [e.message for e in error.value.error_list]
    assert (message.code, message.params["line"]) == ("csv.row", 2)
    assert message.params["problem"].code == "csv.kind_unknown"


@pytest.mark.parametrize("cell", ["\x00", "元\x00旦", "x\x00"])
def test_a_nul_byte_in_any_cell_is_refused_with_its_line(cell):
    # PostgreSQL refuses NUL in text (a DataError, a 500); SQLite would store it.
    for row in [
        f"2027-01-01,holiday,{cell}",
        f"2027-01-01,{cell},元旦",
        f"2027-01-01,holiday,元旦,{cell}",
    ]:
        data = (HEADER + "2027-01-02,holiday,元旦,,\n" + row + "\n").encode()
        assert errors_of(data) == ["第 3 行：含有空字符（NUL），文件可能已损坏"]


def test_a_nul_byte_in_the_header_is_refused():
    assert errors_of(b"date,kind,name\x00\n2027-01-01,holiday,x\n") == [
        "第 1 行：含有空字符（NUL），文件可能已损坏"
    ]


def test_a_quote_left_open_is_an_error_at_the_line_where_it_opens():
    # Without strict parsing the open quote would swallow the rest of the file into a name.
    data = (
        HEADER
        + "2027-01-01,holiday,元旦,,\n"
        + '2027-01-02,holiday,"元旦,,\n'
        + "2027-01-03,holiday,元旦,,\n"
    ).encode()
    assert errors_of(data) == ["第 3 行：无法解析（unexpected end of data），请检查引号是否成对"]


def test_a_stray_quote_inside_a_cell_is_an_error():
    data = (HEADER + '2027-01-01,holiday,"元旦"x,,\n').encode()
    [error] = errors_of(data)
    assert error.startswith("第 2 行：无法解析")


def test_a_quoted_cell_over_two_lines_is_reported_at_its_first_line():
    data = (HEADER + '2027-01-01,holiday,元旦,"a\nb",\n2027-01-01,holiday,元旦,,\n').encode()
    assert errors_of(data) == ["第 4 行：日期 2027-01-01 与第 2 行重复"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(start):
    row = CalendarRow(date(2027, 1, 1), DayKind.HOLIDAY, f"{start}1+1", f"{start}src", f"{start}n")
    _header, cells = csv.reader(io.StringIO(calendar_csv([row]), newline=""))
    assert cells[2:] == [f"'{start}1+1", f"'{start}src", f"'{start}n"]


def test_the_quote_the_export_adds_is_taken_off_on_import():
    data = (HEADER + "2027-01-01,holiday,'=HYPERLINK(1),'+x,'-y\n").encode()
    assert parse_calendar_csv(data) == [
        CalendarRow(date(2027, 1, 1), DayKind.HOLIDAY, "=HYPERLINK(1)", "+x", "-y")
    ]


def test_a_quote_before_anything_else_is_part_of_the_value():
    data = (HEADER + "2027-01-01,holiday,'元旦,'',\n").encode()
    assert parse_calendar_csv(data) == [
        CalendarRow(date(2027, 1, 1), DayKind.HOLIDAY, "'元旦", "''")
    ]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "文件为空"),
        (b"\xef\xbb\xbf \n", "文件为空"),
        (b"date,kind,name\n", "文件中没有数据行"),
        (
            b"day,kind,name\n2027-01-01,holiday,x\n",
            "第 1 行表头应为 date,kind,name[,source,note]，实际为 day,kind,name",
        ),
        (
            b"date,kind,name,note\n2027-01-01,holiday,x,y\n",
            "第 1 行表头应为 date,kind,name[,source,note]，实际为 date,kind,name,note",
        ),
        (
            "date,kind,name\n2027-01-01,放假,元旦\n".encode("gb18030"),
            "文件不是 UTF-8 编码的文本；请在电子表格中另存为“CSV UTF-8”格式",
        ),
        (
            b"date,kind,name\n" + b"2027-01-01,holiday,x\n" * (MAX_BYTES // 20),
            "文件超过 1 MB，请拆分后再导入",
        ),
    ],
    ids=[
        "empty",
        "only-a-bom",
        "header-only",
        "wrong-header",
        "columns-out-of-order",
        "gbk",
        "too-large",
    ],
)
def test_a_file_that_cannot_be_a_calendar_is_refused_whole(data, message):
    assert errors_of(data) == [message]


# Values may start like a formula, or with the quote the export puts before one.
FORMULA_START = st.text(st.sampled_from("'=+-@"), max_size=3)
ROWS = st.lists(
    st.builds(
        CalendarRow,
        day=st.dates(date(1901, 1, 1), date(2099, 12, 31)),
        kind=st.sampled_from(DayKind),
        name=st.tuples(
            FORMULA_START, st.text(st.characters(categories=["Lo", "Nd"]), min_size=1, max_size=47)
        ).map("".join),
        source=st.tuples(
            FORMULA_START,
            st.text(st.characters(categories=["Lo", "Zs", "Po"]), max_size=197).map(str.strip),
        ).map("".join),
        note=st.tuples(FORMULA_START, st.text(st.characters(categories=["Lo"]), max_size=197)).map(
            "".join
        ),
    ),
    min_size=1,
    max_size=20,
    unique_by=lambda row: row.day,
)


@settings(max_examples=60, deadline=None)
@given(ROWS, st.booleans())
def test_an_exported_file_reads_back_as_the_same_rows(rows, bom):
    assert parse_calendar_csv(calendar_csv(rows, bom=bom).encode()) == rows
