"""`gongkai work-report`: the report in each format to a file or standard output; exit 2
with one line, Chinese then English in parentheses, on bad input; an empty year is a valid
report with its notice."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.workreport.models import WorkFigure


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("work-report", *args)
    assert caught.value.returncode == 2
    text = str(caught.value)
    assert "\n" not in text
    return text


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("--agency", "NOPE", "--year", "2017"), "没有机关代码为“NOPE”的机关 (no such agency)"),
        (
            ("--agency", "TESTA", "--year", "2007"),
            "年度“2007”无效，应为 2008 至今年之间 (bad year)",
        ),
        (("--agency", "TESTA", "--year", "2999"), "年度“2999”无效"),
        (("--agency", "TESTA", "--year", "二〇一七"), "(bad year)"),
        (("--agency", "TESTA", "--year", "²"), "(bad year)"),
        (
            ("--agency", "TESTA", "--year", "2017", "-o", "/no/such/folder/x.html"),
            "(no such folder)",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_in_chinese_and_english(cast, args, line):
    assert line in refused(*args, "--format", "html")


def test_a_stored_figure_that_does_not_parse_is_named(cast):
    WorkFigure.objects.create(agency=cast.agency, year=2017, key="petitions_received", value="-1")
    line = refused("--agency", "TESTA", "--year", "2017", "--format", "json")
    assert line == "“接收信访件”不能为负数，实际为 -1 (bad entered figure)"


def test_a_folder_as_output_is_refused(cast, tmp_path):
    line = refused("--agency", "TESTA", "--year", "2017", "--format", "html", "-o", str(tmp_path))
    assert "是目录" in line


def test_a_year_without_data_is_an_empty_valid_report_with_a_notice(cast, capsys):
    call_command("work-report", "--agency", "TESTA", "--year", "2016", "--format", "json")
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["notices"] == [
        "2016年没有可统计的记录，也没有填报的数据、文字和任务，本报告为空；请核实年度，或先在控制台填报"
    ]
    assert data["checks"] == {"passed": True, "findings": []}
    assert all(section["paragraphs"] == [] for section in data["sections"])
    assert "(empty report)" in captured.err


@pytest.mark.parametrize(
    ("fmt", "magic"), [("html", b"<!DOCTYPE html>"), ("docx", b"PK"), ("pdf", b"%PDF")]
)
def test_each_format_is_written_to_its_file(cast, tmp_path, fmt, magic):
    WorkFigure.objects.create(agency=cast.agency, year=2017, key="visitors", value="300多")
    out = tmp_path / f"report.{fmt}"
    call_command(
        "work-report", "--agency", "TESTA", "--year", "2017", "--format", fmt, "-o", str(out)
    )
    assert out.read_bytes().startswith(magic)
