"""The privacy scanner: every kind with its decoys, the pitfalls, the contract (issue 4 §1).

Rows cite reference/privacy.md. Every finding any test here produces goes through
:func:`scan`, which checks that its JSON line never holds the raw value.
"""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.privacy import (
    KINDS,
    SCANNER_VERSION,
    Finding,
    Segment,
    scan_segment,
    scan_segments,
    scan_text,
)
from gongkai.core.privacy.recognizers import LABEL_BY_WORD

ID = "53010219850315123X"  # valid: province 53, 1985-03-15, check X
ID_BAD_CHECK = "530102198503151231"
CARD = "6222020200001234562"  # UnionPay, Luhn
MOBILE = "13812345678"

Row = tuple[str, str, str]  # kind, severity, the text the finding covers


def scan(text: str, label: str | None = None, terms: tuple[str, ...] = ()) -> list[Finding]:
    findings = scan_text(text, where={"line": 7}, label=label, terms=terms)
    for finding in findings:
        _assert_no_raw_value(text, finding)
    return findings


def _assert_no_raw_value(text: str, finding: Finding) -> None:
    # DESIGN.md: `gongkai scan --json` never prints the raw value it found. The line holds the
    # masked preview and, besides, only fixed vocabulary: kind, severity, rule (validator and
    # label words) and the location the extractor gave.
    raw = text[finding.start : finding.end]
    line = finding.as_json("a.txt")
    assert set(line) == {"file", "where", "kind", "severity", "masked", "rule"}
    assert raw.strip("*") == "" or raw not in finding.masked
    assert line["kind"] in KINDS and line["severity"] in ("high", "medium", "low")
    rule = _RULE.fullmatch(finding.rule)
    assert rule is not None
    assert rule.group("label") is None or rule.group("label") in LABEL_BY_WORD
    compact = "".join(c for c in raw if c.isalnum())
    if len(compact) >= 6:
        assert compact not in json.dumps(line, ensure_ascii=False)


_RULE = re.compile(r"(?:[a-z0-9_]+|labelled:(?P<label>[^+]+))(?:\+[a-z0-9_]+)*")


def found(text: str, label: str | None = None, terms: tuple[str, ...] = ()) -> list[Row]:
    return [(f.kind, f.severity, text[f.start : f.end]) for f in scan(text, label, terms)]


# Every kind, with its decoys: (text, column label, expected findings)

