"""Sweeps of what is published (issue 4 §4): `gongkai sweep` finds a leak in a record the
public already reads, notifies the disclosure office at once, and does not repeat itself."""

import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW
from gongkai.review import notify
from gongkai.review.models import Finding, Notification, PublishedScan, SensitiveTerm, Sweep
from gongkai.review.services import finding_dismiss
from gongkai.review.sweep import sweep
from gongkai.review.tests.sweeping import (
    EVEN_LATER,
    ID_NUMBER,
    LATER,
    MOBILE,
    csv_list,
    plant_file,
    plant_in_body,
    published,
)
from gongkai.testing import make_user


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def office_mail(cast):
    cast.office.email = "office@example.gov.cn"
    cast.office.save()
    return cast.office.email


def run(*args, capsys=None):
    """`gongkai sweep ARGS`: (exit status, stdout)."""
    try:
        call_command("sweep", *args)
    except SystemExit as exc:
        status = exc.code
    else:
        status = 0
    out = capsys.readouterr().out if capsys is not None else ""
    return status, out


def leaks(record):
    return record.findings.filter(origin="sweep", state="open", blocking=True)


def test_a_sweep_finds_a_leak_in_a_published_body_and_notifies_the_office_at_once(
    cast, office_mail, capsys, django_capture_on_commit_callbacks
):
    record = plant_in_body(published(cast))
    with django_capture_on_commit_callbacks(execute=True):
        status, out = run(capsys=capsys)
    assert status == 1  # an open blocking finding remains on a published record
    assert "新发现 2 处" in out and "new blocking 2" in out
    found = {f.kind: f.masked for f in leaks(record)}
    assert found == {"cn_resident_id": "1101**********002X", "cn_mobile": "138****5678"}
    notice = Notification.objects.get()
    assert notice.recipient == cast.office and notice.record == record
    assert "1101**********002X" in notice.text and "138****5678" in notice.text
    [message] = mail.outbox
    assert message.to == [office_mail]
    assert "1101**********002X" in message.body and record.index_number in message.body
    for text in (notice.subject, notice.text, message.subject, message.body, out):
        assert ID_NUMBER not in text and MOBILE not in text


def test_a_leak_in_a_csv_attachment_is_found_with_its_cell(cast, media, capsys):
    record = published(cast)
    plant_file(record, "名单.csv", csv_list())
    status, _out = run(capsys=capsys)
    assert status == 1
    rows = leaks(record).filter(source="attachment")
    assert {f.kind for f in rows} >= {"cn_resident_id", "cn_mobile"}
    assert all(f.file_name == "名单.csv" and f.where.get("line") == 2 for f in rows)


def test_only_the_office_of_the_records_agency_is_notified_and_only_active_accounts(cast, capsys):
    away = make_user("office_away", "office", cast.agency)
    away.is_active = False
    away.save()
    plant_in_body(published(cast))
    run(capsys=capsys)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["office"]


def test_a_second_sweep_finds_nothing_new_and_sends_nothing(
    cast, office_mail, capsys, django_capture_on_commit_callbacks
):
    plant_in_body(published(cast))
    with django_capture_on_commit_callbacks(execute=True):
        run(capsys=capsys)
        status, out = run(capsys=capsys)
    assert status == 1  # the leak is still open
    assert "复查 0 条已发布信息，1 条未变化已跳过" in out
    assert Finding.objects.filter(origin="sweep").count() == 2
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_a_forced_sweep_rescans_everything_but_reports_nothing_twice(cast, capsys):
    record = plant_in_body(published(cast))
    sweep(now=NOW)
    again = sweep(now=LATER, force=True)
    assert again.outcome.scanned == 1 and again.outcome.findings_new == 0
    assert leaks(record).count() == 2 and Notification.objects.count() == 1


def test_a_dismissed_finding_does_not_come_back(cast, capsys):
    record = plant_in_body(published(cast))
    sweep(now=NOW)
    for finding in leaks(record):
        finding_dismiss(
            actor=cast.reviewer, finding=finding, reason="测试数据，非真实号码", now=NOW
        )
    status, _out = run("--all", capsys=capsys)
    assert status == 0
    assert not record.findings.filter(state="open").exists()
    assert record.findings.filter(state="dismissed").count() == 2


def test_a_leak_that_was_cleaned_up_is_superseded_and_the_exit_status_is_0(cast, capsys):
    record = plant_in_body(published(cast))
    sweep(now=NOW)
    plant_in_body(record, "<p>已删除个人信息。</p>")
    status, out = run(capsys=capsys)
    assert status == 0 and "复查 1 条" in out
    assert set(record.findings.filter(origin="sweep").values_list("state", flat=True)) == {
        "superseded"
    }
    assert all(f.resolved_at is not None for f in record.findings.filter(state="superseded"))


def test_adding_a_sensitive_term_makes_the_next_sweep_rescan_and_find_it(cast, capsys):
    record = published(cast, body="<p>本项工作由某某专项小组负责。</p>")
    first = sweep(now=NOW)
    assert first.outcome.scanned == 1
    assert sweep(now=LATER).outcome.scanned == 0  # nothing changed
    SensitiveTerm.objects.create(agency=cast.agency, term="专项小组", created_at=LATER)
    again = sweep(now=EVEN_LATER)
    assert again.outcome.scanned == 1
    term = record.findings.get(origin="sweep", kind="sensitive_term")
    assert term.state == "open" and term.source == "body"


