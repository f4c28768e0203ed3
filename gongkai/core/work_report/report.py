"""The yearly work report (工作报告 / 自查报告) assembled in the reference bureau's structure
(临民字〔2018〕2号): an opening paragraph, 一、落实情况 — the figures of the year as numbered
paragraphs, then the office's own — 二、主要做法, 三、存在问题和下步工作打算, the closing
(落款) and the attachment: the table of the year's task plan (分工方案落实情况).

Everything here is plain data: the Django side reads the records and the office's entries,
`assemble` builds the report, `report_json` gives its stable JSON shape.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongkai.core.work_report.checks import CHECK_LABELS, Finding, check_figures, check_prose
from gongkai.core.work_report.figures import (
    CHANNEL_KEYS,
    FIGURES,
    Figure,
    Source,
    percent_shown,
    rate,
)
from gongkai.core.workcalendar import Message, Param, message

JSON_SCHEMA = "gongkai.work-report/1"

# The office's prose, by key: the opening, the three sections of the seed, the closing.
OPENING, IMPLEMENTATION, PRACTICES, PROBLEMS, CLOSING = (
    "opening",
    "implementation",
    "practices",
    "problems",
    "closing",
)
PROSE_KEYS = (OPENING, IMPLEMENTATION, PRACTICES, PROBLEMS, CLOSING)
HEADINGS: Mapping[str, str] = {
    IMPLEMENTATION: "一、落实情况",
    PRACTICES: "二、主要做法",
    PROBLEMS: "三、存在问题和下步工作打算",
}
PROSE_LABELS: Mapping[str, str] = {
    OPENING: "开头语",
    **HEADINGS,
    CLOSING: "落款",
}
TASK_COLUMNS: Mapping[str, str] = {
    "number": "序号",
    "task": "工作任务",
    "unit": "责任单位",
    "schedule": "完成时限",
    "status": "落实情况",
}
NUMBERS = "一二三四五六七八九十"
CHANNEL_WORDS: Mapping[str, str] = {
    "website_items": "通过门户网站发布%(n)s条",
    "wechat_items": "微信公众号发布%(n)s条",
    "weibo_items": "政务微博发布%(n)s条",
    "app_items": "政务客户端发布%(n)s条",
    "board_items": "公开栏公开%(n)s条",
    "press_items": "新闻发布会发布%(n)s条",
}

CHINESE: Mapping[str, str] = {
    "report.title": "%(agency)s关于%(year)s年政府信息与政务公开工作落实情况的自查报告",
    "report.attachment": "附件：%(agency)s%(year)s年政务公开工作要点分工方案落实情况",
    "report.empty": (
        "%(year)s年没有可统计的记录，也没有填报的数据、文字和任务，本报告为空；"
        "请核实年度，或先在控制台填报"
    ),
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class TaskRow:
    """A row of the attachment: a task of the year's plan (分工方案) and how it went."""

    task: str
    unit: str = ""  # 责任单位
    schedule: str = ""  # 完成时限
    status: str = ""  # 落实情况


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class WorkReport:
    agency: str
    year: int
    opening: tuple[str, ...]
    sections: tuple[Section, ...]
    closing: tuple[str, ...]
    tasks: tuple[TaskRow, ...]
    figures: Mapping[str, Figure]
    rates: Mapping[str, Decimal | None]
    findings: tuple[Finding, ...]
    empty: bool

    @property
    def title(self) -> str:
        return _say("report.title", agency=self.agency, year=self.year).text

    @property
    def attachment_title(self) -> str:
        return _say("report.attachment", agency=self.agency, year=self.year).text

    @property
    def notices(self) -> tuple[Message, ...]:
        return (_say("report.empty", year=self.year),) if self.empty else ()

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def assemble(
    *,
    agency: str,
    year: int,
    figures: Mapping[str, Figure],
    prose: Mapping[str, str],
    tasks: Sequence[TaskRow] = (),
) -> WorkReport:
    """The report on `year`. Without a figure (computed above zero, or entered), prose or
    task it is empty: valid, with a notice."""
    texts = {key: _paragraphs(prose.get(key, "")) for key in PROSE_KEYS}
    empty = not (any(_known(f) for f in figures.values()) or any(texts.values()) or tasks)
    rates = _rates(figures)
    generated = () if empty else figure_paragraphs(figures, rates)
    sections = (
        Section(IMPLEMENTATION, HEADINGS[IMPLEMENTATION], generated + texts[IMPLEMENTATION]),
        Section(PRACTICES, HEADINGS[PRACTICES], texts[PRACTICES]),
        Section(PROBLEMS, HEADINGS[PROBLEMS], texts[PROBLEMS]),
    )
    findings: list[Finding] = []
    if not empty:
        findings = check_figures(figures)
        findings += check_prose({k: HEADINGS[k] for k in (PRACTICES, PROBLEMS)}, texts)
    return WorkReport(
        agency=agency,
        year=year,
        opening=texts[OPENING],
        sections=sections,
        closing=texts[CLOSING] or (agency,),
        tasks=tuple(tasks),
        figures=figures,
        rates=rates,
        findings=tuple(findings),
        empty=empty,
    )


