"""Rules of proactive disclosure (主动公开): attributes, grounds, the record workflow,
document and index numbers, and the 20-working-day publication clock.

Sources: 《政府信息公开条例》 Arts 14–16, 19, 26 (reference proactive.md §§4, 6, 7, 10);
the reference bureau's practice of attributes with reasons and 退文 (临民字〔2018〕2号).
"""

import enum
import re
import string
from dataclasses import dataclass
from datetime import date

from gongkai.core.workcalendar import WorkCalendar


class Attribute(enum.StrEnum):
    """公开属性, set by the drafter on every record."""

    PROACTIVE = "proactive"  # 主动公开
    REDACTED = "redacted"  # 删减后公开: its redacted version is published
    ON_REQUEST = "on_request"  # 依申请公开
    WITHHELD = "withheld"  # 不公开


ATTRIBUTE_LABELS = {
    Attribute.PROACTIVE: "主动公开",
    Attribute.REDACTED: "删减后公开",
    Attribute.ON_REQUEST: "依申请公开",
    Attribute.WITHHELD: "不公开",
}

# Only these ever reach the portal, feeds, sitemap or API.
PUBLIC_ATTRIBUTES = frozenset({Attribute.PROACTIVE, Attribute.REDACTED})


class Ground(enum.StrEnum):
    """Legal basis for not (fully) publishing proactively; labels are the annual report's."""

    STATE_SECRET = "state_secret"
    LAW_FORBIDS = "law_forbids"
    THREE_SECURITIES = "three_securities"
    THIRD_PARTY = "third_party"
    INTERNAL_AFFAIRS = "internal_affairs"
    PROCESS_INFORMATION = "process_information"
    ENFORCEMENT_FILE = "enforcement_file"
    NOT_OF_PUBLIC_INTEREST = "not_of_public_interest"


@dataclass(frozen=True)
class GroundInfo:
    article: str
    report_label: str  # 年度报告表三 short name; "" where the report has no row


GROUNDS = {
    Ground.STATE_SECRET: GroundInfo("条例第十四条", "属于国家秘密"),
    Ground.LAW_FORBIDS: GroundInfo("条例第十四条", "其他法律行政法规禁止公开"),
    Ground.THREE_SECURITIES: GroundInfo("条例第十四条", "危及“三安全一稳定”"),
    Ground.THIRD_PARTY: GroundInfo("条例第十五条", "保护第三方合法权益"),
    Ground.INTERNAL_AFFAIRS: GroundInfo("条例第十六条第一款", "属于三类内部事务信息"),
    Ground.PROCESS_INFORMATION: GroundInfo("条例第十六条第二款", "属于四类过程性信息"),
    Ground.ENFORCEMENT_FILE: GroundInfo("条例第十六条第二款", "属于行政执法案卷"),
    # [I] 依申请公开 information is disclosable but not of the kind Art. 19 requires to be
    # published proactively (不涉及公众利益调整、无需公众广泛知晓或参与决策).
    Ground.NOT_OF_PUBLIC_INTEREST: GroundInfo("条例第十九条", ""),
}

GROUND_LABELS = {
    g: f"{info.report_label or '不属于应主动公开的范围'}（{info.article}）"
    for g, info in GROUNDS.items()
}


def attribute_problems(attribute: str, ground: str, reason: str) -> list[str]:
    """Why a record may not go to review yet (the reference bureau's 退文 rule); [] if none."""
    if attribute not in set(Attribute):
        return ["未设置公开属性"]
    if attribute == Attribute.PROACTIVE:
        return []
    label = ATTRIBUTE_LABELS[Attribute(attribute)]
    problems = []
    if ground not in set(Ground):
        problems.append(f"公开属性为“{label}”，须选择法律依据（条例第十四至十六条）")
    if not reason.strip():
        problems.append(f"公开属性为“{label}”，须说明理由")
    return problems


class Status(enum.StrEnum):
    DRAFT = "draft"  # 草稿 (also: returned to the drafter)
    SUBMITTED = "submitted"  # 待保密审查
    REVIEWED = "reviewed"  # 待审批
    SCHEDULED = "scheduled"  # 已批准，定时发布
    PUBLISHED = "published"  # 已发布
    REVOKED = "revoked"  # 已撤回 (the public URL answers 410)
    ARCHIVED = "archived"  # 已归档


