"""The words of 依申请公开 (reference applications.md §§2, 8, 9, 13; annual-report.md §§5, 6)."""

import pytest

from gongkai.core.applications import (
    OUTCOMES,
    ApplicantKind,
    Channel,
    Delivery,
    IdentityDocument,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
    ReplyItem,
    Variant,
    check_identity,
    ledger_outcome,
    missing_reply_items,
    outcome_from_ledger,
    remedy_column,
    reply_items,
)
from gongkai.core.workcalendar import MessageError

# annual-report.md §5.2, rows 3–23, as printed
TABLE_THREE_RESULT_ROWS = [
    ("（一）", "（一）予以公开"),
    ("（二）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（三）1", "1.属于国家秘密"),
    ("（三）2", "2.其他法律行政法规禁止公开"),
    ("（三）3", "3.危及“三安全一稳定”"),
    ("（三）4", "4.保护第三方合法权益"),
    ("（三）5", "5.属于三类内部事务信息"),
    ("（三）6", "6.属于四类过程性信息"),
    ("（三）7", "7.属于行政执法案卷"),
    ("（三）8", "8.属于行政查询事项"),
    ("（四）1", "1.本机关不掌握相关政府信息"),
    ("（四）2", "2.没有现成信息需要另行制作"),
    ("（四）3", "3.补正后申请内容仍不明确"),
    ("（五）1", "1.信访举报投诉类申请"),
    ("（五）2", "2.重复申请"),
    ("（五）3", "3.要求提供公开出版物"),
    ("（五）4", "4.无正当理由大量反复申请"),
    ("（五）5", "5.要求行政机关确认或重新出具已获取信息"),
    ("（六）1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("（六）2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("（六）3", "3.其他"),
]


def test_the_outcomes_are_exactly_the_21_result_rows_of_table_three_in_order() -> None:
    assert [(OUTCOMES[o].ref, OUTCOMES[o].label) for o in Outcome] == TABLE_THREE_RESULT_ROWS


def test_each_numbered_row_sits_under_its_group_cell() -> None:
    groups = {OUTCOMES[o].group for o in Outcome}
    assert groups == {"", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"}
    assert all(OUTCOMES[o].ref.startswith(OUTCOMES[o].group[:3]) for o in Outcome)


@pytest.mark.parametrize(
    ("outcome", "text"),
    [
        # DESIGN.md, Vocabulary: the ledger text is the label without numbering
        (Outcome.DISCLOSED, "予以公开"),
        (Outcome.PARTLY_DISCLOSED, "部分公开"),
        (Outcome.STATE_SECRET, "不予公开/属于国家秘密"),
        (Outcome.NOT_HELD, "无法提供/本机关不掌握相关政府信息"),
        (Outcome.REPEATED, "不予处理/重复申请"),
        (Outcome.OTHER, "其他处理/其他"),
        (Outcome.THREE_SECURITIES, "不予公开/危及“三安全一稳定”"),
    ],
)
def test_the_ledger_names_an_outcome_as_design_md_prescribes(outcome: Outcome, text: str) -> None:
    assert ledger_outcome(outcome) == text
    assert outcome_from_ledger(text) is outcome


def test_every_ledger_text_reads_back_to_its_outcome() -> None:
    assert all(outcome_from_ledger(ledger_outcome(o)) is o for o in Outcome)


def test_an_open_case_is_in_progress_in_the_ledger() -> None:
    assert ledger_outcome(None) == "办理中"
    assert outcome_from_ledger(" 办理中 ") is None


def test_the_ledger_accepts_the_comma_some_reports_print() -> None:
    # annual-report.md §5.2: "逾期不补正，行政机关" with a comma in some reports
    text = "其他处理/申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"
    assert outcome_from_ledger(text) is Outcome.NOT_CORRECTED


def test_an_unknown_ledger_outcome_is_refused_in_chinese() -> None:
    with pytest.raises(MessageError, match="^无法识别的办理结果“同意公开”$"):
        outcome_from_ledger("同意公开")


def test_applicant_kinds_are_the_columns_of_table_three() -> None:
    assert [k.label for k in ApplicantKind] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert [k for k in ApplicantKind if not k.is_organisation] == [ApplicantKind.NATURAL_PERSON]


def test_channels_forms_and_deliveries_have_their_chinese_labels() -> None:
    assert [c.label for c in Channel] == [
        "网上申请",
        "当面申请",
        "信函申请",
        "传真申请",
        "电子邮件申请",
    ]
    assert [f.label for f in ProvisionForm] == ["纸质", "电子邮件", "光盘/U盘", "当场查阅/抄录"]
    assert [d.label for d in Delivery] == ["邮寄", "电子邮件", "自行领取", "网上下载"]
    assert IdentityDocument.RESIDENT_ID.label == "居民身份证"


# reply contents: 条例第36条 (一)–(七) and 第37条
def test_already_published_information_is_answered_with_where_to_obtain_it() -> None:
    items = reply_items(Outcome.DISCLOSED, Variant.ALREADY_PUBLISHED)
    assert items == (ReplyItem.WHERE_PUBLISHED, ReplyItem.LEGAL_BASIS, ReplyItem.REMEDIES)


def test_a_partial_disclosure_names_each_withheld_part_and_why() -> None:
    # 条例第37条
    assert ReplyItem.WITHHELD_PARTS in reply_items(Outcome.PARTLY_DISCLOSED)
    assert ReplyItem.PROVISION in reply_items(Outcome.PARTLY_DISCLOSED)


@pytest.mark.parametrize(
    "outcome", [o for o in Outcome if OUTCOMES[o].group == "（三）不予公开"][:7]
)
def test_withholding_states_reasons_and_legal_basis(outcome: Outcome) -> None:
    # 条例第36条第（三）项
    assert {ReplyItem.REASONS, ReplyItem.LEGAL_BASIS} <= set(reply_items(outcome))


def test_information_of_another_agency_names_that_agency_and_its_contact() -> None:
    # 条例第36条第（五）项
    items = reply_items(Outcome.NOT_HELD, Variant.NOT_THIS_AGENCY)
    assert ReplyItem.COMPETENT_AGENCY in items
    assert ReplyItem.REASONS in items
    assert ReplyItem.COMPETENT_AGENCY not in reply_items(Outcome.NOT_HELD, Variant.DOES_NOT_EXIST)


def test_special_access_regimes_point_to_their_own_procedure() -> None:
    # 条例第36条第（七）项 → （三）8
    assert ReplyItem.SPECIAL_PROCEDURE in reply_items(Outcome.ADMINISTRATIVE_QUERY)


def test_lapses_and_withdrawals_need_no_reply_letter() -> None:
    for outcome in (Outcome.NOT_CORRECTED, Outcome.FEE_NOT_PAID, Outcome.OTHER):
        assert reply_items(outcome) == ()


def test_a_row_covering_two_reply_types_needs_the_type() -> None:
    with pytest.raises(MessageError, match="须说明属于条例第36条的哪一种答复情形"):
        reply_items(Outcome.NOT_HELD)
    with pytest.raises(MessageError, match="不属于办理结果"):
        reply_items(Outcome.DISCLOSED, Variant.NOT_THIS_AGENCY)
    with pytest.raises(MessageError, match="不属于办理结果"):
        reply_items(Outcome.REPEATED, Variant.PROVIDED)


def test_a_reply_missing_an_item_is_told_what_and_why() -> None:
    stated = {ReplyItem.REASONS, ReplyItem.LEGAL_BASIS}
    problems = missing_reply_items(Outcome.NOT_HELD, Variant.NOT_THIS_AGENCY, stated)
    assert [p.text for p in problems] == [
        "答复书缺少：能够确定负责公开该政府信息的行政机关的，告知其名称、联系方式"
        "（条例第36条第（五）项）",
        "答复书缺少：行政复议、行政诉讼的权利和期限（条例第51条）",
    ]
    assert [p.code for p in problems] == ["reply.missing", "reply.missing"]


def test_table_four_has_three_blocks_of_four_results_and_a_total() -> None:
    # annual-report.md §6
    assert [k.label for k in RemedyKind] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert [r.label for r in RemedyResult] == ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    assert remedy_column(RemedyKind.RECONSIDERATION, RemedyResult.UPHELD) == 1
    assert remedy_column(RemedyKind.DIRECT_LITIGATION, RemedyResult.PENDING) == 9
    assert remedy_column(RemedyKind.LITIGATION_AFTER_RECONSIDERATION, RemedyResult.UPHELD) == 11


def test_a_resident_id_number_is_checked_by_its_check_digit() -> None:
    # GB 11643-1999 example number
    number = check_identity(
        ApplicantKind.NATURAL_PERSON, IdentityDocument.RESIDENT_ID, "11010519491231002X"
    )
    assert number == "11010519491231002X"
    with pytest.raises(
        MessageError, match="^居民身份证号码“110105194912310021”校验不通过，请核对$"
    ):
        check_identity(
            ApplicantKind.NATURAL_PERSON, IdentityDocument.RESIDENT_ID, "110105194912310021"
        )


def test_an_organisation_identifies_with_its_credit_code() -> None:
    code = "91110000600037341L"
    assert check_identity(ApplicantKind.COMMERCIAL, IdentityDocument.CREDIT_CODE, code) == code
    with pytest.raises(MessageError, match="^商业企业不能以“居民身份证”作为身份证明$"):
        check_identity(ApplicantKind.COMMERCIAL, IdentityDocument.RESIDENT_ID, "11010519491231002X")
    with pytest.raises(MessageError, match="^自然人不能以“统一社会信用代码”作为身份证明$"):
        check_identity(ApplicantKind.NATURAL_PERSON, IdentityDocument.CREDIT_CODE, code)


def test_a_document_without_a_checksum_is_kept_as_typed() -> None:
    assert check_identity(ApplicantKind.NATURAL_PERSON, IdentityDocument.PASSPORT, " E1234 ") == (
        "E1234"
    )
