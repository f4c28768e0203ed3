import xml.etree.ElementTree as ET

import feedparser

from gongkai.portal.tests.conftest import make_record

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_urls(columns):
    return ["/feeds/latest/", *(f"/feeds/columns/{c.pk}/" for c in columns.values())]


def test_every_feed_parses_as_atom_and_lists_the_published_record(client, world, columns):
    for url in feed_urls({"zcwj": columns["zcwj"], "fdzdgk": columns["fdzdgk"]}):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml"), url
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, (url, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        entry = next(e for e in feed.entries if e.title == world.public.title)
        assert entry.link == f"http://testserver/records/{world.public.pk}/"
        assert entry.published.startswith("2026-03-30")
        assert entry.summary == world.public.summary


def test_every_visible_columns_feed_parses_even_when_empty(client, cast, columns):
    for url in feed_urls(columns):
        response = client.get(url)
        assert response.status_code == 200, url
        assert feedparser.parse(response.content).bozo == 0, url


def test_an_unknown_columns_feed_is_not_found(client, db):
    assert client.get("/feeds/columns/999999/").status_code == 404


def test_the_sitemap_lists_every_public_record_and_visible_column(client, world, columns):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    locations = {url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")}
    assert f"http://testserver/records/{world.public.pk}/" in locations
    assert f"http://testserver/columns/{columns['zcwj'].pk}/" in locations
    assert "http://testserver/xxgk/TESTA/" in locations
    assert all(f"/records/{r.pk}/" not in " ".join(locations) for r in world.hidden)


def test_the_sitemap_reads_a_bounded_number_of_queries(
    client, cast, columns, django_assert_max_num_queries
):
    for n in range(30):
        make_record(cast, f"信息{n}")
    with django_assert_max_num_queries(4):
        client.get("/sitemap.xml")


def test_feeds_and_sitemap_are_public(client, db):
    assert client.get("/feeds/latest/").status_code == 200
    assert client.get("/sitemap.xml").status_code == 200


def test_control_characters_pasted_into_a_title_do_not_break_the_feed(client, cast):
    make_record(cast, "从文字处理软件\x0b粘贴的标题", summary="概述\x0c")
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0 and feed.entries[0].title == "从文字处理软件粘贴的标题"
