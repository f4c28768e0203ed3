from django.core.management import call_command

from gongkai.accounts.models import Agency, User
from gongkai.audit.models import AuditEvent
from gongkai.demo.load import ACCOUNTS
from gongkai.documents.models import Record


def test_demo_loads_the_reference_bureau_with_one_account_per_role(db, capsys):
    call_command("demo", "--public-passwords-ok")
    out = capsys.readouterr().out
    agency = Agency.objects.get(code="LCMZJ")
    assert agency.name == "临沧市民政局" and agency.units.count() == 7
    roles = {next(iter(User.objects.get(username=a.username).roles)) for a in ACCOUNTS}
    assert roles == {"drafter", "reviewer", "approver", "office", "supervisor", "sysadmin"}
    for account in ACCOUNTS:
        assert account.username in out and account.password in out
        assert User.objects.get(username=account.username).check_password(account.password)
    seed = Record.objects.get(document_number="临民字〔2018〕2号")
    assert seed.written_on.isoformat() == "2017-12-26" and "自检自查" in seed.body


def test_demo_twice_changes_nothing(db):
    call_command("demo", "--public-passwords-ok")
    events, users = (
        AuditEvent.objects.count(),
        list(User.objects.values_list("password", flat=True)),
    )
    call_command("demo", "--public-passwords-ok")
    assert AuditEvent.objects.count() == events
    assert list(User.objects.values_list("password", flat=True)) == users


def test_demo_reset_restores_changed_passwords_without_deleting_history(db, client):
    call_command("demo", "--public-passwords-ok")
    drafter = User.objects.get(username="drafter")
    drafter.set_password("Changed-pass-2026")
    drafter.is_active = False
    drafter.save()
    events = AuditEvent.objects.count()
    call_command("demo", "--reset", "--public-passwords-ok")
    response = client.post(
        "/console/login/", {"username": "drafter", "password": "Demo-drafter-2026"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.count() > events


def test_the_printed_demo_accounts_log_in(db, client):
    call_command("demo", "--public-passwords-ok")
    response = client.post(
        "/console/login/", {"username": "office", "password": "Demo-office-2026"}
    )
    assert response.status_code == 302
    assert client.get("/console/").status_code == 200


def test_demo_refuses_a_production_install(db, settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="GONGKAI_DEBUG=0"):
        call_command("demo")
    assert not User.objects.filter(username="admin").exists()