def _known(figure: Figure) -> bool:
    if figure.source is Source.ENTERED:
        return True
    return (
        figure.source is Source.COMPUTED and figure.value is not None and figure.value.number != 0
    )


def _count(figures: Mapping[str, Figure], key: str) -> int | None:
    figure = figures.get(key)
    return figure.count if figure is not None else None


def _shown(figures: Mapping[str, Figure], key: str) -> str:
    figure = figures.get(key)
    return figure.shown if figure is not None else ""


def _rates(figures: Mapping[str, Figure]) -> dict[str, Decimal | None]:
    """Reply rates = answered / received; the hotline's from its counts, else as entered."""
    out: dict[str, Decimal | None] = {}
    for name in ("applications", "consultations", "letters"):
        out[f"{name}_reply_rate"] = rate(
            _count(figures, f"{name}_answered"), _count(figures, f"{name}_received")
        )
    calls = figures.get("hotline_calls")
    rough = calls is not None and calls.value is not None and calls.value.more_than
    derived = (
        None
        if rough
        else rate(_count(figures, "hotline_answered"), _count(figures, "hotline_calls"))
    )
    out["hotline_reply_rate"] = (
        derived if derived is not None else _percent(figures, "hotline_reply_rate")
    )
    out["hotline_satisfaction"] = _percent(figures, "hotline_satisfaction")
    return out


def _percent(figures: Mapping[str, Figure], key: str) -> Decimal | None:
    figure = figures.get(key)
    if figure is None or figure.value is None or not isinstance(figure.value.number, Decimal):
        return None
    return figure.value.number


def figure_paragraphs(
    figures: Mapping[str, Figure], rates: Mapping[str, Decimal | None]
) -> tuple[str, ...]:
    """The figures of the year as the numbered paragraphs of 一、落实情况, in the seed's
    order; a group without any figure is left out."""
    groups = [
        ("主动公开情况", _publication(figures)),
        ("政策解读和回应关切情况", _interpretation(figures)),
        ("人大代表建议和政协提案办理情况", _proposals(figures)),
        ("依申请公开情况", _applications(figures, rates)),
        ("咨询、来信、来电、来访和信访办理情况", _contacts(figures, rates)),
    ]
    kept = [(title, clauses) for title, clauses in groups if clauses]
    return tuple(
        f"（{NUMBERS[i]}）{title}。{'；'.join(clauses)}。"
        for i, (title, clauses) in enumerate(kept)
    )


def _publication(figures: Mapping[str, Figure]) -> list[str]:
    published = _shown(figures, "published")
    channels = [
        CHANNEL_WORDS[key] % {"n": _shown(figures, key)}
        for key in CHANNEL_KEYS.values()
        if _count(figures, key)
    ]
    clauses = []
    if published:
        head = f"年内主动公开政府信息共{published}条"
        # A record goes out on several channels: the channels are releases, not parts of the total.
        clauses.append(head + (f"，按发布渠道统计：{'、'.join(channels)}" if channels else ""))
    if _shown(figures, "notice_boards"):
        clauses.append(f"设立固定公开栏{_shown(figures, 'notice_boards')}个")
    return clauses


def _interpretation(figures: Mapping[str, Figure]) -> list[str]:
    total, principal = (
        _count(figures, "interpretations"),
        _count(figures, "principal_interpretations"),
    )
    clauses = []
    if total:
        text = f"年内发布政策解读{total}篇"
        if principal:
            text += f"，其中局主要负责人履行第一解读人职责，解读重要政策措施{principal}次"
        clauses.append(text)
    elif total == 0:
        clauses.append("年内未发布政策解读")
    incidents = _count(figures, "opinion_incidents")
    if incidents == 0:
        clauses.append("年内未发现和接收到涉及本部门的舆情事件")
    elif incidents:
        clauses.append(f"年内回应涉及本部门的舆情事件{incidents}起")
    return clauses


def _split(figures: Mapping[str, Figure], total: str, lead: str, assisting: str) -> str:
    parts = [
        f"{word}{_shown(figures, key)}件"
        for word, key in (("主办", lead), ("协办", assisting))
        if _shown(figures, key)
    ]
    return f"{_shown(figures, total)}件" + (f"，其中{'、'.join(parts)}" if parts else "")


def _proposals(figures: Mapping[str, Figure]) -> list[str]:
    clauses = []
    if _shown(figures, "npc_suggestions"):
        clauses.append(
            "年内办理人大代表建议" + _split(figures, "npc_suggestions", "npc_lead", "npc_assisting")
        )
    if _shown(figures, "cppcc_proposals"):
        clauses.append(
            "收到政协提案" + _split(figures, "cppcc_proposals", "cppcc_lead", "cppcc_assisting")
        )
    if _shown(figures, "npc_meetings"):
        clauses.append(f"召开人大代表建议办理面商会{_shown(figures, 'npc_meetings')}次")
    return clauses


