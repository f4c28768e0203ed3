"""The ledger (台账): export a year, import it elsewhere, the same figures; a bad row stops all."""

import csv
import io
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.applications.intake import ApplicationData, application_register, refresh
from gongkai.applications.ledger import IMPORTED_NAME, ledger_statistics, remedies_path
from gongkai.applications.models import Application, ApplicationSequence, CaseEvent, Remedy
from gongkai.audit.models import AuditEvent
from gongkai.core import applications as rules

TZ = ZoneInfo("Asia/Shanghai")
S = rules.Step
HEADERS = "登记号,收到日期,申请渠道,申请人类型,申请内容摘要,办理结果,答复日期,是否延期,收费金额(元)"


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=10, tzinfo=TZ)


def register(agency, received: str, kind: str = "natural_person", channel: str = "online", **kw):
    organisation = kind != "natural_person"
    data = ApplicationData(
        applicant_kind=kind,
        name="某某公司" if organisation else "张三",
        id_document="other" if organisation else "resident_id",
        id_number="X-1234" if organisation else "11010519491231002X",
        phone="13812345678",
        description=kw.pop("description", "2025年城乡低保资金发放情况"),
        provision_form="paper",
        delivery="post",
    )
    application, _code = application_register(
        agency=agency, data=data, channel="online", now=at(received)
    )
    if channel != "online":
        Application.objects.filter(pk=application.pk).update(channel=channel)
    return application


def step(application, step: rules.Step, day: str, **fields):
    CaseEvent.objects.create(
        application=application, step=step.value, day=date.fromisoformat(day), at=at(day), **fields
    )
    return refresh(application)


def decide(application, day: str, outcome: rules.Outcome, variant: str = ""):
    return step(application, S.DECIDE, day, outcome=outcome.value, variant=variant)


@pytest.fixture
def history(cast):
    """The agency's cases around 2025, each way a case can run."""
    agency = cast.agency
    old = register(agency, "2024-05-06")  # ended in 2024: not in the 2025 ledger
    step(old, S.ASSIGN, "2024-05-06")
    decide(old, "2024-06-03", rules.Outcome.DISCLOSED, "provided")

    carried = register(agency, "2024-12-20")  # carried over into 2025, extended
    step(carried, S.ASSIGN, "2024-12-20")
    step(carried, S.EXTEND, "2025-01-10")
    decide(carried, "2025-02-10", rules.Outcome.DISCLOSED, "already_published")
    step(carried, S.ISSUE_LETTER, "2025-02-10")

    fee = register(agency, "2025-03-03", kind="commercial", channel="letter")
    step(fee, S.ASSIGN, "2025-03-03")
    step(fee, S.NOTIFY_FEE, "2025-03-05")
    Application.objects.filter(pk=fee.pk).update(fee_amount=Decimal("100.00"))
    step(fee, S.RECORD_PAYMENT, "2025-03-10")
    decide(fee, "2025-03-20", rules.Outcome.PARTLY_DISCLOSED)

    lapsed = register(agency, "2025-04-01", description='=HYPERLINK("http://x")')
    step(lapsed, S.ASSIGN, "2025-04-01")
    step(lapsed, S.REQUEST_CORRECTION, "2025-04-03", until=date(2025, 4, 20))
    step(lapsed, S.CORRECTION_LAPSED, "2025-04-25")

    unpaid = register(agency, "2025-05-06", kind="research")
    step(unpaid, S.ASSIGN, "2025-05-06")
    step(unpaid, S.NOTIFY_FEE, "2025-05-08")
    Application.objects.filter(pk=unpaid.pk).update(fee_amount=Decimal("200.00"))
    step(unpaid, S.FEE_LAPSED, "2025-06-10")

    withdrawn = register(agency, "2025-06-02", kind="legal_service", channel="in_person")
    step(withdrawn, S.WITHDRAW, "2025-06-05")

    secret = register(agency, "2025-02-10")
    step(secret, S.ASSIGN, "2025-02-10")
    step(secret, S.SEND_CONSULTATION, "2025-02-12", party="某保密部门")
    step(secret, S.RECEIVE_OPINION, "2025-02-20", party="某保密部门")
    decide(secret, "2025-03-01", rules.Outcome.STATE_SECRET)

    late = register(agency, "2025-11-20", kind="other")  # decided in 2026: carried forward
    step(late, S.ASSIGN, "2025-11-20")
    decide(late, "2026-01-05", rules.Outcome.NOT_HELD, "not_this_agency")

    register(agency, "2025-12-15")  # still open
    Remedy.objects.create(
        agency=agency,
        application=fee,
        number=fee.number,
        kind="reconsideration",
        result="upheld",
        year=2025,
        created_at=at("2025-06-01"),
    )
    Remedy.objects.create(
        agency=agency,
        application=carried,
        number=carried.number,
        kind="direct_litigation",
        result="pending",
        year=2025,
        created_at=at("2025-07-01"),
    )
    Remedy.objects.create(
        agency=agency,
        application=old,
        number=old.number,
        kind="reconsideration",
        result="corrected",
        year=2024,
        created_at=at("2024-08-01"),
    )
    return cast


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ledger", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("ledger", *args, stdout=io.StringIO(), stderr=err)
    assert error.value.returncode == 2
    return str(error.value), err.getvalue()


