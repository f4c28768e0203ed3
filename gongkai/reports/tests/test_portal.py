"""Publishing the annual report puts it on the portal as a record of the 政府信息公开年报
column: the public reads the six sections with the official tables (merged cells intact) and no
check results; a correction replaces the text in the same record with the note of what changed;
a report that would publish personal data is refused and nothing is saved."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Record, RecordEvent
from gongkai.reports import services
from gongkai.reports.models import PublishedReport, ReportText

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
LATER = datetime(2026, 12, 3, 9, 0, tzinfo=TZ)


def _publish(cast, agency, note="", now=NOW):
    return services.report_publish(
        actor=cast.office, agency=agency, year=2019, note=note, now=now, today=now.date()
    )


def test_the_published_report_is_a_public_record_of_the_annual_report_column(
    client, cast, shanghai
):
    frozen = _publish(cast, shanghai)
    record = frozen.record
    assert record.status == Record.Status.PUBLISHED and record.is_public
    assert record.title == "测试市民政局2019年政府信息公开工作年度报告"
    assert [c.name for c in record.columns.all()] == ["政府信息公开年报"]
    assert record.genre == "报告" and record.index_number
    assert AuditEvent.objects.filter(action="record.approve", object_id=str(record.pk)).exists()

    client.logout()
    page = client.get(reverse("portal:record", args=[record.pk]))
    assert page.status_code == 200
    tree = html.fromstring(page.content)
    body_tables = tree.xpath("//table[contains(@class, 'report-table')]")
    assert len(body_tables) == 3
    three = body_tables[1]
    assert three.xpath(".//th[@rowspan='3' and @colspan='3']")  # the merged corner cell
    text = page.content.decode()
    assert "一、本年新收政府信息公开申请数量" in text and "结转下年度继续办理" in text
    assert "检查结果" not in text
    column = record.columns.get()
    listing = client.get(reverse("portal:column", args=[column.pk])).content.decode()
    assert record.title in listing
    xxgk = client.get(reverse("portal:xxgk", args=[shanghai.code])).content.decode()
    assert record.title in xxgk  # the 政府信息公开 page lists the annual reports


def test_a_correction_replaces_the_text_of_the_same_record_with_its_note(client, cast, shanghai):
    first = _publish(cast, shanghai)
    text = ReportText.objects.get(agency=shanghai, year=2019, section="五")
    text.text = "答复说理不够充分，已组织专题培训。"
    text.save()
    second = _publish(cast, shanghai, note="修改第五部分的表述", now=LATER)
    assert second.record == first.record
    record = Record.objects.get(pk=first.record.pk)
    # The dates, 索引号 and attribute stay those of the first publication.
    original = first.record
    assert (record.written_on, record.formed_on, record.published_at, record.index_number) == (
        original.written_on,
        original.formed_on,
        original.published_at,
        original.index_number,
    )
    assert record.body.index(
        "更正说明（2026-12-03，第2版）：修改第五部分的表述"
    ) < record.body.index("一、总体情况")
    assert "已组织专题培训" in record.body
    assert RecordEvent.objects.filter(record=record, step="correct").count() == 1
    correction = AuditEvent.objects.get(action="record.correct", object_id=str(record.pk))
    assert correction.reason == "修改第五部分的表述"
    assert set(correction.changes) == {"body"}  # the title and summary did not change
    assert Record.objects.filter(title=record.title).count() == 1


def test_a_report_whose_text_holds_an_identity_number_is_not_published(cast, shanghai):
    ReportText.objects.filter(agency=shanghai, year=2019, section="六").update(
        text="申请人张三（身份证号530102199003071238）的申请已办结。"
    )
    with pytest.raises(ValidationError) as refused:
        _publish(cast, shanghai)
    said = str(refused.value)
    assert "cn_resident_id 5301" in said and "530102199003071238" not in said
    assert not PublishedReport.objects.exists()
    assert not Record.objects.filter(genre="报告").exists()
