"""The compiled line pass (``_linepass.pyx``, docs/scanner.md) finds what the Python pass finds.

Every line it scans itself must give the findings ``scan_segment`` gives — kinds, severities,
rules, offsets and masked previews — and a line it leaves out must give none; a line it
hands back is scanned in Python. The lines are made of the shapes, labels, decoys and
separators the recognizers read, with identity numbers, cards, credit codes and mobiles that
pass their checks (made here with python-stdnum and the standards' rules, not with the
scanner's own code).
"""

import os
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric, uscc

from gongkai.core.privacy import Finding, Segment, scan_segment, scanner
from gongkai.core.privacy import patterns as p
from gongkai.core.privacy.recognizers import LABEL_BY_WORD, MOBILE_PREFIXES, PROVINCE_CODES

pytestmark = pytest.mark.skipif(
    not scanner.COMPILED, reason="the compiled line pass is not built (no C compiler)"
)


def test_the_compiled_pass_is_built_where_ci_runs() -> None:
    # CI installs the C compiler: a build that silently fell back to Python would hide a
    # broken setup.py behind slower scans.
    if os.environ.get("CI"):
        assert scanner.COMPILED


def _compiled(line: str) -> list[Finding] | None:
    """The line through the compiled pass: its findings, or None when handed back."""
    from gongkai.core.privacy._linepass import scan_lines

    entries = scan_lines(line + "\n", 0, len(line) + 1, 7, [], Finding)
    if entries == [(0, 7)]:
        return None
    assert all(isinstance(entry, Finding) for entry in entries), entries
    return entries


def _python(line: str) -> list[Finding]:
    return scan_segment(Segment(line, {"line": 7}))


# Values that pass their checks, made by the standards (python-stdnum), with decoys near them.
def _valid_id(rng: random.Random) -> str:
    body = rng.choice(sorted(PROVINCE_CODES)) + f"{rng.randrange(10000):04d}"
    body += f"{rng.randrange(1930, 2020)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    body += f"{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def _valid_card(rng: random.Random, bin_: str, length: int) -> str:
    body = bin_ + "".join(str(rng.randrange(10)) for _ in range(length - len(bin_) - 1))
    return body + luhn.calc_check_digit(body)


def _org_check(body: str) -> str:
    # GB 11714: 11 − Σ cᵢ·wᵢ mod 11, 10 → X, 11 → 0.
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _valid_uscc(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    org = "".join(rng.choice(alphabet[:10] + "ABCDEFGH") for _ in range(8))
    body = rng.choice(["91", "52", "12", "Y1"]) + rng.choice(["53", "11", "10"]) + "0102"
    body += org + _org_check(org)
    return body + uscc.calc_check_digit(body)


def _valid_mobile(rng: random.Random) -> str:
    return rng.choice(sorted(MOBILE_PREFIXES)) + f"{rng.randrange(10**8):08d}"


def _values(seed: int) -> list[str]:
    rng = random.Random(seed)
    card_bins = [("622848", 19), ("6013", 16), ("62", 18), ("4", 16), ("35", 17), ("53", 16)]
    values = [_valid_id(rng), _valid_uscc(rng), _valid_mobile(rng)]
    values += [_valid_card(rng, *rng.choice(card_bins))]
    id_decoy = _valid_id(rng)
    values.append(id_decoy[:-1] + str((int(id_decoy[-2]) + 1) % 10))  # wrong check character
    values.append(values[0][:17] + "x")  # lower-case x
    values.append(" ".join([values[2][:3], values[2][3:7], values[2][7:]]))  # 138 1234 5678
    values.append("-".join([values[3][:4], values[3][4:8], values[3][8:]]))  # split card
    values.append("+86 " + values[2])
    values.append("0086" + values[2])
    values.append("86" + values[2])
    values.append(f"(0{rng.randrange(10, 999)}){rng.randrange(2, 10)}{rng.randrange(10**6):06d}")
    values.append(f"0{rng.randrange(10, 999)}-{rng.randrange(2, 10)}{rng.randrange(10**7):07d}")
    values.append(values[0].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}))
    values.append(f"{rng.choice('EGDSPKHM')}{rng.randrange(10**8):08d}")
    values.append(f"1{rng.choice('45')}{rng.randrange(10**7):07d}")  # 台湾居民来往大陆通行证
    values.append(f"{rng.randrange(10**15):015d}")
    values.append(f"{rng.randrange(10**12):012d}")
    return values