def test_the_statistics_of_the_year_count_each_case_once(history):
    figures = ledger_statistics(history.agency, 2025)
    assert figures.new == {
        "natural_person": 3,
        "commercial": 1,
        "research": 1,
        "legal_service": 1,
        "other": 1,
    }
    assert figures.carried_over == {"natural_person": 1}
    assert figures.results == {
        ("disclosed", "natural_person"): 1,
        ("partly_disclosed", "commercial"): 1,
        ("not_corrected", "natural_person"): 1,
        ("fee_not_paid", "research"): 1,
        ("other", "legal_service"): 1,
        ("state_secret", "natural_person"): 1,
    }
    assert figures.carried_forward == {"other": 1, "natural_person": 1}
    assert figures.remedies == {1: 1, 5: 1, 9: 1, 10: 1}
    assert (figures.fee_cases, figures.fee_total) == (1, Decimal("100.00"))
    # 一 + 二 = 三(七) + 四 (annual-report.md §8 A1)
    total = sum(figures.new.values()) + sum(figures.carried_over.values())
    assert total == sum(figures.results.values()) + sum(figures.carried_forward.values())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_an_empty_agency_gives_the_same_statistics(
    history, tmp_path, suffix
):
    path = tmp_path / f"台账2025{suffix}"
    out, _err = run("export", "--agency", "TESTA", "--year", "2025", "-o", str(path))
    assert "exported 8 applications, 2 remedies" in out
    files = [str(path)] if suffix == ".xlsx" else [str(path), str(remedies_path(path))]

    out, _err = run("import", *files, "--agency", "TESTB")

    assert "added 8 applications, 2 remedies" in out
    assert ledger_statistics(history.other_agency, 2025) == ledger_statistics(history.agency, 2025)
    for application in Application.objects.filter(agency=history.other_agency):
        rules.replay([e.as_rule() for e in application.events.all()])
        assert application.name == IMPORTED_NAME and application.id_number_encrypted == ""
    carried = Application.objects.get(agency=history.other_agency, received_on=date(2024, 12, 20))
    assert carried.extended and carried.status == "closed"
    assert carried.remedies.get().result == "pending"
    # new registrations continue after the imported numbers
    sequences = ApplicationSequence.objects.filter(agency=history.other_agency)
    assert dict(sequences.values_list("year", "last")) == {2024: 2, 2025: 7}
    assert register(history.other_agency, "2025-12-20").number == "2025-0008"
    export = AuditEvent.objects.get(action="ledger.export")
    assert export.actor is None and export.agency == history.agency
    assert (
        AuditEvent.objects.filter(action="ledger.import", agency=history.other_agency).count() == 1
    )


def test_the_export_names_no_one_and_guards_formula_cells(history, tmp_path):
    path = tmp_path / "ledger.csv"
    run("export", "--agency", "TESTA", "--year", "2025", "-o", str(path))
    text = path.read_text(encoding="utf-8-sig")
    assert "张三" not in text and "13812345678" not in text and "002X" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert set(rows[0]) >= set(HEADERS.split(","))
    lapsed = next(r for r in rows if r["收到日期"] == "2025-04-01")
    assert lapsed["申请内容摘要"].startswith("'=HYPERLINK")
    assert lapsed["办理结果"] == rules.ledger_outcome(rules.Outcome.NOT_CORRECTED)
    fee = next(r for r in rows if r["收到日期"] == "2025-03-03")
    assert (fee["申请渠道"], fee["申请人类型"], fee["收费金额(元)"]) == (
        "信函申请",
        "商业企业",
        "100.00",
    )
    assert fee["缴费日期"] == "2025-03-10" and fee["答复日期"] == "2025-03-20"
    open_case = next(r for r in rows if r["收到日期"] == "2025-12-15")
    assert (open_case["办理结果"], open_case["答复日期"], open_case["是否延期"]) == (
        "办理中",
        "",
        "否",
    )
    remedies = list(csv.DictReader(io.StringIO(remedies_path(path).read_text("utf-8-sig"))))
    assert {(r["类型"], r["结果"], r["年度"]) for r in remedies} == {
        ("行政复议", "结果维持", "2025"),
        ("未经复议直接起诉", "尚未审结", "2025"),
    }