class Step(enum.StrEnum):
    SUBMIT = "submit"
    PASS_REVIEW = "pass_review"
    APPROVE = "approve"  # publish now
    SCHEDULE = "schedule"  # approve for a later moment
    RELEASE = "release"  # the scheduled moment came (system)
    RETURN = "return"  # 退回 to the drafter, reason required
    REVOKE = "revoke"  # 撤回, reason required
    ARCHIVE = "archive"


TRANSITIONS: dict[tuple[Status, Step], Status] = {
    (Status.DRAFT, Step.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Step.PASS_REVIEW): Status.REVIEWED,
    (Status.SUBMITTED, Step.RETURN): Status.DRAFT,
    (Status.REVIEWED, Step.APPROVE): Status.PUBLISHED,
    (Status.REVIEWED, Step.SCHEDULE): Status.SCHEDULED,
    (Status.REVIEWED, Step.RETURN): Status.DRAFT,
    (Status.SCHEDULED, Step.RELEASE): Status.PUBLISHED,
    (Status.SCHEDULED, Step.RETURN): Status.DRAFT,
    (Status.PUBLISHED, Step.REVOKE): Status.REVOKED,
    (Status.PUBLISHED, Step.ARCHIVE): Status.ARCHIVED,
    (Status.REVOKED, Step.ARCHIVE): Status.ARCHIVED,
}

STEPS_NEEDING_A_REASON = frozenset({Step.RETURN, Step.REVOKE})
EDITABLE_STATUSES = frozenset({Status.DRAFT})


class TransitionError(ValueError):
    pass


def next_status(current: str, step: str) -> Status:
    try:
        return TRANSITIONS[(Status(current), Step(step))]
    except (KeyError, ValueError):
        raise TransitionError(f"当前状态“{current}”下不能执行“{step}”") from None


# 发文字号: 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 7.2.4), e.g. 临民字〔2018〕2号.
_DOC_NUMBER = re.compile(
    r"^(?P<prefix>[\u4e00-\u9fffA-Za-z]{1,20})〔(?P<year>\d{4})〕(?P<n>[1-9]\d{0,5})号$"
)
_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "【": "〔",
        "】": "〕",
        "（": "〔",
        "）": "〕",
        "(": "〔",
        ")": "〕",
        "［": "〔",
        "］": "〕",
    }
)


def normalize_document_number(text: str) -> str:
    """The 文号 with the official 〔 〕 brackets; ValueError with a Chinese reason if malformed.

    Half-width and other brackets seen in typed input are accepted and converted; the
    year must be four digits and the serial must not start with 0 (GB/T 9704-2012).
    """
    value = re.sub(r"\s+", "", text).translate(_BRACKETS)
    match = _DOC_NUMBER.match(value)
    if not match:
        raise ValueError(f"文号“{text}”格式不正确，应如“临民字〔2018〕2号”")
    if not 1949 <= int(match["year"]) <= 2100:
        raise ValueError(f"文号“{text}”中的年份不正确")
    return value


INDEX_TOKENS = frozenset({"agency_code", "unit_code", "year", "seq", "uscc", "date"})
DEFAULT_INDEX_TEMPLATE = "{agency_code}/{year}-{seq:05d}"  # the 中国政府网 shape (proactive.md §10)


def check_index_template(template: str) -> None:
    """ValueError naming the problem if `template` is not a usable 索引号 template."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ValueError(f"索引号模板“{template}”无法解析：{exc}") from None
    unknown = sorted(set(fields) - INDEX_TOKENS)
    if unknown:
        raise ValueError(f"索引号模板含有未知字段：{'、'.join(unknown)}")
    if "seq" not in fields:
        raise ValueError("索引号模板须包含流水号 {seq}，否则编号会重复")


def render_index_number(
    template: str,
    *,
    agency_code: str,
    year: int,
    seq: int,
    unit_code: str = "",
    uscc: str = "",
    day: date | None = None,
) -> str:
    check_index_template(template)
    stamp = (day or date(year, 1, 1)).strftime("%Y%m%d")
    return template.format(
        agency_code=agency_code, unit_code=unit_code, year=year, seq=seq, uscc=uscc, date=stamp
    )


PUBLICATION_LIMIT = 20  # 条例第26条: within 20 working days of forming or change


@dataclass(frozen=True)
class Timeliness:
    working_days: int
    limit: int

    @property
    def late(self) -> bool:
        return self.working_days > self.limit


def publication_timeliness(
    calendar: WorkCalendar, *, formed: date, published: date, limit: int = PUBLICATION_LIMIT
) -> Timeliness:
    """Working days from the day the information was formed or changed to publication."""
    return Timeliness(calendar.working_days_between(formed, published), limit)
