"""The one masking policy (reference/privacy.md §3)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.privacy import KINDS, mask


@pytest.mark.parametrize(
    ("kind", "value", "masked"),
    [
        pytest.param("cn_resident_id", "53010219850315123X", "5301**********123X", id="§3 ID 4+4"),
        pytest.param("cn_resident_id", "530102850315123", "5301*******5123", id="§3 ID 15"),
        pytest.param(
            "cn_resident_id", "5301 0219 8503 1512 3X", "5301 **** **** **12 3X", id="§3 split"
        ),
        pytest.param("cn_mobile", "13812345678", "138****5678", id="§3 mobile"),
        pytest.param("cn_mobile", "+86 138-1234-5678", "+86 138-****-5678", id="§3 +86 kept"),
        pytest.param("cn_landline", "0871-65123456", "0871-********", id="§3 area code kept"),
        pytest.param("cn_landline", "010-61234567", "010-********", id="§3 3-digit area code"),
        pytest.param("cn_landline", "(0871)65123456", "(0871)********", id="§3 brackets"),
        pytest.param("cn_landline", "+86-871-65123456", "+86-871-********", id="§3 +86 landline"),
        pytest.param(
            "bank_card", "6222020200001234562", "***************4562", id="§3 card last 4"
        ),
        pytest.param(
            "bank_card", "6222 0202 0000 1234 562", "**** **** **** ***4 562", id="§3 grouped"
        ),
        pytest.param("name", "张三", "张*", id="§3 name"),
        pytest.param("name", "欧阳修文", "欧阳**", id="§3 compound surname"),
        pytest.param("address", "勐托村5组23号", "勐托村*****", id="§3 cut after 村"),
        pytest.param(
            "address", "临翔区文华社区幸福路12号", "临翔区文华社区******", id="§3 cut after 社区"
        ),
        pytest.param(
            "address", "幸福小区3栋2单元501室", "幸福小区*********", id="§3 drop 栋单元室"
        ),
        pytest.param("email", "dingding@126.com", "d*******@126.com", id="§3 e-mail"),
        pytest.param("vehicle_plate", "云A12345", "云A****5", id="§3 plate"),
        pytest.param("vehicle_plate", "陕A1234D8", "陕A*****8", id="§3 new-energy plate"),
    ],
)
def test_the_policy_of_the_reference(kind: str, value: str, masked: str) -> None:
    assert mask(kind, value) == masked


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("cn_resident_id", "53010219850315123X"),
        ("cn_resident_id", "５３０１０２１９８５０３１５１２３Ｘ"),
        ("bank_card", "6222020200001234562"),
        ("cn_mobile", "13812345678"),
        ("cn_uscc", "91530100MA6K3R1X2M"),
        ("passport", "E12345678"),
    ],
)
def test_masks_never_contain_the_raw_middle(kind: str, value: str) -> None:
    # §3: one policy; the middle of a number is what must never be shown.
    masked = mask(kind, value)
    middle = value[4:-4]
    assert middle not in masked
    assert len(masked) == len(value)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(KINDS), st.text(min_size=1, max_size=30))
def test_a_mask_never_equals_its_value(kind: str, value: str) -> None:
    masked = mask(kind, value)
    assert masked != value
    if value.strip("*"):
        assert len(masked) == len(value)  # §3 length-preserving
