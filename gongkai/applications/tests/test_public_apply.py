"""/apply/: a citizen's application for government information (条例第29条), its receipt, the
mail, and every way the form refuses bad input without saving half an application."""

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gongkai.applications import abuse
from gongkai.applications.intake import tracking_hash
from gongkai.applications.models import Application, ApplicationFile
from gongkai.applications.public_views import RECEIPT_SESSION

APPLY = "/apply/"
ID = "11010519491231002X"
CREDIT_CODE = "91110108551385082Q"


def png(name: str = "身份证.png") -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def solve(nonce: str, bits: int) -> str:
    counter = 0
    while not abuse.proof_holds(nonce, str(counter), bits):
        counter += 1
    return str(counter)


@pytest.fixture(name="site")
def site_fixture(cast: Any, settings: Any, tmp_path: Any) -> Any:
    """The cast's agency is the site; uploads go to a temporary folder; counters start at 0;
    the proof of work is made easy (the browser test shows the real one)."""
    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_APPLY_POW_BITS = 6
    cache.clear()
    yield cast
    cache.clear()


def fields(**changes: Any) -> dict[str, Any]:
    values = {
        "applicant_kind": "natural_person",
        "name": "张三",
        "id_document": "resident_id",
        "id_number": ID,
        "phone": "138 1234 5678",
        "address": "测试市某路1号",
        "postal_code": "677000",
        "email": "",
        "description": "2025年城乡低保资金发放总额",
        "document_hint": "",
        "provision_form": "paper",
        "delivery": "post",
        "dated_on": "",
        "website": "",
    }
    return values | changes


def challenge_of(client: Any) -> abuse.Challenge:
    return client.get(APPLY).context["challenge"]


def submit(
    client: Any, *, challenge: abuse.Challenge | None = None, how: str = "proof", **changes: Any
):
    """Fill the form as a browser would: a fresh challenge solved by the proof of work (or
    the sum), the identity image attached."""
    challenge = challenge or challenge_of(client)
    data = fields(**changes)
    data.setdefault("identity_image", png())
    data["challenge"] = challenge.token
    if how == "proof":
        data["proof"] = solve(challenge.nonce, challenge.bits)
    elif how == "sum":
        data["answer"] = str(challenge.left + challenge.right)
    return client.post(APPLY, {k: v for k, v in data.items() if v is not None})


def errors(response: Any) -> dict[str, list[str]]:
    return {
        field: [e.code for e in errs.as_data()]
        for field, errs in response.context["form"].errors.items()
    }


def test_the_form_asks_for_what_article_29_requires_and_carries_a_challenge(client, site):
    response = client.get(APPLY)
    assert response.status_code == 200
    form = response.context["form"]
    for name in (
        "applicant_kind",
        "name",
        "legal_representative",
        "id_document",
        "id_number",
        "phone",
        "address",
        "postal_code",
        "email",
        "description",
        "document_hint",
        "provision_form",
        "delivery",
        "dated_on",
        "identity_image",
        "attachments",
    ):
        assert name in form.fields
    html = response.content.decode()
    assert 'name="challenge"' in html and 'name="proof"' in html and 'name="website"' in html
    assert "applications/apply.js" in html and "//" not in re.findall(r'src="([^"]+)"', html)[0]
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_a_citizen_applies_and_gets_the_receipt_with_number_code_and_deadline(client, site):
    response = submit(client)
    assert response.status_code == 302 and response["Location"] == reverse(
        "applications_public:receipt"
    )
    application = Application.objects.get()
    assert application.channel == "online" and application.agency == site.agency
    assert application.phone == "13812345678"  # spaces removed
    assert application.received_on == timezone.localdate()
    assert application.files.get().kind == ApplicationFile.Kind.IDENTITY

    receipt = client.get(response["Location"])
    code = receipt.context["code"]
    assert application.tracking_hash == tracking_hash(code)
    text = receipt.content.decode()
    assert application.number in text and code in text
    assert application.deadline.strftime("%Y-%m-%d") in text
    assert code not in response["Location"]
    assert "no-cache" in receipt["Cache-Control"] or "max-age=0" in receipt["Cache-Control"]
    # A reload shows the same receipt (the code is kept in the session, not in the URL).
    assert client.get(response["Location"]).context["code"] == code


def test_the_receipt_cannot_be_seen_from_another_browser(client, site, django_user_model):
    submit(client)
    from django.test import Client

    stranger = Client()
    response = stranger.get(reverse("applications_public:receipt"))
    assert response.status_code == 302 and response["Location"] == APPLY


def test_the_sum_in_large_print_is_the_alternative_to_the_proof_of_work(client, site):
    response = submit(client, how="sum")
    assert response.status_code == 302 and Application.objects.count() == 1


