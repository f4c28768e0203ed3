"""The one masking policy of the platform (privacy.md §3).

One policy everywhere, because two notices masking different digits of the same number let a
reader put it back together. Masks are length-preserving: one ``*`` per hidden character,
separators (spaces, hyphens, line breaks, brackets) stay where they are, so the same function
serves previews and redacted copies. A mask never equals its value.
"""

import re
from collections.abc import Callable

from gongkai.core.privacy.recognizers import (
    ADDRESS,
    CARD,
    EMAIL,
    ID,
    LANDLINE,
    MARKING,
    MOBILE,
    NAME,
    PASSPORT,
    PLATE,
    TERM,
    USCC,
)

# 复姓 kept whole in 欧阳* (privacy.md §3: one * per hidden character).
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "轩辕",
        "呼延",
        "百里",
        "闻人",
        "东郭",
        "申屠",
        "万俟",
        "司空",
        "澹台",
        "公冶",
        "太史",
        "仲孙",
        "濮阳",
        "淳于",
        "单于",
        "钟离",
        "赫连",
        "拓跋",
    ]
)
_SIGNIFICANT = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9]")
_COUNTRY = re.compile(r"^[+(（\s]*(?:0086|86)")
# The house-level tail of an address (privacy.md §3: drop 组 / 号 / 栋 / 单元 / 室).
_HOUSE_TAIL = re.compile(
    r"(?:[ \-]?[0-9一二三四五六七八九十百零〇]+(?:-[0-9]+)*"
    r"(?:号院|号楼|组|号|栋|幢|单元|室|楼|层|户))+[ ]?$"
)
_VILLAGE = re.compile(r"(?:村|社区|居委会)")


def _star(value: str, keep: Callable[[int, int], bool]) -> str:
    """Hide every significant character whose index (among significant ones) keep refuses."""
    positions = [m.start() for m in _SIGNIFICANT.finditer(value)]
    chars = list(value)
    for index, position in enumerate(positions):
        if not keep(index, len(positions)):
            chars[position] = "*"
    return "".join(chars)


def _ends(value: str, head: int, tail: int) -> str:
    """Keep ``head`` and ``tail`` significant characters, hide the middle."""
    total = len(value)
    if not (value.isascii() and value.isalnum()):
        total = len(_SIGNIFICANT.findall(value))
    if head + tail >= total:
        head = tail = total // 4
    if total == len(value):  # no separators: slice
        return value[:head] + "*" * (total - head - tail) + value[total - tail :]
    return _star(value, lambda index, count: index < head or index >= count - tail)


def _mask_mobile(value: str) -> str:
    # 138****5678; a country code (+86, 0086) is not personal and stays.
    digits = [m.start() for m in _DIGIT.finditer(value)]
    national = digits[-11:] if len(digits) >= 11 else digits
    hidden = set(national[3:-4]) if len(national) >= 11 else set(national[1:])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def _mask_landline(value: str) -> str:
    # Keep the area code, hide the local number: 0871-******** (privacy.md §3).
    digits = [m.start() for m in _DIGIT.finditer(value)]
    country = _COUNTRY.match(value)
    skip = 0
    if country is not None:
        skip = sum(1 for p in digits if p < country.end())
    national = [value[p] for p in digits[skip:]]
    if national[:1] == ["0"]:
        area = 3 if national[1:2] in (["1"], ["2"]) else 4
    elif country is not None:
        area = 2 if national[:1] in (["1"], ["2"]) else 3
    else:
        area = 0  # a local number alone
    if len(national) - area < 5:
        area = 0
    hidden = set(digits[skip + area :])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def _mask_name(value: str) -> str:
    # 张*, 欧阳* (privacy.md §3).
    kept = 2 if value[:2] in COMPOUND_SURNAMES and len(value) > 2 else 1
    return value[:kept] + "".join(c if c in "·• " else "*" for c in value[kept:])


def _mask_address(value: str) -> str:
    # Cut after the village or community, drop the house-level rest (privacy.md §3).
    tail = _HOUSE_TAIL.search(value)
    cut = tail.start() if tail is not None else len(value) // 3
    villages = [m.end() for m in _VILLAGE.finditer(value, 0, cut)]
    if villages:
        cut = villages[-1]
    return value[:cut] + "".join(c if c in " -" else "*" for c in value[cut:])


def _mask_email(value: str) -> str:
    # d***@126.com: the first character, one * per hidden character, the domain.
    local, at, domain = value.partition("@")
    if not at:
        return _ends(value, 1, 0)
    if len(local) < 2:
        return "*" * len(local) + "@" + domain
    return local[:1] + "*" * (len(local) - 1) + "@" + domain


def _mask_plate(value: str) -> str:
    # 云A****5: province, office letter, last character.
    return _ends(value, 2, 1)


def _mask_passport(value: str) -> str:
    # Not fixed by the reference: the document letters and the last 4 digits (like a card).
    letters = len(value) - len(value.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return _ends(value, min(letters, 2), 4)


def _mask_marking(value: str) -> str:
    # A marking is no personal data; the level (绝密 / 机密 / 秘密, 内部…) stays readable.
    kept = 2 if len(value) > 2 else max(len(value) - 1, 0)
    return value[:kept] + "*" * (len(value) - kept)


_POLICIES: dict[str, Callable[[str], str]] = {
    ID: lambda v: _ends(v, 4, 4),  # 5301**********1234, 15 digits 5301*******5123
    USCC: lambda v: _ends(v, 4, 4),
    CARD: lambda v: _ends(v, 0, 4),  # ***************1234: last 4 only, length kept
    MOBILE: _mask_mobile,
    LANDLINE: _mask_landline,
    NAME: _mask_name,
    ADDRESS: _mask_address,
    EMAIL: _mask_email,
    PLATE: _mask_plate,
    PASSPORT: _mask_passport,
    MARKING: _mask_marking,
    TERM: lambda v: v[:1] + "*" * (len(v) - 1),
}


def mask(kind: str, value: str) -> str:
    """The masked form of ``value`` found as ``kind``; never the value itself.

    Unknown kinds hide every letter, digit and CJK character.
    """
    policy = _POLICIES.get(kind)
    masked = policy(value) if policy is not None else _ends(value, 0, 0)
    if masked == value:
        masked = "*" * len(value)
    if masked == value:
        masked = "*" * (len(value) + 1)
    return masked


def preview(kind: str, value: str) -> str:
    """:func:`mask`, with the common shapes (a bare ID, mobile or card) done at once: the
    masked preview of every finding (``_linepass.pyx`` does the same in C)."""
    if value.isascii() and value.isalnum():
        n = len(value)
        if kind == MOBILE and n == 11 and value.isdigit():
            return value[:3] + "****" + value[7:]
        if n > 8 and kind in (ID, USCC):
            return value[:4] + "*" * (n - 8) + value[-4:]
        if n > 4 and kind == CARD:
            return "*" * (n - 4) + value[-4:]
    return mask(kind, value)
