"""条例第13条 and issue 3 §2: only published 主动公开 and 删减后公开 records ever reach the
public. One table over every public surface; each must show the public record (so the
check is not vacuous) and nothing of the others."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from gongkai.portal.tests.conftest import attach


def page(path):
    return lambda client, world: client.get(path).content.decode()


def column(slug):
    def read(client, world):
        pk = world.public.agency.columns.get(slug=slug).pk
        return client.get(f"/columns/{pk}/").content.decode()

    return read


def column_feed(client, world):
    pk = world.public.agency.columns.get(slug="zcwj").pk
    return client.get(f"/feeds/columns/{pk}/").content.decode()


def catalogue_xlsx(client, world):
    response = client.get(f"/xxgk/{world.public.agency.code}/catalogue.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


SURFACES = {
    "home": page("/"),
    "column 政策文件": column("zcwj"),
    "column 通知公告": column("tzgg"),
    "column 社会救助 (key area)": column("shjz"),
    "parent column 法定主动公开内容": column("fdzdgk"),
    "search 低保": page("/search/?q=低保"),
    "search 附件 (attachment text)": page("/search/?q=附件里的低保"),
    "latest feed": page("/feeds/latest/"),
    "column feed": column_feed,
    "sitemap": page("/sitemap.xml"),
    "catalogue": page("/xxgk/TESTA/catalogue/"),
    "catalogue XLSX": catalogue_xlsx,
    "xxgk": page("/xxgk/TESTA/"),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_the_public_sees_only_published_public_records(client, world, surface):
    text = SURFACES[surface](client, world)
    shown = world.public.title in text or f"/records/{world.public.pk}/" in text
    assert shown, f"{surface} does not show the published record"
    for record in [*world.hidden, world.revoked]:
        assert record.title not in text, f"{surface} shows {record.title}"
        assert f"/records/{record.pk}/" not in text, f"{surface} links {record.title}"


def test_a_record_that_was_never_public_is_not_found(client, world):
    for record in world.hidden:
        response = client.get(f"/records/{record.pk}/")
        assert response.status_code == 404, record.title
        assert record.title not in response.content.decode()
        assert client.get(f"/records/{record.pk}/print/").status_code == 404


def test_files_of_a_record_that_was_never_public_are_not_served(client, world):
    for record in world.hidden:
        attachment = record.attachments.get()
        assert client.get(f"/records/{record.pk}/files/{attachment.pk}/").status_code == 404


def test_the_search_ignores_a_draft_that_contains_the_word(client, world):
    body = client.get("/search/", {"q": "低保秘密"}).content.decode()
    assert not any(record.title in body for record in world.hidden)


def test_a_redacted_record_shows_only_its_redacted_body_everywhere(client, cast, columns):
    from gongkai.portal.tests.conftest import make_record

    record = make_record(
        cast,
        "删减后公开的救助名单",
        columns=[columns["zcwj"]],
        attribute="redacted",
        body="<p>原文：张三，身份证号码五三零九零二</p>",
        redacted_body="<p>删减后：某某，身份证号码已删除</p>",
    )
    attach(record)
    pages = [
        client.get(f"/records/{record.pk}/").content.decode(),
        client.get(f"/records/{record.pk}/print/").content.decode(),
        client.get("/feeds/latest/").content.decode(),
    ]
    for text in pages:
        assert "删减后：某某" in text or "删减后公开的救助名单" in text
        assert "张三" not in text and "五三零九零二" not in text
    assert "删减后：某某" in pages[0]
    assert "删减后公开的救助名单" not in client.get("/search/", {"q": "张三"}).content.decode()
