"""The figures of the yearly work report (工作报告 / 自查报告) and where each comes from.

`FIGURES` is the one table of key → label, unit, kind and the module that supplies the
figure. A module that Gongkai has (`documents`, `applications`) computes its figures from
the records; the others (`letters`, `hotline`, `visits`, `petitions`, `proposals`, `media`)
do not exist yet, so the office enters their yearly figures. `resolve` applies the rule
once: a module's figure wins over an entered one when the module has data for the year;
without data an entered figure is used; without an entry the module's zero when Gongkai was
in use that year (another module holds data of it), else the figure is missing.

The figures are the reference bureau's (临民字〔2018〕2号 on 2017): items published per
channel, interpretations and those of the principal leader (第一解读人), applications,
online consultations and letters with their reply rate, the hotline's reply rate and
satisfaction, visitors, petitions received / closed / online / in progress, NPC suggestions
and CPPCC proposals (lead / assisting) and the consultation meetings held on them.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from gongkai.core.workcalendar import Message, MessageError, Param, message


class Kind(StrEnum):
    COUNT = "count"  # a whole number ≥ 0
    PERCENT = "percent"  # 0–100, at most one decimal
    TEXT = "text"  # a name (the hotline's number)


class Source(StrEnum):
    COMPUTED = "computed"  # from the records of a Gongkai module
    ENTERED = "entered"  # typed in by the office
    MISSING = "missing"  # neither


# The modules that would supply figures. Only DOCUMENTS and APPLICATIONS exist today; the
# Django side (gongkai/workreport/sources.py) lists the ones it computes.
DOCUMENTS = "documents"
APPLICATIONS = "applications"
LETTERS = "letters"  # 网上咨询, 领导信箱
HOTLINE = "hotline"  # 服务热线
VISITS = "visits"  # 来访接待
PETITIONS = "petitions"  # 信访
PROPOSALS = "proposals"  # 人大代表建议, 政协提案
MEDIA = "media"  # 舆情, 公开栏


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str  # the official Chinese name, as the report and the form show it
    unit: str  # 条, 件, 次, 人次, %, …
    kind: Kind
    module: str
    approximate: bool = False  # may be entered as "300多" (more than 300)


FIGURES: tuple[FigureDef, ...] = (
    FigureDef("published", "主动公开政府信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("website_items", "门户网站发布信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("wechat_items", "微信公众号发布信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("weibo_items", "政务微博发布信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("app_items", "政务客户端发布信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("board_items", "公开栏公开信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("press_items", "新闻发布会发布信息", "条", Kind.COUNT, DOCUMENTS),
    FigureDef("interpretations", "政策解读", "篇", Kind.COUNT, DOCUMENTS),
    FigureDef("principal_interpretations", "主要负责人解读", "次", Kind.COUNT, DOCUMENTS),
    FigureDef("applications_received", "收到政府信息公开申请", "件", Kind.COUNT, APPLICATIONS),
    FigureDef("applications_answered", "答复政府信息公开申请", "件", Kind.COUNT, APPLICATIONS),
    FigureDef("consultations_received", "收到网上咨询", "条", Kind.COUNT, LETTERS),
    FigureDef("consultations_answered", "回复网上咨询", "条", Kind.COUNT, LETTERS),
    FigureDef("letters_received", "收到领导信箱来信", "件", Kind.COUNT, LETTERS),
    FigureDef("letters_answered", "回复领导信箱来信", "件", Kind.COUNT, LETTERS),
    FigureDef("hotline_number", "服务热线号码", "", Kind.TEXT, HOTLINE),
    FigureDef("hotline_calls", "热线来电", "个", Kind.COUNT, HOTLINE, approximate=True),
    FigureDef("hotline_answered", "热线来电回复", "个", Kind.COUNT, HOTLINE, approximate=True),
    FigureDef("hotline_reply_rate", "热线来电回复率", "%", Kind.PERCENT, HOTLINE),
    FigureDef("hotline_satisfaction", "热线来电满意度", "%", Kind.PERCENT, HOTLINE),
    FigureDef("visitors", "接待群众来访", "人次", Kind.COUNT, VISITS, approximate=True),
    FigureDef("petitions_received", "接收信访件", "件", Kind.COUNT, PETITIONS),
    FigureDef("petitions_closed", "办结信访件", "件", Kind.COUNT, PETITIONS),
    FigureDef("petitions_online", "其中网上信访", "件", Kind.COUNT, PETITIONS),
    FigureDef("petitions_in_progress", "正在办理的信访件", "件", Kind.COUNT, PETITIONS),
    FigureDef("npc_suggestions", "人大代表建议", "件", Kind.COUNT, PROPOSALS),
    FigureDef("npc_lead", "人大代表建议（主办）", "件", Kind.COUNT, PROPOSALS),
    FigureDef("npc_assisting", "人大代表建议（协办）", "件", Kind.COUNT, PROPOSALS),
    FigureDef("cppcc_proposals", "政协提案", "件", Kind.COUNT, PROPOSALS),
    FigureDef("cppcc_lead", "政协提案（主办）", "件", Kind.COUNT, PROPOSALS),
    FigureDef("cppcc_assisting", "政协提案（协办）", "件", Kind.COUNT, PROPOSALS),
    FigureDef("npc_meetings", "人大代表建议办理面商会", "次", Kind.COUNT, PROPOSALS),
    FigureDef("notice_boards", "固定公开栏", "个", Kind.COUNT, MEDIA),
    FigureDef("opinion_incidents", "涉及本部门的舆情事件", "起", Kind.COUNT, MEDIA),
)
BY_KEY: Mapping[str, FigureDef] = {f.key: f for f in FIGURES}
CHANNEL_KEYS: Mapping[str, str] = {  # documents' release channels (协调发布) → figure key
    "website": "website_items",
    "wechat": "wechat_items",
    "weibo": "weibo_items",
    "app": "app_items",
    "board": "board_items",
    "press": "press_items",
}

CHINESE: Mapping[str, str] = {
    "figure.unknown": "没有名为“%(key)s”的数据项",
    "figure.not_a_number": "“%(label)s”应为数字，实际为“%(value)s”",
    "figure.negative": "“%(label)s”不能为负数，实际为 %(value)s",
    "figure.not_whole": "“%(label)s”应为整数，实际为 %(value)s",
    "figure.percent_range": "“%(label)s”应在 0 至 100 之间，实际为 %(value)s",
    "figure.percent_precision": "“%(label)s”最多保留 1 位小数，实际为 %(value)s",
    "figure.text_too_long": "“%(label)s”不能超过 %(limit)s 个字，实际为 %(length)s 个字",
    "figure.too_large": "“%(label)s”数值过大（不能超过 %(limit)s），实际为 %(value)s",
}
# No yearly figure of an agency comes near a billion: a larger one is a typing error (and
# "1e5000" would otherwise become a number of 5001 digits that no page can print).
LARGEST = 10**9
TEXT_LIMIT = 40
# "300多", "300余", "300+": a count the office only knows roughly (the seed: 300多人次).
_APPROXIMATE = re.compile(r"^(?P<n>[0-9]+)\s*(多|余|\+)$", re.ASCII)
_PERCENT_PLACES = Decimal("0.1")


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class Value:
    """A figure's value: a count (`int`), a percentage (`Decimal`) or a name (`str`).
    `more_than` marks a count known only roughly ("300多": more than 300)."""

    number: int | Decimal | str
    more_than: bool = False

    @property
    def shown(self) -> str:
        if isinstance(self.number, Decimal):
            return f"{_plain_decimal(self.number)}%"
        return f"{self.number}多" if self.more_than else str(self.number)

    def json(self) -> int | str:
        if isinstance(self.number, int) and not self.more_than:
            return self.number
        if isinstance(self.number, Decimal):
            return _plain_decimal(self.number)
        return self.shown


def _plain_decimal(value: Decimal) -> str:
    text = format(value.quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP), "f")
    return text[:-2] if text.endswith(".0") else text


def parse_entered(key: str, raw: str) -> Value | None:
    """The office's entry for `key` as typed; None when blank. A bad entry raises
    MessageError naming the figure by its Chinese label."""
    definition = BY_KEY.get(key)
    if definition is None:
        raise MessageError(_say("figure.unknown", key=key))
    text = (raw or "").strip().replace(",", "").replace("，", "")
    if not text:
        return None
    if definition.kind is Kind.TEXT:
        if len(text) > TEXT_LIMIT:
            raise MessageError(
                _say(
                    "figure.text_too_long",
                    label=definition.label,
                    limit=TEXT_LIMIT,
                    length=len(text),
                )
            )
        return Value(text)
    if definition.kind is Kind.PERCENT:
        return Value(_percent(definition, text.removesuffix("%").removesuffix("％").strip()))
    rough = _APPROXIMATE.match(text) if definition.approximate else None
    if rough:
        return Value(_count(definition, rough["n"]), more_than=True)
    return Value(_count(definition, text))


def _number(definition: FigureDef, text: str) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise MessageError(
            _say("figure.not_a_number", label=definition.label, value=text)
        ) from None
    if not number.is_finite():
        raise MessageError(_say("figure.not_a_number", label=definition.label, value=text))
    if number < 0:
        raise MessageError(_say("figure.negative", label=definition.label, value=text))
    if number > LARGEST:
        raise MessageError(
            _say("figure.too_large", label=definition.label, limit=str(LARGEST), value=text)
        )
    return number


def _count(definition: FigureDef, text: str) -> int:
    number = _number(definition, text)
    if number != number.to_integral_value():
        raise MessageError(_say("figure.not_whole", label=definition.label, value=text))
    return int(number)


def _percent(definition: FigureDef, text: str) -> Decimal:
    number = _number(definition, text)
    if number > 100:
        raise MessageError(_say("figure.percent_range", label=definition.label, value=text))
    if number != number.quantize(_PERCENT_PLACES):
        raise MessageError(_say("figure.percent_precision", label=definition.label, value=text))
    return number


def clean_entered(raw: Mapping[str, str]) -> tuple[dict[str, Value], dict[str, Message]]:
    """Every entry parsed: (the good values, the refusal of each bad key). Blanks are left out."""
    values: dict[str, Value] = {}
    errors: dict[str, Message] = {}
    for key, text in raw.items():
        try:
            value = parse_entered(key, text)
        except MessageError as exc:
            errors[key] = exc.message
            continue
        if value is not None:
            values[key] = value
    return values, errors


@dataclass(frozen=True)
class ModuleFigures:
    """What a Gongkai module computed for the year; `has_data`: it holds records of it."""

    module: str
    values: Mapping[str, int]
    has_data: bool


@dataclass(frozen=True)
class Figure:
    definition: FigureDef
    value: Value | None
    source: Source
    overridden: Value | None = None  # an entry set aside because the module has data

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def count(self) -> int | None:
        """The number, when it is a count (a rough "300多" counts as 300)."""
        if self.value is None or not isinstance(self.value.number, int):
            return None
        return self.value.number

    @property
    def shown(self) -> str:
        return self.value.shown if self.value is not None else ""


def resolve(modules: Iterable[ModuleFigures], entered: Mapping[str, Value]) -> dict[str, Figure]:
    """Every figure of `FIGURES` with its value and source (the rule of the module docstring)."""
    computed = {m.module: m for m in modules}
    # Gongkai was in use that year when some module holds data of it: then a module's zero is
    # a real zero (no application received). In a year it holds nothing of, a computed zero
    # would only say that the records were kept elsewhere: the figure is missing (W7).
    in_use = any(m.has_data for m in computed.values())
    out: dict[str, Figure] = {}
    for definition in FIGURES:
        key, typed = definition.key, entered.get(definition.key)
        found = computed.get(definition.module)
        if found is not None and (found.has_data or (typed is None and in_use)):
            value = Value(found.values.get(key, 0))
            overridden = typed if typed is not None and typed != value else None
            out[key] = Figure(definition, value, Source.COMPUTED, overridden)
        elif typed is not None:
            out[key] = Figure(definition, typed, Source.ENTERED)
        else:
            out[key] = Figure(definition, None, Source.MISSING)
    return out


def rate(answered: int | None, received: int | None) -> Decimal | None:
    """answered / received as a percentage with one decimal (half up); None without any
    received (a rate of nothing is not 0 %)."""
    if answered is None or not received:
        return None
    return (Decimal(answered) * 100 / Decimal(received)).quantize(
        _PERCENT_PLACES, rounding=ROUND_HALF_UP
    )


def percent_shown(value: Decimal | None) -> str:
    """100 % as "100%", two thirds as "66.7%"; "" for None."""
    return "" if value is None else f"{_plain_decimal(value)}%"