KINDS_TABLE = [
    # cn_resident_id
    pytest.param(f"身份证号{ID}。", None, [("cn_resident_id", "high", ID)], id="§1.2 valid ID"),
    pytest.param(f"编号{ID}", None, [("cn_resident_id", "high", ID)], id="§7.5 a valid ID stays"),
    pytest.param(ID_BAD_CHECK, None, [], id="§1.1 wrong check unlabelled: nothing"),
    pytest.param(
        "身份证号53090219850315123X。",
        None,
        [("cn_resident_id", "medium", "53090219850315123X")],
        id="§2 glued to its label and 。, wrong check: labelled",
    ),
    pytest.param(
        f"身份证号码：{ID_BAD_CHECK}",
        None,
        [("cn_resident_id", "medium", ID_BAD_CHECK)],
        id="§7.3 wrong check after a label: found",
    ),
    pytest.param(
        ID_BAD_CHECK,
        "公民身份号码",
        [("cn_resident_id", "medium", ID_BAD_CHECK)],
        id="§7.3 wrong check in an ID column: found",
    ),
    pytest.param(
        "530102198503151000",
        "身份证号码",
        [("cn_resident_id", "medium", "530102198503151000")],
        id="§2 Excel float rebuilt as digits in an ID column",
    ),
    pytest.param(
        "11010519491231002x",
        None,
        [("cn_resident_id", "high", "11010519491231002x")],
        id="§1.2 lower-case x",
    ),
    pytest.param(
        "810000199001011230",
        None,
        [("cn_resident_id", "high", "810000199001011230")],
        id="§1.2 HK permit",
    ),
    pytest.param("440524188001010014", None, [], id="§1.2 born 1880: date gate"),
    pytest.param("530102850315123", None, [], id="§1.1 15 digits unlabelled: never"),
    pytest.param(
        "身份证：530102850315123",
        None,
        [("cn_resident_id", "high", "530102850315123")],
        id="§1.2 15 digits after a label, date valid",
    ),
    pytest.param(
        "身份证：530102851315123",
        None,
        [("cn_resident_id", "medium", "530102851315123")],
        id="§1.2 15 digits after a label, month 13",
    ),
    # cn_mobile
    pytest.param(f"手机{MOBILE}。", None, [("cn_mobile", "high", MOBILE)], id="§1.4 mobile"),
    pytest.param(
        "+86 13812345678", None, [("cn_mobile", "high", "+86 13812345678")], id="§1.4 +86"
    ),
    pytest.param(
        "0086-13812345678", None, [("cn_mobile", "high", "0086-13812345678")], id="§1.4 0086"
    ),
    pytest.param("15412345678", None, [], id="§1.4 unallocated 154 unlabelled"),
    pytest.param(
        "手机：15412345678", None, [("cn_mobile", "medium", "15412345678")], id="§1.4 154 labelled"
    ),
    pytest.param(
        "监督电话：13812345678", None, [("cn_mobile", "low", MOBILE)], id="§1.4 office number"
    ),
    pytest.param("13812345678.50", None, [], id="§2 an amount"),
    pytest.param("13812345678元", None, [], id="§2 an amount in 元"),
    pytest.param("138123456789", None, [], id="§1.4 12 digits"),
    # cn_landline
    pytest.param("0871-65123456", None, [], id="§1.1 landline unlabelled: nothing"),
    pytest.param(
        "电话：0871-65123456转801",
        None,
        [("cn_landline", "low", "0871-65123456")],
        id="§1.4 contact line: low",
    ),
    pytest.param(
        "办公电话：(0871)65123456",
        None,
        [("cn_landline", "low", "(0871)65123456")],
        id="§1.4 office phone: low",
    ),
    pytest.param(
        "0883-2123456", "家庭电话", [("cn_landline", "medium", "0883-2123456")], id="§1.4 household"
    ),
    pytest.param("400-123-4567", "联系电话", [], id="§1.4 400 service number"),
    # bank_card
    pytest.param(
        f"银行卡{CARD}", None, [("bank_card", "high", CARD)], id="§1.5 UnionPay 19 digits"
    ),
    pytest.param(
        "4111111111111111", None, [("bank_card", "high", "4111111111111111")], id="§1.5 Visa 16"
    ),
    pytest.param("6214832018989180", None, [], id="§1.5 non-Luhn unlabelled: nothing"),
    pytest.param(
        "6214832018989180",
        "银行账号",
        [("bank_card", "medium", "6214832018989180")],
        id="§1.5 non-Luhn in an account column",
    ),
    pytest.param(
        "一卡通：1234567890123",
        None,
        [("bank_card", "medium", "1234567890123")],
        id="§1.5 一卡通 13 digits",
    ),
    pytest.param(f"交易流水号{CARD}", None, [], id="§6.3 Luhn serial after 交易流水号"),
    pytest.param(f"凭证号：{CARD}", None, [], id="§6.3 Luhn serial after 凭证号"),
    pytest.param("620102198503150009", None, [], id="§6.3 invalid ID from 62 passing Luhn"),
    pytest.param(
        "622848184302154462",
        None,
        [("bank_card", "high", "622848184302154462")],
        id="§1.5 UnionPay 18 digits reading as an 1843 date",
    ),
    # cn_uscc
    pytest.param(
        "统一社会信用代码：91530100MA6K3R1X2M",
        None,
        [("cn_uscc", "low", "91530100MA6K3R1X2M")],
        id="§1.3 credit code: public, low",
    ),
    pytest.param(
        "515300001234568253",
        None,
        [("cn_uscc", "low", "515300001234568253")],
        id="§1.3 veto: 51… passes Luhn",
    ),
    pytest.param("91530100MA6K3R1X2N", None, [], id="§1.3 wrong check character"),
    # email
    pytest.param(
        "dingding@126.com", None, [("email", "medium", "dingding@126.com")], id="§1.7 e-mail"
    ),
    pytest.param(
        "lczmj@lincang.gov.cn", None, [("email", "low", "lczmj@lincang.gov.cn")], id="§1.7 gov.cn"
    ),
    pytest.param(
        "邮箱：12345@qq.com", None, [("email", "low", "12345@qq.com")], id="§1.7 contact line"
    ),
    pytest.param("见附件@公告", None, [], id="§1.7 no domain"),
    # passport
    pytest.param(
        "护照号码：E12345678", None, [("passport", "medium", "E12345678")], id="§1.6 passport"
    ),
    pytest.param(
        "港澳通行证：C12345678", None, [("passport", "medium", "C12345678")], id="§1.6 permit"
    ),
    pytest.param(
        "台胞证：12345678", None, [("passport", "medium", "12345678")], id="§1.6 Taiwan permit"
    ),
    pytest.param("E12345678", None, [], id="§1.6 never unlabelled"),
    # vehicle_plate
    pytest.param(
        "车牌号：云A·12345", None, [("vehicle_plate", "medium", "云A·12345")], id="§1.7 plate"
    ),
    pytest.param(
        "车牌号码：云AD12345",
        None,
        [("vehicle_plate", "medium", "云AD12345")],
        id="§1.7 new energy",
    ),
    pytest.param("云A12345", None, [], id="§1.7 never unlabelled"),
    # address
    pytest.param(
        "家住勐托村5组23号，",
        None,
        [("address", "high", "勐托村5组23号")],
        id="§7.7 house of a person",
    ),
    pytest.param(
        "临翔区博尚镇勐托村5组23号",
        "家庭住址",
        [("address", "high", "临翔区博尚镇勐托村5组23号")],
        id="§7.7 address column",
    ),
    pytest.param(
        "幸福小区3栋2单元501室",
        None,
        [("address", "high", "幸福小区3栋2单元501室")],
        id="§7.7 flat",
    ),
    pytest.param(
        "地址：临沧市临翔区南塘街100号",
        None,
        [("address", "low", "临沧市临翔区南塘街100号")],
        id="issue 4: office address in a contact line",
    ),
    pytest.param("勐托村", "家庭住址", [], id="§5.2 the village may be shown"),
    pytest.param("家住勐托村三组。", None, [("address", "high", "勐托村三组")], id="§7.7 三组"),
    pytest.param(
        "5组23号", "家庭住址", [("address", "high", "5组23号")], id="§7.7 house number cell"
    ),
    pytest.param("临政办发〔2018〕2号", None, [], id="§2 document number"),
    pytest.param("第3组数据，共12号文件", None, [], id="§7.7 no place word"),
    # name
    pytest.param("姓名：张三，性别：男", None, [("name", "low", "张三")], id="§7.7 name pair"),
    pytest.param("户主李明芳，", None, [("name", "low", "李明芳")], id="§7.7 户主 without colon"),
    pytest.param("户主要求提高补助，", None, [], id="§7.7 not a surname"),
    pytest.param("张三", "户主姓名", [("name", "low", "张三")], id="§7.7 name column"),
    pytest.param("阿依古丽·买买提", "姓名", [("name", "low", "阿依古丽·买买提")], id="§7.7 with ·"),
    pytest.param(
        "张三、李四", "家庭成员", [("name", "low", "张三"), ("name", "low", "李四")], id="§7.7 two"
    ),
    pytest.param("家庭困难，因病致贫", "申请人情况说明", [], id="§7.7 prose under a name column"),
    pytest.param("收款人：王五。", None, [("name", "low", "王五")], id="§7.7 收款人："),
    pytest.param("姓名：张某某", None, [], id="§3 already de-identified"),
    pytest.param("张三同志在会上讲话", None, [], id="§7.7 names only under labels"),
    pytest.param(
        f"申请人：李四，身份证号{ID}",
        None,
        [("name", "high", "李四"), ("cn_resident_id", "high", ID)],
        id="issue 4: a name next to an ID is high",
    ),
    # secret_marking
    pytest.param(
        "机密★20年", None, [("secret_marking", "high", "机密★20年")], id="§4 level and period"
    ),
    pytest.param(
        "秘密★三年", None, [("secret_marking", "high", "秘密★三年")], id="§4 Chinese numeral"
    ),
    pytest.param("绝密·永久", None, [("secret_marking", "high", "绝密·永久")], id="§4 绝密·永久"),
    pytest.param("机密★启用前", None, [("secret_marking", "high", "机密★启用前")], id="§4 启用前"),
    pytest.param(
        "000123\n秘密\n", None, [("secret_marking", "high", "秘密")], id="§4 bare level on its line"
    ),
    pytest.param(
        "密级：机密", None, [("secret_marking", "high", "密级：机密")], id="§4 密级 field"
    ),
    pytest.param(
        "内部资料 注意保存",
        None,
        [("secret_marking", "high", "内部资料"), ("secret_marking", "high", "注意保存")],
        id="§4 handling marks",
    ),
    pytest.param("工作秘密", None, [("secret_marking", "high", "工作秘密")], id="§4 工作秘密"),
    pytest.param(
        "本材料不得外传。", None, [("secret_marking", "high", "不得外传")], id="§4 不得外传"
    ),
    pytest.param(
        "内部传阅。", None, [("secret_marking", "high", "内部传阅")], id="issue 4: 内部传阅"
    ),
    pytest.param("严格保守国家秘密，保护商业秘密", None, [], id="§4 levels in prose"),
    pytest.param("不得泄露国家秘密和工作秘密。", None, [], id="§4 quoted in prose"),
    pytest.param("加强内部资料管理", None, [], id="§4 the words run on"),
    # sensitive_term
    pytest.param("该户因病致贫", None, [], id="issue 4: no list, no term"),
]


