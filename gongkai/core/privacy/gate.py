"""The publication gate's rules (issue 4 §3): what blocks, how a finding is settled, and the
document-level rule for assistance lists (privacy.md §5.2, §7.8).

Plain Python: the review app stores findings and calls these rules; the rules never see a
database row, only kinds, severities, labels and states.
"""

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gongkai.core.privacy.recognizers import (
    ADDRESS,
    CARD,
    ID,
    LANDLINE,
    MARKING,
    MOBILE,
    UNREADABLE,
    column_label,
)
from gongkai.core.privacy.scanner import Finding, Segment

# A finding of this kind names a column of an assistance list that must not be published.
ASSISTANCE_COLUMN = "assistance_list_column"

# privacy.md §7.8: the notices whose lists may show a name, a village, a household size and
# an amount — never identity numbers, phones, accounts or house numbers (§5.2).
ASSISTANCE_WORDS = ("最低生活保障", "低保", "特困", "临时救助", "医疗救助")
_ASSISTANCE = re.compile("|".join(ASSISTANCE_WORDS))

# Kinds a column of an assistance list must not carry, with the words that name them.
FORBIDDEN_COLUMN_KINDS = {
    ID: "身份证号码",
    MOBILE: "电话号码",
    LANDLINE: "电话号码",
    CARD: "银行账号",
    ADDRESS: "门牌号或详细地址",
}
# An address column names houses (门牌) only when its header says so or a cell holds a
# house-level address; 村 and 社区 are what the list may show.
_HOUSE_WORDS = re.compile("门牌|住址|详细地址|家庭地址|居住地址")


class State(enum.StrEnum):
    OPEN = "open"  # 待处理
    REDACTED = "redacted"  # masked in the published (redacted) version: 删减后公开
    DISMISSED = "dismissed"  # a false positive, with the reviewer's reason
    REMOVED = "removed"  # the file was removed from the record
    WITHDRAWN = "withdrawn"  # the published record was withdrawn (撤回)
    ACKNOWLEDGED = "acknowledged"  # a low or medium finding the reviewer let stand at sign-off
    SUPERSEDED = "superseded"  # the content changed; a new scan replaced the finding


class Resolution(enum.StrEnum):
    REDACT = "redact"
    DISMISS = "dismiss"
    REMOVE = "remove"
    WITHDRAW = "withdraw"
    ACKNOWLEDGE = "acknowledge"
    SUPERSEDE = "supersede"


# Only an open finding can be settled, and only once: a settled finding is history.
TRANSITIONS: Mapping[State, Mapping[Resolution, State]] = {
    State.OPEN: {
        Resolution.REDACT: State.REDACTED,
        Resolution.DISMISS: State.DISMISSED,
        Resolution.REMOVE: State.REMOVED,
        Resolution.WITHDRAW: State.WITHDRAWN,
        Resolution.ACKNOWLEDGE: State.ACKNOWLEDGED,
        Resolution.SUPERSEDE: State.SUPERSEDED,
    },
}
NEEDS_A_REASON = frozenset({Resolution.DISMISS, Resolution.WITHDRAW})


class NotAllowed(Exception):  # noqa: N818
    pass


def settle(state: str, resolution: Resolution, reason: str = "") -> State:
    """The state a finding moves to; NotAllowed with a Chinese reason otherwise."""
    target = TRANSITIONS.get(State(state), {}).get(resolution)
    if target is None:
        raise NotAllowed("该发现已处理，不能再次处理")
    if resolution in NEEDS_A_REASON and not reason.strip():
        raise NotAllowed("请说明理由")
    return target


def blocks(kind: str, severity: str) -> bool:
    """Does an open finding of this kind block publication?

    High findings block (issue 4 §3), and so does an unreadable part: nobody has read it yet
    ("needs manual review"), so a reviewer must say they did.
    """
    return severity == "high" or kind in {UNREADABLE, MARKING, ASSISTANCE_COLUMN}


def is_assistance_notice(title: str, text: str = "") -> bool:
    """A 低保 / 特困 / 临时救助 / 医疗救助 notice by its title or the start of its content."""
    return bool(_ASSISTANCE.search(title) or _ASSISTANCE.search(text[:2000]))


@dataclass(frozen=True)
class ForbiddenColumn:
    label: str  # the header as written: what "mask these columns" masks
    kind: str
    where: Mapping[str, object]  # the first cell found under it

    def finding(self) -> Finding:
        what = FORBIDDEN_COLUMN_KINDS[self.kind]
        return Finding(
            kind=ASSISTANCE_COLUMN,
            severity="high",
            rule=f"assistance_list:{self.kind}",
            masked=f"“{self.label}”列（{what}）",
            where=self.where,
            start=0,
            end=0,
        )


def forbidden_columns(
    segments: Iterable[Segment], findings_by_label: Mapping[str, set[str]] | None = None
) -> list[ForbiddenColumn]:
    """The columns of an assistance list that carry what it must not show (privacy.md §5.2).

    A column counts when its header names identity numbers, phones or accounts and at least
    one cell under it is not empty — whatever the values look like, since a mistyped number
    still names a person. An address column counts when its header names houses or one of
    its cells holds a house-level address (``findings_by_label``: the kinds found per label).
    """
    found = findings_by_label or {}
    columns: dict[tuple[object, str], ForbiddenColumn] = {}
    for segment in segments:
        label = segment.label
        if not label or not segment.text.strip():
            continue
        key = (segment.where.get("sheet") or segment.where.get("table"), label)
        if key in columns:
            continue
        context = column_label(label)
        kinds = set(context.kinds) if context is not None else set()
        if _HOUSE_WORDS.search(label):
            kinds.add(ADDRESS)
        for kind in (ID, MOBILE, LANDLINE, CARD, ADDRESS):
            if kind not in kinds:
                continue
            if kind == ADDRESS and not (
                _HOUSE_WORDS.search(label) or ADDRESS in found.get(label, set())
            ):
                continue
            columns[key] = ForbiddenColumn(label, kind, _column_where(segment.where))
            break
    return list(columns.values())


def _column_where(where: Mapping[str, object]) -> dict[str, object]:
    """The cell's location, with the column letter where the cell has one."""
    located = dict(where)
    cell = located.get("cell")
    if isinstance(cell, str):
        located["column"] = cell.rstrip("0123456789")
    return located
