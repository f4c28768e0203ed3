"""Letters of a case: default templates, numbering per agency, kind and year, DOCX and PDF
after GB/T 9704 with the decision, dates, legal basis and remedies, versioned templates,
refusals by state and by permission."""

import io
from datetime import date, datetime

import docx
import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications.letters import defaults, render
from gongkai.applications.letters import services as letters
from gongkai.applications.models import Letter, LetterTemplate
from gongkai.audit.models import AuditEvent
from gongkai.core import applications as rules

from .test_handling import LATER, PARTLY, TZ, register, step

ISSUED = datetime(2026, 5, 6, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_pdf(monkeypatch):
    """Tests about numbers and versions skip the (one second) PDF rendering."""
    monkeypatch.setattr(render, "pdf", lambda page: b"%PDF-1.7 test")


def decided(cast, outcome="partly_disclosed", items=PARTLY, **kw):
    case = register(cast, **kw)
    case = step("assign", cast, case, date(2026, 3, 3), handler=cast.office)
    return step("decide", cast, case, date(2026, 3, 24), outcome=outcome, items=items)


def corrected(cast, agency=None, **kw):
    office = cast.other_office if agency == cast.other_agency else cast.office
    case = register(cast, agency=agency, **kw)
    case = step("assign", cast, case, date(2026, 3, 3), handler=office, actor=office)
    return step(
        "request_correction", cast, case, date(2026, 3, 4), until=date(2026, 3, 11), actor=office
    )


def issue(cast, case, kind, now=ISSUED, actor=None):
    return letters.letter_issue(actor=actor or cast.office, application=case, kind=kind, now=now)


def flat(text):
    return "".join(text.split())


def docx_text(letter):
    with letter.docx.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    return "\n".join(p.text for p in document.paragraphs), document


def pdf_reader(letter):
    with letter.pdf.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def embedded_fonts(reader):
    """(BaseFont, has a font file) of every font the pages use."""
    found = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            has_file = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), has_file))
    return found


def test_a_reply_letter_in_docx_and_pdf_holds_decision_dates_basis_and_remedies(cast):
    case = decided(cast)
    letter = issue(cast, case, "reply")

    assert letter.number == "测民公开复〔2026〕1号"
    assert letter.template.version == letter.template_version == 1
    assert letter.template.created_by is None  # the default, created by the system
    assert letter.dated_on == date(2026, 5, 6)
    expected = [
        "测试市民政局政府信息公开申请答复书",
        "测民公开复〔2026〕1号",
        "张三：",
        "本机关于2026年3月2日收到您提出的政府信息公开申请（登记号：",
        "本机关决定部分公开",
        PARTLY["provision"],
        PARTLY["withheld_parts"],
        PARTLY["legal_basis"],
        "60日内依法向测试市人民政府申请行政复议",
        "6个月内依法向有管辖权的人民法院提起行政诉讼",
        "2026年5月6日",
    ]
    text, document = docx_text(letter)
    pdf_text = flat("".join(page.extract_text() for page in pdf_reader(letter).pages))
    for part in expected:
        assert flat(part) in flat(text)
        assert flat(part) in pdf_text
        assert flat(part) in flat(letter.text)
    for word in ("行政复议", "行政诉讼", "60日", "6个月"):
        assert word in pdf_text

    # GB/T 9704: A4, margins 37/35/28/26 mm, 仿宋 16 pt at an exact line pitch, 小标宋 22 pt
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16 and normal.font.name == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.05)
    title = document.paragraphs[0]
    assert title.runs[0].font.size.pt == 22 and title.alignment == 1  # centred
    assert document.paragraphs[1].text == letter.number and document.paragraphs[1].alignment == 1
    assert document.paragraphs[-1].text == "2026年5月6日"
    assert document.paragraphs[-2].text == "测试市民政局"

    # the PDF embeds a CJK font (from Debian's fonts-noto-cjk)
    fonts = embedded_fonts(pdf_reader(letter))
    assert fonts and all(has_file for _name, has_file in fonts)
    assert any("CJK" in name for name, _ in fonts)

    case.refresh_from_db()
    assert case.status == rules.Status.LETTER_ISSUED.value
    assert case.events.filter(step="issue_letter", day=date(2026, 5, 6)).count() == 1
    issued = AuditEvent.objects.get(action="application.letter_issued")
    assert issued.changes["letter"] == [None, letter.number]
    assert AuditEvent.objects.filter(action="letter_template.default").count() == 1


def test_a_second_reply_letter_does_not_record_the_step_again(cast, no_pdf):
    case = decided(cast)
    issue(cast, case, "reply")
    again = issue(cast, case, "reply", now=datetime(2026, 5, 7, 9, 0, tzinfo=TZ))
    assert again.number == "测民公开复〔2026〕2号"
    assert case.events.filter(step="issue_letter").count() == 1


