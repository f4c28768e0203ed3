from datetime import date

import pytest

from gongkai.documents import services
from gongkai.documents.models import Record, Release
from gongkai.portal.tests.conftest import NOW, attach, make_record, publish_through_workflow
from gongkai.testing import dismiss_findings


@pytest.fixture
def policy(cast, columns):
    return publish_through_workflow(cast, columns)


def test_the_record_page_shows_the_metadata_table_as_government_sites_do(client, policy):
    page = client.get(f"/records/{policy.pk}/").content.decode()
    for label, value in [
        ("索引号", policy.index_number),
        ("主题分类", "民政、扶贫、救灾\\社会福利"),
        ("发布机构", "测试市民政局"),
        ("发文机关", "测试市民政局"),
        ("成文日期", "2026-03-02"),
        ("标题", policy.title),
        ("发文字号", "临民发〔2026〕3号"),
        ("发布日期", "2026-03-30"),
        ("有效性", ""),
        ("关键词", "低保 救助"),
    ]:
        assert f'<th scope="row">{label}</th>' in page
        assert value in page
    assert "统一登记号" not in page


def test_the_registration_number_of_a_normative_document_is_shown(client, cast, columns):
    record = make_record(cast, "规范性文件", is_normative=True, registration_number="YNDR-2026-001")
    page = client.get(f"/records/{record.pk}/").content.decode()
    assert "统一登记号" in page and "YNDR-2026-001" in page


def test_the_page_carries_the_site_column_title_and_date_meta_tags(client, policy):
    page = client.get(f"/records/{policy.pk}/").content.decode()
    assert '<meta name="SiteName" content="测试市民政局">' in page
    assert '<meta name="ColumnName" content="政策文件">' in page
    assert f'<meta name="ArticleTitle" content="{policy.title}">' in page
    assert '<meta name="PubDate" content="2026-03-30 10:00">' in page


def test_the_body_is_shown_sanitized(client, policy):
    page = client.get(f"/records/{policy.pk}/").content.decode()
    assert "为规范<b>低保</b>工作" in page
    assert "<script>alert(1)" not in page


def test_other_fields_are_escaped(client, cast):
    record = make_record(cast, "<i>标题</i>", keywords='"><script>x</script>', body="<p>正文</p>")
    page = client.get(f"/records/{record.pk}/").content.decode()
    assert "<i>标题</i>" not in page and "&lt;i&gt;标题&lt;/i&gt;" in page
    assert "<script>x" not in page


def test_a_revoked_record_answers_410_with_the_date_and_without_the_reason(client, cast, policy):
    services.record_revoke(
        actor=cast.approver, record=policy, reason="误含张三的身份证号码", now=NOW.replace(day=31)
    )
    response = client.get(f"/records/{policy.pk}/")
    assert response.status_code == 410
    page = response.content.decode()
    assert "2026-03-31" in page and policy.index_number in page
    assert "张三" not in page and policy.title not in page
    attachment = attach(policy)
    assert client.get(f"/records/{policy.pk}/files/{attachment.pk}/").status_code == 410


