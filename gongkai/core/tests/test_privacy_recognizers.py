"""Validators and labels of the privacy scanner (reference/privacy.md §1, §7.3, §7.5)."""

import pytest
from stdnum import luhn
from stdnum.cn import ric, uscc

from gongkai.core.privacy.recognizers import (
    CARD,
    ID,
    MOBILE,
    MOBILE_PREFIXES,
    card_valid,
    classify_number,
    column_label,
    label_before,
    luhn_valid,
    mobile_valid,
    ric15_valid,
    ric18_valid,
    uscc_valid,
)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("11010519491231002X", True, id="§1.2 the standard's vector"),
        pytest.param("11010519491231002x", False, id="§1.2 lower-case x: upper-cased first"),
        pytest.param("53010219850315123X", True, id="§1.2 check X"),
        pytest.param("532524197001010020", True, id="§1.2 check 0"),
        pytest.param("530102198503151231", False, id="§1.2 wrong check digit"),
        pytest.param("530102198502311238", False, id="§1.2 date gate: 31 February"),
        pytest.param("440524188001010014", False, id="§1.2 date gate: the 1880 vector"),
        pytest.param("990102198503151235", False, id="§1.2 province gate: 99"),
        pytest.param("810000199001011230", True, id="§1.2 HK permit 81, stdnum rejects"),
        pytest.param("530902198503151233", True, id="§1.2 county gate not used"),
    ],
)
def test_ric18_checks_province_check_digit_and_date(number: str, valid: bool) -> None:
    assert ric18_valid(number) is valid


def test_ric18_accepts_everything_stdnum_accepts_with_its_check_digit() -> None:
    # §7.13: test against the standard's vectors; the check digit is stdnum's.
    for number in ("11010519491231002X", "532524197001010020", "620102198503151231"):
        assert ric.is_valid(number) and ric18_valid(number)
    assert ric.calc_check_digit("440524188001010014") == "4"  # arithmetic of the 1880 vector


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("530102850315123", True, id="§1.2 15 digits: province and date"),
        pytest.param("530102851315123", False, id="§1.2 15 digits: month 13"),
        pytest.param("990102850315123", False, id="§1.2 15 digits: province 99"),
    ],
)
def test_ric15_checks_province_and_date(number: str, valid: bool) -> None:
    assert ric15_valid(number) is valid


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        pytest.param("91110000600037341L", True, id="§1.3 stdnum's vector"),
        pytest.param("91530100MA6K3R1X2M", True, id="§1.3 letters in the organisation code"),
        pytest.param("Y1530000MJ1234561L", True, id="§1.3 letter first: stdnum refuses"),
        pytest.param("91530100MA6K3R1X2N", False, id="§1.3 wrong check character"),
        pytest.param("515300001234568253", True, id="§1.3 all digits"),
        # A mistyped identity number that passes the MOD 31 check by chance (one in 31): its
        # "organisation code" 19690703 6 fails GB 11714 (the check would be 3).
        pytest.param("216313196907036578", False, id="§1.3 GB 11714 organisation code"),
        pytest.param("91350100M000100Y56", False, id="§1.3 organisation code check altered"),
    ],
)
def test_uscc_checks_the_whole_alphabet(code: str, valid: bool) -> None:
    assert uscc_valid(code) is valid
    if valid and code[0].isdigit() and code[:8].isdigit():
        assert uscc.is_valid(code)


