import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.testing import PASSWORD

CONSOLE_PAGES = [
    "console:home",
    "console:agency",
    "console:staff_list",
    "console:staff_new",
    "console:password_change",
]


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", CONSOLE_PAGES)
def test_the_public_is_sent_to_the_login_page(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("console:login"))


def test_the_console_speaks_chinese_by_default(client, cast):
    response = login(client, cast.drafter_a).get(reverse("console:home"))
    page = response.content.decode()
    assert "首页" in page and "退出登录" in page
    assert "Drafter_A" in page and "测试市民政局" in page
    assert "信息员" in page


def test_the_console_switches_to_english(client, cast):
    login(client, cast.drafter_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/console/"})
    page = client.get(reverse("console:home")).content.decode()
    assert "Log out" in page and "Home" in page and "drafter" in page


def test_login_with_the_right_password_is_audited_with_the_ip(client, cast):
    response = client.post(
        reverse("console:login"),
        {"username": "drafter_a", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == cast.drafter_a and event.ip_address == "10.1.2.3"


def test_a_wrong_password_is_answered_in_chinese_and_audited(client, cast):
    response = client.post(reverse("console:login"), {"username": "drafter_a", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 1


def test_five_failures_lock_the_account_even_for_the_right_password(client, cast):
    for _ in range(5):
        client.post(reverse("console:login"), {"username": "drafter_a", "password": "wrong"})
    response = client.post(
        reverse("console:login"), {"username": "drafter_a", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "账号已锁定" in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()
    assert "_auth_user_id" not in client.session


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, cast):
    for name in ["a", "b", "c", "d", "e"]:
        client.post(
            reverse("console:login"), {"username": name, "password": "x"}, REMOTE_ADDR="10.9.9.9"
        )
    response = client.post(
        reverse("console:login"),
        {"username": "office", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 429
    other = client.post(
        reverse("console:login"),
        {"username": "office", "password": PASSWORD},
        REMOTE_ADDR="10.9.9.10",
    )
    assert other.status_code == 302


def test_the_sysadmin_unlocks_a_locked_account_with_a_reason(client, cast):
    for _ in range(5):
        client.post(reverse("console:login"), {"username": "drafter_a", "password": "wrong"})
    admin = login(client.__class__(), cast.sysadmin)
    response = admin.post(
        reverse("console:staff_unlock", args=[cast.drafter_a.pk]), {"reason": "本人确认"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="staff.unlock").reason == "本人确认"
    again = client.post(reverse("console:login"), {"username": "drafter_a", "password": PASSWORD})
    assert again.status_code == 302


def test_the_session_ends_after_idle_time(client, cast):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    login(client, cast.drafter_a).get(reverse("console:home"))
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date <= timezone.now() + timedelta(minutes=30)
    session.expire_date = timezone.now() - timedelta(seconds=1)  # 30 idle minutes later
    session.save()
    response = client.get(reverse("console:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("console:login"))


def test_each_request_renews_the_idle_timeout(client, cast):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    login(client, cast.drafter_a)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get(reverse("console:home")).status_code == 200
    renewed = Session.objects.get(session_key=key).expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)


def test_logging_into_your_own_account_does_not_forgive_guesses_at_another(client, cast):
    own = {"username": "drafter_a", "password": PASSWORD}
    for _round in range(3):
        for _ in range(2):
            client.post(reverse("console:login"), {"username": "sysadmin", "password": "guess"})
        client.post(reverse("console:login"), own)
        client.post(reverse("console:logout"))
    response = client.post(reverse("console:login"), {"username": "sysadmin", "password": PASSWORD})
    assert response.status_code == 429
    elsewhere = client.post(
        reverse("console:login"),
        {"username": "sysadmin", "password": PASSWORD},
        REMOTE_ADDR="10.7.7.7",
    )
    assert elsewhere.status_code == 429  # the account itself is locked


def test_failed_logins_appear_in_the_trail_of_the_targeted_staff_members_agency(client, cast):
    client.post(reverse("console:login"), {"username": "drafter_a", "password": "wrong"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.agency == cast.agency and event.object_id == str(cast.drafter_a.pk)


def test_logout_is_audited_and_ends_the_session(client, cast):
    login(client, cast.drafter_a)
    client.post(reverse("console:logout"))
    assert AuditEvent.objects.filter(action="auth.logout", actor=cast.drafter_a).exists()
    assert client.get(reverse("console:home")).status_code == 302


def test_the_navigation_shows_only_what_the_user_may_use(client, cast):
    drafter_page = login(client, cast.drafter_a).get(reverse("console:home")).content.decode()
    assert reverse("audit:list") not in drafter_page
    assert reverse("console:staff_list") not in drafter_page
    office_page = login(client, cast.office).get(reverse("console:home")).content.decode()
    assert reverse("audit:list") in office_page


def test_a_user_changes_their_own_password(client, cast):
    login(client, cast.drafter_a)
    weak = client.post(
        reverse("console:password_change"),
        {"old_password": PASSWORD, "new_password": "abc", "new_password_again": "abc"},
    )
    assert weak.status_code == 200 and "密码" in weak.content.decode()
    new = "Another-good-2027"
    client.post(
        reverse("console:password_change"),
        {"old_password": PASSWORD, "new_password": new, "new_password_again": new},
    )
    cast.drafter_a.refresh_from_db()
    assert cast.drafter_a.check_password(new)
    assert AuditEvent.objects.filter(action="staff.change_own_password").exists()
    assert client.get(reverse("console:home")).status_code == 200  # still logged in


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client, cast):
    login(client, cast.drafter_a)
    page = client.get(reverse("console:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "退出登录" in page.content.decode()
    assert page["Content-Language"] == "zh-hans"
