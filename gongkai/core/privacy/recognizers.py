"""Recognizers of Chinese personal identifiers: shapes, validators, labels (privacy.md §1, §7).

A :class:`Recognizer` is one kind of identifier as the scanner sees it once a number-like
token has been cut out of the text and compacted (separators dropped, full-width folded,
upper-cased): the shape it must have, the validator that makes it safe to report in
unlabelled text, and the severity of each confidence path (privacy.md §7.3). They are
tried in :data:`NUMBER_RECOGNIZERS` order, which is the priority of privacy.md §7.4: a
valid identity number beats a card (whose validator leaves credit codes alone), then a
credit code, then a mobile.

Labels (:data:`LABELS`) are the column headers and ``标签：值`` words that put a value on
the labelled path: there any value of the right shape is reported, checksum or not.
Tables that change with the world (allocated mobile prefixes, card BINs) are data here,
as the reference asks.
"""

import functools
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stdnum.cn import ric

Severity = Literal["high", "medium", "low"]

# What a label says about the value next to it (privacy.md §1.4, §7.3, §7.5, §7.6):
# personal: the value belongs to a person (a household column, 身份证号, 家庭住址);
# contact: a contact line of the notice itself (电话, 地址, 联系人), may be the office's;
# office: the office's own contact data, published by law (条例第20条(二));
# negative: serials, invoices, dates, amounts — never a personal value.
LabelClass = Literal["personal", "contact", "office", "negative"]

ID = "cn_resident_id"
MOBILE = "cn_mobile"
LANDLINE = "cn_landline"
CARD = "bank_card"
USCC = "cn_uscc"
EMAIL = "email"
PASSPORT = "passport"
PLATE = "vehicle_plate"
ADDRESS = "address"
NAME = "name"
MARKING = "secret_marking"
TERM = "sensitive_term"
UNREADABLE = "unreadable"

# The kinds of the `gongkai scan` contract (DESIGN.md).
KINDS: tuple[str, ...] = (ID, MOBILE, LANDLINE, CARD, USCC, EMAIL, PASSPORT, PLATE, ADDRESS)
KINDS += (NAME, MARKING, TERM, UNREADABLE)
PHONES = frozenset({MOBILE, LANDLINE})

# privacy.md §1.2: the province gate of the address code (81/82/83: HK, Macao, Taiwan permits).
PROVINCE_CODES = frozenset(
    [str(n) for n in (11, 12, 13, 14, 15, 21, 22, 23, 71, 81, 82, 83)]
    + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)]
    + [str(n) for n in range(50, 55)]
    + [str(n) for n in range(61, 66)]
)
# privacy.md §1.2 "date gate": not before 1900. "Not after today" needs the clock, which core
# never reads (STYLE.md: time is a parameter); the year bound keeps 2100+ out.
BIRTH_YEARS = range(1900, 2100)
_LIVING_YEARS = range(1900, 2030)

