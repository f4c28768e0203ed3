"""The default letter templates (version 1 of every agency's templates, created by the system
on first use) and the placeholders a template may use.

A template is a title, a number template and a body of paragraphs (one a line) with
``{placeholders}`` filled from the case. A paragraph whose placeholders all come out empty is
left out, so one 答复书 serves both reply types of a row (（一）予以公开: already published or
provided; （四）1: does not exist or not this agency's). Literal braces are written ``{{ }}``.

Sources: 《政府信息公开条例》 (国务院令第711号) as restated in reference/applications.md §7–§11,
the 答复书 elements and the remedies sentence of reference/website.md §4.2 [S]. **[I]** The
wording of the notices is ours, in the register of local templates.
"""

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import LetterKind
from gongkai.core import applications as rules
from gongkai.core.applications.vocabulary import LAPSE_OUTCOMES, REPLY_ITEMS, Variant
from gongkai.core.workcalendar import MessageError

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# What every letter may say.
COMMON: Mapping[str, object] = {
    "agency": _("the agency's name"),
    "applicant": _("the applicant (name or organisation)"),
    "number": _("the registration number (登记号) of the application"),
    "received_on": _("the date the application was received"),
    "description": _("the information requested"),
    "deadline": _("the current reply deadline"),
    "letter_number": _("this letter's number"),
    "date": _("the date of the letter"),
    "office": _("the disclosure office"),
    "office_phone": _("the agency's telephone"),
    "office_address": _("the agency's address"),
    "office_contact": _("the disclosure office with telephone and address"),
}
# What each kind of letter may say besides.
BY_KIND: Mapping[str, Mapping[str, object]] = {
    LetterKind.CORRECTION: {
        "correction_until": _("the last day of the correction period"),
        "correction_items": _("what the applicant must correct"),
    },
    LetterKind.EXTENSION: {"extension_reason": _("the reason for the extension")},
    LetterKind.CONSULTATION: {
        "party": _("the third party or agency consulted"),
        "consultation_sent": _("the day the consultation letter was sent"),
        "consultation_until": _("the last day for the opinion (15 working days)"),
    },
    LetterKind.FEE: {
        "fee": _("the fee in yuan"),
        "fee_basis": _("how the fee was computed"),
        "payment_due": _("the last day to pay (20 working days)"),
    },
    LetterKind.REPLY: {
        "decision": _("the decision in one sentence (by outcome and type of reply)"),
        "outcome": _("the row of table 三 as the annual report prints it"),
        "decided_on": _("the date of the decision"),
        "article": _("the article of the OGI Regulations for the outcome"),
        "review_body": _("the administrative reconsideration body"),
        "court": _("the court for an administrative lawsuit"),
        **{item.value: REPLY_ITEMS[item].label for item in rules.ReplyItem},
    },
}
NUMBER_FIELDS = ("year", "seq")


def allowed(kind: str) -> dict[str, object]:
    return {**COMMON, **BY_KIND.get(kind, {})}


