"""Attachments in the console: upload to a draft, download for staff, removal."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongkai.documents import forms, services
from gongkai.documents.tests.conftest import publish


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes(colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, record, name, data):
    return client.post(
        reverse("documents:attachment_add", args=[record.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def attach(cast, record, name="救助现场.png"):
    return services.attachment_add(actor=cast.drafter_a, record=record, name=name, data=png_bytes())


def test_the_drafter_uploads_files_one_at_a_time_and_sees_them_listed(client, cast, draft):
    client.force_login(cast.drafter_a)
    assert upload(client, draft, "救助现场.png", png_bytes()).status_code == 302
    assert upload(client, draft, "发放现场.png", png_bytes("blue")).status_code == 302
    assert [a.original_name for a in draft.attachments.all()] == ["救助现场.png", "发放现场.png"]
    page = client.get(reverse("documents:detail", args=[draft.pk])).content.decode()
    assert "救助现场.png" in page and "PNG" in page and 'data-testid="attachment-upload"' in page


def test_a_mislabelled_file_is_refused_with_the_services_reason(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = upload(client, draft, "名单.pdf", png_bytes())
    assert response.status_code == 200
    assert "扩展名与内容不符" in response.context["form"].errors["file"][0]
    assert not draft.attachments.exists()


def test_a_file_over_fifty_megabytes_is_refused_before_it_is_read(client, cast, draft, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    client.force_login(cast.drafter_a)
    response = upload(client, draft, "大图.png", png_bytes())
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not draft.attachments.exists()


def test_the_form_caps_uploads_where_the_file_check_does():
    from gongkai.core.files import DEFAULT_LIMITS

    assert DEFAULT_LIMITS.max_bytes == forms.MAX_UPLOAD_BYTES


def test_an_upload_without_a_file_is_a_field_error(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = client.post(reverse("documents:attachment_add", args=[draft.pk]), {})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_files_cannot_be_attached_once_the_record_has_left_drafting(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.office)
    response = upload(client, draft, "a.png", png_bytes())
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not draft.attachments.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("drafter_b", 404), ("other_office", 404), ("reviewer", 403), ("supervisor", 403)],
)
def test_others_cannot_upload(client, cast, draft, name, expected):
    client.force_login(getattr(cast, name))
    assert upload(client, draft, "a.png", png_bytes()).status_code == expected
    assert not draft.attachments.exists()


def test_staff_download_the_file_under_its_original_name(client, cast, draft):
    attachment = attach(cast, draft)
    client.force_login(cast.reviewer)
    response = client.get(reverse("documents:attachment_download", args=[draft.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E6%95%91%E5%8A%A9%E7%8E%B0%E5%9C%BA.png" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == png_bytes()


@pytest.mark.parametrize(("name", "expected"), [("drafter_b", 404), ("other_office", 404)])
def test_those_who_cannot_see_the_record_cannot_download(client, cast, draft, name, expected):
    attachment = attach(cast, draft)
    client.force_login(getattr(cast, name))
    url = reverse("documents:attachment_download", args=[draft.pk, attachment.pk])
    assert client.get(url).status_code == expected


def test_an_attachment_is_only_found_under_its_own_record(client, cast, draft):
    attachment = attach(cast, draft)
    other = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data={"title": "另一条", "body": "x", "unit": cast.unit_a},
    )
    client.force_login(cast.office)
    url = reverse("documents:attachment_download", args=[other.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_the_public_cannot_download(client, cast, draft):
    attachment = attach(cast, draft)
    url = reverse("documents:attachment_download", args=[draft.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_the_drafter_removes_an_attachment_by_post_only(client, cast, draft):
    attachment = attach(cast, draft)
    client.force_login(cast.drafter_a)
    url = reverse("documents:attachment_remove", args=[draft.pk, attachment.pk])
    assert client.get(url).status_code == 405
    assert draft.attachments.exists()
    assert client.post(url).status_code == 302
    assert not draft.attachments.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("drafter_b", 404), ("other_office", 404), ("reviewer", 403), ("supervisor", 403)],
)
def test_others_cannot_remove_an_attachment(client, cast, draft, name, expected):
    attachment = attach(cast, draft)
    client.force_login(getattr(cast, name))
    url = reverse("documents:attachment_remove", args=[draft.pk, attachment.pk])
    assert client.post(url).status_code == expected
    assert draft.attachments.exists()


def test_an_attachment_of_a_published_record_stays(client, cast, draft):
    attachment = attach(cast, draft)
    publish(cast, draft)
    client.force_login(cast.office)
    url = reverse("documents:attachment_remove", args=[draft.pk, attachment.pk])
    assert client.post(url).status_code == 302
    assert draft.attachments.exists()