def _handled(
    figures: Mapping[str, Figure],
    rates: Mapping[str, Decimal | None],
    name: str,
    noun: str,
    unit: str,
) -> str:
    received, answered = _shown(figures, f"{name}_received"), _shown(figures, f"{name}_answered")
    if not received:
        return ""
    text = f"收到{noun}{received}{unit}"
    if answered:
        text += f"，回复{answered}{unit}"
    reply = rates.get(f"{name}_reply_rate")
    return text + (f"，回复率{percent_shown(reply)}" if reply is not None else "")


def _applications(figures: Mapping[str, Figure], rates: Mapping[str, Decimal | None]) -> list[str]:
    received = _count(figures, "applications_received")
    if received == 0:
        return ["年内未收到政府信息公开申请"]
    text = _handled(figures, rates, "applications", "政府信息公开申请", "件")
    return [f"年内{text}"] if text else []


def _contacts(figures: Mapping[str, Figure], rates: Mapping[str, Decimal | None]) -> list[str]:
    clauses = [
        text
        for text in (
            _handled(figures, rates, "consultations", "网上咨询", "条"),
            _handled(figures, rates, "letters", "领导信箱来信", "件"),
            _hotline(figures, rates),
        )
        if text
    ]
    if _shown(figures, "visitors"):
        clauses.append(f"接待群众来访{_shown(figures, 'visitors')}人次")
    petitions = _petitions(figures)
    if petitions:
        clauses.append(petitions)
    if clauses:
        clauses[0] = "年内" + clauses[0]
    return clauses


def _hotline(figures: Mapping[str, Figure], rates: Mapping[str, Decimal | None]) -> str:
    number = _shown(figures, "hotline_number")
    name = f"“{number}”热线" if number else "服务热线"
    parts = []
    if _shown(figures, "hotline_calls"):
        parts.append(f"{name}来电{_shown(figures, 'hotline_calls')}个")
        name = ""
    reply, satisfaction = rates.get("hotline_reply_rate"), rates.get("hotline_satisfaction")
    if reply is not None and reply == satisfaction:
        parts.append(f"{name}来电回复率和满意度均为{percent_shown(reply)}")
    else:
        if reply is not None:
            parts.append(f"{name}来电回复率{percent_shown(reply)}")
            name = ""
        if satisfaction is not None:
            parts.append(f"{name}来电满意度{percent_shown(satisfaction)}")
    return "，".join(parts)


def _petitions(figures: Mapping[str, Figure]) -> str:
    received = _shown(figures, "petitions_received")
    if not received:
        return ""
    text = f"接收信访件{received}件"
    if _shown(figures, "petitions_closed"):
        text += f"，办结{_shown(figures, 'petitions_closed')}件"
    if _shown(figures, "petitions_online"):
        text += f"（其中网上信访{_shown(figures, 'petitions_online')}件）"
    open_ = _count(figures, "petitions_in_progress")
    if open_:
        text += f"，{open_}件正在办理中"
    return text


def finding_line(finding: Finding) -> str:
    severity = "错误" if finding.blocking else "提示"
    return (
        f"{finding.check.value} {CHECK_LABELS[finding.check]}（{severity}）：{finding.message.text}"
    )


def finding_json(finding: Finding) -> dict[str, object]:
    return {
        "check": finding.check.value,
        "name": CHECK_LABELS[finding.check],
        "severity": finding.severity.value,
        "keys": list(finding.keys),
        "code": finding.message.code,
        "message": finding.message.text,
    }


def report_json(report: WorkReport, *, agency_code: str) -> dict[str, object]:
    """The stable JSON shape (docs/work-report.md): counts as numbers, rates and
    percentages as strings ("100"), a rough count as shown ("300多"), a missing one null."""
    return {
        "schema": JSON_SCHEMA,
        "agency": {"code": agency_code, "name": report.agency},
        "year": report.year,
        "title": report.title,
        "opening": list(report.opening),
        "sections": [
            {"key": s.key, "heading": s.heading, "paragraphs": list(s.paragraphs)}
            for s in report.sections
        ],
        "closing": list(report.closing),
        "figures": {
            d.key: {
                "label": d.label,
                "unit": d.unit,
                "module": d.module,
                "source": report.figures[d.key].source.value,
                "value": _json_value(report.figures[d.key]),
            }
            for d in FIGURES
            if d.key in report.figures
        },
        "rates": {
            key: (percent_shown(value).removesuffix("%") if value is not None else None)
            for key, value in report.rates.items()
        },
        "attachment": {
            "title": report.attachment_title,
            "columns": dict(TASK_COLUMNS),
            "rows": [
                {
                    "number": i,
                    "task": t.task,
                    "unit": t.unit,
                    "schedule": t.schedule,
                    "status": t.status,
                }
                for i, t in enumerate(report.tasks, start=1)
            ],
        },
        "checks": {
            "passed": not any(f.blocking for f in report.findings),
            "findings": [finding_json(f) for f in report.findings],
        },
        "notices": [n.text for n in report.notices],
    }


def _json_value(figure: Figure) -> int | str | None:
    return figure.value.json() if figure.value is not None else None
