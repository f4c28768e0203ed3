import pytest

from gongkai.portal.selectors import search_public
from gongkai.portal.tests.conftest import attach, make_record


def test_an_empty_query_shows_the_form(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_it_finds_a_two_character_word_in_a_body(client, cast):
    make_record(cast, "救助标准", body="<p>城乡低保标准每人每月提高</p>")
    assert "救助标准" in client.get("/search/", {"q": "低保"}).content.decode()


def test_it_finds_a_word_in_the_extracted_text_of_an_attachment(client, cast):
    record = make_record(cast, "附件为名单的通知", body="<p>见附件</p>")
    attach(record, text="二〇二六年低保对象名单")
    assert "附件为名单的通知" in client.get("/search/", {"q": "低保"}).content.decode()


def test_it_finds_titles_and_document_numbers(cast):
    record = make_record(cast, "养老服务补贴办法", document_number="临民发〔2026〕9号")
    assert list(search_public("养老")) == [record]
    assert list(search_public("〔2026〕9号")) == [record]


def test_every_word_must_match(cast):
    both = make_record(cast, "低保和养老")
    make_record(cast, "只有低保")
    assert list(search_public("低保 养老")) == [both]
    assert list(search_public("  低保\u3000养老  ")) == [both]  # full-width space too


def test_latin_letters_match_whatever_their_case(cast):
    record = make_record(cast, "APP 下载说明")
    assert list(search_public("app")) == [record]


def test_it_ignores_a_draft_containing_the_word(cast):
    make_record(cast, "低保草稿", status="draft")
    make_record(cast, "低保依申请", attribute="on_request")
    assert list(search_public("低保")) == []


def test_a_query_longer_than_100_characters_is_refused_with_a_message(client, cast):
    make_record(cast, "低保")
    response = client.get("/search/", {"q": "低" * 101})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "101" in page
    assert 'class="search-results"' not in page


def test_wildcards_are_matched_literally(cast):
    make_record(cast, "百分之百")
    assert list(search_public("%")) == [] and list(search_public("_")) == []


@pytest.mark.parametrize("number", ["abc", "2", "0"])
def test_a_page_that_does_not_exist_is_not_found(client, cast, number):
    make_record(cast, "低保")
    assert client.get("/search/", {"q": "低保", "page": number}).status_code == 404


def test_results_are_paginated_and_keep_the_query(client, cast):
    for n in range(25):
        make_record(cast, f"低保{n:02d}")
    page = client.get("/search/", {"q": "低保"}).content.decode()
    assert page.count('href="/records/') == 20
    assert "?q=%E4%BD%8E%E4%BF%9D&amp;page=2" in page


def test_the_search_reads_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    for n in range(30):
        attach(make_record(cast, f"低保{n}"), text="低保")
    with django_assert_max_num_queries(5):
        assert client.get("/search/", {"q": "低保 标准"}).status_code == 200


def test_a_query_with_a_null_character_is_refused_not_crashed(client, db):
    response = client.get("/search/", {"q": "低保\x00"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
