"""One pass over a segment's text: candidates of :data:`patterns.MASTER` become hits.

Each named group of the pattern has a handler here. A handler reads the candidate in its
context (the label before it, the column label, the line it stands on), decides, appends
:class:`Hit` objects and returns where the pass goes on (beyond the match when it took
more text, as an address does with its house number).
"""

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from gongkai.core.privacy import patterns as p
from gongkai.core.privacy.recognizers import (
    ADDRESS,
    EMAIL,
    ID,
    LANDLINE,
    MARKING,
    NAME,
    PHONES,
    PLATE,
    SURNAMES,
    USEFUL_LENGTHS,
    LabelContext,
    Recognizer,
    Severity,
    classify_number,
    label_before,
)


class Hit(NamedTuple):
    start: int
    end: int
    kind: str
    severity: Severity
    rule: str


@dataclass
class TextPass:
    """The state of one pass: the folded text, what the extractor knows, the hits so far."""

    text: str
    column: LabelContext | None  # the segment's column header or field label
    where: Mapping[str, object]
    hits: list[Hit] = field(default_factory=list)

    def run(self) -> list[Hit]:
        skip_to = 0
        for found in p.MASTER.finditer(self.text):
            if found.start() >= skip_to:
                skip_to = _HANDLERS[found.lastgroup or ""](self, found)
        if self.column is not None and self.column.kinds & _WHOLE_CELL_KINDS:
            self.hits.extend(_column_hits(self))
        return self.hits

    def run_digits(self) -> list[Hit]:
        """:meth:`run` for a text of ASCII digits only: the pattern would find one number
        token, the whole text, and no name or address in it."""
        if len(self.text) in USEFUL_LENGTHS:
            _single(self, 0, len(self.text), self.text)
        return self.hits

    def label_at(self, start: int) -> LabelContext | None:
        """A ``标签：值`` label right before start, else the column label."""
        return label_before(self.text, start) or self.column

    def floor(self) -> int:
        return self.hits[-1].end if self.hits else 0

    @functools.cached_property
    def prominent(self) -> bool:
        """A header, footer, text box or the first lines: where a bare 秘密 is a mark (§4)."""
        for key in ("line", "paragraph"):
            number = self.where.get(key)
            if isinstance(number, int) and 1 <= number <= 3:
                return True
        return any(isinstance(v, str) and _PROMINENT_PARTS.search(v) for v in self.where.values())


_WHOLE_CELL_KINDS = frozenset({NAME, ADDRESS})
_PROMINENT_PARTS = re.compile(r"header|footer|txbx|textbox|watermark", re.IGNORECASE)
_COMPACT = str.maketrans("", "", "+()（）")
_MONEY_AFTER = frozenset("元万亿%‰")
_MONEY_BEFORE = frozenset("￥¥$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Left end of an address: punctuation, digits, and words that introduce it (家住, 位于).
_ADDRESS_STOP = frozenset("住址在于是为的和与及、系")
_ADDRESS_REACH = 24
_RESIDENTIAL = re.compile(r"组|单元|室|户")
_NAME_NOT = frozenset(
    [
        "本人",
        "同上",
        "同前",
        "无",
        "不详",
        "户主",
        "配偶",
        "子女",
        "长子",
        "次子",
        "长女",
        "次女",
        "之子",
        "之女",
        "父亲",
        "母亲",
        "儿子",
        "女儿",
        "孙子",
        "孙女",
        "男",
        "女",
        "汉族",
        "其他",
        "合计",
        "小计",
        "总计",
        "姓名",
    ]
)
_NAME_IN_CELL = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}")
_MAX_JOINED = 22  # 0086 + the longest value (19 digits), and a little
_MAX_PIECES = 6
_CHINESE_NUMERALS = frozenset(p.CHINESE_NUMERALS)
_NUMERALS = _CHINESE_NUMERALS | frozenset("0123456789")


def fold(text: str) -> str:
    """Full-width digits, letters, ＠ ＋ － ． as ASCII, one character for one (privacy.md §2)."""
    if p.FULLWIDTH_ALNUM.search(text) is None:
        return text
    return p.FULLWIDTH_RUN.sub(lambda m: m.group().translate(p.FOLD), text)


# Numbers


