import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.documents import services
from gongkai.documents.tests.conftest import publish


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_attachment_is_typed_by_content_and_its_text_is_kept_for_search(
    cast, draft, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = services.attachment_add(
        actor=cast.drafter_a,
        record=draft,
        name="低保名单说明.docx",
        data=docx_bytes("城乡低保对象认定办法"),
    )
    assert attachment.kind == "docx" and "低保" in attachment.text
    assert attachment.file.read().startswith(b"PK")


def test_a_mislabelled_attachment_is_refused_with_the_reason(cast, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.attachment_add(
            actor=cast.drafter_a, record=draft, name="名单.pdf", data=docx_bytes("x")
        )
    assert "扩展名与内容不符" in str(error.value)
    assert draft.attachments.count() == 0


def test_files_are_attached_to_drafts_only_and_by_their_drafters(cast, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=cast.drafter_b, record=draft, name="a.docx", data=docx_bytes("x")
        )
    publish(cast, draft)
    with pytest.raises(ValidationError):
        services.attachment_add(
            actor=cast.drafter_a, record=draft, name="a.docx", data=docx_bytes("x")
        )
    assert draft.attachments.count() == 0
