from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.documents import services
from gongkai.documents.columns import columns_install_standard
from gongkai.testing import dismiss_findings
from gongkai.testing_browser import (  # noqa: F401 (fixtures and hook for the browser tests)
    browser,
    live_server,
    page,
    plain_http,
    pytest_terminal_summary,
)

NOW = datetime(2026, 3, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def policy_data(cast, **overrides):
    data = {
        "title": "临沧市最低生活保障实施细则",
        "unit": cast.unit_a,
        "issuing_body": "测试市民政局",
        "document_number": "临民发[2026]3号",
        "written_on": date(2026, 3, 2),
        "subject": "民政、扶贫、救灾\\社会福利",
        "genre": "通知",
        "summary": "规范低保的申请、审核和发放。",
        "body": "<p>为规范<b>低保</b>工作……</p>",
        "attribute": "proactive",
    }
    return data | overrides


@pytest.fixture
def columns(cast):
    columns_install_standard(actor=None, agency=cast.agency)
    return {c.slug: c for c in cast.agency.columns.all()}


@pytest.fixture
def draft(cast, columns):
    return services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast),
        columns=[columns["zcwj"]],
        now=NOW,
    )


def publish(cast, record, now=NOW):
    assert services.record_submit(actor=cast.drafter_a, record=record, now=now) == []
    dismiss_findings(cast.reviewer, record, now)
    services.record_pass_review(actor=cast.reviewer, record=record, notes="无涉密内容", now=now)
    return services.record_approve(actor=cast.approver, record=record, now=now)
