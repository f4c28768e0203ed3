from gongkai.accounts.models import Agency
from gongkai.portal.tests.conftest import make_record


def test_the_home_page_shows_latest_notices_key_areas_and_the_xxgk_entry(client, cast, columns):
    make_record(cast, "最新的工作动态", columns=[columns["gzdt"]])
    make_record(cast, "关于春节值班的通知", columns=[columns["tzgg"]])
    make_record(cast, "社会救助标准调整", columns=[columns["shjz"]])
    page = client.get("/").content.decode()
    for text in ("最新的工作动态", "关于春节值班的通知", "社会救助标准调整", "养老服务"):
        assert text in page
    assert 'href="/xxgk/TESTA/"' in page and 'href="/xxgk/TESTA/guide/"' in page
    assert page.count('<time class="pubdate" datetime="2026-03-30">2026-03-30</time>') >= 4


def test_the_home_page_serves_the_configured_site_agency(client, cast, settings):
    make_record(cast, "民政局的信息")
    settings.GONGKAI_SITE_AGENCY = "TESTB"
    page = client.get("/").content.decode()
    assert '<meta name="SiteName" content="测试市人力资源和社会保障局">' in page
    assert "民政局的信息" not in page


def test_an_unknown_configured_agency_falls_back_to_the_first(client, cast, settings):
    settings.GONGKAI_SITE_AGENCY = "NOSUCH"
    assert '<meta name="SiteName" content="测试市民政局">' in client.get("/").content.decode()


def test_the_home_page_works_before_any_agency_exists(client, db):
    assert not Agency.objects.exists()
    assert client.get("/").status_code == 200


def test_the_home_page_reads_a_bounded_number_of_queries(
    client, cast, columns, django_assert_max_num_queries
):
    for n in range(30):
        make_record(cast, f"信息{n}", columns=[columns["tzgg"], columns["shjz"], columns["ylfw"]])
    # Rendering reads 6 queries; the snapshot (look up, store in a savepoint) takes up to 9 more.
    with django_assert_max_num_queries(15):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(2):  # the snapshot: site generation, then the page
        assert client.get("/").status_code == 200