def test_each_reply_type_gets_its_own_default_text(cast, no_pdf):
    items = {
        "does_not_exist": "经检索，本机关未制作或获取该信息",
        "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        "remedies": "可申请行政复议或提起行政诉讼",
    }
    case = register(cast)
    case = step("assign", cast, case, date(2026, 3, 3), handler=cast.office)
    case = step(
        "decide",
        cast,
        case,
        date(2026, 3, 24),
        outcome="not_held",
        variant="does_not_exist",
        items=items,
    )
    letter = issue(cast, case, "reply")
    assert "该政府信息不存在" in letter.text
    assert "检索情况：经检索，本机关未制作或获取该信息。" in letter.text
    # the paragraphs of the other reply type of the row are left out
    assert "理由：" not in letter.text and "负责公开该政府信息的行政机关" not in letter.text
    assert letter.template.outcome == "not_held"


def test_letter_numbers_follow_each_other_per_agency_kind_and_year(cast, no_pdf):
    first, second = corrected(cast), corrected(cast, phone="13900000000")
    theirs = corrected(cast, agency=cast.other_agency)
    assert issue(cast, first, "correction").number == "测民公开补〔2026〕1号"
    assert issue(cast, second, "correction").number == "测民公开补〔2026〕2号"
    # another agency counts on its own; its short name is 测人 (测试市人力资源和社会保障局)
    other = issue(cast, theirs, "correction", actor=cast.other_office)
    assert other.number == "测人公开补〔2026〕1号"
    # another kind counts on its own
    first = step("receive_correction", cast, first, date(2026, 3, 9))
    extended = step(
        "extend",
        cast,
        first,
        date(2026, 3, 10),
        reason="需要汇总多个科室的数据",
        approved_by="王主任",
    )
    assert issue(cast, extended, "extension").number == "测民公开延〔2026〕1号"
    # a new year starts again at 1
    next_year = issue(cast, first, "correction", now=datetime(2027, 1, 4, 9, 0, tzinfo=TZ))
    assert (next_year.number, next_year.year, next_year.seq) == ("测民公开补〔2027〕1号", 2027, 1)
    assert sorted(
        Letter.objects.filter(agency=cast.agency, kind="correction").values_list("year", "seq")
    ) == [(2026, 1), (2026, 2), (2027, 1)]


def test_a_new_template_version_is_used_for_the_next_letter_and_the_old_letter_keeps_its_own(
    cast, no_pdf
):
    case = corrected(cast)
    old = issue(cast, case, "correction")
    template = letters.latest_template(cast.agency, "correction")
    body = template.body.replace("特此告知。", "特此告知，请予配合。")
    new = letters.template_new_version(
        actor=cast.office,
        agency=cast.agency,
        kind="correction",
        outcome="",
        title=template.title,
        number_template="测民依申补〔{year}〕{seq}号",
        body=body,
        now=LATER,
    )
    assert new.version == 2 and new.created_by == cast.office
    later = issue(cast, case, "correction")
    assert later.template == new and later.template_version == 2
    assert later.number == "测民依申补〔2026〕2号"
    assert "请予配合" in later.text
    old.refresh_from_db()
    assert old.template_version == 1 and old.template.version == 1
    assert "请予配合" not in old.text and "请予配合" not in old.template.body
    change = AuditEvent.objects.get(action="letter_template.new_version")
    assert change.changes["version"] == [1, 2]
    assert change.changes["number_template"][1] == "测民依申补〔{year}〕{seq}号"


def test_the_first_edit_keeps_the_default_as_version_1(cast):
    default = letters.default_for(cast.agency, "reply", "state_secret")
    created = letters.template_new_version(
        actor=cast.office,
        agency=cast.agency,
        kind="reply",
        outcome="state_secret",
        title=default.title,
        number_template=default.number_template,
        body=default.body + "\n附：保密审查意见",
        now=LATER,
    )
    versions = LetterTemplate.objects.filter(
        agency=cast.agency, kind="reply", outcome="state_secret"
    )
    assert sorted(versions.values_list("version", "created_by")) == [(1, None), (2, cast.office.pk)]
    assert created.version == 2


def messages_of(exc):
    return [str(m) for m in exc.value.messages]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"body": "{applicant}：\n请于{due_date}前补正。"}, "正文中有未知的占位符“{due_date}”"),
        ({"title": "{agency}{kind}"}, "标题中有未知的占位符“{kind}”"),
        ({"number_template": "测民补〔{year}〕{serial}号"}, "文号模板中有未知的占位符“{serial}”"),
        ({"number_template": "测民补[{year}]{seq}号"}, "文号模板须包含〔{year}〕和{seq}"),
        ({"number_template": "测民补〔{year}〕{seq:03d}号"}, "文号模板的大括号不成对"),
        ({"body": "{applicant：请补正。"}, "正文的大括号不成对"),
        ({"body": ""}, "正文不能为空"),
        # a placeholder of another kind of letter
        ({"body": "{applicant}：\n{legal_basis}"}, "正文中有未知的占位符“{legal_basis}”"),
    ],
)
def test_bad_templates_are_refused_with_the_reason_in_chinese(cast, changes, expected):
    default = letters.default_for(cast.agency, "correction")
    values = {
        "title": default.title,
        "number_template": default.number_template,
        "body": default.body,
    } | changes
    with pytest.raises(ValidationError) as exc:
        letters.template_new_version(
            actor=cast.office,
            agency=cast.agency,
            kind="correction",
            outcome="",
            now=LATER,
            **values,
        )
    assert any(expected in text for text in messages_of(exc))
    assert not LetterTemplate.objects.exists()


