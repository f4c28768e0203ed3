"""The words of 依申请公开: who applies and how, what they ask to receive, and how a case ends.

Outcomes are exactly the 21 result rows of table 三 of the annual report (2021 format,
reference annual-report.md §5.2), so the ledger, the statistics and the report share one
vocabulary; the remedy words are the columns of table 四 (§6). What a reply must say for each
outcome follows 条例第36条 and 第37条 (applications.md §8, §9, §13).
"""

import enum
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from stdnum.cn import ric, uscc

from gongkai.core.workcalendar import Message, MessageError, Param, message


class ApplicantKind(enum.StrEnum):
    """申请人情况: the seven data columns of table 三 minus 总计 (annual-report.md §5.1)."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICE = "legal_service"
    OTHER = "other"

    @property
    def label(self) -> str:
        return APPLICANT_KIND_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        """法人或其他组织 (the five columns under that header)."""
        return self is not ApplicantKind.NATURAL_PERSON


APPLICANT_KIND_LABELS: Mapping[ApplicantKind, str] = {
    ApplicantKind.NATURAL_PERSON: "自然人",
    ApplicantKind.COMMERCIAL: "商业企业",
    ApplicantKind.RESEARCH: "科研机构",
    ApplicantKind.PUBLIC_INTEREST: "社会公益组织",
    ApplicantKind.LEGAL_SERVICE: "法律服务机构",
    ApplicantKind.OTHER: "其他",
}
ORGANISATION_HEADER = "法人或其他组织"


class Channel(enum.StrEnum):
    """申请渠道. Which receipt rule of 条例第31条 applies depends on it (see intake.py).

    [I] The labels are ours: neither the 条例 nor the report prints a list of channels.
    A letter may be signed for (挂号、EMS) or not; that is recorded with the receipt, not here.
    An oral application (条例第29条第1款: the 工作机构 fills in the form) is 当面申请.
    """

    ONLINE = "online"
    IN_PERSON = "in_person"
    LETTER = "letter"
    FAX = "fax"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS: Mapping[Channel, str] = {
    Channel.ONLINE: "网上申请",
    Channel.IN_PERSON: "当面申请",
    Channel.LETTER: "信函申请",
    Channel.FAX: "传真申请",
    Channel.EMAIL: "电子邮件申请",
}


class ProvisionForm(enum.StrEnum):
    """The form in which the information is supplied (条例第29条第2款第（三）项, 第40条)."""

    PAPER = "paper"
    EMAIL = "email"
    DISC = "disc"
    INSPECTION = "inspection"

    @property
    def label(self) -> str:
        return PROVISION_FORM_LABELS[self]


PROVISION_FORM_LABELS: Mapping[ProvisionForm, str] = {
    ProvisionForm.PAPER: "纸质",
    ProvisionForm.EMAIL: "电子邮件",
    ProvisionForm.DISC: "光盘/U盘",
    ProvisionForm.INSPECTION: "当场查阅/抄录",
}


class Delivery(enum.StrEnum):
    """How the reply and the information reach the applicant (获取信息的方式、途径).

    [I] 网上下载 (through /track/) is added to the issue's three after applications.md §2.
    """

    POST = "post"
    EMAIL = "email"
    PICK_UP = "pick_up"
    DOWNLOAD = "download"

    @property
    def label(self) -> str:
        return DELIVERY_LABELS[self]


DELIVERY_LABELS: Mapping[Delivery, str] = {
    Delivery.POST: "邮寄",
    Delivery.EMAIL: "电子邮件",
    Delivery.PICK_UP: "自行领取",
    Delivery.DOWNLOAD: "网上下载",
}


class IdentityDocument(enum.StrEnum):
    """身份证明 (条例第29条第2款第（一）项). [I] The list is ours; the 条例 names none."""

    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    RESIDENCE_PERMIT = "residence_permit"
    FOREIGNER_PERMANENT_ID = "foreigner_permanent_id"
    CREDIT_CODE = "credit_code"  # 法人或其他组织
    OTHER = "other"

    @property
    def label(self) -> str:
        return IDENTITY_DOCUMENT_LABELS[self]


IDENTITY_DOCUMENT_LABELS: Mapping[IdentityDocument, str] = {
    IdentityDocument.RESIDENT_ID: "居民身份证",
    IdentityDocument.PASSPORT: "护照",
    IdentityDocument.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    IdentityDocument.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    IdentityDocument.RESIDENCE_PERMIT: "港澳台居民居住证",
    IdentityDocument.FOREIGNER_PERMANENT_ID: "外国人永久居留身份证",
    IdentityDocument.CREDIT_CODE: "统一社会信用代码",
    IdentityDocument.OTHER: "其他身份证明",
}
# What an organisation identifies itself with, and what a person may not use.
ORGANISATION_DOCUMENTS = frozenset({IdentityDocument.CREDIT_CODE, IdentityDocument.OTHER})
PERSONAL_DOCUMENTS = frozenset(IdentityDocument) - {IdentityDocument.CREDIT_CODE}

CHINESE: Mapping[str, str] = {
    "identity.checksum": "%(document)s号码“%(number)s”校验不通过，请核对",
    "identity.wrong_kind": "%(kind)s不能以“%(document)s”作为身份证明",
    "outcome.unknown": "无法识别的办理结果“%(text)s”",
    "outcome.variant_needed": "办理结果“%(outcome)s”须说明属于条例第36条的哪一种答复情形",
    "outcome.variant_mismatch": "答复情形“%(variant)s”不属于办理结果“%(outcome)s”",
    "reply.missing": "答复书缺少：%(item)s（%(article)s）",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


# Documents whose number carries a check digit python-stdnum knows (GB 11643, GB 32100).
_CHECKSUMS = {IdentityDocument.RESIDENT_ID: ric, IdentityDocument.CREDIT_CODE: uscc}


def check_identity(kind: ApplicantKind, document: IdentityDocument, number: str) -> str:
    """The number, normalised, if it fits the applicant and passes its checksum.

    A person identifies with a personal document, an organisation with its credit code (or
    [I] another document, for the organisations that have none); MessageError otherwise.
    """
    allowed = ORGANISATION_DOCUMENTS if kind.is_organisation else PERSONAL_DOCUMENTS
    if document not in allowed:
        raise MessageError(_say("identity.wrong_kind", kind=kind.label, document=document.label))
    module = _CHECKSUMS.get(document)
    if module is None:
        return number.strip()
    compact: str = module.compact(number)
    if not module.is_valid(compact):
        raise MessageError(_say("identity.checksum", document=document.label, number=number))
    return compact


class Outcome(enum.StrEnum):
    """办理结果: one result row of table 三 (2021 format); a case takes exactly one."""

    DISCLOSED = "disclosed"
    PARTLY_DISCLOSED = "partly_disclosed"
    STATE_SECRET = "state_secret"
    LAW_FORBIDS = "law_forbids"
    THREE_SECURITIES = "three_securities"
    THIRD_PARTY = "third_party"
    INTERNAL_AFFAIRS = "internal_affairs"
    PROCESS_INFORMATION = "process_information"
    ENFORCEMENT_FILE = "enforcement_file"
    ADMINISTRATIVE_QUERY = "administrative_query"
    NOT_HELD = "not_held"
    NEEDS_PRODUCING = "needs_producing"
    STILL_UNCLEAR = "still_unclear"
    PETITION = "petition"
    REPEATED = "repeated"
    PUBLICATION = "publication"
    EXCESSIVE = "excessive"
    CONFIRMATION = "confirmation"
    NOT_CORRECTED = "not_corrected"
    FEE_NOT_PAID = "fee_not_paid"
    OTHER = "other"

    @property
    def info(self) -> "OutcomeInfo":
        return OUTCOMES[self]


class ReplyItem(enum.StrEnum):
    """Something a reply letter must state (条例第36条, 第37条)."""

    WHERE_PUBLISHED = "where_published"
    PROVISION = "provision"
    REASONS = "reasons"
    LEGAL_BASIS = "legal_basis"
    WITHHELD_PARTS = "withheld_parts"
    DOES_NOT_EXIST = "does_not_exist"
    COMPETENT_AGENCY = "competent_agency"
    NOT_REPEATED = "not_repeated"
    SPECIAL_PROCEDURE = "special_procedure"
    OTHER_CHANNEL = "other_channel"
    REMEDIES = "remedies"


@dataclass(frozen=True)
class ReplyItemInfo:
    label: str
    article: str


REPLY_ITEMS: Mapping[ReplyItem, ReplyItemInfo] = {
    ReplyItem.WHERE_PUBLISHED: ReplyItemInfo("获取该政府信息的方式、途径", "条例第36条第（一）项"),
    ReplyItem.PROVISION: ReplyItemInfo(
        "向申请人提供该政府信息，或者告知获取该政府信息的方式、途径和时间",
        "条例第36条第（二）项",
    ),
    ReplyItem.REASONS: ReplyItemInfo("理由", "条例第36条第（三）项、第（五）项"),
    # [S] the local 答复书 templates (applications.md §8): the decision with its legal basis
    ReplyItem.LEGAL_BASIS: ReplyItemInfo("法律依据", "条例第36条；各地答复书范本"),
    ReplyItem.WITHHELD_PARTS: ReplyItemInfo("不予公开的部分及其理由", "条例第37条"),
    ReplyItem.DOES_NOT_EXIST: ReplyItemInfo("告知该政府信息不存在", "条例第36条第（四）项"),
    ReplyItem.COMPETENT_AGENCY: ReplyItemInfo(
        "能够确定负责公开该政府信息的行政机关的，告知其名称、联系方式", "条例第36条第（五）项"
    ),
    ReplyItem.NOT_REPEATED: ReplyItemInfo("告知不予重复处理", "条例第36条第（六）项"),
    ReplyItem.SPECIAL_PROCEDURE: ReplyItemInfo(
        "告知申请人依照有关法律、行政法规的规定办理", "条例第36条第（七）项"
    ),
    ReplyItem.OTHER_CHANNEL: ReplyItemInfo(
        "告知申请人不作为政府信息公开申请处理，可以告知通过相应渠道提出", "条例第39条第1款"
    ),
    # [S] 行政复议 60日, 行政诉讼 6个月 (applications.md §11)
    ReplyItem.REMEDIES: ReplyItemInfo("行政复议、行政诉讼的权利和期限", "条例第51条"),
}


class Variant(enum.StrEnum):
    """Which reply type of 条例第36条 a decision is, where one report row covers two."""

    ALREADY_PUBLISHED = "already_published"  # 第36条第（一）项 → （一）予以公开
    PROVIDED = "provided"  # 第36条第（二）项 → （一）予以公开
    DOES_NOT_EXIST = "does_not_exist"  # 第36条第（四）项 → （四）1
    NOT_THIS_AGENCY = "not_this_agency"  # 第36条第（五）项 → （四）1


VARIANT_LABELS: Mapping[Variant, str] = {
    Variant.ALREADY_PUBLISHED: "已经主动公开",
    Variant.PROVIDED: "可以公开",
    Variant.DOES_NOT_EXIST: "经检索没有所申请公开信息",
    Variant.NOT_THIS_AGENCY: "不属于本机关负责公开",
}


@dataclass(frozen=True)
class OutcomeInfo:
    ref: str  # the numbering as the report prints it: "（三）1"
    group: str  # the merged group cell, "" for （一） and （二）
    label: str  # the row label exactly as printed
    article: str
    items: tuple[ReplyItem, ...]  # what the reply states besides the basis and remedies

    @property
    def ledger(self) -> str:
        """The DESIGN.md ledger text: label without numbering, group and item joined by /."""
        name = _unnumbered(self.label)
        return f"{_unnumbered(self.group)}/{name}" if self.group else name


def _unnumbered(label: str) -> str:
    """ "1.属于国家秘密" → "属于国家秘密"; "（二）部分公开（区分处理的…）" → "部分公开"."""
    if label.startswith("（"):
        label = label[label.index("）") + 1 :]
    elif label[:1].isdigit():
        label = label[label.index(".") + 1 :]
    return label.split("（")[0]


_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_HANDLED = "（五）不予处理"
_OTHER = "（六）其他处理"
_REFUSED = (ReplyItem.REASONS,)

OUTCOMES: Mapping[Outcome, OutcomeInfo] = {
    # [I] the items of 予以公开 and （四）1 depend on the Variant (see reply_items)
    Outcome.DISCLOSED: OutcomeInfo(
        "（一）", "", "（一）予以公开", "条例第36条第（一）（二）项", ()
    ),
    Outcome.PARTLY_DISCLOSED: OutcomeInfo(
        "（二）",
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "条例第37条",
        (ReplyItem.PROVISION, ReplyItem.WITHHELD_PARTS),
    ),
    Outcome.STATE_SECRET: OutcomeInfo(
        "（三）1", _WITHHELD, "1.属于国家秘密", "条例第14条", _REFUSED
    ),
    Outcome.LAW_FORBIDS: OutcomeInfo(
        "（三）2", _WITHHELD, "2.其他法律行政法规禁止公开", "条例第14条", _REFUSED
    ),
    Outcome.THREE_SECURITIES: OutcomeInfo(
        "（三）3", _WITHHELD, "3.危及“三安全一稳定”", "条例第14条", _REFUSED
    ),
    Outcome.THIRD_PARTY: OutcomeInfo(
        "（三）4", _WITHHELD, "4.保护第三方合法权益", "条例第15条、第32条", _REFUSED
    ),
    Outcome.INTERNAL_AFFAIRS: OutcomeInfo(
        "（三）5", _WITHHELD, "5.属于三类内部事务信息", "条例第16条第1款", _REFUSED
    ),
    Outcome.PROCESS_INFORMATION: OutcomeInfo(
        "（三）6", _WITHHELD, "6.属于四类过程性信息", "条例第16条第2款", _REFUSED
    ),
    Outcome.ENFORCEMENT_FILE: OutcomeInfo(
        "（三）7", _WITHHELD, "7.属于行政执法案卷", "条例第16条第2款", _REFUSED
    ),
    Outcome.ADMINISTRATIVE_QUERY: OutcomeInfo(
        "（三）8",
        _WITHHELD,
        "8.属于行政查询事项",
        "条例第36条第（七）项",
        (ReplyItem.SPECIAL_PROCEDURE,),
    ),
    Outcome.NOT_HELD: OutcomeInfo(
        "（四）1", _UNABLE, "1.本机关不掌握相关政府信息", "条例第36条第（四）（五）项", ()
    ),
    Outcome.NEEDS_PRODUCING: OutcomeInfo(
        "（四）2", _UNABLE, "2.没有现成信息需要另行制作", "条例第38条", _REFUSED
    ),
    Outcome.STILL_UNCLEAR: OutcomeInfo(
        "（四）3", _UNABLE, "3.补正后申请内容仍不明确", "条例第30条", _REFUSED
    ),
    Outcome.PETITION: OutcomeInfo(
        "（五）1",
        _NOT_HANDLED,
        "1.信访举报投诉类申请",
        "条例第39条第1款",
        (ReplyItem.OTHER_CHANNEL,),
    ),
    Outcome.REPEATED: OutcomeInfo(
        "（五）2", _NOT_HANDLED, "2.重复申请", "条例第36条第（六）项", (ReplyItem.NOT_REPEATED,)
    ),
    # [I] 第39条第2款 only allows ("可以") naming where the publication is sold; not required
    Outcome.PUBLICATION: OutcomeInfo(
        "（五）3", _NOT_HANDLED, "3.要求提供公开出版物", "条例第39条第2款", ()
    ),
    Outcome.EXCESSIVE: OutcomeInfo(
        "（五）4", _NOT_HANDLED, "4.无正当理由大量反复申请", "条例第35条", _REFUSED
    ),
    # [I] no article names this case (applications.md §13); reasons are required as for any
    # refusal to handle
    Outcome.CONFIRMATION: OutcomeInfo(
        "（五）5", _NOT_HANDLED, "5.要求行政机关确认或重新出具已获取信息", "", _REFUSED
    ),
    Outcome.NOT_CORRECTED: OutcomeInfo(
        "（六）1",
        _OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "条例第30条",
        (),
    ),
    Outcome.FEE_NOT_PAID: OutcomeInfo(
        "（六）2",
        _OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "条例第42条；国办函〔2020〕109号",
        (),
    ),
    Outcome.OTHER: OutcomeInfo("（六）3", _OTHER, "3.其他", "", ()),
}

# The rows a case reaches by a lapse or a withdrawal, not by a decision on its merits: the
# 条例 asks for no reply letter there ([I] an agency may still send a notice).
LAPSE_OUTCOMES = frozenset({Outcome.NOT_CORRECTED, Outcome.FEE_NOT_PAID, Outcome.OTHER})
IN_PROGRESS_LEDGER = "办理中"

_VARIANTS: Mapping[Variant, tuple[Outcome, tuple[ReplyItem, ...]]] = {
    Variant.ALREADY_PUBLISHED: (Outcome.DISCLOSED, (ReplyItem.WHERE_PUBLISHED,)),
    Variant.PROVIDED: (Outcome.DISCLOSED, (ReplyItem.PROVISION,)),
    Variant.DOES_NOT_EXIST: (Outcome.NOT_HELD, (ReplyItem.DOES_NOT_EXIST,)),
    Variant.NOT_THIS_AGENCY: (
        Outcome.NOT_HELD,
        (ReplyItem.REASONS, ReplyItem.COMPETENT_AGENCY),
    ),
}
OUTCOMES_WITH_VARIANTS = frozenset(outcome for outcome, _ in _VARIANTS.values())


def reply_items(outcome: Outcome, variant: Variant | None = None) -> tuple[ReplyItem, ...]:
    """What the reply letter for `outcome` must state, in letter order.

    Every reply on the merits states its legal basis and the remedies ([S] local 答复书
    templates, applications.md §8, §11); a lapse or withdrawal needs no reply ([I]).
    """
    specific = _specific_items(outcome, variant)
    if outcome in LAPSE_OUTCOMES:
        return specific
    return (*specific, ReplyItem.LEGAL_BASIS, ReplyItem.REMEDIES)


def _specific_items(outcome: Outcome, variant: Variant | None) -> tuple[ReplyItem, ...]:
    info = OUTCOMES[outcome]
    if outcome not in OUTCOMES_WITH_VARIANTS:
        if variant is not None:
            raise MessageError(
                _say("outcome.variant_mismatch", variant=VARIANT_LABELS[variant], outcome=info.ref)
            )
        return info.items
    if variant is None:
        raise MessageError(_say("outcome.variant_needed", outcome=info.label))
    row, items = _VARIANTS[variant]
    if row is not outcome:
        raise MessageError(
            _say("outcome.variant_mismatch", variant=VARIANT_LABELS[variant], outcome=info.label)
        )
    return items


def missing_reply_items(
    outcome: Outcome, variant: Variant | None, stated: Collection[ReplyItem]
) -> list[Message]:
    """Why a reply letter may not go out yet: each required item it does not state."""
    return [
        _say("reply.missing", item=REPLY_ITEMS[item].label, article=REPLY_ITEMS[item].article)
        for item in reply_items(outcome, variant)
        if item not in stated
    ]


def _normalised(text: str) -> str:
    # 2021 reports sometimes print "逾期不补正，行政机关" with a comma (annual-report.md §5.2)
    return "".join(text.split()).replace("，", "、")


_BY_LEDGER = {_normalised(info.ledger): outcome for outcome, info in OUTCOMES.items()}


def outcome_from_ledger(text: str) -> Outcome | None:
    """The outcome a ledger cell names; None for 办理中; MessageError for anything else."""
    key = _normalised(text)
    if key == IN_PROGRESS_LEDGER:
        return None
    try:
        return _BY_LEDGER[key]
    except KeyError:
        raise MessageError(_say("outcome.unknown", text=text)) from None


def ledger_outcome(outcome: Outcome | None) -> str:
    """The 办理结果 ledger cell of a case: its row, or 办理中 while it is open."""
    return IN_PROGRESS_LEDGER if outcome is None else OUTCOMES[outcome].ledger


class RemedyKind(enum.StrEnum):
    """The three blocks of table 四 (annual-report.md §6)."""

    RECONSIDERATION = "reconsideration"
    DIRECT_LITIGATION = "direct_litigation"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration"

    @property
    def label(self) -> str:
        return REMEDY_KIND_LABELS[self]


REMEDY_KIND_LABELS: Mapping[RemedyKind, str] = {
    RemedyKind.RECONSIDERATION: "行政复议",
    RemedyKind.DIRECT_LITIGATION: "未经复议直接起诉",
    RemedyKind.LITIGATION_AFTER_RECONSIDERATION: "复议后起诉",
}
LITIGATION_HEADER = "行政诉讼"


class RemedyResult(enum.StrEnum):
    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return REMEDY_RESULT_LABELS[self]


REMEDY_RESULT_LABELS: Mapping[RemedyResult, str] = {
    RemedyResult.UPHELD: "结果维持",
    RemedyResult.CORRECTED: "结果纠正",
    RemedyResult.OTHER: "其他结果",
    RemedyResult.PENDING: "尚未审结",
}
REMEDY_TOTAL = "总计"


def remedy_column(kind: RemedyKind, result: RemedyResult) -> int:
    """The column (1–15) of table 四 a case is counted in; 总计 is column 5, 10 or 15."""
    return list(RemedyKind).index(kind) * 5 + list(RemedyResult).index(result) + 1