@pytest.mark.parametrize(("text", "label", "expected"), KINDS_TABLE)
def test_every_kind_with_its_decoys(text: str, label: str | None, expected: list[Row]) -> None:
    assert found(text, label) == expected


def test_sensitive_terms_are_exact_substrings() -> None:
    text = "该户因病致贫，属于重点监测户"
    assert found(text, terms=("因病致贫", "监测户", "")) == [
        ("sensitive_term", "medium", "因病致贫"),
        ("sensitive_term", "medium", "监测户"),
    ]
    assert found(text, terms=("因病返贫",)) == []


# Pitfalls (privacy.md §2)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"身份证号{ID}。", id="§2 \\b: CJK on both sides"),
        pytest.param(f"号码{ID}号", id="§2 \\b: a CJK word character after"),
        pytest.param(f"（{ID}）", id="§2 full-width brackets"),
    ],
)
def test_numbers_glued_to_cjk_are_found(text: str) -> None:
    assert [(f.kind, text[f.start : f.end]) for f in scan(text)] == [("cn_resident_id", ID)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"a{ID}", id="§2 a letter before"),
        pytest.param(f"{ID}1", id="§2 a digit after"),
        pytest.param(f"0.{MOBILE}", id="§2 a fraction"),
    ],
)
def test_numbers_glued_to_ascii_are_not(text: str) -> None:
    assert scan(text) == []


