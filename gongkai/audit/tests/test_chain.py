"""The audit trail is append-only and its hash chain shows any edit made behind its back."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.audit.models import AppendOnlyError, AuditEvent
from gongkai.audit.selectors import audit_chain_break
from gongkai.audit.services import audit_log


@pytest.fixture
def trail(cast):
    for n in range(5):
        audit_log(
            actor=cast.office, action="test.step", target=cast.agency, changes={"n": [n, n + 1]}
        )
    return AuditEvent.objects.order_by("seq")


def test_an_untouched_trail_verifies(trail, capsys):
    call_command("audit", "verify")
    assert "5 条记录均通过校验" in capsys.readouterr().out


def test_an_entry_edited_in_the_database_is_named(trail):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'covered up' WHERE seq = 3")
    with pytest.raises(CommandError, match="#3") as error:
        call_command("audit", "verify")
    assert error.value.returncode == 1


def test_an_entry_deleted_in_the_database_is_noticed(trail):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    found = audit_chain_break()
    assert found is not None and found.seq == 3


def test_a_rehashed_entry_still_breaks_the_link_to_the_next(trail):
    from gongkai.audit.services import event_content
    from gongkai.core.auditchain import entry_hash

    event = AuditEvent.objects.get(seq=2)
    event.reason = "forged"
    forged = entry_hash(event_content(event), event.previous_hash)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET reason = 'forged', hash = %s WHERE seq = 2", [forged]
        )
    assert audit_chain_break().seq == 3


def test_the_application_cannot_edit_or_delete_entries(trail):
    event = trail.first()
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(seq=1).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 5


def test_a_change_and_its_audit_entry_fail_together(cast, monkeypatch):
    from gongkai.accounts import services
    from gongkai.accounts.models import Unit

    def broken_audit_log(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(services, "audit_log", broken_audit_log)
    with pytest.raises(RuntimeError):
        services.unit_create(
            actor=cast.office,
            agency=cast.agency,
            data={"code": "NEW", "name": "新科室", "kind": "internal"},
        )
    assert not Unit.objects.filter(code="NEW").exists()


def test_values_survive_the_database_round_trip_for_the_hash(cast):
    import datetime

    audit_log(
        actor=cast.office,
        action="test.types",
        changes={"day": [None, datetime.date(2026, 3, 2)], "ok": [False, True], "n": [1, 2.5]},
        reason="含中文的理由",
    )
    assert audit_chain_break() is None


def test_entries_deleted_from_the_end_are_noticed(trail):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq >= 4")
    found = audit_chain_break()
    assert found is not None and "#3" in found.reason and "#5" in found.reason


def test_flush_is_refused_while_the_trail_has_entries(trail, settings):
    settings.GONGKAI_ALLOW_FLUSH = False
    with pytest.raises(CommandError, match="append-only"):
        call_command("flush", "--no-input")
    assert AuditEvent.objects.count() == 5


def test_fixtures_cannot_load_audit_entries(trail, tmp_path):
    import json

    fixture = tmp_path / "forged.json"
    row = {"model": "audit.auditevent", "pk": trail.first().pk, "fields": {"reason": "forged"}}
    fixture.write_text(json.dumps([row]))
    with pytest.raises(AppendOnlyError):
        call_command("loaddata", str(fixture))
    assert AuditEvent.objects.filter(reason="forged").count() == 0


def test_verify_prints_the_head_to_keep_outside_the_database(trail, capsys):
    call_command("audit", "verify")
    last = AuditEvent.objects.order_by("-seq").first()
    assert f"#{last.seq} {last.hash}" in capsys.readouterr().out
