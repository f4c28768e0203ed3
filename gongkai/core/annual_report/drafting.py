"""Drafts of the prose sections 一, 五 and 六, written from the report's own tables and the
year's disclosure figures, for the office to edit (issue 6 §3).

Every number a draft states is taken from the same source the N1 check reads
(`narrative.quoted`), so an unedited draft never contradicts its tables. What no record can
tell (what was done about last year's problems, the 工作要点 of the year) is left as a prompt
in 【请填写：…】; check S2 refuses publication while a prompt is left in the text.

The subsections follow the usual structure of 2021-format reports (annual-report.md §3):
一 （一）主动公开 （二）依申请公开 （三）政府信息管理 （四）平台建设 （五）监督保障;
五 （一）上年度问题整改情况 （二）存在的主要问题 （三）改进措施; 六 the 工作要点 and the
proposals (the fee sentence is added to 六 by `assemble` and is not drafted here).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.core.annual_report.layout import (
    IN_FORCE,
    MADE,
    NORMATIVE,
    REMEDIES,
    REPEALED,
    RULES,
    ReportFormat,
    remedy_key,
)
from gongkai.core.annual_report.narrative import quoted
from gongkai.core.annual_report.report import PROMPT_CLOSE, PROMPT_OPEN, AnnualReport
from gongkai.core.annual_report.tables import Value
from gongkai.core.applications.vocabulary import RemedyKind, RemedyResult

TOP_COLUMNS = 5


def prompt(what: str) -> str:
    return f"{PROMPT_OPEN}{what}{PROMPT_CLOSE}"


@dataclass(frozen=True)
class DisclosureFacts:
    """The year's proactive disclosure, as `documents.statistics` counts it."""

    published: int = 0  # public records published in the year
    channels: Sequence[tuple[str, int]] = ()  # (channel label, releases), in display order
    columns: Sequence[tuple[str, int]] = ()  # (column name, releases on the website)
    on_time: int = 0  # 条例第26条: within 20 working days
    late: int = 0
    interpretations: int = 0
    by_principal: int = 0  # interpretations by the principal leader (主要负责人)
    reviewed: int = 0  # confidentiality reviews passed in the year (保密审查)
    redacted: int = 0  # published as 删减后公开


@dataclass(frozen=True)
class LastYear:
    """What last year's published report said, and last year's late publications."""

    problems: Sequence[str] = ()  # section 五 as published
    late: int | None = None  # None: not known (no figures of that year)


@dataclass(frozen=True)
class Draft:
    sections: Mapping[str, list[str]] = field(default_factory=dict)  # 一, 五, 六 → paragraphs


def _n(value: Value | None) -> str:
    return "0" if value is None else str(value)


def _figure(report: AnnualReport, table: str, row: str) -> Value:
    value = quoted(report.figures(), table, row)
    return 0 if value is None else value


def _listing(pairs: Sequence[tuple[str, int]], unit: str, *, quoted: bool = False) -> str:
    """ "门户网站45条、…"; names the office chose (columns) are quoted, “行政处罚”栏目4条, so that
    no name can read as a phrase N1 checks (行政处罚N件 is a figure of table 二)."""
    if quoted:
        return "、".join(f"“{label}”栏目{count}{unit}" for label, count in pairs if count)
    return "、".join(f"{label}{count}{unit}" for label, count in pairs if count)


def draft(report: AnnualReport, disclosure: DisclosureFacts, last_year: LastYear) -> Draft:
    return Draft(
        {
            "一": _overview(report, disclosure),
            "五": _problems(report, disclosure, last_year),
            "六": _other(report),
        }
    )


def _overview(report: AnnualReport, d: DisclosureFacts) -> list[str]:
    year = report.year
    out = [
        f"{year}年，{report.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为"
        "常态、不公开为例外，依法做好主动公开、依申请公开和政府信息管理等工作。现将主要情况"
        "报告如下。"
    ]
    # (一) 主动公开 — "主动公开政府信息N条" is checked by N1 against report.published.
    first = f"（一）主动公开。全年主动公开政府信息{d.published}条。"
    if channels := _listing(d.channels, "条"):
        first += f"按发布渠道统计：{channels}。"
    top = sorted(d.columns, key=lambda c: -c[1])[:TOP_COLUMNS]
    if columns := _listing(top, "条", quoted=True):
        first += f"发布较多的栏目是：{columns}。"
    if d.on_time or d.late:
        first += f"按照条例第二十六条的规定，{d.on_time}条信息在形成或者变更之日起20个工作日内公开"
        first += f"，{d.late}条超过期限。" if d.late else "，均在期限内。"
    if d.interpretations:
        first += f"发布政策解读{d.interpretations}篇，其中主要负责人解读{d.by_principal}篇。"
    else:
        first += "本年未发布政策解读。"
    out.append(first)
    out.append(_applications(report))
    if report.format is ReportFormat.FORMAT_2021:
        out.append(_registry(report))
    if used := [label for label, count in d.channels if count]:
        out.append(
            f"（四）平台建设。本机关通过{'、'.join(used)}发布政府信息；政府信息公开指南和目录"
            "根据登记的政府信息自动生成，随信息发布同步更新。"
        )
    review = f"（五）监督保障。本年对{d.reviewed}条拟公开信息进行了保密审查"
    review += f"，其中{d.redacted}条删减后公开。" if d.redacted else "。"
    out.append(review + prompt("培训、考核、社会评议和责任追究等情况"))
    return out


