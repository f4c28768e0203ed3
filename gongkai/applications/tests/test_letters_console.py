"""Letters in the console: issuing from the case page, downloading DOCX and PDF, the
templates with their versions; every page with the users who must be refused."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.letters import render
from gongkai.applications.letters import services as letters
from gongkai.applications.models import Letter, LetterTemplate

from .test_handling import register, step
from .test_letters import ISSUED, decided

REFUSED = ["drafter_a", "reviewer", "approver", "supervisor", "sysadmin", "other_office"]


@pytest.fixture(autouse=True)
def setup(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(timezone, "now", lambda: ISSUED)
    monkeypatch.setattr(render, "pdf", lambda page: b"%PDF-1.7 test")


def issue_url(case, kind):
    return reverse("applications_console:letter_issue", args=[case.pk, kind])


def file_url(letter, fmt):
    return reverse("applications_console:letter_file", args=[letter.application_id, letter.pk, fmt])


def test_the_office_issues_a_reply_from_the_case_page_and_downloads_it(client, cast):
    case = decided(cast)
    client.force_login(cast.office)
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert 'data-testid="letters"' in page and 'data-testid="issue-reply"' in page
    response = client.post(issue_url(case, "reply"))
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.number == "测民公开复〔2026〕1号"
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert "测民公开复〔2026〕1号" in page and file_url(letter, "pdf") in page

    docx_response = client.get(file_url(letter, "docx"))
    assert docx_response.status_code == 200
    assert docx_response["Content-Type"].endswith("wordprocessingml.document")
    assert b"".join(docx_response.streaming_content)[:2] == b"PK"
    pdf_response = client.get(file_url(letter, "pdf"))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert b"".join(pdf_response.streaming_content).startswith(b"%PDF")
    assert client.get(file_url(letter, "txt")).status_code == 404


def test_a_letter_the_case_has_not_reached_shows_the_reason(client, cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    client.force_login(cast.office)
    response = client.post(issue_url(case, "correction"), follow=True)
    assert "本申请没有告知补正的记录，不能出具补正告知书" in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_other_users_can_neither_issue_nor_download_letters(client, cast, who):
    case = decided(cast)
    letter = letters.letter_issue(actor=cast.office, application=case, kind="reply", now=ISSUED)
    client.force_login(getattr(cast, who))
    assert client.post(issue_url(case, "reply")).status_code == 404
    assert client.get(file_url(letter, "docx")).status_code == 404
    assert client.get(file_url(letter, "pdf")).status_code == 404
    assert Letter.objects.count() == 1


def test_the_public_is_sent_to_the_login(client, cast):
    case = decided(cast)
    letter = letters.letter_issue(actor=cast.office, application=case, kind="reply", now=ISSUED)
    assert client.get(file_url(letter, "pdf")).status_code == 302
    assert client.post(issue_url(case, "reply")).status_code == 302


def test_the_office_edits_a_template_as_a_new_version_with_the_history_shown(client, cast):
    client.force_login(cast.office)
    listing = client.get(reverse("applications_console:letter_templates"))
    assert listing.status_code == 200
    assert "答复书" in listing.content.decode()
    url = reverse("applications_console:letter_template_outcome", args=["reply", "state_secret"])
    page = client.get(url).content.decode()
    assert "测民公开复〔{year}〕{seq}号" in page and "{legal_basis}" in page
    default = letters.default_for(cast.agency, "reply", "state_secret")
    data = {
        "title": default.title,
        "number_template": "测民公开复〔{year}〕{seq}号",
        "body": default.body + "\n附件：定密依据",
    }
    assert client.post(url, data).status_code == 302
    versions = LetterTemplate.objects.filter(agency=cast.agency, kind="reply").order_by("version")
    assert [(v.version, v.created_by_id) for v in versions] == [(1, None), (2, cast.office.pk)]
    page = client.get(url).content.decode()
    assert 'data-testid="template-versions"' in page and "附件：定密依据" in page

    bad = client.post(url, data | {"body": default.body + "\n{signature}"})
    assert bad.status_code == 400
    assert "正文中有未知的占位符“{signature}”" in bad.content.decode()
    assert LetterTemplate.objects.filter(agency=cast.agency).count() == 2


@pytest.mark.parametrize("who", ["drafter_a", "reviewer", "approver", "supervisor", "sysadmin"])
def test_staff_outside_the_office_cannot_see_or_edit_templates(client, cast, who):
    client.force_login(getattr(cast, who))
    url = reverse("applications_console:letter_template", args=["correction"])
    assert client.get(reverse("applications_console:letter_templates")).status_code in {403, 404}
    assert client.get(url).status_code in {403, 404}
    assert client.post(url, {"title": "x", "number_template": "x", "body": "x"}).status_code in {
        403,
        404,
    }
    assert not LetterTemplate.objects.exists()


def test_the_office_of_another_agency_edits_only_its_own_templates(client, cast):
    client.force_login(cast.other_office)
    url = reverse("applications_console:letter_template", args=["correction"])
    page = client.get(url).content.decode()
    assert "测人公开补〔{year}〕{seq}号" in page  # its own default, not the first agency's
    default = letters.default_for(cast.other_agency, "correction")
    data = {
        "title": default.title,
        "number_template": default.number_template,
        "body": "{applicant}：\n请补正。",
    }
    assert client.post(url, data).status_code == 302
    assert not LetterTemplate.objects.filter(agency=cast.agency).exists()
    assert LetterTemplate.objects.filter(agency=cast.other_agency).count() == 2


def test_unknown_template_slots_are_not_found(client, cast):
    client.force_login(cast.office)
    for args in (["memo"], ["reply"], ["correction", "disclosed"], ["reply", "nonsense"]):
        name = "letter_template_outcome" if len(args) == 2 else "letter_template"
        assert client.get(reverse(f"applications_console:{name}", args=args)).status_code == 404
