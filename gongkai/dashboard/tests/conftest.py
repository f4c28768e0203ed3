"""The agency's year as the dashboard tests see it: public records published in February and
March 2026 through the records workflow, and applications handled through the services,
each a way a case can run (docs/statistics.md gives the definitions checked here)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gongkai.applications import services as cases
from gongkai.applications.intake import ApplicationData, application_register
from gongkai.documents import services as records
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.tests.conftest import NOW, policy_data, publish
from gongkai.testing import dismiss_findings

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 7, 1, 10, 0, tzinfo=TZ)  # the dashboard's "now" in the tests
STEPS_NOW = datetime(2026, 6, 30, 10, 0, tzinfo=TZ)  # after every step's day
FEBRUARY = datetime(2026, 2, 10, 10, 0, tzinfo=TZ)

PARTLY = {
    "provision": "提供2025年低保资金发放总额统计表1份",
    "withheld_parts": "统计表中个人身份信息不予公开，理由：涉及个人隐私（条例第15条）",
    "legal_basis": "《中华人民共和国政府信息公开条例》第三十七条",
    "remedies": "可于60日内申请行政复议，或6个月内提起行政诉讼",
}
NOT_HELD = {
    "does_not_exist": "经检索，本机关未制作、获取该政府信息",
    "legal_basis": "条例第36条第（四）项",
    "remedies": "可于60日内申请行政复议，或6个月内提起行政诉讼",
}


@pytest.fixture
def columns(cast):
    """The standard column tree, by short name (as in the records tests)."""
    columns_install_standard(actor=None, agency=cast.agency)
    return {c.slug: c for c in cast.agency.columns.all()}


@pytest.fixture
def frozen(monkeypatch):
    """The views read the clock: it reads 2026-07-01."""
    monkeypatch.setattr(timezone, "now", lambda: TODAY)
    return TODAY


@pytest.fixture
def published(cast, columns):
    """February: one record (政策文件, unit A) on time. March: one (政策文件, unit A) on time
    and also on WeChat, one (通知公告, unit B) written in January, so late (条例第26条); a
    withheld record that no figure counts."""

    def make(now, column, written_on, unit, **changes):
        record = records.record_create(
            actor=cast.drafter_a if unit == cast.unit_a else cast.drafter_b,
            agency=cast.agency,
            columns=[columns[column]] if column else [],
            now=now,
            data=policy_data(cast, document_number="", written_on=written_on, unit=unit, **changes),
        )
        if unit == cast.unit_b:  # publish() submits as drafter A
            records.record_submit(actor=cast.drafter_b, record=record, now=now)
            return _finish(cast, record, now)
        return publish(cast, record, now=now)

    february = make(FEBRUARY, "zcwj", date(2026, 2, 2), cast.unit_a)
    on_time = make(NOW, "zcwj", NOW.date() - timedelta(days=7), cast.unit_a)
    late = make(NOW, "tzgg", date(2026, 1, 5), cast.unit_b)
    records.release_record(
        actor=cast.office, record=on_time, channel="wechat", released_on=NOW.date()
    )
    records.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        now=NOW,
        data=policy_data(
            cast,
            document_number="",
            attribute="withheld",
            ground="process_information",
            attribute_reason="过程稿",
        ),
    )
    return {"february": february, "on_time": on_time, "late": late}


def _finish(cast, record, now):
    dismiss_findings(cast.reviewer, record, now)
    records.record_pass_review(actor=cast.reviewer, record=record, notes="无涉密内容", now=now)
    return records.record_approve(actor=cast.approver, record=record, now=now)


def register(cast, received: date, agency=None, name="张三"):
    agency = agency or cast.agency
    application, _code = application_register(
        agency=agency,
        data=ApplicationData(
            applicant_kind="natural_person",
            name=name,
            id_document="resident_id",
            id_number="11010519491231002X",
            phone="13812345678",
            description="2025年临翔区城乡低保资金发放总额",
            provision_form="paper",
            delivery="post",
        ),
        channel="in_person",
        now=datetime.combine(received, datetime.min.time(), tzinfo=TZ) + timedelta(hours=10),
        actor=cast.office if agency == cast.agency else cast.other_office,
        arrived=received,
    )
    return application


def assign(cast, case, day, unit):
    return cases.application_assign(
        actor=cast.office, application=case, day=day, now=STEPS_NOW, handler=cast.office, unit=unit
    )


def decide(cast, case, day, outcome, items, variant=""):
    return cases.application_decide(
        actor=cast.office,
        application=case,
        day=day,
        now=STEPS_NOW,
        outcome=outcome,
        variant=variant,
        items=items,
    )


@pytest.fixture
def applications(cast):
    """2025-12-01 received, due 12-29, still open on 12-31, replied 2026-01-05 (late);
    2026-03-02 received (unit A), replied 03-16 (10 working days, 部分公开);
    2026-03-02 received (unit B), due 03-30, replied 04-07 (late, 无法提供);
    2026-04-01 received, withdrawn 04-03 (其他处理: a conclusion, not a reply);
    2026-05-04 received (unit B), due 06-01, open on 07-01 (overdue);
    2026-06-22 received, open, not yet due; and a case of another agency."""
    december = assign(cast, register(cast, date(2025, 12, 1)), date(2025, 12, 2), cast.unit_a)
    december = decide(cast, december, date(2026, 1, 5), "partly_disclosed", PARTLY)
    quick = assign(cast, register(cast, date(2026, 3, 2)), date(2026, 3, 3), cast.unit_a)
    quick = decide(cast, quick, date(2026, 3, 16), "partly_disclosed", PARTLY)
    slow = assign(cast, register(cast, date(2026, 3, 2)), date(2026, 3, 3), cast.unit_b)
    slow = decide(cast, slow, date(2026, 4, 7), "not_held", NOT_HELD, "does_not_exist")
    withdrawn = cases.application_withdraw(
        actor=cast.office,
        application=register(cast, date(2026, 4, 1)),
        day=date(2026, 4, 3),
        now=STEPS_NOW,
    )
    stuck = assign(cast, register(cast, date(2026, 5, 4)), date(2026, 5, 5), cast.unit_b)
    fresh = register(cast, date(2026, 6, 22))
    register(cast, date(2026, 3, 2), agency=cast.other_agency, name="李四")
    return {
        "december": december,
        "quick": quick,
        "slow": slow,
        "withdrawn": withdrawn,
        "stuck": stuck,
        "fresh": fresh,
    }
