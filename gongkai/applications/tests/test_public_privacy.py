"""An applicant's data never appears on the public side (issue 5 §6): not on the portal's
pages, in search, in the feeds, the sitemap, the catalogue or the API."""

import pytest
from django.core.cache import cache

from gongkai.applications.intake import application_register
from gongkai.applications.tests.test_intake import NOW, data

NAME = "欧阳甲乙"
PHONE = "13698765432"
DESCRIPTION = "欧阳家族祠堂拆迁补偿款发放明细"


@pytest.fixture
def applied(cast, settings, tmp_path):
    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    application, _code = application_register(
        agency=cast.agency,
        data=data(name=NAME, phone=PHONE, description=DESCRIPTION, email="ouyang@example.com"),
        channel="online",
        now=NOW,
    )
    return application


def surfaces(cast, application):
    return [
        "/",
        f"/search/?q={NAME}",
        f"/search/?q={PHONE}",
        "/search/?q=拆迁补偿",
        f"/search/?q={application.number}",
        "/feeds/latest/",
        "/sitemap.xml",
        f"/xxgk/{cast.agency.code}/",
        f"/xxgk/{cast.agency.code}/catalogue/",
        "/api/v1/records/",
        "/api/v1/columns/",
        "/apply/",
        "/track/",
    ]


def test_an_applicants_data_appears_on_no_public_surface(client, cast, applied):
    for url in surfaces(cast, applied):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        if url.startswith("/search/"):  # the search form shows back what was typed; no results
            query = url.split("q=", 1)[1]
            assert response.context["page"].paginator.count == 0, url
            text = text.replace(f'value="{query}"', "")
        for secret in (NAME, PHONE, "拆迁补偿", "ouyang@example.com", "11010519491231002X"):
            assert secret not in text, (url, secret)


def test_the_api_has_no_route_to_applications(client, applied):
    for url in ("/api/v1/applications/", f"/api/v1/applications/{applied.pk}/"):
        assert client.get(url).status_code == 404