def _number(scan: TextPass, found: re.Match[str]) -> int:
    start, end = found.start(), found.end()
    token = found.group()
    if token.isdigit():  # the common shape: digits only (ASCII: the pattern's own)
        if len(token) in USEFUL_LENGTHS:
            label = scan.label_at(start)
            classified = classify_number(token, label)
            if classified is not None:
                _add_number(scan, start, end, classified[0], classified[1], label, False)
        return end
    if p.HAS_SEP.search(token) is None:
        _single(scan, start, end, token)
        return end
    # privacy.md §2: a number split by spaces, hyphens or a line break; the pieces are
    # joined into the longest runs that classify (ID\tmobile never join: tabs are no SEP).
    label = scan.label_at(start)
    pieces = [(m.start(), m.end()) for m in p.PIECE.finditer(scan.text, start, end)]
    compacts = [scan.text[a:b].translate(_COMPACT).upper() for a, b in pieces]
    # Whether a line break stands before each piece.
    broken = [False] + ["\n" in scan.text[a[1] : b[0]] for a, b in pairwise(pieces)]
    i = 0
    while i < len(pieces):
        context = label if i == 0 else scan.column
        taken = _longest_run(compacts, broken, i, context)
        if taken is None:
            i += 1
            continue
        j, recognizer, validated = taken
        _add_number(scan, pieces[i][0], pieces[j][1], recognizer, validated, context, j > i)
        i = j + 1
    return end


def _single(scan: TextPass, start: int, end: int, token: str) -> None:
    compact = token if token.isdigit() else token.translate(_COMPACT).upper()
    if len(compact) not in USEFUL_LENGTHS:
        return
    label = scan.label_at(start)
    taken = classify_number(compact, label)
    if taken is not None:
        _add_number(scan, start, end, taken[0], taken[1], label, False)


def _longest_run(
    compacts: list[str], broken: list[bool], i: int, label: LabelContext | None
) -> tuple[int, Recognizer, bool] | None:
    """The longest run of pieces from i that classifies.

    Numbers are split in groups (138 1234 5678, 6222 0202 …, 530102 19850315 123X) or by
    a line break: a piece inside a run has at least 3 characters, the first at least 2 (86
    of +86), the last at least 1 (the X); across a line break both sides have at least 4
    (a row number on the next line is no part of a card). A piece that is a valid value on
    its own is not joined to what follows. A table of short numbers never joins.
    """
    first = classify_number(compacts[i], label) if len(compacts[i]) in USEFUL_LENGTHS else None
    if first is not None and first[1]:
        return i, first[0], first[1]
    last, total = i, len(compacts[i])
    if total >= 2:
        for j in range(i + 1, min(len(compacts), i + _MAX_PIECES)):
            total += len(compacts[j])
            if total > _MAX_JOINED or (
                broken[j] and min(len(compacts[j - 1]), len(compacts[j])) < 4
            ):
                break
            last = j
            if len(compacts[j]) < 3:
                break
    for j in range(last, i, -1):
        compact = "".join(compacts[i : j + 1])
        if len(compact) not in USEFUL_LENGTHS:
            continue
        taken = classify_number(compact, label)
        if taken is not None:
            return j, taken[0], taken[1]
    return (i, first[0], first[1]) if first is not None else None


def _add_number(
    scan: TextPass,
    start: int,
    end: int,
    recognizer: Recognizer,
    validated: bool,
    label: LabelContext | None,
    joined: bool,
) -> None:
    if _looks_like_money(scan.text, start, end, recognizer, label):
        return
    rule = _number_rule(recognizer, validated, label) + ("+joined" if joined else "")
    severity = _number_severity(recognizer, validated, label)
    scan.hits.append(Hit(start, end, recognizer.kind, severity, rule))


def _looks_like_money(
    text: str, start: int, end: int, recognizer: Recognizer, label: LabelContext | None
) -> bool:
    """An unlabelled number written as an amount (13812345678元, ￥6222…) is no identifier."""
    if label is not None or recognizer.kind == ID:
        return False
    before = text[start - 1] if start else ""
    return text[end : end + 1] in _MONEY_AFTER or before in _MONEY_BEFORE


