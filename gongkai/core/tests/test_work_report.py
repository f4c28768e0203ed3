"""The yearly work report's rules: entries as typed, the computed-or-entered switch, rates,
the consistency checks and the report in the seed's structure (临民字〔2018〕2号)."""

from decimal import Decimal
from typing import Any

import pytest

from gongkai.core import work_report as wr
from gongkai.core.work_report import Check, Source, Value
from gongkai.core.workcalendar import MessageError

# The figures of the seed (临民字〔2018〕2号, on 2017) as the office types them.
SEED_ENTRIES = {
    "consultations_received": "15",
    "consultations_answered": "15",
    "hotline_number": "96128",
    "hotline_reply_rate": "100",
    "hotline_satisfaction": "100%",
    "visitors": "300多",
    "petitions_received": "13",
    "petitions_closed": "12",
    "petitions_online": "8",
    "petitions_in_progress": "1",
    "cppcc_proposals": "4",
    "cppcc_lead": "2",
    "cppcc_assisting": "2",
    "npc_meetings": "8",
}
SEED_RECORDS = wr.ModuleFigures(
    wr.DOCUMENTS,
    {
        "published": 1400,
        "website_items": 1400,
        "wechat_items": 435,
        "interpretations": 3,
        "principal_interpretations": 3,
    },
    has_data=True,
)
NO_APPLICATIONS = wr.ModuleFigures(wr.APPLICATIONS, {}, has_data=False)


def entered(raw: dict[str, str]) -> dict[str, Value]:
    values, errors = wr.clean_entered(raw)
    assert not errors
    return values


def seed_report(**changes: str) -> wr.WorkReport:
    figures = wr.resolve([SEED_RECORDS, NO_APPLICATIONS], entered(SEED_ENTRIES | changes))
    prose = {"practices": "（一）加强统筹指导。", "problems": "（一）存在的主要问题。"}
    tasks = [wr.TaskRow("完善政务公开制度", "局办公室", "2017年6月底前", "已完成")]
    return wr.assemble(
        agency="临沧市民政局",
        year=2017,
        figures=figures,
        prose=prose,
        tasks=tasks,
    )


@pytest.mark.parametrize(
    ("key", "typed", "number", "shown"),
    [
        ("visitors", "300多", 300, "300多"),  # the seed: 接待群众来访300多人次
        ("visitors", "300+", 300, "300多"),
        ("visitors", " 1,204 ", 1204, "1204"),
        ("petitions_received", "13", 13, "13"),
        ("petitions_received", "0", 0, "0"),
        ("hotline_satisfaction", "100%", Decimal(100), "100%"),
        ("hotline_satisfaction", "98.5", Decimal("98.5"), "98.5%"),
        ("hotline_number", "96128", "96128", "96128"),
    ],
)
def test_entries_are_read_as_the_office_types_them(
    key: Any, typed: Any, number: Any, shown: Any
) -> None:
    value = wr.parse_entered(key, typed)
    assert value is not None and value.number == number and value.shown == shown