@pytest.mark.parametrize(
    "digits",
    ["6222020200001234562", "4111111111111111", "515300001234568253", "6214832018989180", "0"],
)
def test_luhn_agrees_with_stdnum(digits: str) -> None:
    assert luhn_valid(digits) is luhn.is_valid(digits)


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        pytest.param("6222020200001234562", True, id="§1.5 UnionPay 19 digits"),
        pytest.param("4111111111111111", True, id="§1.5 Visa 16 digits"),
        pytest.param("6214832018989180", False, id="§1.5 non-Luhn debit card (hutool #2510)"),
        pytest.param("1234567890123452", False, id="§1.5 Luhn without a BIN"),
        pytest.param("620102198503150009", False, id="§6.3 invalid-ID decoy from 62 passing Luhn"),
        # Right MOD 11-2 check, impossible date (1945-13-30, 1989-00-31): a mistyped identity
        # number, not a card, though it passes Luhn on a 62 or 35 BIN.
        pytest.param("624013194513306582", False, id="§6.3 identity number, month 13"),
        pytest.param("353904198900310279", False, id="§6.3 identity number, month 00"),
    ],
)
def test_card_needs_bin_luhn_and_no_identity_shape(digits: str, valid: bool) -> None:
    assert card_valid(digits) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        pytest.param("13812345678", True, id="§1.4 138"),
        pytest.param("19212345678", True, id="§1.4 192 China Broadnet"),
        pytest.param("8613812345678", True, id="§1.4 86 country code"),
        pytest.param("15412345678", False, id="§1.4 154 not allocated"),
        pytest.param("17912345678", False, id="§1.4 179 not allocated"),
        pytest.param("14012345678", False, id="§1.4 140 IoT"),
    ],
)
def test_mobile_prefix_table(number: str, valid: bool) -> None:
    assert mobile_valid(number) is valid


def test_the_prefix_table_is_the_references() -> None:
    # §1.4: 130–139; 145, 147, 149; 150–153, 155–159; 162, 165–167; 170–178; 180–189;
    # 190–193, 195–199.
    assert len(MOBILE_PREFIXES) == 10 + 3 + 9 + 4 + 9 + 10 + 9


@pytest.mark.parametrize(
    ("text", "word", "klass"),
    [
        pytest.param("身份证号码：", "身份证号码", "personal", id="§7.3 longest label wins"),
        pytest.param("公民身份号码 ", "公民身份号码", "personal", id="§7.3 space instead of colon"),
        pytest.param("身份证号为", "身份证号", "personal", id="§7.3 为"),
        pytest.param("办公电话:", "办公电话", "office", id="§1.4 office number"),
        pytest.param("电话：", "电话", "contact", id="§1.4 contact line"),
        pytest.param("交易流水号", "交易流水号", "negative", id="§7.5 serial"),
        pytest.param("统一社会信用代码：", "统一社会信用代码", "negative", id="§1.3 credit code"),
    ],
)
def test_a_label_right_before_a_value(text: str, word: str, klass: str) -> None:
    label = label_before(text + "1", len(text))
    assert label is not None
    assert (label.words[0], label.klass) == (word, klass)


def test_no_label_when_words_stand_between() -> None:
    assert label_before("身份证号已核实，1", 8) is None
    assert label_before("1", 0) is None


@pytest.mark.parametrize(
    ("header", "kinds", "klass"),
    [
        pytest.param("户主身份证号码（18位）", {ID, "name"}, "personal", id="§7.3 two words"),
        pytest.param("联系电话", {MOBILE, "cn_landline"}, "personal", id="§1.4 a household column"),
        pytest.param("办公电话", {MOBILE, "cn_landline"}, "office", id="§1.4 office column"),
        pytest.param("银行账号", {CARD}, "personal", id="§1.5 account column"),
        pytest.param("序号", set(), "negative", id="§7.5 serial column"),
    ],
)
def test_column_headers(header: str, kinds: set[str], klass: str) -> None:
    label = column_label(header)
    assert label is not None and label.column
    assert (set(label.kinds), label.klass) == (kinds, klass)


def test_a_header_without_label_words_is_no_label() -> None:
    assert column_label("保障人数") is None


def test_validated_values_win_over_labels_and_negative_labels_veto() -> None:
    # §7.4 and §7.5: a valid mobile under 身份证号 is a mobile; a card after 流水号 is none.
    id_label = label_before("身份证号：1", 5)
    serial = label_before("交易流水号1", 5)
    taken = classify_number("13812345678", id_label)
    assert taken is not None and taken[0].kind == MOBILE
    assert classify_number("6222020200001234562", serial) is None
    taken = classify_number("53010219850315123X", serial)
    assert taken is not None and taken[0].kind == ID
