""" "Prepare WeChat article": clean HTML with the pictures inside, for published records."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from gongkai.documents import services
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def article(cast, columns):
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(
            cast,
            body='<p>发放现场：<img src="/files/%E7%8E%B0%E5%9C%BA.png" alt="现场"></p>'
            '<p onclick="x()">其他<script>alert(1)</script></p>',
        ),
        now=NOW,
    )
    for name, colour in [("现场.png", "red"), ("合影.png", "blue")]:
        services.attachment_add(
            actor=cast.drafter_a, record=record, name=name, data=png_bytes(colour)
        )
    return publish(cast, record)


def wechat(client, record):
    return client.get(reverse("documents:wechat", args=[record.pk]))


def test_the_article_has_the_title_the_metadata_and_the_pictures_inline(client, cast, article):
    client.force_login(cast.drafter_a)
    response = wechat(client, article)
    html = response.content.decode()
    assert response.status_code == 200
    assert "临沧市最低生活保障实施细则" in html and "临民发〔2026〕3号" in html
    assert article.index_number in html
    assert html.count("data:image/png;base64,") == 2  # the body's picture and the other one
    assert "/files/" not in html
    assert "<script" not in html and "onclick" not in html


def test_a_redacted_record_gives_its_redacted_text(client, cast, columns):
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(
            cast,
            body="<p>全文含张三的身份证号</p>",
            attribute="redacted",
            ground="third_party",
            attribute_reason="含个人信息",
            redacted_body="<p>删减后的文本</p>",
        ),
        now=NOW,
    )
    publish(cast, record)
    client.force_login(cast.office)
    html = wechat(client, record).content.decode()
    assert "删减后的文本" in html and "张三" not in html


def test_an_unpublished_or_non_public_record_is_not_prepared(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = wechat(client, draft)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[draft.pk])
    publish(cast, draft)
    Record.objects.filter(pk=draft.pk).update(attribute="on_request")
    assert wechat(client, draft).status_code == 302


@pytest.mark.parametrize(("name", "expected"), [("drafter_b", 404), ("other_office", 404)])
def test_those_who_cannot_see_the_record_are_refused(client, cast, article, name, expected):
    client.force_login(getattr(cast, name))
    assert wechat(client, article).status_code == expected


def test_the_public_is_sent_to_the_login_page(client, cast, article):
    response = wechat(client, article)
    assert response.status_code == 302 and "/console/login/" in response["Location"]
