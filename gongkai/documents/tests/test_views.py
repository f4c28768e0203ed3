from django.urls import reverse

from gongkai.documents.models import Record


def make_records(cast):
    a = Record.objects.create(agency=cast.agency, unit=cast.unit_a, title="办公室的草稿", body="甲")
    b = Record.objects.create(agency=cast.agency, unit=cast.unit_b, title="救助科的草稿", body="乙")
    other = Record.objects.create(agency=cast.other_agency, title="外机关的信息", body="丙")
    return a, b, other


def test_a_drafter_sees_their_own_units_records_only(client, cast):
    a, b, other = make_records(cast)
    client.force_login(cast.drafter_b)
    page = client.get(reverse("documents:list")).content.decode()
    assert "救助科的草稿" in page
    assert "办公室的草稿" not in page and "外机关的信息" not in page
    assert client.get(reverse("documents:detail", args=[a.pk])).status_code == 404
    assert client.get(reverse("documents:detail", args=[b.pk])).status_code == 200


def test_the_office_sees_every_unit_but_not_other_agencies(client, cast):
    a, b, other = make_records(cast)
    client.force_login(cast.office)
    page = client.get(reverse("documents:list")).content.decode()
    assert "办公室的草稿" in page and "救助科的草稿" in page and "外机关的信息" not in page
    assert client.get(reverse("documents:detail", args=[other.pk])).status_code == 404


def test_a_supervisor_reads_every_agencys_records(client, cast):
    a, b, other = make_records(cast)
    client.force_login(cast.supervisor)
    assert client.get(reverse("documents:detail", args=[other.pk])).status_code == 200


def test_the_public_cannot_open_the_console_records(client, cast):
    a, _b, _other = make_records(cast)
    assert client.get(reverse("documents:detail", args=[a.pk])).status_code == 302