def test_a_reply_on_the_merits_must_keep_the_remedies(cast):
    default = letters.default_for(cast.agency, "reply", "partly_disclosed")
    body = default.body.replace(defaults.REMEDIES, "")
    with pytest.raises(ValidationError) as exc:
        letters.template_new_version(
            actor=cast.office,
            agency=cast.agency,
            kind="reply",
            outcome="partly_disclosed",
            title=default.title,
            number_template=default.number_template,
            body=body,
            now=LATER,
        )
    assert any("缺少“行政复议”" in text for text in messages_of(exc))


@pytest.mark.parametrize(("kind", "outcome"), defaults.slots())
def test_every_default_template_passes_the_checks(cast, kind, outcome):
    default = letters.default_for(cast.agency, kind, outcome)
    letters.check_template(
        kind=kind,
        outcome=outcome,
        title=default.title,
        number_template=default.number_template,
        body=default.body,
    )
    assert "〔{year}〕{seq}号" in default.number_template
    if kind == "reply" and defaults.on_the_merits(outcome):
        assert defaults.REMEDIES in default.body
        assert defaults.decision(outcome) or outcome in {"disclosed", "not_held"}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("correction", "本申请没有告知补正的记录，不能出具补正告知书"),
        ("extension", "本申请没有延长答复期限的记录，不能出具延期答复告知书"),
        ("consultation", "本申请没有征求第三方意见的记录，不能出具征求第三方意见函"),
        ("fee", "本申请没有收费通知的记录，不能出具收费通知书"),
        ("reply", "本申请尚未作出答复决定，不能出具答复书"),
    ],
)
def test_a_letter_the_case_has_not_reached_is_refused(cast, kind, expected):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    with pytest.raises(ValidationError) as exc:
        issue(cast, case, kind)
    assert messages_of(exc) == [expected]
    assert not Letter.objects.exists() and not LetterTemplate.objects.exists()


def test_notices_name_their_dates_fee_and_party(cast, no_pdf):
    case = corrected(cast)
    correction = issue(cast, case, "correction")
    assert "请您于2026年3月11日前将补正后的申请提交本机关" in correction.text
    case = step("receive_correction", cast, case, date(2026, 3, 9))
    case = step("assign", cast, case, date(2026, 3, 9), handler=cast.office)
    case = step("send_consultation", cast, case, date(2026, 3, 10), party="某物业公司")
    consultation = issue(cast, case, "consultation")
    assert consultation.text.splitlines()[3] == "某物业公司："
    assert "张三" not in consultation.text  # the applicant is not named to the third party
    assert "请于2026年3月31日前" in consultation.text
    case = step("receive_opinion", cast, case, date(2026, 3, 12), party="某物业公司")
    case = step("notify_fee", cast, case, date(2026, 3, 19), method="per_page", quantity=50)
    fee = issue(cast, case, "fee")
    assert "信息处理费200元" in fee.text and "请您于2026年4月17日前" in fee.text


@pytest.mark.parametrize("who", ["drafter_a", "reviewer", "approver", "supervisor", "other_office"])
def test_only_the_agencys_disclosure_office_issues_letters_and_edits_templates(cast, who):
    case = decided(cast)
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        issue(cast, case, "reply", actor=user)
    default = letters.default_for(cast.agency, "correction")
    with pytest.raises(PermissionDenied):
        letters.template_new_version(
            actor=user,
            agency=cast.agency,
            kind="correction",
            outcome="",
            title=default.title,
            number_template=default.number_template,
            body=default.body,
            now=LATER,
        )
    assert not Letter.objects.exists() and not LetterTemplate.objects.exists()


def test_short_names_review_bodies_and_article_numbers():
    assert defaults.short_name("临沧市民政局", "LCMZJ") == "临民"
    assert defaults.short_name("国家统计局", "TJJ") == "TJJ"
    assert defaults.review_body("临沧市民政局") == "临沧市人民政府"
    assert defaults.review_body("临翔区人民政府") == defaults.GENERAL_REVIEW_BODY
    assert defaults.article_text("条例第36条第（一）（二）项") == (
        "《中华人民共和国政府信息公开条例》第三十六条第（一）（二）项"
    )
    assert [defaults.chinese_number(n) for n in (10, 15, 42, 101, 110)] == [
        "十",
        "十五",
        "四十二",
        "一百零一",
        "一百一十",
    ]