def fields_of(text: str) -> list[str]:
    """The placeholder names of `text`, in order; ValueError when its braces do not pair
    or a placeholder carries a format (``{seq:04d}``) or conversion."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(name)
        names.append(name)
    return names


def fill(text: str, values: Mapping[str, str]) -> str:
    return string.Formatter().vformat(text, (), dict(values))


def paragraphs(body: str, values: Mapping[str, str]) -> list[str]:
    """The body filled in, one paragraph a line; blank lines and paragraphs whose
    placeholders all came out empty are left out."""
    kept = []
    for line in body.splitlines():
        if not line.strip():
            continue
        names = fields_of(line)
        if names and not any(values.get(name, "") for name in names):
            continue
        kept.append(fill(line, values).strip())
    return kept


# 发文机关代字: the agency's short name. [I] The Agency model has no short name yet: it is
# derived from the name as the first character of the place and the first after the
# administrative level (临沧市民政局 → 临民, giving 临民公开复〔2026〕3号); an agency whose name
# has no level character uses its code. The office edits the number template to fix it.
_LEVELS = "省市州盟县区旗镇乡"


def short_name(name: str, code: str) -> str:
    for i, char in enumerate(name):
        if i > 0 and char in _LEVELS and i + 1 < len(name):
            return name[0] + name[i + 1]
    return code


# [I] 行政复议法 (2023) 第24条: a department of a local government is reviewed by the
# government of its level: the name up to the administrative level + 人民政府. A government
# itself, or a name without a level, gets the general wording. The court is always the
# general wording ([U] per agency, reference/applications.md §11); both are editable.
GENERAL_REVIEW_BODY = "有管辖权的行政复议机关"
GENERAL_COURT = "有管辖权的人民法院"


def review_body(name: str) -> str:
    if name.endswith("人民政府"):
        return GENERAL_REVIEW_BODY
    positions = [i for i, char in enumerate(name) if i > 0 and char in _LEVELS]
    if not positions or positions[0] + 1 >= len(name):
        return GENERAL_REVIEW_BODY
    return name[: positions[0] + 1] + "人民政府"


_NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–999 in Chinese numerals as articles are numbered (第三十六条, 第一百零一条)."""
    if n < 10:
        return _NUMERALS[n]
    if n < 20:
        return "十" + (_NUMERALS[n % 10] if n % 10 else "")
    if n < 100:
        return _NUMERALS[n // 10] + "十" + (_NUMERALS[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _NUMERALS[rest]
    else:
        tail = ("一" if rest < 20 else "") + chinese_number(rest)
    return _NUMERALS[n // 100] + "百" + tail


def article_text(article: str) -> str:
    """条例第36条第（一）（二）项 → 《中华人民共和国政府信息公开条例》第三十六条第（一）（二）项."""
    if not article:
        return ""
    text = re.sub(r"第(\d+)条", lambda m: f"第{chinese_number(int(m.group(1)))}条", article)
    return text.replace("条例", REGULATION, 1) if text.startswith("条例") else text


# The decision of a reply in one sentence, by row (and reply type where a row has two).
DECISIONS: Mapping[str, str] = {
    Variant.ALREADY_PUBLISHED: "您申请获取的政府信息已经主动公开",
    Variant.PROVIDED: "您申请获取的政府信息属于可以公开的政府信息，本机关决定予以公开",
    rules.Outcome.PARTLY_DISCLOSED: (
        "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，"
        "本机关决定部分公开"
    ),
    rules.Outcome.STATE_SECRET: "您申请获取的政府信息属于国家秘密，本机关决定不予公开",
    rules.Outcome.LAW_FORBIDS: (
        "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开"
    ),
    rules.Outcome.THREE_SECURITIES: (
        "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，"
        "本机关决定不予公开"
    ),
    rules.Outcome.THIRD_PARTY: (
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "本机关决定不予公开"
    ),
    rules.Outcome.INTERNAL_AFFAIRS: (
        "您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息，"
        "本机关决定不予公开"
    ),
    rules.Outcome.PROCESS_INFORMATION: (
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息，本机关决定不予公开"
    ),
    rules.Outcome.ENFORCEMENT_FILE: (
        "您申请获取的政府信息属于行政执法案卷信息，本机关决定不予公开"
    ),
    rules.Outcome.ADMINISTRATIVE_QUERY: (
        "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的情形，"
        "本机关不作为政府信息公开申请提供"
    ),
    Variant.DOES_NOT_EXIST: ("本机关经检索没有制作或者获取您申请获取的政府信息，该政府信息不存在"),
    Variant.NOT_THIS_AGENCY: "您申请获取的政府信息不属于本机关负责公开",
    rules.Outcome.NEEDS_PRODUCING: (
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析后方能形成，本机关不予提供"
    ),
    rules.Outcome.STILL_UNCLEAR: (
        "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息，无法提供"
    ),
    rules.Outcome.PETITION: (
        "您提出的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动，"
        "本机关不作为政府信息公开申请处理"
    ),
    rules.Outcome.REPEATED: (
        "您提出的申请与本机关已经答复的申请属于同一申请人就同一政府信息重复申请，本机关不予重复处理"
    ),
    rules.Outcome.PUBLICATION: (
        "您申请获取的信息属于政府公报、报刊、书籍等公开出版物，本机关不作为政府信息公开申请处理"
    ),
    rules.Outcome.EXCESSIVE: (
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理"
    ),
    rules.Outcome.CONFIRMATION: (
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理"
    ),
    rules.Outcome.NOT_CORRECTED: (
        "您未在补正期限内补正申请，且无正当理由，视为放弃申请，本机关不再处理您的政府信息公开申请"
    ),
    rules.Outcome.FEE_NOT_PAID: (
        "您未在收费通知规定的期限内缴纳信息处理费，视为放弃申请，本机关不再处理您的政府信息公开申请"
    ),
    rules.Outcome.OTHER: "您已撤回该政府信息公开申请，本机关终止处理",
}


def decision(outcome: str, variant: str = "") -> str:
    return DECISIONS.get(variant) or DECISIONS.get(outcome, "")


# The paragraph of each reply item, in letter order.
ITEM_PARAGRAPHS: Mapping[rules.ReplyItem, str] = {
    rules.ReplyItem.WHERE_PUBLISHED: "获取该政府信息的方式、途径：{where_published}。",
    rules.ReplyItem.PROVISION: "提供的政府信息及获取的方式、途径和时间：{provision}。",
    rules.ReplyItem.WITHHELD_PARTS: "不予公开的部分及理由：{withheld_parts}。",
    rules.ReplyItem.DOES_NOT_EXIST: "检索情况：{does_not_exist}。",
    rules.ReplyItem.REASONS: "理由：{reasons}。",
    rules.ReplyItem.COMPETENT_AGENCY: (
        "负责公开该政府信息的行政机关及其联系方式：{competent_agency}。"
    ),
    rules.ReplyItem.NOT_REPEATED: "说明：{not_repeated}。",
    rules.ReplyItem.SPECIAL_PROCEDURE: "请您依照有关法律、行政法规的规定办理：{special_procedure}。",
    rules.ReplyItem.OTHER_CHANNEL: "您可以通过以下渠道反映：{other_channel}。",
}

OPENING = (
    "{applicant}：\n"
    "本机关于{received_on}收到您提出的政府信息公开申请（登记号：{number}），"
    "申请获取“{description}”。"
)
# [S] reference/website.md §4.2, applications.md §11: 60日 and 6个月 from receipt of the letter.
REMEDIES = (
    "如对本答复不服，可以自收到本答复书之日起60日内依法向{review_body}申请行政复议，"
    "或者自收到本答复书之日起6个月内依法向{court}提起行政诉讼。"
)
CONTACT = "联系机构：{office_contact}。"
REMEDY_WORDS = ("行政复议", "行政诉讼")


def _variants_of(outcome: rules.Outcome) -> list[Variant | None]:
    """The reply types of a row (none: the row has one)."""
    found: list[Variant | None] = []
    for variant in Variant:
        try:
            rules.reply_items(outcome, variant)
        except MessageError:
            continue  # a type of another row
        found.append(variant)
    return found or [None]


def _reply_items(outcome: rules.Outcome) -> list[rules.ReplyItem]:
    items: list[rules.ReplyItem] = []
    for variant in _variants_of(outcome):
        for item in rules.reply_items(outcome, variant):
            if item not in items:
                items.append(item)
    return items


def on_the_merits(outcome: str) -> bool:
    """A reply on the merits states its legal basis and the remedies (core reply_items)."""
    return bool(outcome) and rules.Outcome(outcome) not in LAPSE_OUTCOMES


def reply_body(outcome: rules.Outcome) -> str:
    items = _reply_items(outcome)
    merits = on_the_merits(outcome)
    lines = [OPENING, "经审查，{decision}。" if merits else "{decision}。"]
    lines += [ITEM_PARAGRAPHS[item] for item in ITEM_PARAGRAPHS if item in items]
    if merits:
        lines += ["本答复的法律依据：{legal_basis}。", REMEDIES]
    lines += ["特此告知。"]
    lines.append(CONTACT)
    return "\n".join(lines)


@dataclass(frozen=True)
class Default:
    title: str
    number_template: str
    body: str


NOTICES: Mapping[str, tuple[str, str, str]] = {
    # kind: (title, 代字 suffix, body)
    LetterKind.CORRECTION: (
        "{agency}政府信息公开申请补正告知书",
        "公开补",
        OPENING + "\n"
        "经审查，您的申请内容不明确。根据" + REGULATION + "第二十九条、第三十条的规定，"
        "请您对申请作出补正：{correction_items}。\n"
        "请您于{correction_until}前将补正后的申请提交本机关。答复期限自本机关收到补正的"
        "申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息"
        "公开申请。\n"
        "特此告知。\n" + CONTACT,
    ),
    LetterKind.EXTENSION: (
        "{agency}政府信息公开申请延期答复告知书",
        "公开延",
        OPENING + "\n"
        "因{extension_reason}，本机关不能在规定的期限内作出答复。根据" + REGULATION + ""
        "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
        "20个工作日，本机关将于{deadline}前作出答复。\n"
        "特此告知。\n" + CONTACT,
    ),
    LetterKind.CONSULTATION: (
        "{agency}政府信息公开征求第三方意见函",
        "公开征",
        "{party}：\n"
        "本机关于{received_on}收到一份政府信息公开申请（登记号：{number}），申请获取"
        "“{description}”。经审查，公开该政府信息可能损害您（单位）的合法权益，或者需要"
        "征求您（单位）的意见。根据" + REGULATION + "第三十二条、第三十三条的规定，现书面"
        "征求您（单位）的意见。\n"
        "请于{consultation_until}前（自本函发出之日起15个工作日内）向本机关书面提出是否"
        "同意公开的意见及理由。逾期未提出意见的，由本机关依照" + REGULATION + "的规定决定"
        "是否公开。\n"
        "特此函告。\n" + CONTACT,
    ),
    LetterKind.FEE: (
        "{agency}政府信息公开信息处理费收费通知书",
        "公开费",
        OPENING + "\n"
        "根据" + REGULATION + "第四十二条和" + FEE_RULES + "的规定，您的申请应当缴纳"
        "信息处理费{fee}元。计算依据：{fee_basis}。\n"
        "请您于{payment_due}前（自收到本通知次日起20个工作日内）缴纳。逾期未缴纳的，视为"
        "放弃申请，本机关不再处理该政府信息公开申请。缴费方式请与本机关联系。\n"
        "特此通知。\n" + CONTACT,
    ),
}
REPLY_TITLE = "{agency}政府信息公开申请答复书"
REPLY_CODE = "公开复"


def number_template(prefix: str, code: str) -> str:
    return f"{prefix}{code}〔{{year}}〕{{seq}}号"


def default(kind: str, outcome: str, *, prefix: str) -> Default:
    """Version 1 of an agency's template of `kind` (and `outcome` for a reply)."""
    if kind == LetterKind.REPLY:
        return Default(
            REPLY_TITLE, number_template(prefix, REPLY_CODE), reply_body(rules.Outcome(outcome))
        )
    title, code, body = NOTICES[kind]
    return Default(title, number_template(prefix, code), body)


def slots() -> list[tuple[str, str]]:
    """Every (kind, outcome) an agency has a template for: the four notices, then one
    答复书 per row of table 三."""
    notices = [(kind.value, "") for kind in LetterKind if kind != LetterKind.REPLY]
    return notices + [(LetterKind.REPLY.value, o.value) for o in rules.Outcome]
