"""Rules of proactive disclosure: attributes with reasons (退文), the workflow, numbers."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.disclosure import (
    DEFAULT_INDEX_TEMPLATE,
    GROUNDS,
    PUBLIC_ATTRIBUTES,
    TRANSITIONS,
    Attribute,
    Ground,
    Status,
    Step,
    TransitionError,
    attribute_problems,
    check_index_template,
    next_status,
    normalize_document_number,
    publication_timeliness,
    render_index_number,
)
from gongkai.core.workcalendar import WorkCalendar


def test_only_proactive_and_redacted_records_are_public() -> None:
    assert {Attribute.PROACTIVE, Attribute.REDACTED} == PUBLIC_ATTRIBUTES


@pytest.mark.parametrize(
    ("attribute", "ground", "reason", "problems"),
    [
        ("proactive", "", "", 0),  # 主动公开 needs no reason
        ("", "", "", 1),  # no attribute at all: 退文
        ("withheld", "", "", 2),  # 不公开 without basis and reason: 退文 naming both
        ("withheld", "process_information", "", 1),
        ("on_request", "not_of_public_interest", "仅涉及特定申请人", 0),
        ("redacted", "third_party", "含个人信息，删除后公开", 0),
    ],
)
def test_a_record_without_its_attribute_or_reason_is_returned(
    attribute: str, ground: str, reason: str, problems: int
) -> None:
    # 临民字〔2018〕2号: drafts without an attribute or without reasons are sent back.
    assert len(attribute_problems(attribute, ground, reason)) == problems


def test_the_grounds_carry_the_annual_report_short_names() -> None:
    # reference proactive.md §6 / annual-report table 三
    assert GROUNDS[Ground.STATE_SECRET].report_label == "属于国家秘密"
    assert GROUNDS[Ground.THREE_SECURITIES].report_label == "危及“三安全一稳定”"
    assert GROUNDS[Ground.PROCESS_INFORMATION].article == "条例第十六条第二款"


def test_the_workflow_runs_from_draft_through_review_and_approval_to_publication() -> None:
    status = Status.DRAFT
    for step in (Step.SUBMIT, Step.PASS_REVIEW, Step.APPROVE):
        status = next_status(status, step)
    assert status == Status.PUBLISHED
    assert next_status(status, Step.REVOKE) == Status.REVOKED


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.DRAFT, Step.APPROVE),  # no skipping review by a crafted POST
        (Status.SUBMITTED, Step.APPROVE),
        (Status.PUBLISHED, Step.APPROVE),  # no publishing twice
        (Status.REVOKED, Step.APPROVE),
        (Status.DRAFT, Step.REVOKE),
    ],
)
def test_steps_out_of_order_are_refused(status: Status, step: Step) -> None:
    with pytest.raises(TransitionError):
        next_status(status, step)


def test_every_step_before_publication_can_return_the_record_to_its_drafter() -> None:
    for status in (Status.SUBMITTED, Status.REVIEWED, Status.SCHEDULED):
        assert TRANSITIONS[(status, Step.RETURN)] == Status.DRAFT


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("临民字〔2018〕2号", "临民字〔2018〕2号"),
        ("临民字[2018]2号", "临民字〔2018〕2号"),
        ("临民字（2018）2号", "临民字〔2018〕2号"),
        ("临民字 【2018】 12号", "临民字〔2018〕12号"),
        ("国办发〔2017〕47号", "国办发〔2017〕47号"),
    ],
)
def test_document_numbers_take_the_official_brackets(typed: str, normal: str) -> None:
    assert normalize_document_number(typed) == normal


@pytest.mark.parametrize(
    "bad", ["2018-2", "临民字〔18〕2号", "临民字〔2018〕02号", "〔2018〕2号", "临民字〔2018〕2"]
)
def test_malformed_document_numbers_are_explained(bad: str) -> None:
    with pytest.raises(ValueError, match="文号"):
        normalize_document_number(bad)


def test_the_default_index_number_has_the_central_government_shape() -> None:
    # reference proactive.md §10: 000014349/2017-00110
    number = render_index_number(DEFAULT_INDEX_TEMPLATE, agency_code="LCMZJ", year=2018, seq=7)
    assert number == "LCMZJ/2018-00007"


@pytest.mark.parametrize(
    ("template", "message"),
    [("{agency_code}/{year}", "流水号"), ("{agency}/{seq}", "未知字段"), ("{seq", "无法解析")],
)
def test_unusable_index_templates_are_refused(template: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_index_template(template)


@given(st.integers(1, 99999), st.integers(1, 99999))
def test_different_serials_give_different_index_numbers(a: int, b: int) -> None:
    def render(n: int) -> str:
        return render_index_number(DEFAULT_INDEX_TEMPLATE, agency_code="X", year=2026, seq=n)

    assert (render(a) == render(b)) == (a == b)


def test_publication_later_than_20_working_days_is_late() -> None:
    calendar = WorkCalendar()
    # 条例第26条. 2026-03-02 + 20 working days = 2026-03-30 (reference applications.md §6)
    on_time = publication_timeliness(calendar, formed=date(2026, 3, 2), published=date(2026, 3, 30))
    late = publication_timeliness(calendar, formed=date(2026, 3, 2), published=date(2026, 3, 31))
    assert (on_time.working_days, on_time.late) == (20, False)
    assert (late.working_days, late.late) == (21, True)
