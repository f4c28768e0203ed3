"""/track/: the applicant sees their own case — status, dates, notices, reply documents —
after the tracking code and the phone (or the last 4 characters of the identity number);
nothing about anyone else, and wrong guesses are rate-limited."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.applications.intake import Upload, application_register, refresh
from gongkai.applications.models import ApplicationFile, CaseEvent
from gongkai.applications.public_views import TRACK_SESSION
from gongkai.applications.tests.test_intake import ID, data
from gongkai.applications.tests.test_public_apply import png

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TRACK = "/track/"
CASE = "/track/case/"


@pytest.fixture
def site(cast: Any, settings: Any, tmp_path: Any) -> Any:
    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield cast
    cache.clear()


@pytest.fixture
def registered(site: Any) -> tuple[Any, str]:
    identity = Upload(name="身份证.png", data=png().getvalue(), kind="identity")
    return application_register(
        agency=site.agency, data=data(uploads=(identity,)), channel="online", now=NOW
    )


@pytest.fixture
def someone_else(site: Any) -> tuple[Any, str]:
    return application_register(
        agency=site.agency,
        data=data(name="王五", phone="13900000000", description="王五想知道的拆迁补偿标准"),
        channel="online",
        now=NOW,
    )


def event(application: Any, step: str, day: date, **fields: Any) -> None:
    CaseEvent.objects.create(application=application, step=step, day=day, at=NOW, **fields)


def look_up(client: Any, code: str, phone: str = "", id_last4: str = "") -> Any:
    return client.post(TRACK, {"code": code, "phone": phone, "id_last4": id_last4})


def test_the_code_and_the_phone_show_the_status_and_the_dates(client, registered):
    application, code = registered
    response = look_up(client, code, phone="13812345678")
    assert response.status_code == 302 and response["Location"] == CASE
    page = client.get(CASE)
    html = page.content.decode()
    assert page.context["status_label"] == "已登记"
    assert application.number in html and "2026-03-02" in html
    assert application.deadline.isoformat() in html
    assert code not in html and code not in response["Location"]


def test_the_last_4_characters_of_the_identity_number_work_instead_of_the_phone(client, registered):
    _application, code = registered
    assert look_up(client, code, id_last4=ID[-4:].lower())["Location"] == CASE
    assert client.get(CASE).status_code == 200


def test_the_code_is_forgiving_about_case_spaces_and_full_width_digits(client, registered):
    _application, code = registered
    typed = " ".join([code[:4].lower(), code[4:8], code[8:]])
    assert look_up(client, typed, phone="１３８-1234-5678")["Location"] == CASE


@pytest.mark.parametrize(
    "guess",
    [
        {"phone": "13900000000"},  # someone else's phone
        {"id_last4": "1234"},
        {"phone": "13812345678", "id_last4": "1234"},  # both given: both must match
    ],
)
def test_a_wrong_phone_or_identity_shows_nothing(client, registered, someone_else, guess):
    _application, code = registered
    response = look_up(client, code, **guess)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert TRACK_SESSION not in client.session
    assert client.get(CASE)["Location"] == TRACK


def test_an_unknown_code_gets_the_same_answer_as_a_wrong_phone(client, registered):
    _application, code = registered
    unknown = look_up(client, "ABCDEFGHJKMN", phone="13812345678")
    wrong = look_up(client, code, phone="13800000000")
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_the_code_and_a_phone_or_identity_are_both_needed(client, registered):
    _application, code = registered
    response = look_up(client, code)
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["secret"]
    assert look_up(client, "", phone="13812345678").context["form"].errors["code"]


def test_only_the_own_case_is_shown_never_another_applicant(client, registered, someone_else):
    application, code = registered
    other, _other_code = someone_else
    event(application, "assign", date(2026, 3, 3), party="", note="交给张科长")
    event(
        application,
        "send_consultation",
        date(2026, 3, 4),
        party="第三方李某某公司",
        reason="涉及商业秘密",
    )
    refresh(application)
    look_up(client, code, phone="13812345678")
    html = client.get(CASE).content.decode()
    for secret in ("王五", "拆迁", other.number, "李某某", "商业秘密", "张科长", "13900000000"):
        assert secret not in html


def test_corrections_extension_decision_and_provided_files_are_listed(client, registered):
    application, code = registered
    event(application, "assign", date(2026, 3, 3))
    event(application, "request_correction", date(2026, 3, 4), until=date(2026, 3, 13))
    event(application, "receive_correction", date(2026, 3, 10))
    event(application, "extend", date(2026, 4, 1))
    event(application, "decide", date(2026, 4, 10), outcome="disclosed", variant="provided")
    refresh(application)
    provided = ApplicationFile(
        application=application,
        kind=ApplicationFile.Kind.PROVIDED,
        original_name="低保资金发放表.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=9,
        sha256="0" * 64,
        uploaded_at=NOW,
        privacy=ApplicationFile.Privacy.CLEAR,  # released: the privacy review found nothing
    )
    provided.file.save("provided.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    identity = application.files.get(kind="identity")

    look_up(client, code, phone="13812345678")
    page = client.get(CASE)
    html = page.content.decode()
    assert [c["until"] for c in page.context["corrections"]] == [date(2026, 3, 13)]
    assert "2026-03-13" in html and "2026-04-01" in html and "2026-04-10" in html
    assert "低保资金发放表.pdf" in html
    assert f"/track/case/files/{identity.pk}/" not in html  # the identity image stays inside

    download = client.get(f"/track/case/files/{provided.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4\n"
    assert "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    assert client.get(f"/track/case/files/{identity.pk}/").status_code == 404


def test_a_reply_document_needs_the_look_up_in_the_same_browser(client, registered, someone_else):
    application, code = registered
    other, other_code = someone_else
    mine = ApplicationFile(
        application=other,
        kind=ApplicationFile.Kind.PROVIDED,
        original_name="王五的答复.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=9,
        sha256="1" * 64,
        uploaded_at=NOW,
        privacy=ApplicationFile.Privacy.CLEAR,
    )
    mine.file.save("other.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    assert Client().get(f"/track/case/files/{mine.pk}/").status_code == 404
    look_up(client, code, phone="13812345678")  # looked up one's own case only
    assert client.get(f"/track/case/files/{mine.pk}/").status_code == 404


def test_a_changed_phone_ends_the_look_up(client, registered):
    application, code = registered
    look_up(client, code, phone="13812345678")
    application.phone = "13700000000"
    application.save(update_fields=["phone"])
    assert client.get(CASE)["Location"] == TRACK


def test_the_session_keeps_no_code_and_no_phone(client, registered):
    _application, code = registered
    look_up(client, code, phone="13812345678")
    kept = str(dict(client.session))
    assert code not in kept and "13812345678" not in kept


def test_wrong_guesses_for_one_code_are_limited(client, registered, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"track_code": (3, 3600)}
    _application, code = registered
    for n in range(3):
        assert (
            look_up(Client(REMOTE_ADDR=f"10.0.0.{n}"), code, phone="13800000000").status_code == 200
        )
    # Then even the right phone, from yet another address, is refused for a while.
    refused = look_up(Client(REMOTE_ADDR="10.0.0.9"), code, phone="13812345678")
    assert refused.status_code == 429 and TRACK_SESSION not in refused.client.session
    assert refused.context["message"]


def test_wrong_guesses_from_one_address_are_limited(client, registered, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"track_ip": (3, 3600)}
    _application, code = registered
    for n in range(3):
        assert look_up(client, f"ABCDEFGHJK{n}M", phone="13800000000").status_code == 200
    assert look_up(client, code, phone="13812345678").status_code == 429


def test_the_address_behind_a_trusted_proxy_is_the_one_limited(registered, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"track_ip": (2, 3600)}
    settings.GONGKAI_PROXY_COUNT = 1
    _application, code = registered

    def guess(client_address: str) -> int:
        proxied = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR=client_address)
        return look_up(proxied, "ABCDEFGHJKMN", phone="13800000000").status_code

    assert [guess("203.0.113.5") for _ in range(3)] == [200, 200, 429]
    assert guess("203.0.113.6") == 200  # another visitor behind the same proxy


def test_right_answers_are_not_counted_as_wrong_guesses(registered, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"track_code": (2, 3600), "track_ip": (2, 3600)}
    _application, code = registered
    browser = Client()
    for _ in range(5):
        assert look_up(browser, code, phone="13812345678").status_code == 302
