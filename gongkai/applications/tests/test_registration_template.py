"""The agency's own 登记号 template (Agency.application_number_template): set in the console,
checked by core ``check_registration_template``, audited, and used by registration."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.accounts import services
from gongkai.applications.intake import REGISTRATION_TEMPLATE, application_register
from gongkai.audit.models import AuditEvent

from .test_intake import data

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
# core registration_number knows {agency_code} {year} {month} {seq} (not "{agency}")
CUSTOM = "{agency_code}-{year}-{seq:05d}"


def register(agency):
    application, _code = application_register(agency=agency, data=data(), channel="online", now=NOW)
    return application


def test_an_agency_starts_with_the_default_template(cast):
    assert cast.agency.application_number_template == REGISTRATION_TEMPLATE == "{year}-{seq:04d}"
    assert register(cast.agency).number == "2026-0001"


def test_a_custom_template_gives_numbers_in_its_shape_and_the_change_is_audited(cast):
    services.agency_update(
        actor=cast.office, agency=cast.agency, data={"application_number_template": CUSTOM}
    )
    event = AuditEvent.objects.filter(action="agency.update").get()
    assert event.changes == {"application_number_template": ["{year}-{seq:04d}", CUSTOM]}
    assert event.actor == cast.office
    cast.agency.refresh_from_db()
    assert [register(cast.agency).number for _ in range(2)] == [
        "TESTA-2026-00001",
        "TESTA-2026-00002",
    ]
    # another agency keeps the default
    assert register(cast.other_agency).number == "2026-0001"


def test_a_month_in_the_template(cast):
    cast.agency.application_number_template = "{agency_code}〔{year}〕{month:02d}-{seq}"
    cast.agency.save()
    assert register(cast.agency).number == "TESTA〔2026〕03-1"


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{agency}-{year}-{seq:05d}", "未知字段：agency"),
        ("{year}-0001", "{seq}"),
        ("{agency_code}-{seq:04d}", "{year}"),
        ("{year}-{seq:04d", "无法解析"),
        ("{year}-{seq:x<60}", "60"),
    ],
)
def test_a_bad_template_is_refused_by_the_service(cast, template, expected):
    with pytest.raises(ValidationError) as refused:
        services.agency_update(
            actor=cast.office, agency=cast.agency, data={"application_number_template": template}
        )
    assert expected in refused.value.message_dict["application_number_template"][0]
    cast.agency.refresh_from_db()
    assert cast.agency.application_number_template == REGISTRATION_TEMPLATE
    assert not AuditEvent.objects.filter(action="agency.update").exists()


def test_the_console_form_refuses_an_unknown_field_in_chinese_naming_it(client, cast):
    client.force_login(cast.office)
    url = reverse("console:agency_edit", args=["TESTA"])
    bad = client.post(
        url, {"name": "测试市民政局", "application_number_template": "{agency}-{year}-{seq:05d}"}
    )
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert list(errors) == ["application_number_template"]
    assert errors["application_number_template"] == [
        "登记号模板含有未知字段：agency（可用字段：agency_code、month、seq、year）"
    ]
    cast.agency.refresh_from_db()
    assert cast.agency.application_number_template == REGISTRATION_TEMPLATE


def test_the_console_form_sets_the_template_and_an_empty_one_is_the_default(client, cast):
    client.force_login(cast.office)
    url = reverse("console:agency_edit", args=["TESTA"])
    page = client.get(url).content.decode()
    assert 'name="application_number_template"' in page
    good = client.post(url, {"name": "测试市民政局", "application_number_template": CUSTOM})
    assert good.status_code == 302
    cast.agency.refresh_from_db()
    assert cast.agency.application_number_template == CUSTOM
    assert register(cast.agency).number == "TESTA-2026-00001"
    client.post(url, {"name": "测试市民政局", "application_number_template": ""})
    cast.agency.refresh_from_db()
    assert cast.agency.application_number_template == REGISTRATION_TEMPLATE


def test_staff_without_the_office_role_cannot_change_the_template(client, cast):
    client.force_login(cast.drafter_a)
    url = reverse("console:agency_edit", args=["TESTA"])
    response = client.post(url, {"name": "测试市民政局", "application_number_template": CUSTOM})
    assert response.status_code == 404
    cast.agency.refresh_from_db()
    assert cast.agency.application_number_template == REGISTRATION_TEMPLATE