def test_an_organisation_applies_with_its_credit_code_and_legal_representative(client, site):
    response = submit(
        client,
        applicant_kind="commercial",
        name="测试科技有限公司",
        id_document="credit_code",
        id_number=CREDIT_CODE,
        legal_representative="李四",
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.applicant_kind == "commercial" and application.legal_representative == "李四"


def test_an_organisation_without_its_legal_representative_is_refused(client, site):
    response = submit(
        client, applicant_kind="commercial", id_document="credit_code", id_number=CREDIT_CODE
    )
    assert errors(response) == {"legal_representative": ["legal_representative"]}
    assert not Application.objects.exists()


def test_an_email_with_number_code_and_deadline_is_sent_after_the_registration(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, email="zhangsan@example.com")
    assert response.status_code == 302
    application = Application.objects.get()
    code = client.get(response["Location"]).context["code"]
    (message,) = mail.outbox
    assert message.to == ["zhangsan@example.com"]
    assert application.number in message.subject
    assert application.number in message.body and code in message.body
    assert application.deadline.strftime("%Y-%m-%d") in message.body


def test_no_mail_is_sent_without_an_address(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    assert mail.outbox == []


def test_the_same_form_submitted_twice_registers_one_application(client, site):
    challenge = challenge_of(client)
    first = submit(client, challenge=challenge)
    again = submit(client, challenge=challenge)
    assert Application.objects.count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert client.get(first["Location"]).context["code"]


def test_the_same_form_again_from_another_browser_shows_no_receipt(client, site):
    from django.test import Client

    challenge = challenge_of(client)
    submit(client, challenge=challenge)
    response = submit(Client(), challenge=challenge)
    assert response.status_code == 200 and "code" not in response.context
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"phone": "12345"}, {"phone": ["phone"]}),
        ({"phone": "0883-123"}, {"phone": ["phone"]}),
        ({"postal_code": "67700"}, {"postal_code": ["postal_code"]}),
        ({"postal_code": "6770AB"}, {"postal_code": ["postal_code"]}),
        ({"email": "not-an-address"}, {"email": ["invalid"]}),
        ({"dated_on": "2026-13-01"}, {"dated_on": ["invalid"]}),
        ({"id_number": "110105194912310021"}, {"id_number": ["identity"]}),
        ({"id_document": "credit_code", "id_number": CREDIT_CODE}, {"id_number": ["identity"]}),
        ({"name": "", "description": ""}, {"name": ["required"], "description": ["required"]}),
        ({"provision_form": "fax"}, {"provision_form": ["invalid_choice"]}),
        (
            {"address": "", "postal_code": ""},
            {"address": ["for_post"], "postal_code": ["for_post"]},
        ),
        ({"delivery": "email"}, {"email": ["for_email"]}),
        ({"identity_image": None}, {"identity_image": ["required"]}),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(client, site, changes, expected):
    data = dict(changes)
    if "identity_image" in data and data["identity_image"] is None:
        data["identity_image"] = ""
    response = submit(client, **data)
    assert response.status_code == 200
    assert errors(response) == expected
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_a_date_of_application_in_the_future_is_refused(client, site):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = submit(client, dated_on=tomorrow.isoformat())
    assert errors(response) == {"dated_on": ["future"]}


def test_the_entered_data_is_kept_when_the_form_is_shown_again(client, site):
    response = submit(client, phone="12345", description="低保资金")
    html = response.content.decode()
    assert "低保资金" in html and "张三" in html


def test_an_identity_image_that_is_not_a_picture_or_pdf_is_refused(client, site):
    document = io.BytesIO(b"just text")
    document.name = "身份证.txt"
    response = submit(client, identity_image=document)
    assert errors(response) == {"identity_image": ["identity_type"]}
    assert not Application.objects.exists()


def test_an_upload_whose_content_is_not_its_type_is_refused_with_the_inspectors_reason(
    client, site
):
    fake = io.BytesIO(b"MZ\x90\x00 this is a program, not a PDF")
    fake.name = "材料.pdf"
    response = submit(client, attachments=fake)
    form_errors = response.context["form"].errors
    assert list(form_errors) == ["attachments"]
    assert form_errors["attachments"][0].startswith("材料.pdf：")
    assert re.search(r"[\u4e00-\u9fff]", form_errors["attachments"][0].split("：", 1)[1])
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_an_oversized_upload_is_refused_before_it_is_read(client, site, monkeypatch):
    monkeypatch.setattr("gongkai.applications.public_forms.MAX_UPLOAD_BYTES", 10)
    response = submit(client)
    assert errors(response) == {"identity_image": ["too_large"]}


def test_more_than_five_attachments_are_refused(client, site):
    response = submit(client, attachments=[png(f"{n}.png") for n in range(6)])
    assert errors(response) == {"attachments": ["too_many"]}


def test_attachments_are_stored_with_the_application(client, site):
    response = submit(client, attachments=[png("现场照片.png"), png("说明.png")])
    assert response.status_code == 302
    kinds = sorted(ApplicationFile.objects.values_list("kind", flat=True))
    assert kinds == ["attachment", "attachment", "identity"]
    assert ApplicationFile.objects.get(kind="identity").encrypted


def test_the_receipt_page_is_in_the_footer_of_every_portal_page(client, site):
    html = client.get("/").content.decode()
    assert 'href="/apply/"' in html and 'href="/track/"' in html


def test_the_receipt_prints_without_the_portals_navigation(client, site):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("applications/public.css")).read_text(encoding="utf-8")
    assert "@media print" in css and ".portal-header" in css.split("@media print", 1)[1]
    response = submit(client)
    assert "applications/public.css" in client.get(response["Location"]).content.decode()


def test_a_session_receipt_shows_the_code_and_nothing_else_goes_into_the_session(client, site):
    submit(client)
    kept = client.session[RECEIPT_SESSION]
    assert set(kept) == {"pk", "code"}
