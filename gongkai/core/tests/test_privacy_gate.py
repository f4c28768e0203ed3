"""The publication gate's rules: what blocks, how findings are settled, and assistance lists."""

import pytest

from gongkai.core.privacy import Segment, gate
from gongkai.core.privacy.gate import Resolution, State


def cells(sheet: str, header: list[str], *rows: list[str]) -> list[Segment]:
    letters = "ABCDEFGH"
    segments = [
        Segment(h, {"sheet": sheet, "cell": f"{letters[i]}1"}) for i, h in enumerate(header)
    ]
    for r, row in enumerate(rows, start=2):
        for i, value in enumerate(row):
            where = {"sheet": sheet, "cell": f"{letters[i]}{r}"}
            segments.append(Segment(value, where, header[i]))
    return segments


def test_high_findings_unreadable_parts_and_secret_marks_block_publication() -> None:
    assert gate.blocks("cn_resident_id", "high")
    assert gate.blocks("unreadable", "high")
    assert gate.blocks("secret_marking", "medium")
    assert gate.blocks(gate.ASSISTANCE_COLUMN, "high")
    assert not gate.blocks("cn_landline", "low")
    assert not gate.blocks("sensitive_term", "medium")


def test_an_open_finding_is_settled_once_and_a_false_positive_needs_a_reason() -> None:
    assert gate.settle("open", Resolution.REDACT) is State.REDACTED
    assert gate.settle("open", Resolution.DISMISS, "是单位办公电话") is State.DISMISSED
    with pytest.raises(gate.NotAllowed, match="理由"):
        gate.settle("open", Resolution.DISMISS, "  ")
    with pytest.raises(gate.NotAllowed, match="已处理"):
        gate.settle("dismissed", Resolution.REDACT)
    with pytest.raises(gate.NotAllowed, match="理由"):
        gate.settle("open", Resolution.WITHDRAW, "")


@pytest.mark.parametrize(
    "title, text, expected",
    [
        ("2026年3月城乡低保对象名单公示", "", True),
        ("关于特困人员救助供养名单的公示", "", True),
        ("公示", "临时救助发放明细如下", True),
        ("医疗救助对象花名册", "", True),
        ("2026年第一季度政府采购意向", "采购项目名称、预算金额", False),
    ],
)
def test_an_assistance_notice_is_known_by_its_title_or_its_first_lines(
    title: str, text: str, expected: bool
) -> None:
    assert gate.is_assistance_notice(title, text) is expected


def test_identity_phone_account_and_house_number_columns_are_forbidden_in_an_assistance_list() -> (
    None
):
    segments = cells(
        "名单",
        ["姓名", "身份证号码", "联系电话", "一卡通账号", "门牌号", "所在村（社区）", "保障人数"],
        [
            "张三",
            "53012319800101123",
            "0883-1234567",
            "6217 0000 1234",
            "幸福路8号",
            "城关社区",
            "3",
        ],
    )
    found = {c.label: c.kind for c in gate.forbidden_columns(segments)}
    assert found == {
        "身份证号码": "cn_resident_id",
        "联系电话": "cn_mobile",
        "一卡通账号": "bank_card",
        "门牌号": "address",
    }
    column = next(c for c in gate.forbidden_columns(segments) if c.label == "身份证号码")
    assert column.where["column"] == "B"
    finding = column.finding()
    assert finding.severity == "high" and finding.kind == gate.ASSISTANCE_COLUMN
    assert "身份证号码" in finding.masked and "5301" not in finding.masked


def test_an_empty_column_and_the_columns_a_list_may_show_are_not_forbidden() -> None:
    segments = cells(
        "名单",
        ["姓名", "身份证号码", "所在村（社区）", "保障人数", "金额（元）"],
        ["张三", "", "城关社区", "3", "1200"],
    )
    assert gate.forbidden_columns(segments) == []


def test_an_address_column_is_forbidden_only_when_it_names_houses() -> None:
    village = cells("名单", ["姓名", "地址"], ["张三", "城关镇勐托村"])
    assert gate.forbidden_columns(village) == []
    assert [c.label for c in gate.forbidden_columns(village, {"地址": {"address"}})] == ["地址"]