# What stands before a value: any label, the common ones with a colon, 为 or blanks, signs,
# places and prose.
_KEY_LABELS = [
    "身份证号",
    "手机号码",
    "咨询电话",
    "联系电话",
    "银行卡号",
    "流水号",
    "护照号",
    "电话",
]
_LABELLED = [
    label + joint
    for label in _KEY_LABELS
    for joint in ("：", ":", " ： ", "\u3000:", " 为 ", "：是", "\u3000", "")
]
_SIGNS = [
    *"是：:\t \u3000-，（(+￥$村路云京Ab",
    "3.",
    "5,",
    "12",
    "受理日期",
    "深入贯彻落实",
    "内容",
    "组织",
    "外地",
    "",
]
# What follows a value.
_AFTER = [
    "",
    "元",
    "万",
    "%",
    "‰",
    "。",
    "，",
    ".5",
    ",5",
    ".",
    " ",
    "-",
    "X",
    "a",
    "号",
    "）",
    ")",
]
# Whole pieces of prose and words the Python pass reads.
_OTHER = [
    "2018年",
    "第40条第9款",
    "〔2022〕72号",
    "覆盖25675户435053人",
    "联系人：王五",
    "姓名：张三",
    "户主李四",
    "绝密★30年",
    "内部资料",
    "a@b.cn",
    "三组",
    "幸福路12号",
    "云A12345",
]


@st.composite
def _lines(draw: st.DrawFn) -> str:
    values = _values(draw(st.integers(0, 10**6)))
    before = st.one_of(
        st.sampled_from(list(LABEL_BY_WORD)), st.sampled_from(_LABELLED), st.sampled_from(_SIGNS)
    )
    item = st.tuples(before, st.sampled_from(values), st.sampled_from(_AFTER))
    pieces = st.one_of(item.map("".join), item.map("".join), st.sampled_from(_OTHER))
    return "".join(draw(st.lists(pieces, min_size=1, max_size=6)))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines())
def test_a_line_scanned_by_the_compiled_pass_gives_what_the_python_pass_gives(line: str) -> None:
    compiled = _compiled(line)
    if compiled is not None:
        assert compiled == _python(line), line


@settings(max_examples=500, deadline=None)
@given(_lines())
def test_a_line_handed_back_holds_a_word_or_a_place_before_a_number(line: str) -> None:
    if _compiled(line) is None:
        folded = scanner.fold(line)
        assert p.LINE_WORDS.search(line) or any(
            before in p.ADDRESS_PLACES + p.PROVINCES and char.isascii() and char.isalnum()
            for before, char in zip(folded, folded[1:], strict=False)
        ), line


def test_valid_values_are_found_by_the_compiled_pass_with_their_rules() -> None:
    rng = random.Random(4)
    for _ in range(300):
        card = _valid_card(rng, "622848", 19)
        id_ = _valid_id(rng)
        mobile = _valid_mobile(rng)
        code = _valid_uscc(rng)
        line = f"发放至{card}，身份证号：{id_}；{mobile}（{code}）"
        found = _compiled(line)
        assert found is not None
        assert [(f.kind, f.rule) for f in found] == [
            ("bank_card", "luhn_bin"),
            ("cn_resident_id", "ric18_checksum"),
            ("cn_mobile", "mobile_prefix"),
            ("cn_uscc", "uscc_checksum"),
        ]
        assert found == _python(line)
        assert found[0].masked == "*" * 15 + card[-4:]


def test_lines_the_compiled_pass_hands_back_are_those_with_words() -> None:
    for line in [
        "姓名：张三，身份证号码11010519491231002X",
        "绝密★30年",
        "联系人：李四 13812345678",
        "邮箱 zhang@example.com",
        "幸福路12号3栋",
        "车牌云A12345",
        "勐托村三组",
    ]:
        assert _compiled(line) is None, line
        assert _python(line), line
    assert _compiled("深入贯彻落实，覆盖25675户435053人。") == []


