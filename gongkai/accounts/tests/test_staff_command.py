"""`gongkai staff`: the first administrator of a new installation, from the shell."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.accounts.models import User
from gongkai.audit.models import AuditEvent

STRONG = "First-admin-pass-2026"


def staff(*args, stdin=""):
    import sys

    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        out = io.StringIO()
        call_command("staff", *args, stdout=out)
        return out.getvalue()
    finally:
        sys.stdin = old


def test_the_first_administrator_is_created_audited_and_can_log_in(db, client):
    staff(
        "create",
        "root",
        "--full-name",
        "首位管理员",
        "--role",
        "sysadmin",
        "--password-stdin",
        stdin=STRONG + "\n",
    )
    user = User.objects.get(username="root")
    assert user.roles == {"sysadmin"} and user.check_password(STRONG)
    event = AuditEvent.objects.get(action="staff.create")
    assert event.actor is None and event.actor_label == "system"
    assert STRONG not in str(event.changes)
    assert (
        client.post("/console/login/", {"username": "root", "password": STRONG}).status_code == 302
    )


def test_a_weak_password_is_refused_with_exit_status_2(db):
    with pytest.raises(CommandError) as error:
        staff(
            "create",
            "root",
            "--full-name",
            "管理员",
            "--role",
            "sysadmin",
            "--password-stdin",
            stdin="123\n",
        )
    assert error.value.returncode == 2
    assert not User.objects.filter(username="root").exists()


def test_a_drafter_needs_an_agency_that_exists(cast):
    with pytest.raises(CommandError, match="NOPE"):
        staff(
            "create",
            "x",
            "--full-name",
            "某",
            "--role",
            "drafter",
            "--agency",
            "NOPE",
            "--password-stdin",
            stdin=STRONG,
        )
    staff(
        "create",
        "x",
        "--full-name",
        "某",
        "--role",
        "drafter",
        "--agency",
        "TESTA",
        "--unit",
        "BGS",
        "--password-stdin",
        stdin=STRONG,
    )
    assert list(User.objects.get(username="x").units.values_list("code", flat=True)) == ["BGS"]


def test_set_password_and_unlock_are_audited_with_their_reason(cast):
    staff("set-password", "drafter_a", "--reason", "遗忘密码", "--password-stdin", stdin=STRONG)
    cast.drafter_a.refresh_from_db()
    assert cast.drafter_a.check_password(STRONG)
    staff("unlock", "drafter_a", "--reason", "本人电话确认")
    assert AuditEvent.objects.get(action="staff.unlock").reason == "本人电话确认"


@pytest.mark.parametrize("command", ["createsuperuser", "changepassword"])
def test_djangos_account_commands_point_to_gongkai_staff(db, command):
    with pytest.raises(CommandError, match="gongkai staff"):
        call_command(command)