def _number_rule(recognizer: Recognizer, validated: bool, label: LabelContext | None) -> str:
    if validated and recognizer.unlabelled:
        return recognizer.rule
    word = label.words[0] if label is not None else "?"
    return f"labelled:{word}" + (f"+{recognizer.rule}" if validated else "")


def _number_severity(
    recognizer: Recognizer, validated: bool, label: LabelContext | None
) -> Severity:
    if label is not None and recognizer.kind in PHONES:
        # Office phones are published by law (条例第20条(二)); a landline in a contact line
        # (电话：…) is the office's; in a household column it is a person's.
        if label.klass == "office":
            return "low"
        if recognizer.kind == LANDLINE and label.klass == "contact" and not label.column:
            return "low"
    return recognizer.severity if validated else recognizer.labelled_severity


# E-mails and plates


def _email(scan: TextPass, found: re.Match[str]) -> int:
    start, end = found.start(), found.end()
    domain = found.group().rpartition("@")[2].lower()
    label = scan.label_at(start)
    public = domain == "gov.cn" or domain.endswith(".gov.cn")
    contact = label is not None and label.klass in ("office", "contact") and not label.column
    # privacy.md §1.7: gov.cn addresses are public contact data, as is a contact line's.
    severity: Severity = "low" if public or contact else "medium"
    scan.hits.append(Hit(start, end, EMAIL, severity, "email_public" if public else "email_shape"))
    return end


def _plate(scan: TextPass, found: re.Match[str]) -> int:
    # privacy.md §1.7: plates only under a label.
    start, end = found.start() - p.BACK["plate"], found.end()
    label = scan.label_at(start)
    if label is not None and PLATE in label.kinds:
        scan.hits.append(Hit(start, end, PLATE, "medium", f"labelled:{label.words[0]}"))
    return end


# Secret and handling marks (privacy.md §4)


def _level(scan: TextPass, found: re.Match[str]) -> int:
    # 绝密★30年 and its variants. A bare level only on a line of its own, or at the start of a
    # line in a header, footer or the first lines (GB/T 9704 版头: 密级 on line 2); never
    # 国家秘密 or 商业秘密 in prose.
    start, end = found.start() - p.BACK["level"], found.end()
    if end - start > 2:
        scan.hits.append(Hit(start, end, MARKING, "high", "secret_level"))
    elif _starts_line(scan.text, start) and (scan.prominent or _ends_line(scan.text, end)):
        scan.hits.append(Hit(start, end, MARKING, "high", "secret_level_line"))
    return end


def _grade(scan: TextPass, found: re.Match[str]) -> int:
    scan.hits.append(Hit(found.start(), found.end(), MARKING, "high", "secret_level_label"))
    return found.end()


def _handling(scan: TextPass, found: re.Match[str]) -> int:
    # The pattern has left out marks that run on (内部资料管理) or are quoted in prose
    # (国家秘密和工作秘密).
    start = found.start() - p.BACK.get(found.lastgroup or "", 0)
    scan.hits.append(Hit(start, found.end(), MARKING, "high", "handling_mark"))
    return found.end()


_BLANK_OR_BRACKET = frozenset(" \t\r\u3000【】[]（）()")


def _starts_line(text: str, start: int) -> bool:
    # Looked at outwards from the mark, never over the whole line: a long line of marks
    # must not cost its length each time.
    i = start - 1
    while i >= 0 and text[i] in _BLANK_OR_BRACKET:
        i -= 1
    return i < 0 or text[i] == "\n"


def _ends_line(text: str, end: int) -> bool:
    i = end
    while i < len(text) and text[i] in _BLANK_OR_BRACKET:
        i += 1
    return i == len(text) or text[i] == "\n"


# Names (privacy.md §7.7: only in labelled contexts)


def _name_pair(scan: TextPass, found: re.Match[str]) -> int:
    # Without a colon (户主张三，) the name must start with a common surname, or 户主要求…
    # would be a name.
    group = "nv" if found.start("nv") >= 0 else "nw"
    start, end = found.start(group), found.end(group)
    value = found.group(group)
    word = scan.text[found.start()] + found.group("nl")
    if is_name(value) and (group == "nv" or value[0] in SURNAMES):
        scan.hits.append(Hit(start, end, NAME, "low", f"labelled:{word}"))
    return end


