"""The whole report: six sections, section 六's fees, every check at once, and its JSON."""

import json
from datetime import date
from decimal import Decimal

from gongkai.core.annual_report import (
    AnnualReport,
    CaseFact,
    Check,
    FeeFact,
    RegistryCounts,
    RemedyFact,
    assemble,
    check_report,
    deadline_status,
    fees_of_year,
    report_json,
    table_four,
    table_three,
    table_two,
)
from gongkai.core.applications import ApplicantKind, Outcome, RemedyKind, RemedyResult

P = ApplicantKind.NATURAL_PERSON


def _report(
    year: int = 2024, overview: tuple[str, ...] = ("本年度共收到申请3件。",)
) -> AnnualReport:
    """Like 嘉兴市民政局 2024 (§10.2): 3 new, 1 carried over, 4 decided, none carried forward."""
    cases = [
        CaseFact(P, date(2023, 12, 25), Outcome.DISCLOSED, date(2024, 1, 10)),
        CaseFact(P, date(2024, 3, 1), Outcome.DISCLOSED, date(2024, 3, 8)),
        CaseFact(P, date(2024, 5, 1), Outcome.PARTLY_DISCLOSED, date(2024, 5, 20)),
        CaseFact(ApplicantKind.OTHER, date(2024, 6, 1), Outcome.OTHER, date(2024, 6, 3)),
    ]
    fees = [FeeFact(Decimal(380), date(2024, 5, 18)), FeeFact(Decimal(0), date(2024, 6, 1))]
    return assemble(
        agency="临沧市民政局",
        year=year,
        overview=overview,
        table_two=table_two(
            rules=RegistryCounts(0, 0, 0),
            normative=RegistryCounts(0, 0, 20),
            entered={"licensing": 585},
        ),
        table_three=table_three(cases, year),
        table_four=table_four(
            [RemedyFact(RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, year)], year
        ),
        problems=("信息更新不够及时。",),
        other=(),
        fees=fees_of_year(fees, year),
        published=1400,
    )


def test_the_report_has_the_six_sections_of_the_2021_format() -> None:
    report = _report()
    assert report.title == "临沧市民政局2024年政府信息公开工作年度报告"
    assert [s.heading for s in report.sections] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert report.table("三").value("carried_over", "total") == 1


def test_section_six_states_the_fees_collected() -> None:
    report = _report()
    assert (report.fees.cases, report.fees.amount) == (1, Decimal(380))
    assert (
        report.section("六").paragraphs[-1]
        == "2024 年有 1 件政府信息公开申请收取信息处理费，共计 380 元"
    )


def test_a_complete_consistent_report_passes_every_check() -> None:
    assert check_report(_report()) == []


def test_missing_prose_and_a_contradicting_sentence_are_named() -> None:
    report = _report(overview=("本年度共收到申请4件，收取信息处理费400元。",))
    found = check_report(report)
    assert [(f.check, f.expected, f.actual) for f in found] == [
        (Check.NARRATIVE, 3, 4),
        (Check.NARRATIVE, Decimal(380), 400),
    ]
    [missing] = check_report(_report(overview=("  ",)))
    assert missing.check is Check.MISSING_SECTION
    assert missing.message.text == "缺少“一、总体情况”的内容"


def test_last_years_report_feeds_the_cross_year_checks() -> None:
    last = _report(year=2023)
    found = check_report(_report(), last_year=last)
    # 2023's ledger leaves one case open at its end; the 2023 table 二 had 20 in force too
    assert found == []


def test_a_year_without_data_is_valid_and_says_so() -> None:
    report = assemble(
        agency="临沧市民政局",
        year=2017,
        overview=("本年度无数据。",),
        table_two=table_two(
            rules=RegistryCounts(0, 0, 0), normative=RegistryCounts(0, 0, 0), entered={}
        ),
        table_three=table_three([], 2017),
        table_four=table_four([], 2017),
        problems=("无。",),
        other=(),
        fees=fees_of_year([], 2017),
    )
    assert report.empty
    assert [n.text for n in report.notices] == [
        "2017年没有可统计的记录，各表均为 0，请核实后再公开"
    ]
    assert report.section("六").paragraphs == ("2017 年未收取信息处理费",)
    assert check_report(report) == []


def test_the_json_rendering_carries_sections_tables_checks_and_deadline() -> None:
    report = _report()
    findings = check_report(_report(overview=("本年度共收到申请4件。",)))
    data = report_json(
        report,
        agency_code="LCMZJ",
        findings=findings,
        deadline=deadline_status(2024, date(2025, 1, 20)),
    )
    text = json.dumps(data, ensure_ascii=False)
    again = json.loads(text)
    assert list(again) == [
        "schema", "agency", "year", "format", "title", "sections", "fees", "checks", "notices",
        "deadline",
    ]  # fmt: skip
    assert again["schema"] == "gongkai.annual-report/1"
    assert again["agency"] == {"code": "LCMZJ", "name": "临沧市民政局"}
    assert [s["number"] for s in again["sections"]] == list("一二三四五六")
    three = again["sections"][2]["table"]
    assert three["values"]["new"] == {
        "natural_person": 2, "commercial": 0, "research": 0, "public_interest": 0,
        "legal_service": 0, "other": 1, "total": 3,
    }  # fmt: skip
    corner = three["head"][0]["cells"][0]
    assert (corner["rowspan"], corner["colspan"], corner["role"]) == (3, 3, "header")
    first = three["body"][0]["cells"]
    assert first[0]["text"] == "一、本年新收政府信息公开申请数量" and first[1]["value"] == 2
    two = again["sections"][1]["table"]
    assert two["values"]["charges"] == {"amount": "0"}
    assert again["checks"]["passed"] is False
    assert again["checks"]["findings"][0]["check"] == "N1"
    assert again["deadline"] == {
        "due": "2025-01-31", "days_left": 11, "remind": True, "overdue": False,
        "message": "2024年政府信息公开工作年度报告应于 2025-01-31 前公开，还剩 11 天",
    }  # fmt: skip
    assert again["fees"] == {
        "cases": 1,
        "amount": "380",
        "sentence": "2024 年有 1 件政府信息公开申请收取信息处理费，共计 380 元",
    }