def test_an_unknown_record_is_not_found(client, db):
    assert client.get("/records/999999/").status_code == 404
    assert client.get("/records/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize("validity", ["amended", "repealed", "expired"])
def test_a_document_no_longer_in_force_carries_a_banner_with_the_date_and_its_successor(
    client, cast, policy, validity
):
    successor = make_record(cast, "新的低保实施细则")
    services.record_set_validity(
        actor=cast.approver,
        record=policy,
        validity=validity,
        changed_on=date(2026, 6, 1),
        replaced_by=successor,
    )
    page = client.get(f"/records/{policy.pk}/").content.decode()
    assert f'class="validity-banner" role="note" data-validity="{validity}"' in page
    assert '<time datetime="2026-06-01">2026-06-01</time>' in page
    assert f'class="replacement" href="/records/{successor.pk}/"' in page


def test_a_current_document_has_no_banner(client, policy):
    assert "validity-banner" not in client.get(f"/records/{policy.pk}/").content.decode()


def test_the_banner_does_not_link_a_successor_that_is_not_public(client, cast, policy):
    draft = make_record(cast, "还在起草的新细则", status="draft")
    services.record_set_validity(
        actor=cast.approver,
        record=policy,
        validity="repealed",
        changed_on=date(2026, 6, 1),
        replaced_by=draft,
    )
    page = client.get(f"/records/{policy.pk}/").content.decode()
    assert "validity-banner" in page and "还在起草的新细则" not in page


def test_a_policy_and_its_interpretation_link_to_each_other(client, cast, columns):
    policy = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data={"title": "低保政策", "body": "正文", "attribute": "proactive",
              "needs_interpretation": True, "unit": cast.unit_a},
        columns=[columns["zcwj"]],
    )  # fmt: skip
    reading = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data={"title": "一图读懂低保政策", "body": "解读", "attribute": "proactive",
              "interprets": policy, "interpretation_form": "graphic", "unit": cast.unit_a},
        columns=[columns["zcjd"]],
    )  # fmt: skip
    for record in (policy, reading):
        services.record_submit(actor=cast.drafter_a, record=record, now=NOW)
        dismiss_findings(cast.reviewer, record, NOW)
        services.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    services.record_approve(actor=cast.approver, record=policy, now=NOW)
    policy_page = client.get(f"/records/{policy.pk}/").content.decode()
    reading_page = client.get(f"/records/{reading.pk}/").content.decode()
    assert f'class="interpretation" href="/records/{reading.pk}/"' in policy_page
    assert f'class="interpreted-policy" href="/records/{policy.pk}/"' in reading_page


def test_an_unpublished_interpretation_is_not_linked(client, cast, policy):
    make_record(cast, "未发布的解读", status="reviewed", interprets=policy)
    assert "未发布的解读" not in client.get(f"/records/{policy.pk}/").content.decode()


def test_release_channels_are_listed_with_date_and_link(client, cast, policy):
    services.release_record(
        actor=cast.office,
        record=policy,
        channel=Release.Channel.WECHAT,
        released_on=date(2026, 3, 31),
        link="https://mp.weixin.qq.com/s/abc",
    )
    page = client.get(f"/records/{policy.pk}/").content.decode()
    assert '<time datetime="2026-03-31">2026-03-31</time>' in page
    assert 'href="https://mp.weixin.qq.com/s/abc"' in page


def test_an_attachment_downloads_under_its_original_name(client, policy):
    attachment = attach(policy, "低保标准.pdf", data=b"%PDF-1.4 standard\n")
    page = client.get(f"/records/{policy.pk}/").content.decode()
    url = f"/records/{policy.pk}/files/{attachment.pk}/"
    assert f'href="{url}"' in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 standard\n"
    assert response["Content-Type"] == "application/pdf"
    assert (
        "filename*=utf-8''%E4%BD%8E%E4%BF%9D%E6%A0%87%E5%87%86.pdf"
        in response["Content-Disposition"]
    )


def test_an_attachment_of_another_record_or_a_missing_file_is_not_found(client, cast, policy):
    other = make_record(cast, "另一条信息")
    attachment = attach(other)
    assert client.get(f"/records/{policy.pk}/files/{attachment.pk}/").status_code == 404
    attachment.file.delete(save=False)
    assert client.get(f"/records/{other.pk}/files/{attachment.pk}/").status_code == 404


def test_the_print_view_has_the_record_without_navigation(client, policy):
    page = client.get(f"/records/{policy.pk}/print/").content.decode()
    assert policy.title in page and "索引号" in page and "为规范<b>低保</b>工作" in page
    assert "portal-nav" not in page and "portal-search" not in page
    assert '<meta name="ArticleTitle"' in page


def test_an_archived_record_stays_public(client, cast, policy):
    services.record_archive(actor=cast.approver, record=policy, now=NOW)
    assert Record.objects.get(pk=policy.pk).status == "archived"
    assert client.get(f"/records/{policy.pk}/").status_code == 200


def test_the_record_page_reads_a_bounded_number_of_queries(
    client, cast, policy, django_assert_max_num_queries
):
    for n in range(5):
        attach(policy, f"附件{n}.pdf")
        make_record(cast, f"解读{n}", interprets=policy)
    # Rendering reads 8 queries; the snapshot (look up, store in a savepoint) takes up to 9 more.
    with django_assert_max_num_queries(17):
        assert client.get(f"/records/{policy.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/records/{policy.pk}/").status_code == 200