def test_full_width_digits_are_found_at_their_own_offsets() -> None:
    text = "公民身份号码：５３０１０２１９８５０３１５１２３Ｘ，手机１３８１２３４５６７８"
    findings = scan(text)
    assert [(f.kind, f.start, f.end) for f in findings] == [
        ("cn_resident_id", 7, 25),
        ("cn_mobile", 28, 39),
    ]
    assert findings[0].masked == "5301**********123X"
    assert text[7:25] == "５３０１０２１９８５０３１５１２３Ｘ"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("5301 0219 8503 1512 3X", "cn_resident_id", id="§2 ID by 4"),
        pytest.param("530102 19850315 123X", "cn_resident_id", id="§2 ID 6-8-4"),
        pytest.param("5301021985\n0315123X", "cn_resident_id", id="§2 ID over a line break"),
        pytest.param("138-1234-5678", "cn_mobile", id="§2 mobile 3-4-4"),
        pytest.param("138 1234 5678", "cn_mobile", id="§2 mobile with spaces"),
        pytest.param("6222 0202 0000 1234 562", "bank_card", id="§2 card by 4"),
    ],
)
def test_split_numbers_are_joined(text: str, kind: str) -> None:
    findings = scan(text)
    assert [(f.kind, f.start, f.end, f.severity) for f in findings] == [
        (kind, 0, len(text), "high")
    ]
    assert findings[0].rule.endswith("+joined")


def test_neighbouring_cells_are_never_joined() -> None:
    # §2: rows ID\tmobile\tcard are one tab apart.
    text = f"{ID}\t{MOBILE}\t{CARD}"
    assert [k for k, _, _ in found(text)] == ["cn_resident_id", "cn_mobile", "bank_card"]