# privacy.md §1.4: allocated mobile prefixes (table of 2020). 154, 179, 194 and other 14x are not.
MOBILE_PREFIXES = frozenset(
    [str(n) for n in range(130, 140)]
    + ["145", "147", "149", "150", "151", "152", "153", "155", "156", "157", "158", "159"]
    + ["162", "165", "166", "167"]
    + [str(n) for n in range(170, 179)]
    + [str(n) for n in range(180, 190)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"]
)

# privacy.md §1.5: UnionPay 62 (and 60 debit BINs such as 601382) with 16–19 digits; Visa 4
# with 16 or 19, Mastercard 51–55 with 16, JCB 35 with 16–19. Unlabelled cards need one of
# these and Luhn.
CARD_LENGTHS = {
    "62": (16, 17, 18, 19),
    "60": (16, 17, 18, 19),
    "4": (16, 19),
    "51": (16,),
    "52": (16,),
    "53": (16,),
    "54": (16,),
    "55": (16,),
    "35": (16, 17, 18, 19),
}
CARD_BINS = tuple(CARD_LENGTHS)

# privacy.md §1.3: registration authority and entity category, the first two characters
# (1x 机构编制, 2x 外交, 3x 司法行政, 4x 文化, 5x 民政, 6x 旅游, 7x 宗教, 8x 工会, 9x 工商,
# Ax 中央军委改革和编制办公室, Nx 农业, Y1 other). The reference marks the list [U]: data.
USCC_PREFIXES = frozenset(
    ["11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49"]
    + ["51", "52", "53", "59", "61", "62", "69", "71", "72", "79", "81", "89", "91", "92"]
    + ["93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1"]
)
# 18-digit cards are UnionPay's; an all-digit code from these BINs is taken as a card.
UNIONPAY_BINS = ("62", "60")

# Luhn: a doubled digit, its digits summed.
_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")


def birth_date_ok(yyyymmdd: str) -> bool:
    """A real calendar date within :data:`BIRTH_YEARS` (privacy.md §1.2 date gate)."""
    return _calendar_date(yyyymmdd) and int(yyyymmdd[:4]) in BIRTH_YEARS


@functools.lru_cache(maxsize=1 << 16)
def _calendar_date(yyyymmdd: str) -> bool:
    try:
        date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


def ric18_valid(number: str) -> bool:
    """18-digit 公民身份号码: province gate, MOD 11-2 check (python-stdnum) and birth date.

    stdnum's own ``validate`` also demands a county that existed in the birth year, which
    rejects every 81/82/83 residence-permit number and costs recall (privacy.md §1.2, §6.3):
    the county table is for reports, not for deciding. Its ``get_birth_date`` cleans the
    number again on every call; the date is checked here on the digits directly.
    """
    return (
        number[:2] in PROVINCE_CODES
        and number[-1] == ric.calc_check_digit(number)
        and birth_date_ok(number[6:14])
    )


def ric15_valid(number: str) -> bool:
    """15-digit (old) 公民身份号码: province and date, no check digit (privacy.md §1.2)."""
    return number[:2] in PROVINCE_CODES and birth_date_ok("19" + number[6:12])


def id_shaped(number: str) -> bool:
    """18 digits that are a mistyped identity number: a province and the birth year of a
    living person, and either a real birth date (whatever the check character) or the right
    MOD 11-2 check character (whatever the date: 19890031, 19451330 …).

    Such a number that passes Luhn is no card (privacy.md §6.3: invalid-ID decoys from 62).
    Narrower years than the date gate keep UnionPay cards whose digits happen to read as a
    date (622848 18430215 …) cards; an 18-digit UnionPay card is taken for an identity number
    only when its digits 7–10 read as such a year (1.3%) and it has the right date or check
    (about 1 in 11 of those).
    """
    return (
        number[:2] in PROVINCE_CODES
        and number[:17].isdigit()
        and int(number[6:10]) in _LIVING_YEARS
        and (_calendar_date(number[6:14]) or number[-1] == ric.calc_check_digit(number))
    )


def uscc_valid(number: str) -> bool:
    """统一社会信用代码, checked over the whole 31-character alphabet (privacy.md §1.3), with
    the check of its organisation code (positions 9–17, GB 11714) as well as its own.

    stdnum's ``validate`` refuses codes with a letter in the first eight places (``Y1…``), so
    only its check-digit computation is used; the shape has already checked the alphabet.
    stdnum has no GB 11714: its check is the few lines of :func:`org_code_check`. Without it,
    one in 31 mistyped identity numbers passed as a credit code (docs/benchmarks.md).
    """
    region = number[2:4]
    return (
        number[:2] in USCC_PREFIXES
        and (region in PROVINCE_CODES or region == "10")
        and uscc_check_digit(number) == number[-1]
        and org_code_check(number[8:16]) == number[16]
    )


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(body: str) -> str:
    """GB 11714 组织机构代码: the check character of its first eight (digits, letters A=10 …
    Z=35): 11 − Σ cᵢ·wᵢ mod 11, with 10 written X and 11 written 0."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w
        for c, w in zip(body, _ORG_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {char: value for value, char in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_digit(number: str) -> str:
    """stdnum's ``uscc.calc_check_digit`` without its cleaning of the input (the scanner's
    values are compact already), in C loops: it runs for every 18-character token."""
    total = sum(map(operator.mul, map(_USCC_VALUE.__getitem__, number[:17]), _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total) % 31]


def luhn_valid(digits: str) -> bool:
    # Sums of the ASCII codes of the plain and of the doubled digits, in C: -48 per digit.
    doubled = digits[-2::-2].translate(_LUHN_DOUBLED).encode()
    return (sum(digits[-1::-2].encode()) + sum(doubled) - 48 * len(digits)) % 10 == 0


def card_valid(digits: str) -> bool:
    """Unlabelled card: BIN, length and Luhn (privacy.md §1.5); not an identity number (§6.3),
    not a credit code (§1.3: all-digit codes from 51–55 pass Luhn) unless a UnionPay BIN says
    card.
    """
    lengths = CARD_LENGTHS.get(digits[:2]) or CARD_LENGTHS.get(digits[:1])
    if lengths is None or len(digits) not in lengths:
        return False
    if len(digits) == 18:
        if id_shaped(digits):
            return False
        if uscc_valid(digits) and not digits.startswith(UNIONPAY_BINS):
            return False
    return luhn_valid(digits)


def mobile_valid(digits: str) -> bool:
    """An allocated prefix (privacy.md §1.4), after the country code if any."""
    return digits[-11:-8] in MOBILE_PREFIXES


@dataclass(frozen=True)
class Recognizer:
    """One kind of number-like identifier (privacy.md §7.1: name, regex, validator, labels)."""

    kind: str
    rule: str  # the name of the validator, shown in findings
    shape: re.Pattern[str]  # fullmatch on the compact value, validated path
    lengths: frozenset[int]  # lengths the shape allows, a cheap first test
    validator: Callable[[str], bool] | None
    unlabelled: bool  # reported without a label when the validator passes
    labelled_shape: re.Pattern[str]  # fullmatch on the compact value, labelled path
    labelled_lengths: frozenset[int]
    severity: Severity  # validated
    labelled_severity: Severity  # labelled, validator failed or absent

    def accepts(self, compact: str) -> bool:
        return (
            self.shape.fullmatch(compact) is not None
            and self.validator is not None
            and self.validator(compact)
        )

    def fits(self, compact: str) -> bool:
        return self.labelled_shape.fullmatch(compact) is not None


def _lengths(low: int, high: int) -> frozenset[int]:
    return frozenset(range(low, high + 1))


_USCC_CHAR = "[0-9A-HJ-NPQRTUWXY]"
_AREA = "(?:10|2[0-9]|[3-9][0-9]{2})"

NUMBER_RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer(
        kind=ID,
        rule="ric18_checksum",
        shape=re.compile("[0-9]{17}[0-9X]"),
        lengths=frozenset({18}),
        validator=ric18_valid,
        unlabelled=True,
        labelled_shape=re.compile("[0-9]{17}[0-9X]"),
        labelled_lengths=frozenset({18}),
        severity="high",
        labelled_severity="medium",  # privacy.md §7.9: labelled unvalidated identifiers: fix
    ),
    Recognizer(
        kind=CARD,
        rule="luhn_bin",
        shape=re.compile("[0-9]{16,19}"),
        lengths=_lengths(16, 19),
        validator=card_valid,
        unlabelled=True,
        # privacy.md §1.5: under 银行卡/卡号/账号/一卡通/存折 any 12–19 digits, Luhn or not.
        labelled_shape=re.compile("[0-9]{12,19}"),
        labelled_lengths=_lengths(12, 19),
        severity="high",
        labelled_severity="medium",
    ),
    Recognizer(
        kind=USCC,
        rule="uscc_checksum",
        shape=re.compile(f"{_USCC_CHAR}{{2}}[0-9]{{6}}{_USCC_CHAR}{{10}}"),
        lengths=frozenset({18}),
        validator=uscc_valid,
        unlabelled=True,
        labelled_shape=re.compile(f"{_USCC_CHAR}{{2}}[0-9]{{6}}{_USCC_CHAR}{{10}}"),
        labelled_lengths=frozenset({18}),
        # privacy.md §1.3: names an organisation and is public; reported for the record, and
        # its span is kept from the personal kinds.
        severity="low",
        labelled_severity="low",
    ),
    Recognizer(
        kind=MOBILE,
        rule="mobile_prefix",
        shape=re.compile("(?:0086|86)?1[3-9][0-9]{9}"),
        lengths=frozenset({11, 13, 15}),
        validator=mobile_valid,
        unlabelled=True,
        labelled_shape=re.compile("(?:0086|86)?1[0-9]{10}"),
        labelled_lengths=frozenset({11, 13, 15}),
        severity="high",  # issue 4: valid mobiles are high
        labelled_severity="medium",
    ),
    Recognizer(
        kind=ID,
        rule="ric15_date",
        shape=re.compile("[0-9]{15}"),
        lengths=frozenset({15}),
        validator=ric15_valid,
        unlabelled=False,  # privacy.md §1.1: no check digit, never unlabelled
        labelled_shape=re.compile("[0-9]{15}"),
        labelled_lengths=frozenset({15}),
        severity="high",
        labelled_severity="medium",
    ),
    Recognizer(
        kind=LANDLINE,
        rule="landline_shape",
        shape=re.compile(f"(?:(?:0086|86){_AREA}|0{_AREA})[2-9][0-9]{{6,7}}"),
        lengths=_lengths(10, 15),
        validator=None,  # privacy.md §1.1: shape only, only in a personal row or label
        unlabelled=False,
        labelled_shape=re.compile(f"(?:(?:0086|86){_AREA}|0{_AREA})?[2-9][0-9]{{6,7}}"),
        labelled_lengths=_lengths(7, 15),
        severity="medium",
        labelled_severity="medium",
    ),
    Recognizer(
        kind=PASSPORT,
        rule="passport_shape",
        shape=re.compile("[A-Z]{1,2}[0-9]{7,10}"),
        lengths=_lengths(8, 12),
        validator=None,  # privacy.md §1.6: no public checksum, only under a label
        unlabelled=False,
        # E/G+8, E+letter+7, DE/SE/PE+7, K+8, MA+7, C/W/L+8, H/M+8(+2), 14/15+7,
        # 台湾居民来往大陆通行证 8 (+2) digits or 10 digits + letter (privacy.md §1.6).
        labelled_shape=re.compile(
            "[A-Z]{1,2}[0-9]{7,10}|1[45][0-9]{7}|[0-9]{8}(?:[0-9]{2})?|[0-9]{10}[A-Z]"
        ),
        labelled_lengths=_lengths(8, 12),
        severity="medium",
        labelled_severity="medium",
    ),
)


@dataclass(frozen=True)
class Label:
    """A label word and what it says about the value after it or under it."""

    word: str
    kinds: frozenset[str]
    klass: LabelClass


def _labels(klass: LabelClass, kinds: frozenset[str], words: str) -> list[Label]:
    return [Label(word, kinds, klass) for word in words.split()]


_NONE: frozenset[str] = frozenset()

# privacy.md §7.3 (labelled path), §7.5 (negative context), §7.6 (office contact data).
LABELS: tuple[Label, ...] = tuple(
    _labels(
        "personal",
        frozenset({ID}),
        "公民身份号码 公民身份证号码 身份证号码 身份证号 身份证件号码 居民身份证号码 "
        "居民身份证号 居民身份证 身份证 身份号码 公民身份证号",
    )
    + _labels("personal", frozenset({ID, PASSPORT}), "证件号码 证件号 有效证件号码")
    + _labels(
        "personal",
        PHONES,
        "手机号码 手机号 手机 移动电话 家庭电话 住宅电话 本人电话 户主电话 个人电话 联系手机",
    )
    + _labels("contact", PHONES, "联系电话 电话号码 电话 固定电话 固话 联系号码")
    + _labels("contact", PHONES | {EMAIL}, "联系方式")
    + _labels(
        "office",
        PHONES,
        "办公电话 办公室电话 监督电话 监督举报电话 咨询电话 投诉电话 举报电话 值班电话 "
        "服务电话 受理电话 传真 传真号码 服务热线 热线电话 热线",
    )
    + _labels(
        "personal",
        frozenset({CARD}),
        "银行卡号 银行卡 银行账号 银行帐号 银行账户 银行帐户 卡号 账号 帐号 账户 帐户 "
        "开户账号 收款账号 一卡通账号 一卡通 社保卡号 惠农卡号 存折号 存折账号 存折 折号",
    )
    + _labels(
        "personal",
        frozenset({ADDRESS}),
        "家庭住址 家庭地址 住址 现住址 居住地址 户籍地址 户籍所在地 户籍地 居住地 现居住地 "
        "详细地址 家住 住所地 住所",
    )
    + _labels("contact", frozenset({ADDRESS}), "地址 通讯地址 联系地址 邮寄地址")
    + _labels("office", frozenset({ADDRESS}), "办公地址 单位地址 办公地点 机关地址")
    + _labels("contact", frozenset({EMAIL}), "电子邮箱 电子邮件 邮箱 E-mail Email email 邮件")
    + _labels(
        "personal",
        frozenset({PASSPORT}),
        "护照号码 护照号 护照 通行证号码 通行证号 通行证 港澳通行证 往来港澳通行证 回乡证 "
        "台胞证 港澳居民来往内地通行证 台湾居民来往大陆通行证",
    )
    + _labels("personal", frozenset({PLATE}), "车牌号码 车牌号 车牌 号牌号码 号牌 车辆号牌")
    + _labels(
        "personal",
        frozenset({NAME}),
        "姓名 户主姓名 户主 申请人姓名 申请人 收款人 持卡人 户名 监护人 家庭成员 救助对象 "
        "被救助人 代理人",
    )
    + _labels("contact", frozenset({NAME}), "联系人")
    + _labels("negative", frozenset({USCC}), "统一社会信用代码 社会信用代码 信用代码")
    + _labels(
        "negative",
        _NONE,
        "流水号 交易流水号 凭证号 凭证号码 发票号码 发票代码 发票号 编号 档案编号 档案号 "
        "文号 发文字号 序号 订单号 合同编号 合同号 批次号 邮编 邮政编码 金额 日期 "
        "组织机构代码 机构代码 税号 纳税人识别号 登记号 登记证号 许可证号 备案号 批准文号 "
        "工号 条形码 条码 单号 业务号 受理号 案号 编码 代码 识别码",
    )
)
LABEL_BY_WORD = {label.word: label for label in LABELS}
NAME_LABEL_WORDS = tuple(label.word for label in LABELS if label.kinds == {NAME})


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A trie-shaped alternation: ``re`` tries a branch per alternative, so a flat list of
    150 words costs 150 tests at every attempt, the trie a few. Longer words win (身份证号码
    before 身份证号, 办公电话 before 电话) because a word's continuations come before its end.
    """
    trie: dict[str, dict[str, object]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict[str, object]]) -> str:
    branches = [
        re.escape(char) + _trie_regex(child)  # type: ignore[arg-type]
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


# A label right before a value, read backwards from the value: the label, an optional colon,
# 为 / 是 and spaces (privacy.md §7.3 "标签：值" pairs). Matched on the reversed window.
_LABEL_BEFORE = re.compile(
    r"[ \t\u3000]*(?:[为是][ \t\u3000]*)?(?:[:：][ \t\u3000]*)?"
    rf"(?P<label>{_alternation([w[::-1] for w in LABEL_BY_WORD])})"
)
LABEL_WINDOW = 24
# What the character right before a labelled value can be: a label's last one or a separator.
_LABEL_TAILS = frozenset("".join(w[-1] for w in LABEL_BY_WORD) + ":：为是 \t\u3000")
# Any label word inside a column header ("户主身份证号码（18位）").
_LABEL_INSIDE = re.compile(_alternation(list(LABEL_BY_WORD)))


@dataclass(frozen=True)
class LabelContext:
    """The label a value sits under: its words, the kinds they allow and their class."""

    words: tuple[str, ...]
    kinds: frozenset[str]
    klass: LabelClass
    column: bool  # a column header (segment.label), not a pair in the text


def label_before(text: str, start: int) -> LabelContext | None:
    """The ``标签：值`` label that ends right before ``start``, if any."""
    if start == 0 or text[start - 1] not in _LABEL_TAILS:
        return None
    window = text[max(0, start - LABEL_WINDOW) : start][::-1]
    found = _LABEL_BEFORE.match(window)
    if found is None:
        return None
    label = LABEL_BY_WORD[found.group("label")[::-1]]
    return LabelContext((label.word,), label.kinds, label.klass, column=False)


_CLASS_ORDER: tuple[LabelClass, ...] = ("office", "personal", "contact", "negative")


@functools.lru_cache(maxsize=4096)
def column_label(header: str) -> LabelContext | None:
    """What a column header (or a field label from the extractor) says about its cells.

    A column of a table lists people, so a contact word there (电话, 联系电话) is personal,
    except for addresses, where 地址 stays a contact (office lists have addresses too).
    """
    labels = [LABEL_BY_WORD[m.group()] for m in _LABEL_INSIDE.finditer(header)]
    if not labels:
        return None
    kinds = frozenset().union(*(label.kinds for label in labels))
    classes = {label.klass for label in labels}
    klass = next(c for c in _CLASS_ORDER if c in classes)
    if klass == "contact" and not kinds <= {ADDRESS, NAME}:
        klass = "personal"
    return LabelContext(tuple(label.word for label in labels), kinds, klass, column=True)


_VALIDATED_BY_LENGTH: dict[int, tuple[Recognizer, ...]] = {
    n: tuple(r for r in NUMBER_RECOGNIZERS if r.unlabelled and n in r.lengths) for n in range(30)
}
_LABELLED_BY_LENGTH: dict[int, tuple[Recognizer, ...]] = {
    n: tuple(r for r in NUMBER_RECOGNIZERS if n in r.labelled_lengths) for n in range(30)
}


# Compact lengths any recognizer can take: shorter or longer tokens are skipped at once.
USEFUL_LENGTHS = frozenset(
    n for n in range(30) if _LABELLED_BY_LENGTH[n] or _VALIDATED_BY_LENGTH[n]
)


def classify_number(compact: str, label: LabelContext | None) -> tuple[Recognizer, bool] | None:
    """The recognizer that takes a compact token, and whether its validator passed.

    Validated values win over labels (a valid mobile under 身份证号 is still a mobile). Under a
    negative label (流水号, 发票号码 …) only a valid identity number or a kind the label
    itself names survives (privacy.md §7.5, where a valid ID still counts: its checks make a
    serial number that passes them improbable).
    """
    length = len(compact)
    for recognizer in _VALIDATED_BY_LENGTH.get(length, ()):
        if recognizer.accepts(compact):
            if (
                label is not None
                and label.klass == "negative"
                and recognizer.kind != ID
                and recognizer.kind not in label.kinds
            ):
                return None
            return recognizer, True
    if label is None or not label.kinds:
        return None
    for recognizer in _LABELLED_BY_LENGTH.get(length, ()):
        if recognizer.kind in label.kinds and recognizer.fits(compact):
            validated = recognizer.validator is not None and recognizer.validator(compact)
            return recognizer, validated
    return None


# Surnames for a name written right after its label without a colon (户主张三，): the most
# common single surnames; compound ones start with one of them or are listed in masking.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
    "瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡"
    "鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝郜海阚花权强帅屠豆朴盖练廉"
    "禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修"
    "邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴"
    "昝智幸奉植衡富尧闭由欧司上东皇尉端独南西轩百淳钟赫拓"
)
