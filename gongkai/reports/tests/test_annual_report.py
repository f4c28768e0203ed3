"""`gongkai annual-report`: the Shanghai 2019 ledger regenerates tables 三 and 四, the checks
pass and fail by name, every format keeps the official labels and merged cells."""

import io
import json
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.annual_report import ReportFormat, layout
from gongkai.documents.models import Record
from gongkai.reports.models import ReportFigure
from gongkai.reports.tests.conftest import (
    SHANGHAI_OVERVIEW,
    SHANGHAI_RESULTS,
    import_ledger,
    shanghai_rows,
    write_texts,
)

TZ = ZoneInfo("Asia/Shanghai")
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("annual-report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def report_of(agency, year: int) -> dict:
    return json.loads(run("--agency", agency.code, "--year", str(year), "--format", "json"))


def section_table(data: dict, number: str) -> dict:
    return next(s["table"] for s in data["sections"] if s["number"] == number)


# The Done-when of issue 6 -------------------------------------------------------------------


def test_the_shanghai_2019_ledger_regenerates_tables_three_and_four_and_passes_every_check(
    shanghai,
):
    data = report_of(shanghai, 2019)
    three = section_table(data, "三")["values"]
    assert three["new"] == {
        "natural_person": 821, "commercial": 35, "research": 0, "public_interest": 0,
        "legal_service": 2, "other": 1, "total": 859,
    }  # fmt: skip
    assert three["carried_over"]["natural_person"] == 18 and three["carried_over"]["total"] == 18
    for kind, by_outcome in SHANGHAI_RESULTS.items():
        for outcome, count in by_outcome.items():
            assert three[outcome.value][kind.value] == count
    # the totals the published report left blank are filled
    assert three["disclosed"]["total"] == 272
    assert three["partly_disclosed"]["total"] == 3
    assert three["not_held"]["total"] == 265
    assert three["other_handling"]["total"] == 0
    assert three["results_total"] == {
        "natural_person": 767, "commercial": 35, "research": 0, "public_interest": 0,
        "legal_service": 2, "other": 1, "total": 805,
    }  # fmt: skip
    assert three["carried_forward"]["natural_person"] == 72
    assert three["carried_forward"]["total"] == 72
    four = section_table(data, "四")["values"]["remedies"]
    assert (four["reconsideration.upheld"], four["reconsideration.pending"]) == (5, 2)
    assert four["reconsideration.total"] == 7
    assert (four["direct_litigation.upheld"], four["direct_litigation.pending"]) == (8, 1)
    assert four["direct_litigation.total"] == 9
    assert four["litigation_after_reconsideration.total"] == 0
    assert four["reconsideration.corrected"] == 0
    assert data["format"] == "2019"
    assert data["checks"] == {"passed": True, "findings": []}
    assert data["notices"] == []


def test_changing_one_ledger_row_makes_the_narrative_check_fail_by_name(cast, tmp_path):
    rows = shanghai_rows()
    answered_2019 = next(i for i, r in enumerate(rows) if r[6].startswith("2019-06"))
    rows[answered_2019][6] = "2020-01-06"  # answered in 2020: 办结 804, 结转 73
    import_ledger(tmp_path, cast.other_agency, rows)
    write_texts(cast.other_agency, 2019, SHANGHAI_OVERVIEW)
    data = report_of(cast.other_agency, 2019)
    assert data["checks"]["passed"] is False
    failed = {
        (f["check"], f["name"], f["row"], f["expected"], f["actual"])
        for f in data["checks"]["findings"]
    }
    assert ("N1", "正文数字与表格一致", "（七）总计", 804, 805) in failed
    assert ("N1", "正文数字与表格一致", "四、结转下年度继续办理", 73, 72) in failed
    # the tables themselves still add up
    assert {f["check"] for f in data["checks"]["findings"]} == {"N1"}


# Outputs ------------------------------------------------------------------------------------


@pytest.fixture
def small(cast, tmp_path):
    """An agency's 2024 (2021 format): two applications, registry records, entered figures."""
    rows = [
        ["2024-0001", "2024-03-01", "网上申请", "自然人", "低保", "予以公开", "2024-03-08", "否", "", ""],
        ["2024-0002", "2024-12-28", "信函申请", "商业企业", "名单", "办理中", "", "否", "", ""],
    ]  # fmt: skip
    path = tmp_path / "台账.csv"
    header = "登记号,收到日期,申请渠道,申请人类型,申请内容摘要,办理结果,答复日期,是否延期,收费金额(元),缴费日期"
    path.write_text("\n".join([header, *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    call_command("ledger", "import", str(path), "--agency", cast.agency.code, stdout=io.StringIO())
    agency = cast.agency
    published = datetime(2024, 5, 1, 9, tzinfo=TZ)

    def record(title, written, **kw):
        return Record.objects.create(
            agency=agency, title=title, body="…", status=Record.Status.PUBLISHED,
            published_at=published, written_on=written, **kw,
        )  # fmt: skip

    record("规章一", date(2024, 4, 1), genre="命令（令）")
    record("规章二", date(2020, 4, 1), genre="命令（令）")
    record("规范性文件一", date(2024, 2, 1), is_normative=True, genre="通知")
    record("规范性文件二", date(2019, 2, 1), is_normative=True, genre="通知",
           validity=Record.Validity.REPEALED, validity_changed_on=date(2024, 7, 1))  # fmt: skip
    record("规范性文件三", date(2018, 2, 1), is_normative=True, genre="通知",
           validity=Record.Validity.AMENDED, validity_changed_on=date(2024, 7, 1))  # fmt: skip
    record("工作动态", date(2024, 2, 1), genre="工作动态")
    ReportFigure.objects.create(agency=agency, year=2024, key="licensing", value="585")
    ReportFigure.objects.create(agency=agency, year=2024, key="charges", value="1.25")
    write_texts(agency, 2024, "2024年，本机关新收政府信息公开申请2件，办结1件。")
    return agency


def test_table_two_counts_the_registry_by_the_documented_rule(small):
    values = section_table(report_of(small, 2024), "二")["values"]
    assert values["rules"] == {"made": 1, "repealed": 0, "in_force": 2}
    assert values["normative_documents"] == {"made": 1, "repealed": 1, "in_force": 2}
    assert values["licensing"] == {"decisions": 585}
    assert values["charges"] == {"amount": "1.25"}
    assert values["penalty"] == {"decisions": 0}


def test_the_html_has_one_table_per_official_table_with_its_labels_and_spans(small):
    from lxml import html as lxml_html

    page = run("--agency", small.code, "--year", "2024", "--format", "html")
    tree = lxml_html.fromstring(page)
    tables = tree.xpath("//table")
    assert [t.get("data-table") for t in tables] == ["二", "三", "四"]
    headings = [h.text_content() for h in tree.xpath("//h2")]
    assert headings[:6] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]  # fmt: skip
    for table in tables:
        fmt = ReportFormat(table.get("data-format"))
        printed = [th.text_content() for th in table.xpath(".//th")]
        assert printed == list(layout(table.get("data-table"), fmt).labels())
    corner = tables[1].xpath(".//thead/tr[1]/th[1]")[0]
    assert (corner.text_content(), corner.get("rowspan"), corner.get("colspan")) == (
        CORNER,
        "3",
        "3",
    )
    new_total = tables[1].xpath('.//tr[@data-row="new"]/td[@data-column="total"]')[0]
    assert new_total.text_content() == "2"
    assert tree.xpath('//section[@class="checks"]//p')[0].text_content() == "全部检查通过"


def test_the_docx_keeps_the_tables_with_merged_cells(small, tmp_path):
    import docx

    out = tmp_path / "report.docx"
    run("--agency", small.code, "--year", "2024", "--format", "docx", "-o", str(out))
    document = docx.Document(str(out))
    assert document.sections[0].top_margin.mm == pytest.approx(37, abs=0.1)
    assert len(document.tables) == 3
    three = document.tables[1]
    assert three.cell(0, 0).text == CORNER
    assert three.cell(2, 2)._tc is three.cell(0, 0)._tc  # merged 3 × 3
    assert three.cell(0, 3).text == "申请人情况"
    new = next(r for r in three.rows if r.cells[0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in new.cells][3:] == ["1", "1", "0", "0", "0", "0", "2"]
    two = document.tables[0]
    assert any(c.text == "585" for r in two.rows for c in r.cells)


def test_the_pdf_embeds_its_cjk_font_and_reads_back_the_labels(small, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    run("--agency", small.code, "--year", "2024", "--format", "pdf", "-o", str(out))
    reader = PdfReader(str(out))
    text = "".join(page.extract_text() for page in reader.pages)
    compact = "".join(text.split())
    for label in (
        "政府信息公开工作年度报告",
        "本年新收政府信息公开申请数量",
        "结转下年度继续办理",
        "行政复议",
    ):
        assert label in compact
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    descriptors = [
        f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        for f in fonts
        if "/DescendantFonts" in f
    ]
    assert any("CJK" in str(f["/BaseFont"]) for f in fonts)
    assert all(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors)


def test_the_xlsx_has_a_sheet_per_table_with_merged_ranges(small, tmp_path):
    import openpyxl

    out = tmp_path / "report.xlsx"
    run("--agency", small.code, "--year", "2024", "--format", "xlsx", "-o", str(out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["表二", "表三", "表四"]
    three = book["表三"]
    merged = {str(r) for r in three.merged_cells.ranges}
    assert "A2:C4" in merged  # the corner, 3 × 3 under the heading row
    assert three["A2"].value == CORNER
    assert three["J5"].value == 2  # 一、本年新收 总计
    assert any(str(r).startswith("A") for r in book["表四"].merged_cells.ranges)


# Bad input and empty years ------------------------------------------------------------------


def test_a_year_without_data_is_an_empty_but_valid_report_with_a_notice(cast):
    data = report_of(cast.agency, 2023)
    assert data["notices"] == ["2023年没有可统计的记录，各表均为 0，请核实后再公开"]
    assert section_table(data, "三")["values"]["new"]["total"] == 0
    page = run("--agency", cast.agency.code, "--year", "2023", "--format", "html")
    assert 'class="notice"' in page


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--agency", "NOPE", "--year", "2024"), "no such agency"),
        (("--agency", "TESTA", "--year", "1999"), "bad year"),
        (("--agency", "TESTA", "--year", "20x4"), "bad year"),
        (("--agency", "TESTA", "--year", "2²"), "bad year"),  # a digit, but not 0-9
        (
            ("--agency", "TESTA", "--year", "2024", "-o", "/nonexistent/dir/r.json"),
            "no such folder",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(cast, args, words):
    with pytest.raises(CommandError) as caught:
        run(*args, "--format", "json")
    assert caught.value.returncode == 2
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_an_entered_figure_that_is_not_a_number_is_refused_with_its_cell(cast):
    ReportFigure.objects.create(agency=cast.agency, year=2024, key="penalty", value="很多")
    with pytest.raises(CommandError) as caught:
        run("--agency", cast.agency.code, "--year", "2024", "--format", "json")
    assert caught.value.returncode == 2
    assert "行政处罚" in str(caught.value) and "很多" in str(caught.value)


def test_the_command_is_called_annual_report_and_exits_2_with_one_line():
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "annual-report", "--agency", "X", "--year", "1900",
         "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "bad year" in result.stderr
