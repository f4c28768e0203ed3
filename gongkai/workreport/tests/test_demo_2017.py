"""The demo's 2017 work report of 临沧市民政局 reproduces every figure of the seed
(临民字〔2018〕2号), computed from 2017 records where Gongkai holds them and entered by the
office where it does not — in the JSON, the HTML, the DOCX and the PDF."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from lxml import html as lxml_html

from gongkai.accounts.models import Agency
from gongkai.demo.history import NOTE, WEBSITE_ITEMS, WECHAT_ITEMS
from gongkai.demo.load import load_demo
from gongkai.documents.models import Record, Release
from gongkai.documents.selectors import public_records
from gongkai.workreport import render, selectors

# Each seed figure: (the JSON figure, its value, its source, the phrase the report prints).
SEED_FIGURES = [
    ("website_items", 1400, "computed", "通过门户网站发布1400条"),
    ("wechat_items", 435, "computed", "微信公众号发布435条"),
    ("cppcc_proposals", 4, "entered", "收到政协提案4件"),
    ("cppcc_lead", 2, "entered", "其中主办2件"),
    ("cppcc_assisting", 2, "entered", "协办2件"),
    ("npc_meetings", 8, "entered", "召开人大代表建议办理面商会8次"),
    ("principal_interpretations", 3, "computed", "解读重要政策措施3次"),
    ("consultations_received", 15, "entered", "收到网上咨询15条"),
    ("consultations_answered", 15, "entered", "回复15条，回复率100%"),
    ("visitors", "300多", "entered", "接待群众来访300多人次"),
    ("petitions_received", 13, "entered", "接收信访件13件"),
    ("petitions_closed", 12, "entered", "办结12件"),
    ("petitions_online", 8, "entered", "其中网上信访8件"),
    ("petitions_in_progress", 1, "entered", "1件正在办理中"),
    ("applications_received", 0, "computed", "年内未收到政府信息公开申请"),
    ("hotline_reply_rate", "100", "entered", "“96128”热线来电回复率和满意度均为100%"),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One demo load for the module's read-only checks, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        agency = Agency.objects.get(code="LCMZJ")
        yield agency, selectors.work_report(agency, 2017)
        transaction.set_rollback(True)


def texts(report) -> str:
    return "".join(p for s in report.sections for p in s.paragraphs)


@pytest.mark.parametrize(("key", "value", "source", "phrase"), SEED_FIGURES)
def test_the_2017_report_reproduces_the_seed_figure(demo, db, key, value, source, phrase):
    agency, report = demo
    data = json.loads(render.report_json_text(report, agency.code))
    assert data["figures"][key]["value"] == value
    assert data["figures"][key]["source"] == source
    assert phrase in texts(report)


def test_rates_and_checks_of_the_2017_report(demo, db):
    agency, report = demo
    data = json.loads(render.report_json_text(report, agency.code))
    assert data["rates"]["consultations_reply_rate"] == "100"
    assert data["rates"]["hotline_satisfaction"] == "100"
    assert data["checks"]["passed"] is True and data["notices"] == []
    assert data["title"] == "临沧市民政局关于2017年政府信息与政务公开工作落实情况的自查报告"
    assert data["attachment"]["rows"][1]["task"].startswith("推进政务公开平台建设")


def test_the_figures_come_from_real_records_of_2017(demo, db):
    agency, _report = demo
    history = public_records().filter(agency=agency, note=NOTE)
    assert history.count() == WEBSITE_ITEMS
    assert {r.published_at.year for r in history} == {2017}
    releases = Release.objects.filter(record__in=history)
    assert releases.filter(channel="website").count() == WEBSITE_ITEMS
    assert releases.filter(channel="wechat").count() == WECHAT_ITEMS
    principal = history.filter(by_principal=True)
    assert principal.count() == 3
    assert all(r.interprets.published_at == r.published_at for r in principal)
    numbers = sorted(history.values_list("index_number", flat=True))
    assert numbers[0] == "LCMZJ/2017-00001" and numbers[-1] == "LCMZJ/2017-01400"
    assert not history.filter(columns=None).exists()
    seed = Record.objects.get(document_number="临民字〔2018〕2号")
    assert seed.index_number == "LCMZJ/2018-00001"


def test_loading_the_demo_again_adds_no_2017_record_nor_entry(demo, db):
    agency, report = demo
    records = Record.objects.count()
    done = load_demo()
    assert Record.objects.count() == records
    assert not [line for line in done if "2017" in line]
    assert selectors.work_report(agency, 2017) == report


def test_the_html_has_the_seed_structure_and_figures(demo, db):
    agency, report = demo
    page = lxml_html.fromstring(render.report_html(report))
    headings = [h.text_content() for h in page.iter("h2")]
    assert headings[:3] == ["一、落实情况", "二、主要做法", "三、存在问题和下步工作打算"]
    assert headings[3] == "附件：临沧市民政局2017年政务公开工作要点分工方案落实情况"
    text = page.text_content()
    for _key, _value, _source, phrase in SEED_FIGURES:
        assert phrase in text, phrase
    assert "下属事业单位的政务动态公开不及时" in text  # the seed's 存在问题
    rows = page.xpath("//table[@class='tasks']//tr")
    assert [c.text_content() for c in rows[0]] == [
        "序号",
        "工作任务",
        "责任单位",
        "完成时限",
        "落实情况",
    ]
    assert len(rows) == 1 + 9


def test_the_docx_reads_back_with_the_figures(demo, db):
    from docx import Document

    _agency, report = demo
    document = Document(io.BytesIO(render.report_docx(report)))
    text = "".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == report.title
    for _key, _value, _source, phrase in SEED_FIGURES:
        assert phrase in text, phrase
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "工作任务",
        "责任单位",
        "完成时限",
        "落实情况",
    ]
    assert len(table.rows) == 10


def test_the_pdf_text_has_the_labels_and_figures(demo, db):
    from pypdf import PdfReader

    _agency, report = demo
    reader = PdfReader(io.BytesIO(render.report_pdf(report)))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    for phrase in (
        "一、落实情况",
        "门户网站发布1400条",
        "微信公众号发布435条",
        "接待群众来访300多人",  # a page may end before 次
        "信访件13件",
    ):
        assert phrase in text, phrase
    assert len(reader.pages) >= 3


def test_the_command_writes_the_2017_report(demo, db, tmp_path, capsys):
    out = tmp_path / "2017.json"
    call_command(
        "work-report", "--agency", "LCMZJ", "--year", "2017", "--format", "json", "-o", str(out)
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["figures"]["website_items"]["value"] == 1400
    assert "已写入" in capsys.readouterr().err


def test_another_year_of_the_demo_does_not_count_2017(demo, db):
    agency, _report = demo
    later = selectors.work_report(agency, 2025)
    assert 0 < later.figures["website_items"].count < 100
    assert later.figures["visitors"].value is None