def test_importing_the_same_ledger_twice_changes_nothing(history, tmp_path):
    path = tmp_path / "ledger.xlsx"
    run("export", "--agency", "TESTA", "--year", "2025", "-o", str(path))
    run("import", str(path), "--agency", "TESTB")
    before = (Application.objects.count(), CaseEvent.objects.count(), Remedy.objects.count())

    out, _err = run("import", str(path), "--agency", "TESTB")

    assert "added 0 applications, 0 remedies; unchanged 10" in out
    after = (Application.objects.count(), CaseEvent.objects.count(), Remedy.objects.count())
    assert after == before
    assert AuditEvent.objects.filter(action="ledger.import").count() == 1


def write_csv(path, *rows, headers=HEADERS):
    path.write_text("\n".join([headers, *rows]) + "\n", encoding="utf-8")
    return str(path)


def test_a_ledger_with_one_bad_row_imports_nothing_and_names_the_row(cast, tmp_path):
    path = write_csv(
        tmp_path / "ledger.csv",
        "2025-0001,2025-03-03,网上申请,自然人,低保名单,予以公开,2025-03-20,否,",
        "2025-0002,2025-03-04,网上申请,商业企业,补助资金,不予公开,2025-03-25,否,",
        "2025-0003,2025-03-05,网上,社会公益组织,项目清单,办理中,,是,",
    )
    message, err = refused("import", path, "--agency", "TESTA")
    assert "1 行有错误" in message and "nothing imported" in message
    assert err.startswith("第 3 行：") and "不予公开" in err
    assert Application.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_every_problem_of_every_row_is_listed(cast, tmp_path):
    path = write_csv(
        tmp_path / "ledger.csv",
        "2025-0001,2025-13-03,微信,公司,,予以公开,,也许,-5",
        "2025-0002,2025-03-04,网上申请,自然人,某事,予以公开,2025-03-01,否,",
        "2025-0002,2025-03-04,网上申请,自然人,某事,办理中,2025-03-09,否,",
        "2025-0004,2099-03-04,网上申请,自然人,某事,办理中,,否,",
    )
    _message, err = refused("import", path, "--agency", "TESTA")
    lines = err.splitlines()
    row2 = [line for line in lines if line.startswith("第 2 行")]
    assert len(row2) == 7  # date, channel, kind, summary, reply date, 是否延期, amount
    assert any("答复日期 2025-03-01 早于收到日期" in line for line in lines)
    assert any(line.startswith("第 4 行") and "与第 3 行重复" in line for line in lines)
    assert any(
        line.startswith("第 4 行") and "办理中的申请不能填写答复日期" in line for line in lines
    )
    assert any(line.startswith("第 5 行") and "晚于今天" in line for line in lines)


def test_a_number_the_agency_uses_for_another_application_is_refused(cast, tmp_path):
    register(cast.agency, "2025-03-03")  # 2025-0001
    path = write_csv(
        tmp_path / "ledger.csv",
        "2025-0001,2025-03-04,网上申请,自然人,某事,办理中,,否,",
    )
    _message, err = refused("import", path, "--agency", "TESTA")
    assert "第 2 行" in err and "已被本机关收到日期为 2025-03-03 的另一申请使用" in err


def test_numbers_of_another_system_take_the_next_serials_and_registration_continues(cast, tmp_path):
    register(cast.agency, "2025-01-06")  # 2025-0001
    path = write_csv(
        tmp_path / "ledger.csv",
        "临民申〔2025〕7号,2025-02-03,当面申请,自然人,某事,部分公开,2025-02-20,是,30",
        "2025-0005,2025-02-04,网上申请,科研机构,某事,无法提供/本机关不掌握相关政府信息,2025-02-21,否,",
    )
    run("import", path, "--agency", "TESTA")
    foreign = Application.objects.get(number="临民申〔2025〕7号")
    assert (foreign.year, foreign.seq) == (2025, 6)  # after the imported 2025-0005
    assert foreign.fee_amount == Decimal("30.00") and foreign.extended
    steps = [e.step for e in foreign.events.all()]
    assert steps == [
        "register",
        "assign",
        "extend",
        "notify_fee",
        "record_payment",
        "decide",
        "close",
    ]
    figures = ledger_statistics(cast.agency, 2025)
    assert (figures.fee_cases, figures.fee_total) == (1, Decimal("30.00"))  # paid on the reply
    assert Application.objects.get(number="2025-0005").events.get(step="decide").variant == (
        "does_not_exist"
    )
    new = register(cast.agency, "2025-03-03")
    assert new.number == "2025-0007"


