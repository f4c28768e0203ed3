"""Art. 44: information disclosed to two or more applicants is listed; one action creates a
draft 主动公开 record naming the applications, recorded on each case."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import art44, provided
from gongkai.applications.tests.test_handling import LATER, PARTLY, register, step
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Record


def decided(cast, description, outcome="partly_disclosed", agency=None):
    case = register(cast, agency=agency, description=description)
    actor = cast.office if agency is None else cast.other_office
    case = step("assign", cast, case, date(2026, 3, 3), handler=actor, actor=actor)
    return step("decide", cast, case, date(2026, 3, 5), outcome=outcome, items=PARTLY, actor=actor)


def test_the_same_description_once_normalised_is_listed(cast):
    a = decided(cast, "2025年 城乡低保资金发放总额。")
    b = decided(cast, "2025年城乡低保资金发放总额")
    decided(cast, "别的信息")
    groups = art44.groups_for(user=cast.office, agency=cast.agency)
    assert [sorted(x.pk for x in g.applications) for g in groups] == [sorted([a.pk, b.pk])]


def test_the_same_source_record_is_listed_and_a_draft_is_created(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    record = Record.objects.create(agency=cast.agency, title="低保统计", body="<p>统计</p>")
    cases = []
    for text in ("低保的统计", "救助资金情况"):
        case = register(cast, description=text)
        case = step("assign", cast, case, date(2026, 3, 3), handler=cast.office)
        provided.provided_from_record(actor=cast.office, application=case, record=record, now=LATER)
        cases.append(
            step("decide", cast, case, date(2026, 3, 5), outcome="partly_disclosed", items=PARTLY)
        )
    groups = art44.groups_for(user=cast.office, agency=cast.agency)
    assert [g.key for g in groups] == [f"record:{record.pk}"]
    draft = art44.art44_create_record(
        actor=cast.office, agency=cast.agency, key=groups[0].key, now=LATER
    )
    assert draft.status == "draft" and draft.attribute == "proactive"
    assert cases[0].number in draft.note and cases[1].number in draft.note
    assert AuditEvent.objects.filter(action=art44.ACTION).count() == 2
    assert art44.groups_for(user=cast.office, agency=cast.agency)[0].drafted == draft.pk
    with pytest.raises(ValidationError):
        art44.art44_create_record(
            actor=cast.office, agency=cast.agency, key=groups[0].key, now=LATER
        )


def test_withheld_cases_and_other_agencies_do_not_count(cast):
    decided(cast, "同一信息")
    decided(cast, "同一信息", agency=cast.other_agency)
    assert art44.groups_for(user=cast.office, agency=cast.agency) == []


@pytest.mark.parametrize("who", ["reviewer", "drafter_a", "supervisor"])
def test_others_are_refused(cast, who):
    with pytest.raises(PermissionDenied):
        art44.groups_for(user=getattr(cast, who), agency=cast.agency)
    with pytest.raises(PermissionDenied):
        art44.art44_create_record(actor=getattr(cast, who), agency=cast.agency, key="x", now=LATER)


def test_the_console_page_and_action(client, cast):
    decided(cast, "同一信息")
    decided(cast, "同一信息")
    client.force_login(cast.office)
    page = client.get("/console/applications/art44/")
    assert page.status_code == 200 and len(page.context["groups"]) == 1
    key = page.context["groups"][0].key
    assert client.post("/console/applications/art44/create/", {"key": key}).status_code == 302
    assert Record.objects.filter(attribute="proactive").count() == 1


@pytest.mark.parametrize("who", ["reviewer", "drafter_a"])
def test_the_console_refuses_others(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get("/console/applications/art44/").status_code == 403
    assert client.post("/console/applications/art44/create/", {"key": "x"}).status_code == 403