def test_a_line_with_a_sensitive_term_is_scanned_in_python() -> None:
    from gongkai.core.privacy._linepass import scan_lines

    text = "手机13812345678\n贯彻落实\n手机13912345678\n"
    second = text.index("贯彻")
    entries = scan_lines(text, 0, len(text), 1, [0, second], Finding)
    assert entries[:2] == [(0, 1), (second, 2)]
    [finding] = entries[2:]
    assert finding.where == {"line": 3}
    assert finding.masked == "139****5678"


# The validators and shapes, value by value, at their edges: birth years 1899/1900, 2029/2030,
# 2099/2100, month 0 and 13, day 0, 29 February, check characters right and wrong, BINs and
# lengths of cards, credit codes with letters.
_YEARS = ["1899", "1900", "1901", "1988", "2000", "2029", "2030", "2099", "2100", "0000"]
_MONTH_DAYS = ["0101", "0229", "0230", "1231", "1232", "0001", "1301", "0431", "0100"]


@st.composite
def _compacts(draw: st.DrawFn) -> str:
    digits = st.text("0123456789", min_size=1, max_size=19)
    region = st.sampled_from([*sorted(PROVINCE_CODES)[:6], "00", "10", "81", "99"])
    id_like = st.tuples(
        region,
        st.text("0123456789", min_size=4, max_size=4),
        st.sampled_from(_YEARS),
        st.sampled_from(_MONTH_DAYS),
        st.text("0123456789", min_size=3, max_size=3),
    ).map("".join)
    with_check = id_like.map(lambda body: body + ric.calc_check_digit(body + "0"))
    card = st.tuples(
        st.sampled_from(["62", "60", "4", "51", "55", "35", "30", "9"]),
        st.integers(10, 17),
    ).map(lambda bl: bl[0] + "0" * (bl[1] - len(bl[0])))
    luhn_card = st.tuples(card, st.text("0123456789", min_size=0, max_size=6)).map(
        lambda c: (lambda body: body + luhn.calc_check_digit(body))(
            (c[0] + c[1])[: max(len(c[0]), 15)]
        )
    )
    code_chars = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ"
    uscc_like = st.text(code_chars, min_size=18, max_size=18)
    uscc_checked = st.tuples(
        st.sampled_from(["91", "52", "Y1", "A1", "11", "92", "20"]),
        st.sampled_from(["53", "10", "00", "81"]),
        st.text("0123456789", min_size=4, max_size=4),
        st.text("0123456789ABCDEFGH", min_size=8, max_size=8),
    ).map(
        lambda t: (lambda body: body + uscc.calc_check_digit(body))(
            t[0] + t[1] + t[2] + t[3] + _org_check(t[3])
        )
    )
    mobile = st.tuples(
        st.sampled_from(["", "86", "0086", "85"]),
        st.sampled_from(["138", "154", "199", "120", "145", "100"]),
        st.text("0123456789", min_size=8, max_size=8),
    ).map("".join)
    landline = st.tuples(
        st.sampled_from(["", "0", "86", "0086", "00"]),
        st.sampled_from(["10", "21", "871", "0871", "1", ""]),
        st.text("0123456789", min_size=6, max_size=9),
    ).map("".join)
    passport = st.tuples(
        st.text("EGDKHMZ", min_size=0, max_size=3), st.text("0123456789", min_size=6, max_size=11)
    ).map("".join) | st.text("0123456789", min_size=10, max_size=10).map(lambda d: d + "A")
    value: str = draw(
        st.one_of(
            digits,
            id_like,
            with_check,
            luhn_card,
            uscc_like,
            uscc_checked,
            mobile,
            landline,
            passport,
            with_check.map(lambda v: v[:-1] + "X"),
            id_like.map(lambda v: v[:15]),
        )
    )
    return value


@settings(max_examples=4000, deadline=None)
@given(_compacts(), st.sampled_from([None, *LABEL_BY_WORD]))
def test_a_value_is_classified_as_the_recognizers_classify_it(
    compact: str, label_word: str | None
) -> None:
    _classified_alike(compact, label_word)


def _classified_alike(compact: str, label_word: str | None = None) -> None:
    from gongkai.core.privacy._linepass import classify_compact
    from gongkai.core.privacy.recognizers import LabelContext, classify_number

    label = None
    if label_word is not None:
        word = LABEL_BY_WORD[label_word]
        label = LabelContext((word.word,), word.kinds, word.klass, column=False)
    expected = classify_number(compact, label)
    assert classify_compact(compact, label_word) == (
        None if expected is None else (expected[0].rule, expected[1])
    ), (compact, label_word)