def test_remedies_are_recognised_by_their_headers_and_checked(cast, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["登记号", "类型", "结果", "年度"])
    sheet.append(["2025-0001", "行政复议", "结果纠正", 2025])
    sheet.append(["2025-0001", "行政复议", "结果纠正", 2025])
    sheet.append(["2025-0002", "行政诉讼", "维持", "25"])
    path = tmp_path / "remedies.xlsx"
    book.save(path)
    _message, err = refused("import", str(path), "--agency", "TESTA")
    assert "第 3 行：与第 2 行重复" in err
    assert "第 4 行：类型“行政诉讼”无法识别" in err and "结果“维持”无法识别" in err
    assert "年度“25”无效" in err
    assert Remedy.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("import", "{tmp}/ledger.csv", "--agency", "NOPE"), "no such agency"),
        (("import", "{tmp}/missing.csv", "--agency", "TESTA"), "no such file"),
        (("import", "{tmp}/ledger.txt", "--agency", "TESTA"), "use a .csv or .xlsx file"),
        (("import", "{tmp}/broken.xlsx", "--agency", "TESTA"), "unreadable XLSX"),
        (("import", "{tmp}/gbk.csv", "--agency", "TESTA"), "not UTF-8 text"),
        (("export", "--agency", "NOPE", "--year", "2025", "-o", "{tmp}/x.csv"), "no such agency"),
        (("export", "--agency", "TESTA", "--year", "2025", "-o", "{tmp}/x.pdf"), ".csv or .xlsx"),
    ],
)
def test_bad_input_is_one_line_in_chinese_and_english(cast, tmp_path, args, said):
    write_csv(tmp_path / "ledger.csv", "2025-0001,2025-03-03,网上申请,自然人,某事,办理中,,否,")
    (tmp_path / "ledger.txt").write_text("x")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (tmp_path / "gbk.csv").write_bytes((HEADERS + "\n").encode() + "某事".encode("gbk"))
    message, _err = refused(*(a.format(tmp=tmp_path) for a in args))
    assert said in message and len(message.splitlines()) == 1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert Application.objects.count() == 0


def test_unknown_headers_are_refused_before_any_row_is_read(cast, tmp_path):
    path = write_csv(
        tmp_path / "ledger.csv",
        "2025-0001,2025-03-03,网上申请,自然人,某事,办理中,,否,,x",
        headers=HEADERS + ",身份证号",
    )
    message, err = refused("import", path, "--agency", "TESTA")
    assert "未知的列“身份证号”" in err and "wrong headers" in message


def test_the_command_line_prints_one_line_and_exit_status_2(tmp_path):
    wrong = tmp_path / "ledger.txt"
    wrong.write_text("x")
    done = subprocess.run(
        [sys.executable, "-m", "gongkai", "ledger", "import", str(wrong), "--agency", "LCMZJ"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "不支持的文件类型" in done.stderr


def test_only_the_agencys_disclosure_office_may_export_and_its_export_is_audited(history, tmp_path):
    from django.core.exceptions import PermissionDenied

    from gongkai.applications.ledger import ledger_export

    for refused_user in (history.other_office, history.drafter_a, history.supervisor):
        with pytest.raises(PermissionDenied):
            ledger_export(
                path=tmp_path / "x.xlsx", agency=history.agency, year=2025, actor=refused_user
            )
    assert not (tmp_path / "x.xlsx").exists()
    exported = ledger_export(
        path=tmp_path / "x.xlsx", agency=history.agency, year=2025, actor=history.office
    )
    assert (exported.applications, exported.remedies) == (8, 2)
    event = AuditEvent.objects.get(action="ledger.export")
    assert event.actor == history.office and event.changes["year"] == 2025


def test_an_office_spreadsheet_with_date_cells_and_a_serial_column_is_read(cast, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2025年台账"
    sheet.append(["序号", *HEADERS.split(",")])
    sheet.append([1, "2025-0001", date(2025, 3, 3), "信函申请", "商业企业", "名单", "部分公开"])
    sheet.cell(row=2, column=8).value = date(2025, 3, 28)
    sheet.cell(row=2, column=9).value = "是"
    sheet.cell(row=2, column=10).value = 150
    book.create_sheet("说明")  # empty: ignored
    remedies = book.create_sheet("复议")
    remedies.append(["登记号", "类型", "结果", "年度"])
    remedies.append(["2025-0001", "复议后起诉", "尚未审结", "2025年"])
    path = tmp_path / "office.xlsx"
    book.save(path)

    out, _err = run("import", str(path), "--agency", "TESTA")

    assert "added 1 applications, 1 remedies" in out
    application = Application.objects.get()
    assert (application.channel, application.applicant_kind) == ("letter", "commercial")
    assert (application.outcome, application.replied_on) == ("partly_disclosed", date(2025, 3, 28))
    assert application.extended and application.fee_amount == Decimal("150.00")
    assert application.remedies.get().kind == "litigation_after_reconsideration"
    figures = ledger_statistics(cast.agency, 2025)
    assert figures.remedies == {14: 1, 15: 1} and figures.fee_total == Decimal("150.00")