def test_a_term_of_another_agency_does_not_rescan_this_agencys_records(cast):
    published(cast)
    sweep(now=NOW)
    SensitiveTerm.objects.create(agency=cast.other_agency, term="专项小组", created_at=LATER)
    assert sweep(now=LATER).outcome.scanned == 0


def test_a_stopped_sweep_continues_where_it_stopped(cast, capsys):
    for n in range(3):
        plant_in_body(published(cast, title=f"临时救助名单第{n + 1}批", document_number=""))
    status, out = run("--limit", "1", capsys=capsys)
    first = Sweep.objects.get()
    assert first.state == "running" and (first.records_done, first.records_total) == (1, 3)
    assert "2 条留待下次" in out
    run(capsys=capsys)
    first.refresh_from_db()
    assert Sweep.objects.count() == 1  # the same sweep, continued
    assert first.state == "done" and first.records_done == 3 and first.finished_at is not None
    assert PublishedScan.objects.count() == 3
    assert Finding.objects.filter(origin="sweep").count() == 6


def test_only_public_records_are_swept(cast, capsys):
    published(cast)
    withheld = published(
        cast,
        title="内部管理规定",
        document_number="",
        attribute="withheld",
        ground="internal_affairs",
        attribute_reason="内部事务信息",
    )
    assert withheld.status == "published"
    plant_in_body(withheld)
    status, _out = run(capsys=capsys)
    assert status == 0 and not withheld.findings.filter(origin="sweep").exists()
    assert PublishedScan.objects.count() == 1


def test_the_sweep_of_one_agency_leaves_the_others(cast, capsys):
    plant_in_body(published(cast))
    status, out = run("--agency", "TESTB", "--json", capsys=capsys)
    summary = json.loads(out)
    assert status == 0 and summary["records_public"] == 0
    status, out = run("--agency", "TESTA", "--json", capsys=capsys)
    summary = json.loads(out)
    assert status == 1
    assert (summary["records_scanned"], summary["blocking_new"]) == (1, 2)
    assert summary["open_blocking_on_public"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "NOPE"], "没有机关代码为“NOPE”的机关 (no such agency: NOPE)"),
        (["--limit", "0"], "--limit"),
    ],
)
def test_bad_input_gives_exit_status_2_with_one_line(cast, args, message):
    with pytest.raises(CommandError) as raised:
        call_command("sweep", *args)
    assert raised.value.returncode == 2
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert not Sweep.objects.exists()


def test_the_sweep_is_audited_as_the_system(cast, capsys):
    record = plant_in_body(published(cast))
    run(capsys=capsys)
    started = AuditEvent.objects.get(action="review.sweep_started")
    assert started.actor is None and started.actor_label == "system"
    finished = AuditEvent.objects.get(action="review.sweep")
    assert finished.changes["state"] == ["running", "done"]
    assert finished.changes["records_done"] == [0, 1]
    swept = AuditEvent.objects.get(action="review.swept")
    assert swept.object_id == str(record.pk) and swept.agency == cast.agency
    assert swept.changes["blocking_new"] == [None, 2] and swept.changes["notified"] == [None, 1]
    assert ID_NUMBER not in json.dumps(swept.changes, ensure_ascii=False)


def test_a_mail_that_cannot_be_sent_is_logged_and_the_notice_stays(
    cast, office_mail, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(notify, "send_mail", refuse)
    plant_in_body(published(cast))
    with django_capture_on_commit_callbacks(execute=True):
        sweep(now=NOW)
    assert Notification.objects.count() == 1
    assert "ConnectionRefusedError" in caplog.text


def test_a_title_that_holds_a_finding_is_not_repeated_in_the_notice(cast, capsys):
    record = published(cast)
    Record.objects.filter(pk=record.pk).update(title=f"关于{ID_NUMBER}的救助决定")
    sweep(now=NOW)
    notice = Notification.objects.get()
    assert record.index_number in notice.subject
    assert ID_NUMBER not in notice.subject + notice.text


def test_a_sweep_started_by_a_user_is_limited_to_the_leaks_they_handle(cast):
    with pytest.raises(PermissionDenied):
        sweep(now=NOW, agency=cast.agency, started_by=cast.drafter_a)
    with pytest.raises(PermissionDenied):
        sweep(now=NOW, agency=cast.other_agency, started_by=cast.reviewer)
    with pytest.raises(PermissionDenied):
        sweep(now=NOW, started_by=cast.reviewer)  # every agency: nobody handles all leaks
    assert sweep(now=NOW, agency=cast.agency, started_by=cast.reviewer).state == "done"


def test_tick_runs_a_slice_of_the_scheduled_sweep_and_idle_ticks_leave_no_trace(cast, capsys):
    call_command("tick")
    assert "已发布信息复查 (published records swept): 0" in capsys.readouterr().out
    assert not Sweep.objects.exists()
    plant_in_body(published(cast))
    call_command("tick")
    out = capsys.readouterr().out
    assert "已发布信息复查 (published records swept): 1" in out
    assert "隐私扫描 (queued privacy scans run): 0" in out
    assert Sweep.objects.get().scheduled and Notification.objects.count() == 1
    call_command("tick")
    assert Sweep.objects.count() == 1


def test_the_mail_links_the_console_at_the_site_address(
    cast, office_mail, capsys, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_SITE_URL = "https://gk.example.gov.cn"
    record = plant_in_body(published(cast))
    with django_capture_on_commit_callbacks(execute=True):
        run(capsys=capsys)
    [message] = mail.outbox
    assert f"https://gk.example.gov.cn/console/records/{record.pk}/" in message.body
