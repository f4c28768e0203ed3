"""The office asks for a draft of sections 一, 五 and 六 written from the year's records, edits
it and saves it as a version; the draft states the tables' own figures and leaves prompts that
block publication until they are filled in. Only those who may edit get a draft."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from gongkai.documents import services as documents
from gongkai.documents.columns import columns_install_standard
from gongkai.reports import selectors, services
from gongkai.reports.models import PublishedReport, ReportText, ReportTextVersion
from gongkai.testing import dismiss_findings

TZ = ZoneInfo("Asia/Shanghai")
IN_2019 = datetime(2019, 6, 10, 10, 0, tzinfo=TZ)
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)


def _url(agency, section, year=2019):
    return reverse("reports:text", args=[agency.code, year, section])


def _textarea(response) -> str:
    return html.fromstring(response.content).xpath("//textarea[@name='text']")[0].text_content()


@pytest.fixture
def published_2019(cast, shanghai):
    """One public notice published through the workflow on 10 June 2019."""
    columns_install_standard(actor=None, agency=cast.agency)
    column = cast.agency.columns.get(slug="tzgg")
    record = documents.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data={
            "title": "关于开展2019年低保年审的通知",
            "unit": cast.unit_a,
            "written_on": date(2019, 6, 3),
            "genre": "通知",
            "body": "<p>各县（区）民政局：……</p>",
            "attribute": "proactive",
        },
        columns=[column],
        now=IN_2019,
    )
    assert documents.record_submit(actor=cast.drafter_a, record=record, now=IN_2019) == []
    dismiss_findings(cast.reviewer, record, IN_2019)
    documents.record_pass_review(actor=cast.reviewer, record=record, notes="无", now=IN_2019)
    documents.record_approve(actor=cast.approver, record=record, now=IN_2019)
    return shanghai


def test_the_office_gets_a_draft_of_the_overview_with_the_years_figures(
    client, cast, published_2019
):
    agency = published_2019
    three = selectors.checked_report(agency, 2019).report.table("三")
    versions = ReportTextVersion.objects.count()
    client.force_login(cast.office)
    response = client.get(_url(agency, "一"), {"draft": "1"})
    assert response.status_code == 200
    text = _textarea(response)
    assert f"本年新收政府信息公开申请{three.value('new', 'total')}件" in text
    assert f"结转下年度继续办理{three.value('carried_forward', 'total')}件" in text
    assert "全年主动公开政府信息1条" in text
    assert "门户网站1条" in text and "“通知公告”栏目1条" in text
    assert "1条信息在形成或者变更之日起20个工作日内公开，均在期限内" in text
    assert "对1条拟公开信息进行了保密审查" in text
    assert b'data-testid="drafted"' in response.content
    # A draft is only an offer: nothing was saved.
    assert ReportText.objects.get(agency=agency, year=2019, section="一").text != text
    assert ReportTextVersion.objects.count() == versions


def test_a_saved_draft_blocks_publication_until_its_prompts_are_filled_in(
    client, cast, published_2019
):
    agency = published_2019
    client.force_login(cast.office)
    for section in ("一", "五", "六"):
        text = _textarea(client.get(_url(agency, section), {"draft": "1"}))
        assert client.post(_url(agency, section), {"text": text}).status_code == 302
    checked = selectors.checked_report(agency, 2019)
    assert {f.check.value for f in checked.blocking} == {"S2"}
    assert [f.check.value for f in checked.findings if f.check.value == "N1"] == []
    with pytest.raises(ValidationError):
        services.report_publish(
            actor=cast.office, agency=agency, year=2019, now=NOW, today=NOW.date()
        )

    for section in ("一", "五", "六"):
        current = ReportText.objects.get(agency=agency, year=2019, section=section).text
        filled = re.sub(r"【请填写：[^】]*】", "已按要求落实。", current)
        assert client.post(_url(agency, section), {"text": filled}).status_code == 302
    assert selectors.checked_report(agency, 2019).blocking == []
    services.report_publish(actor=cast.office, agency=agency, year=2019, now=NOW, today=NOW.date())
    assert PublishedReport.objects.filter(agency=agency, year=2019).count() == 1


def test_the_problems_draft_quotes_last_years_published_problems(client, cast, shanghai):
    PublishedReport.objects.create(
        agency=shanghai,
        year=2018,
        version=1,
        snapshot={"sections": [{"number": "五", "paragraphs": ["网站栏目更新不够及时。"]}]},
        html="",
        published_at=datetime(2019, 1, 20, tzinfo=TZ),
    )
    client.force_login(cast.office)
    text = _textarea(client.get(_url(shanghai, "五"), {"draft": "1"}))
    assert "上年度报告提出：「网站栏目更新不够及时」。" in text
    assert "超过期限公开的信息由上年0条变为本年0条" in text


def test_those_who_may_not_edit_get_no_draft(client, cast, shanghai):
    client.force_login(cast.supervisor)
    response = client.get(_url(shanghai, "一"), {"draft": "1"})
    assert response.status_code == 200
    assert b"<textarea" not in response.content and b"drafted" not in response.content
    for name in ("drafter_a", "reviewer", "other_office"):
        client.force_login(getattr(cast, name))
        assert client.get(_url(shanghai, "一"), {"draft": "1"}).status_code in (403, 404), name


def test_no_override_publishes_a_prompt_left_in_the_text(client, cast, published_2019):
    agency = published_2019
    client.force_login(cast.office)
    text = _textarea(client.get(_url(agency, "六"), {"draft": "1"}))
    assert client.post(_url(agency, "六"), {"text": text}).status_code == 302
    client.force_login(cast.approver)
    override = reverse("reports:override", args=[agency.code, 2019])
    assert client.post(override, {"reason": "领导同意先行公开"}).status_code == 302
    with pytest.raises(ValidationError) as refused:
        services.report_publish(
            actor=cast.office, agency=agency, year=2019, now=NOW, today=NOW.date()
        )
    assert "审批豁免不适用于未填写的提示" in str(refused.value)
    assert not PublishedReport.objects.exists()


def test_the_report_does_not_count_itself_among_the_years_publications(cast, published_2019):
    agency = published_2019
    published = services.report_publish(
        actor=cast.office, agency=agency, year=2019, now=NOW, today=NOW.date()
    )
    assert published.record.published_at.year == 2026
    assert selectors.published_count(agency, 2026) == 0
    assert selectors.published_count(agency, 2019) == 1