def _name_after_colon(scan: TextPass, found: re.Match[str]) -> int:
    start, end = found.start("nc"), found.end("nc")
    label = label_before(scan.text, start)
    if label is not None and NAME in label.kinds and is_name(found.group("nc")):
        scan.hits.append(Hit(start, end, NAME, "low", f"labelled:{label.words[0]}"))
    return end


def is_name(value: str) -> bool:
    # 张某, 张某某 and 张* are already de-identified.
    return value not in _NAME_NOT and "某" not in value and "*" not in value


def _column_hits(scan: TextPass) -> list[Hit]:
    """What a cell under a name or address column is as a whole (privacy.md §7.7)."""
    column = scan.column
    if column is None:
        return []
    rule = f"labelled:{column.words[0]}"
    hits: list[Hit] = []
    if NAME in column.kinds:
        # Only a cell that is nothing but names (张三、李四): a column like 申请人情况说明
        # holds prose.
        names = list(_NAME_IN_CELL.finditer(scan.text))
        rest = _NAME_IN_CELL.sub("", scan.text)
        if names and not rest.strip(_NAME_SEPARATORS) and all(_is_name_cell(m[0]) for m in names):
            hits += [Hit(m.start(), m.end(), NAME, "low", rule) for m in names]
    if ADDRESS in column.kinds and not any(h.kind == ADDRESS for h in scan.hits):
        # A house number without a place word (5组23号) under 家庭住址 is still one.
        chain = p.HOUSE_CHAIN.search(scan.text)
        if chain is not None:
            start = len(scan.text) - len(scan.text.lstrip())
            severity = _address_severity(column, True)
            hits.append(Hit(start, chain.end(), ADDRESS, severity, rule))
    return hits


_NAME_SEPARATORS = " \t\u3000、，,;；/\n\r"


def _is_name_cell(value: str) -> bool:
    if "·" in value:  # 阿依古丽·买买提
        return is_name(value)
    return len(value) <= 4 and value[0] in SURNAMES and is_name(value)


# Addresses (privacy.md §7.7, issue 4: down to 组 / 号 / 栋 / 单元 / 室)


def _address(scan: TextPass, found: re.Match[str]) -> int:
    # The match is the number after the place word, or 组 after Chinese numerals: the place
    # word's last character is before them.
    text, trigger = scan.text, found.start() - 1
    while trigger > 0 and text[trigger] in _CHINESE_NUMERALS:
        trigger -= 1
    chain = p.HOUSE_CHAIN.match(text, trigger + 1)
    if chain is None:
        return found.end()
    floor = scan.floor()
    start = max(trigger, floor)  # the place word may end the previous hit
    limit = max(floor, trigger - _ADDRESS_REACH)
    if text[trigger] == "组":  # 5组23号: the 组 is part of the house number
        while start > limit and text[start - 1] in _NUMERALS:
            start -= 1
    while start > limit and _CJK.match(text, start - 1) and text[start - 1] not in _ADDRESS_STOP:
        start -= 1
    end = chain.end()
    while end > start and text[end - 1] == " ":
        end -= 1
    label = scan.label_at(start)
    if label is not None and ADDRESS not in label.kinds:
        label = None
    residential = _RESIDENTIAL.search(text, trigger, end) is not None
    scan.hits.append(
        Hit(
            start,
            end,
            ADDRESS,
            _address_severity(label, residential),
            (f"labelled:{label.words[0]}" if label is not None else "address_house_number"),
        )
    )
    return end


def _address_severity(label: LabelContext | None, residential: bool) -> Severity:
    # Issue 4: high for a person's house-level address, low for an office's in a contact line.
    if label is not None and label.klass == "office":
        return "low"
    if residential or (label is not None and label.klass == "personal"):
        return "high"
    return "low" if label is not None else "medium"


_HANDLERS: dict[str, Callable[[TextPass, re.Match[str]], int]] = {
    "email": _email,
    "address": _address,
    "number": _number,
    "plus": _number,
    "paren": _number,
    "plate": _plate,
    "letters": _number,
    "worksecret": _handling,
    "level": _level,
    "grade": _grade,
    "handling": _handling,
    "leak": _handling,
    "namepair": _name_pair,
    "namecolon": _name_after_colon,
    "addresscn": _address,
}