def test_values_side_by_side_are_taken_apart() -> None:
    text = f"张三 {ID} {MOBILE} {CARD}"
    assert [(k, v) for k, _, v in found(text)] == [
        ("cn_resident_id", ID),
        ("cn_mobile", MOBILE),
        ("bank_card", CARD),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2018-03-15，2018年03月15日，20180315", id="§2 dates"),
        pytest.param("发放资金356.8万元，共12345678元", id="§2 amounts"),
        pytest.param("临政办发〔2018〕12号", id="§2 document number"),
        pytest.param("邮编：677000", id="§2 postcode"),
        pytest.param("发票号码：12345678，档案编号：2018031512345678901", id="§2 serials"),
    ],
)
def test_dates_amounts_document_numbers_and_serials_are_suppressed(text: str) -> None:
    assert scan(text) == []


def test_a_line_of_a_low_income_list() -> None:
    text = (
        f"户主张秀芳，身份证号{ID}，联系电话{MOBILE}，银行卡号{CARD}，"
        "家住勐托村9组68号，保障人数1人，月补助713元。"
    )
    assert [(k, s) for k, s, _ in found(text)] == [
        ("name", "high"),
        ("cn_resident_id", "high"),
        ("cn_mobile", "high"),
        ("bank_card", "high"),
        ("address", "high"),
    ]


def test_a_bare_level_in_a_header_part_is_a_mark() -> None:
    # §4: a bare level in a header, footer, text box or on the first lines.
    header = Segment("秘密 临沧市民政局", {"part": "word/header1.xml", "paragraph": 9})
    second_line = Segment("机密　★", {"line": 2})
    body = Segment("秘密 临沧市民政局", {"part": "word/document.xml", "paragraph": 40})
    assert [f.kind for f in scan_segment(header)] == ["secret_marking"]
    assert [f.kind for f in scan_segment(second_line)] == ["secret_marking"]
    assert scan_segment(body) == []


# The contract (DESIGN.md: gongkai scan --json)


def test_as_json_is_the_contract_line() -> None:
    finding = scan(f"手机{MOBILE}")[0]
    assert finding.as_json("dir/a.txt") == {
        "file": "dir/a.txt",
        "where": {"line": 7},
        "kind": "cn_mobile",
        "severity": "high",
        "masked": "138****5678",
        "rule": "mobile_prefix",
    }


def test_findings_carry_the_segment_location() -> None:
    segments = [
        Segment(ID, {"sheet": "Sheet1", "cell": "C7"}, "身份证号码"),
        Segment("无", {"sheet": "Sheet1", "cell": "C8"}, "身份证号码"),
        Segment(f"手机{MOBILE}", {"page": 2}),
    ]
    findings = list(scan_segments(segments))
    assert [dict(f.where) for f in findings] == [{"sheet": "Sheet1", "cell": "C7"}, {"page": 2}]


def test_the_version_is_recorded() -> None:
    assert SCANNER_VERSION


def test_empty_text_has_no_findings() -> None:
    assert scan("") == []


# Properties


_PIECES = [
    ID,
    ID_BAD_CHECK,
    MOBILE,
    CARD,
    "５３０１０２１９８５０３１５１２３Ｘ",
    "91530100MA6K3R1X2M",
    "身份证号",
    "手机",
    "电话：",
    "银行卡号",
    "姓名：",
    "户主",
    "张三",
    "家住",
    "勐托村",
    "5组",
    "23号",
    "秘密",
    "★",
    "绝密",
    "工作秘密",
    "内部资料",
    "车牌号：",
    "云A12345",
    "护照：",
    "E12345678",
    "a@qq.com",
    "＠",
    "+86",
    "(0871)",
    "0871-",
    "〔2018〕",
    "元",
    "：",
    "，",
    " ",
    "-",
    "\n",
    "\t",
]
TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=16).map("".join)
LABELS = st.one_of(
    st.none(), st.sampled_from(["身份证号码", "姓名", "联系电话", "家庭住址", "序号"])
)
TERMS = st.lists(st.text(min_size=1, max_size=4), max_size=3)


@settings(max_examples=300, deadline=None)
@given(TEXTS, LABELS, TERMS)
def test_findings_never_overlap_stay_in_the_text_and_are_masked(
    text: str, label: str | None, terms: list[str]
) -> None:
    findings = scan_text(text, label=label, terms=terms)
    previous_end = 0
    for finding in findings:
        assert previous_end <= finding.start < finding.end <= len(text)
        assert finding.masked != text[finding.start : finding.end]
        previous_end = finding.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_scanning_any_text_never_raises(text: str) -> None:
    scan_text(text)
    scan_text(text, label="身份证号码")