@pytest.mark.parametrize(
    ("key", "typed", "code", "words"),
    [
        ("petitions_received", "-1", "figure.negative", "“接收信访件”不能为负数"),
        ("petitions_received", "十三", "figure.not_a_number", "“接收信访件”应为数字"),
        ("petitions_received", "12.5", "figure.not_whole", "“接收信访件”应为整数"),
        ("petitions_received", "300多", "figure.not_a_number", "应为数字"),  # only rough counts
        ("visitors", "NaN", "figure.not_a_number", "“接待群众来访”应为数字"),
        (
            "hotline_satisfaction",
            "101",
            "figure.percent_range",
            "“热线来电满意度”应在 0 至 100 之间",
        ),
        ("hotline_satisfaction", "-5", "figure.negative", "不能为负数"),
        ("hotline_satisfaction", "99.95", "figure.percent_precision", "最多保留 1 位小数"),
        ("hotline_number", "9" * 41, "figure.text_too_long", "不能超过 40 个字"),
        ("no_such_figure", "1", "figure.unknown", "no_such_figure"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_figure(
    key: Any, typed: Any, code: Any, words: Any
) -> None:
    with pytest.raises(MessageError) as refused:
        wr.parse_entered(key, typed)
    assert refused.value.message.code == code and words in refused.value.message.text


def test_clean_entered_reports_every_bad_figure_and_leaves_blanks_out() -> None:
    values, errors = wr.clean_entered(
        {"visitors": "-3", "petitions_received": "x", "npc_meetings": " "}
    )
    assert set(errors) == {"visitors", "petitions_received"} and values == {}


@pytest.mark.parametrize(
    ("answered", "received", "shown"),
    [(15, 15, "100%"), (2, 3, "66.7%"), (1, 8, "12.5%"), (0, 4, "0%"), (0, 0, ""), (None, 5, "")],
)
def test_reply_rate_is_answered_over_received(answered: Any, received: Any, shown: Any) -> None:
    assert wr.percent_shown(wr.rate(answered, received)) == shown


def test_a_module_with_data_wins_over_an_entry_and_the_entry_is_named() -> None:
    records = wr.ModuleFigures(wr.DOCUMENTS, {"website_items": 1400}, has_data=True)
    figures = wr.resolve([records], entered({"website_items": "1300"}))
    website = figures["website_items"]
    assert (website.value, website.source) == (Value(1400), Source.COMPUTED)
    assert website.overridden == Value(1300)
    findings = [f for f in wr.assemble(agency="局", year=2017, figures=figures, prose={}).findings]
    assert any(
        f.check is Check.ENTRY_SET_ASIDE and "填报为 1300" in f.message.text for f in findings
    )


def test_an_entry_is_used_for_a_year_the_module_holds_nothing_of() -> None:
    empty = wr.ModuleFigures(wr.DOCUMENTS, {}, has_data=False)
    figures = wr.resolve([empty], entered({"website_items": "1400"}))
    assert (figures["website_items"].count, figures["website_items"].source) == (
        1400,
        Source.ENTERED,
    )
    # Nothing of that year is in Gongkai: an unentered figure is missing, not a computed 0.
    assert (figures["wechat_items"].count, figures["wechat_items"].source) == (None, Source.MISSING)


def test_a_modules_zero_is_real_in_a_year_gongkai_was_in_use() -> None:
    documents = wr.ModuleFigures(wr.DOCUMENTS, {"published": 1400}, has_data=True)
    applications = wr.ModuleFigures(wr.APPLICATIONS, {}, has_data=False)
    figures = wr.resolve([documents, applications], {})
    received = figures["applications_received"]
    assert (received.count, received.source) == (0, Source.COMPUTED)


def test_a_module_gongkai_does_not_have_is_entered_or_missing() -> None:
    figures = wr.resolve([], entered({"visitors": "300多"}))
    assert figures["visitors"].source is Source.ENTERED
    assert figures["petitions_received"].source is Source.MISSING
    assert figures["published"].source is Source.MISSING  # no documents module given


def test_the_seed_report_states_every_figure_in_its_structure() -> None:
    report = seed_report()
    assert report.title == "临沧市民政局关于2017年政府信息与政务公开工作落实情况的自查报告"
    assert [s.heading for s in report.sections] == [
        "一、落实情况",
        "二、主要做法",
        "三、存在问题和下步工作打算",
    ]
    text = "".join(report.section("implementation").paragraphs)
    for phrase in (
        "主动公开政府信息共1400条，按发布渠道统计：通过门户网站发布1400条、微信公众号发布435条",
        "解读重要政策措施3次",
        "收到政协提案4件，其中主办2件、协办2件",
        "召开人大代表建议办理面商会8次",
        "年内未收到政府信息公开申请",
        "收到网上咨询15条，回复15条，回复率100%",
        "“96128”热线来电回复率和满意度均为100%",
        "接待群众来访300多人次",
        "接收信访件13件，办结12件（其中网上信访8件），1件正在办理中",
    ):
        assert phrase in text, phrase
    assert report.rates["consultations_reply_rate"] == Decimal(100)
    assert not any(f.blocking for f in report.findings) and not report.notices


@pytest.mark.parametrize(
    ("changes", "check", "words"),
    [
        (
            {"petitions_closed": "14"},
            Check.PART_OF_WHOLE,
            "“办结信访件”（14）不能大于“接收信访件”（13）",
        ),
        ({"consultations_answered": "16"}, Check.PART_OF_WHOLE, "“回复网上咨询”（16）"),
        ({"cppcc_lead": "3"}, Check.LEAD_AND_ASSISTING, "之和（5）应等于“政协提案”（4）"),
        (
            {"petitions_in_progress": "0"},
            Check.PETITIONS_BALANCE,
            "之和（12）不等于“接收信访件”（13）",
        ),
        (
            {"hotline_calls": "200", "hotline_answered": "190"},
            Check.RATE_AGAINST_COUNTS,
            "应为 95%",
        ),
    ],
)
def test_inconsistent_figures_are_named_findings(changes: Any, check: Any, words: Any) -> None:
    found = [f for f in seed_report(**changes).findings if f.check is check]
    assert len(found) == 1 and words in found[0].message.text
    assert found[0].blocking == (check in (Check.PART_OF_WHOLE, Check.LEAD_AND_ASSISTING))


def test_a_rough_count_is_not_checked_against_its_parts() -> None:
    report = seed_report(hotline_calls="300多", hotline_answered="310")
    assert not [f for f in report.findings if f.check is Check.PART_OF_WHOLE]
    assert report.rates["hotline_reply_rate"] == Decimal(100)  # as entered


def test_missing_prose_and_figures_are_warnings() -> None:
    figures = wr.resolve([SEED_RECORDS], {})
    report = wr.assemble(agency="局", year=2017, figures=figures, prose={})
    checks = {f.check for f in report.findings}
    assert {Check.PROSE_MISSING, Check.NOT_ENTERED} <= checks
    assert not any(f.blocking for f in report.findings)
    assert report.closing == ("局",)  # without a closing the agency signs


def test_a_year_without_any_data_is_an_empty_valid_report_with_a_notice() -> None:
    figures = wr.resolve([wr.ModuleFigures(wr.DOCUMENTS, {}, False), NO_APPLICATIONS], {})
    report = wr.assemble(agency="临沧市民政局", year=2016, figures=figures, prose={})
    assert report.empty and not report.findings
    assert all(not s.paragraphs for s in report.sections)
    assert report.notices[0].text.startswith("2016年没有可统计的记录")
    data: dict[str, Any] = wr.report_json(report, agency_code="LCMZJ")
    assert data["notices"] == [report.notices[0].text] and data["checks"]["passed"] is True


def test_the_json_shape_is_stable() -> None:
    data: dict[str, Any] = wr.report_json(seed_report(), agency_code="LCMZJ")
    assert list(data) == [
        "schema",
        "agency",
        "year",
        "title",
        "opening",
        "sections",
        "closing",
        "figures",
        "rates",
        "attachment",
        "checks",
        "notices",
    ]
    assert data["schema"] == "gongkai.work-report/1"
    assert data["figures"]["website_items"] == {
        "label": "门户网站发布信息",
        "unit": "条",
        "module": "documents",
        "source": "computed",
        "value": 1400,
    }
    assert data["figures"]["visitors"]["value"] == "300多"
    assert data["figures"]["letters_received"]["value"] is None
    assert data["rates"]["consultations_reply_rate"] == "100"
    assert data["attachment"]["rows"][0] == {
        "number": 1,
        "task": "完善政务公开制度",
        "unit": "局办公室",
        "schedule": "2017年6月底前",
        "status": "已完成",
    }


def test_every_figure_has_a_label_a_module_and_a_unique_key() -> None:
    keys = [f.key for f in wr.FIGURES]
    assert len(keys) == len(set(keys))
    assert all(f.label and f.module for f in wr.FIGURES)
    assert set(wr.CHANNEL_KEYS.values()) <= set(keys)


@pytest.mark.parametrize("typed", ["1e5000", "1000000001", "9" * 5000 + "多"])
def test_an_entry_beyond_a_billion_is_refused_naming_the_figure(typed: str) -> None:
    with pytest.raises(MessageError) as refused:
        wr.parse_entered("visitors", typed)
    assert refused.value.message.code == "figure.too_large"
    assert "“接待群众来访”数值过大" in refused.value.message.text
