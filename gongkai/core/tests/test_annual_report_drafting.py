"""Drafts of sections 一, 五 and 六 from the data: they state the tables' own figures (so N1
holds on an unedited draft), say plainly what the records show, and leave a 【请填写：…】
prompt — which S2 refuses — where no record can tell."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from gongkai.core.annual_report import (
    AnnualReport,
    CaseFact,
    Check,
    DisclosureFacts,
    FeeFact,
    LastYear,
    RegistryCounts,
    RemedyFact,
    assemble,
    check_report,
    draft,
    fees_of_year,
    table_four,
    table_three,
    table_two,
)
from gongkai.core.applications import ApplicantKind, Outcome, RemedyKind, RemedyResult

P, C = ApplicantKind.NATURAL_PERSON, ApplicantKind.COMMERCIAL
NORMATIVE = RegistryCounts(3, 1, 20)  # made, repealed, in force
NO_LAST_YEAR = LastYear()
FACTS = DisclosureFacts(
    published=120,
    channels=(("政府网站", 120), ("政务微信", 35), ("政务微博", 0)),
    columns=(("通知公告", 40), ("政策文件", 25), ("社会救助", 30)),
    on_time=110,
    late=4,
    interpretations=2,
    by_principal=1,
    reviewed=118,
    redacted=3,
)


def _report(
    *,
    cases: list[CaseFact] | None = None,
    remedies: list[RemedyFact] | None = None,
    normative: RegistryCounts = NORMATIVE,
    year: int = 2024,
    published: int | None = 120,
) -> AnnualReport:
    if cases is None:
        cases = [
            CaseFact(P, date(2023, 12, 25), Outcome.DISCLOSED, date(2024, 1, 10)),
            CaseFact(P, date(2024, 3, 1), Outcome.DISCLOSED, date(2024, 3, 8)),
            CaseFact(P, date(2024, 5, 1), Outcome.PARTLY_DISCLOSED, date(2024, 5, 20)),
            CaseFact(C, date(2024, 6, 1), Outcome.NOT_HELD, date(2024, 6, 20)),
            CaseFact(C, date(2024, 12, 28)),
        ]
    if remedies is None:
        remedies = [RemedyFact(RemedyKind.RECONSIDERATION, RemedyResult.CORRECTED, year)]
    return assemble(
        agency="临沧市民政局",
        year=year,
        overview=(),
        table_two=table_two(rules=RegistryCounts(0, 0, 0), normative=normative, entered={}),
        table_three=table_three(cases, year),
        table_four=table_four(remedies, year),
        problems=(),
        other=(),
        fees=fees_of_year([FeeFact(Decimal(0), date(year, 5, 1))], year),
        published=published,
    )


def _with_draft(report: AnnualReport, last: LastYear = NO_LAST_YEAR) -> AnnualReport:
    drafted = draft(report, FACTS, last).sections
    sections = tuple(
        replace(s, paragraphs=(*drafted[s.number], *s.paragraphs)) if s.number in drafted else s
        for s in report.sections
    )
    return replace(report, sections=sections)


def _text(report: AnnualReport, number: str) -> str:
    return "\n".join(report.section(number).paragraphs)


def test_the_overview_states_the_years_figures_by_channel_column_and_case_result() -> None:
    report = _with_draft(_report())
    text = _text(report, "一")
    assert "全年主动公开政府信息120条" in text
    assert "政府网站120条、政务微信35条" in text and "政务微博" not in text.split("（四）")[0]
    assert "发布较多的栏目是：“通知公告”栏目40条、“社会救助”栏目30条、“政策文件”栏目25条" in text
    assert "110条信息在形成或者变更之日起20个工作日内公开，4条超过期限" in text
    assert "发布政策解读2篇，其中主要负责人解读1篇" in text
    assert "本年新收政府信息公开申请4件，上年结转1件；办结4件" in text
    assert "予以公开2件、部分公开1件、无法提供1件" in text
    assert "结转下年度继续办理1件" in text
    assert "行政复议1件、行政诉讼0件" in text
    assert "本年制发规范性文件3件，废止1件，年末现行有效20件" in text
    assert "对118条拟公开信息进行了保密审查，其中3条删减后公开" in text


def test_an_unedited_draft_contradicts_no_table_but_its_prompts_block_publication() -> None:
    findings = check_report(_with_draft(_report()))
    assert [f for f in findings if f.check is Check.NARRATIVE] == []
    prompts = [f for f in findings if f.check is Check.PROMPT_LEFT]
    assert {f.row for f in prompts} == {
        "一、总体情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    }
    assert all(f.blocking for f in prompts)
    assert "“六、其他需要报告的事项”仍有未填写的提示：【请填写：落实上级2024年政务公开工作要点" in (
        prompts[-1].message.text
    )


def test_once_the_prompts_are_filled_in_the_draft_passes_every_check() -> None:
    report = _with_draft(_report())
    filled = tuple(
        replace(
            s,
            paragraphs=tuple(
                re.sub(r"【请填写：[^】]*】", "已按要求落实。", p) for p in s.paragraphs
            ),
        )
        for s in report.sections
    )
    assert check_report(replace(report, sections=filled)) == []


def test_an_edit_that_changes_a_figure_is_caught_by_the_narrative_check() -> None:
    report = _with_draft(_report())
    edited = tuple(
        replace(s, paragraphs=tuple(p.replace("办结4件", "办结5件") for p in s.paragraphs))
        for s in report.sections
    )
    narrative = [
        f for f in check_report(replace(report, sections=edited)) if f.check is Check.NARRATIVE
    ]
    assert [(f.row, f.expected, f.actual) for f in narrative] == [("（七）总计", 4, 5)]


def test_a_year_without_applications_or_remedies_says_so_in_words() -> None:
    report = _with_draft(_report(cases=[], remedies=[]))
    text = _text(report, "一")
    assert "本年未收到政府信息公开申请，也无上年结转的申请" in text
    assert "本年未发生因政府信息公开引起的行政复议和行政诉讼" in text
    assert [f for f in check_report(report) if f.check is Check.NARRATIVE] == []


def test_problems_come_from_the_data_with_a_measure_for_each() -> None:
    text = _text(_with_draft(_report()), "五")
    assert "部分信息未在形成或者变更之日起20个工作日内公开（4条）" in text
    assert "本年制发的规范性文件中有1件未配发解读" in text
    assert "复议诉讼中被纠错1起" in text
    assert "严格执行条例第二十六条规定的公开时限" in text
    assert "同步起草、同步审签、同步发布" in text
    assert "加强答复文书的合法性审核" in text


def test_last_years_published_problems_are_quoted_with_the_change_in_late_publications() -> None:
    last = LastYear(problems=("信息更新不够及时。", "解读形式单一。"), late=9)
    text = _text(_with_draft(_report(), last), "五")
    assert "上年度报告提出：「信息更新不够及时；解读形式单一」。" in text
    assert "超过期限公开的信息由上年9条变为本年4条" in text
    assert "【请填写：逐项说明整改措施和结果】" in text


def test_without_anything_to_report_the_problems_are_left_to_the_office() -> None:
    quiet = replace(FACTS, late=0, interpretations=5)
    report = _report(remedies=[])
    drafted = draft(report, quiet, LastYear()).sections["五"]
    assert drafted == [
        "（一）上年度问题整改情况。【请填写：上年度报告提出的问题及整改情况】",
        "（二）存在的主要问题。【请填写：本年度存在的主要问题】",
        "（三）改进措施。【请填写：下一步改进措施】",
    ]


def test_no_column_name_and_no_quotation_of_last_year_can_fail_the_narrative_check() -> None:
    phrases = ("行政处罚", "行政许可", "行政复议", "行政诉讼", "予以公开", "主动公开信息", "办结")
    facts = replace(FACTS, columns=tuple((name, 7) for name in phrases))
    last = LastYear(problems=("行政复议3件均被纠错，办结12件。",), late=1)
    report = _report()
    drafted = draft(report, facts, last).sections
    sections = tuple(
        replace(s, paragraphs=tuple(drafted[s.number])) if s.number in drafted else s
        for s in report.sections
    )
    text = "\n".join(p for s in sections for p in s.paragraphs)
    assert "“行政处罚”栏目7条" in text and "「行政复议3件均被纠错，办结12件」" in text
    findings = check_report(replace(report, sections=sections))
    assert [f for f in findings if f.check is Check.NARRATIVE] == []