def test_birth_dates_at_the_edges_of_the_calendar_and_the_years_are_read_alike() -> None:
    years = ["1899", "1900", "1904", "1999", "2000", "2028", "2029", "2030", "2099", "2100"]
    days = ["0228", "0229", "0230", "0431", "0430", "1231", "1232", "0001", "1301", "0100"]
    for region in ("62", "35", "53", "60", "99"):
        for year in years:
            for day in days:
                body = f"{region}0102{year}{day}123"
                right = ric.calc_check_digit(body + "0")
                for check in {right, "X", "0", "7"}:
                    _classified_alike(body + check)
                    _classified_alike(body + check, "身份证号")
                # The same digits made to pass Luhn: a UnionPay card, or a mistyped ID.
                digits = body + "0"
                card = digits[:-1] + luhn.calc_check_digit(digits[:-1])
                _classified_alike(card)
                _classified_alike(card[:15], "身份证号")


def test_all_digit_credit_codes_that_pass_luhn_are_read_alike() -> None:
    rng = random.Random(11)
    found = 0
    for prefix in ("62", "60", "61", "51", "52", "53", "35", "91"):
        tries = 0
        while tries < 2000:
            tries += 1
            org = f"{rng.randrange(10**8):08d}"
            body = prefix + "530102" + org + _org_check(org)
            if not body.isdigit():
                continue
            code = body + uscc.calc_check_digit(body)
            if code.isdigit() and luhn.is_valid(code):
                found += 1
                _classified_alike(code)
                _classified_alike(code, "银行卡号")
                _classified_alike(code, "统一社会信用代码")
                break
    assert found >= 6


def test_findings_of_a_text_file_inside_a_zip_name_the_member_and_line(tmp_path: Path) -> None:
    from gongkai.core.privacy.isolated import scan_file

    path = tmp_path / "材料.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "名单/低保.txt", "公示如下：\n手机 13812345678，身份证号11010519491231002X\n"
        )
    found = [f for f in scan_file(path) if isinstance(f, Finding)]
    assert [(f.kind, f.where) for f in found] == [
        ("cn_mobile", {"member": "名单/低保.txt", "line": 2}),
        ("cn_resident_id", {"member": "名单/低保.txt", "line": 2}),
    ]


_HEADERS = [
    None,
    "身份证号码（18位）",
    "户主身份证号",
    "联系电话",
    "联系方式",
    "办公电话",
    "银行卡号",
    "一卡通账号",
    "护照号码",
    "证件号码",
    "流水号",
    "统一社会信用代码",
    "备注",
    "金额（元）",
    "姓名",
    "家庭住址",
]


@settings(max_examples=2000, deadline=None)
@given(_compacts().filter(str.isdigit), st.sampled_from(_HEADERS))
def test_a_cell_of_digits_gives_what_the_python_pass_gives(text: str, header: str | None) -> None:
    segment = Segment(text, {"sheet": "名单", "cell": "C7"}, header)
    compiled = scan_segment(segment)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scanner, "_scan_digits", None)
        assert compiled == scan_segment(segment), (text, header)


def test_cells_of_a_relief_list_are_found_by_the_compiled_pass() -> None:
    rng = random.Random(5)
    id_, mobile, card = _valid_id(rng), _valid_mobile(rng), _valid_card(rng, "622848", 19)
    where = {"sheet": "名单", "cell": "C2"}
    [found] = scan_segment(Segment(id_, where, "身份证号码"))
    assert (found.kind, found.rule, found.where) == ("cn_resident_id", "ric18_checksum", where)
    [found] = scan_segment(Segment(mobile, where, "联系电话"))
    assert (found.kind, found.masked) == ("cn_mobile", mobile[:3] + "****" + mobile[7:])
    # A landline in a household's column is the household's (medium), its rule the column's.
    [found] = scan_segment(Segment("087165123456", where, "联系电话"))
    assert (found.kind, found.severity, found.rule) == (
        "cn_landline",
        "medium",
        "labelled:联系电话",
    )
    [found] = scan_segment(Segment(card, where, "办公电话"))
    assert found.kind == "bank_card"
    assert scan_segment(Segment("20240315", where, "受理日期")) == []