def _applications(report: AnnualReport) -> str:
    three = "三"
    new = _figure(report, three, "一、本年新收政府信息公开申请数量")
    carried = _figure(report, three, "二、上年结转政府信息公开申请数量")
    done = _figure(report, three, "（七）总计")
    forward = _figure(report, three, "四、结转下年度继续办理")
    if not (new or carried or done or forward):
        text = "（二）依申请公开。本年未收到政府信息公开申请，也无上年结转的申请。"
    else:
        parts = [
            ("予以公开", _figure(report, three, "（一）予以公开")),
            ("部分公开", _figure(report, three, "（二）部分公开")),
            ("不予公开", _figure(report, three, "（三）不予公开")),
            ("无法提供", _figure(report, three, "（四）无法提供")),
            ("不予处理", _figure(report, three, "（五）不予处理")),
            ("其他处理", _figure(report, three, "（六）其他处理")),
        ]
        results = "、".join(f"{label}{_n(value)}件" for label, value in parts if value)
        text = (
            f"（二）依申请公开。本年新收政府信息公开申请{_n(new)}件，上年结转{_n(carried)}件；"
            f"办结{_n(done)}件"
            + (f"，其中{results}" if results else "")
            + f"；结转下年度继续办理{_n(forward)}件。"
        )
    reconsideration = _figure(report, "四", "行政复议")
    litigation = _figure(report, "四", "行政诉讼")
    if reconsideration or litigation:
        text += (
            f"因政府信息公开引起行政复议{_n(reconsideration)}件、"
            f"行政诉讼{_n(litigation)}件，具体结果见表四。"
        )
    else:
        text += "本年未发生因政府信息公开引起的行政复议和行政诉讼。"
    return text


def _registry(report: AnnualReport) -> str:
    two = report.table("二")
    text = "（三）政府信息管理。"
    if rules := two.number(RULES, MADE):
        text += f"本年制发规章{rules}件。"
    text += (
        f"本年制发规范性文件{two.number(NORMATIVE, MADE)}件，"
        f"废止{two.number(NORMATIVE, REPEALED)}件，年末现行有效{two.number(NORMATIVE, IN_FORCE)}件；"
        "规范性文件的有效性在政府信息公开平台上逐件标注。"
    )
    return text


def _problems(report: AnnualReport, d: DisclosureFacts, last: LastYear) -> list[str]:
    out = []
    if last.problems:
        said = "；".join(p.strip().rstrip("。；") for p in last.problems if p.strip())
        # 「…」 marks last year's words: N1 does not read a quotation as this year's figure.
        head = f"（一）上年度问题整改情况。上年度报告提出：「{said}」。"
        if last.late is not None:
            head += f"超过期限公开的信息由上年{last.late}条变为本年{d.late}条。"
        out.append(head + prompt("逐项说明整改措施和结果"))
    else:
        out.append("（一）上年度问题整改情况。" + prompt("上年度报告提出的问题及整改情况"))
    problems, measures = [], []
    if d.late:
        problems.append(f"部分信息未在形成或者变更之日起20个工作日内公开（{d.late}条）")
        measures.append("严格执行条例第二十六条规定的公开时限，信息形成后及时提交保密审查和发布")
    normative = (
        report.table("二").number(NORMATIVE, MADE)
        if report.format is ReportFormat.FORMAT_2021
        else 0
    )
    if normative and d.interpretations < normative:
        problems.append(
            f"政策解读不够同步，本年制发的规范性文件中有{normative - d.interpretations}件未配发解读"
        )
        measures.append("坚持政策文件与解读材料同步起草、同步审签、同步发布")
    corrected = _corrected(report)
    if corrected:
        problems.append(f"答复的规范性有待提高，复议诉讼中被纠错{corrected}起")
        measures.append("加强答复文书的合法性审核，对被纠错的案件逐件复盘")
    if problems:
        out.append("（二）存在的主要问题。" + "；".join(problems) + "。")
        out.append("（三）改进措施。" + "；".join(measures) + "。")
    else:
        out.append("（二）存在的主要问题。" + prompt("本年度存在的主要问题"))
        out.append("（三）改进措施。" + prompt("下一步改进措施"))
    return out


def _corrected(report: AnnualReport) -> Value:
    four = report.table("四")
    cells = (four.number(REMEDIES, remedy_key(k, RemedyResult.CORRECTED)) for k in RemedyKind)
    return sum(cells, 0)


def _other(report: AnnualReport) -> list[str]:
    return [
        prompt(
            f"落实上级{report.year}年政务公开工作要点情况，人大代表建议和政协提案办理结果公开情况，"
            "年度工作创新情况"
        )
    ]
