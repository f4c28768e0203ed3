from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from gongkai.accounts.models import Agency, User
from gongkai.audit.models import AuditEvent
from gongkai.demo.history import NOTE as HISTORY_2017
from gongkai.demo.load import ACCOUNTS, AGENCY
from gongkai.demo.records import RECORDS, SEED_TEXT
from gongkai.documents.models import Record, Release
from gongkai.documents.selectors import public_records
from gongkai.documents.services import record_create, record_update
from gongkai.review import services

SEED_NUMBER = "临民字〔2018〕2号"


def test_demo_loads_the_reference_bureau_with_one_account_per_role(db, capsys):
    call_command("demo", "--public-passwords-ok")
    out = capsys.readouterr().out
    agency = Agency.objects.get(code="LCMZJ")
    assert agency.name == "临沧市民政局" and agency.units.count() == 7
    roles = {next(iter(User.objects.get(username=a.username).roles)) for a in ACCOUNTS}
    assert roles == {"drafter", "reviewer", "approver", "office", "supervisor", "sysadmin"}
    for account in ACCOUNTS:
        assert account.username in out and account.password in out
        assert User.objects.get(username=account.username).check_password(account.password)
    seed = Record.objects.get(document_number=SEED_NUMBER)
    assert seed.written_on.isoformat() == "2017-12-26" and "自检自查" in seed.body


def test_demo_twice_changes_nothing(db):
    call_command("demo", "--public-passwords-ok")
    events, records, users = (
        AuditEvent.objects.count(),
        Record.objects.count(),
        list(User.objects.values_list("password", flat=True)),
    )
    call_command("demo", "--public-passwords-ok")
    assert AuditEvent.objects.count() == events
    assert Record.objects.count() == records
    assert list(User.objects.values_list("password", flat=True)) == users


def test_demo_reset_restores_changed_passwords_without_deleting_history(db, client):
    call_command("demo", "--public-passwords-ok")
    drafter = User.objects.get(username="drafter")
    drafter.set_password("Changed-pass-2026")
    drafter.is_active = False
    drafter.save()
    events, records = AuditEvent.objects.count(), Record.objects.count()
    call_command("demo", "--reset", "--public-passwords-ok")
    response = client.post(
        "/console/login/", {"username": "drafter", "password": "Demo-drafter-2026"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.count() > events
    assert Record.objects.count() == records


def test_demo_leaves_the_drafts_people_edited_alone(db):
    call_command("demo", "--public-passwords-ok")
    draft = Record.objects.get(status="draft", title__startswith="临沧市2026年第三季度")
    drafter = User.objects.get(username="drafter")
    record_update(actor=drafter, record=draft, version=1, data={"body": "<p>修改稿</p>"})
    last = AuditEvent.objects.latest("seq").seq
    call_command("demo", "--reset", "--public-passwords-ok")
    draft.refresh_from_db()
    assert draft.body == "<p>修改稿</p>" and draft.status == "draft"
    assert not AuditEvent.objects.filter(seq__gt=last, object_type="documents.record")


def test_the_printed_demo_accounts_log_in(db, client):
    call_command("demo", "--public-passwords-ok")
    response = client.post(
        "/console/login/", {"username": "office", "password": "Demo-office-2026"}
    )
    assert response.status_code == 302
    assert client.get("/console/").status_code == 200


def test_demo_refuses_a_production_install(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="GONGKAI_DEBUG=0"):
        call_command("demo")
    assert not User.objects.filter(username="admin").exists()
    assert not Record.objects.exists()


def test_demo_publishes_the_seed_an_earlier_demo_left_as_a_draft(db):
    agency = Agency.objects.create(**AGENCY)
    data = {
        "title": "临沧市民政局关于2017年政府信息与政务公开重点工作落实情况的自查报告",
        "document_number": SEED_NUMBER,
        "written_on": date(2017, 12, 26),
        "note": "此件公开发布",
        "body": SEED_TEXT.read_text(encoding="utf-8"),
    }
    draft = record_create(actor=None, agency=agency, data=data)
    call_command("demo", "--public-passwords-ok")
    seed = Record.objects.get(pk=draft.pk)
    assert seed.status == "published" and seed.index_number == "LCMZJ/2018-00001"
    assert seed.attribute == "proactive" and seed.subject == "综合政务\\政务公开"
    assert Record.objects.filter(document_number=SEED_NUMBER).count() == 1


@pytest.fixture(scope="class")
def loaded_demo(django_db_setup, django_db_blocker):
    """One load shared by a class of read-only checks (a load takes about two seconds),
    rolled back when the class is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--public-passwords-ok")
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("loaded_demo")
class TestTheLoadedDemo:
    def test_the_seed_is_published_through_review_and_approval(self, db):
        seed = public_records().get(document_number=SEED_NUMBER)
        assert seed.index_number == "LCMZJ/2018-00001" and seed.note == "此件公开发布"
        assert seed.published_at.date() == date(2018, 1, 10) and seed.genre == "报告"
        assert {c.slug for c in seed.columns.all()} == {"xxgkzd", "gzdt"}
        steps = [(e.step, e.actor.username) for e in seed.events.exclude(step="create")]
        assert steps == [
            ("submit", "office"),  # an agency-wide report: the office drafts it, not a unit
            ("pass_review", "reviewer"),
            ("approve", "approver"),
        ]

    def test_about_fifty_records_are_public_across_the_columns(self, db):
        public = public_records().filter(agency__code="LCMZJ")
        assert public.count() >= 45
        slugs = set(public.values_list("columns__slug", flat=True))
        assert {"gzdt", "tzgg", "zcwj", "zcjd", "shjz", "ylfw", "xxgknb", "xxgkzn"} <= slugs
        assert not Record.objects.filter(columns=None).exists()

    def test_dates_are_fixed_in_2025_and_2026_besides_the_2017_history(self, db):
        later = public_records().exclude(document_number=SEED_NUMBER).exclude(note=HISTORY_2017)
        assert {r.published_at.year for r in later} == {2025, 2026}
        current = Record.objects.exclude(note=HISTORY_2017)
        assert len({r.key for r in RECORDS}) == len(RECORDS) == current.count()

    def test_every_published_policy_needing_one_has_its_interpretation_or_a_waiver(self, db):
        policies = Record.objects.filter(needs_interpretation=True, status="published")
        assert policies.count() >= 6
        for policy in policies:
            published = policy.interpretations.filter(status="published")
            assert published.exists() or policy.interpretation_waiver
            for interpretation in published:
                assert interpretation.published_at == policy.published_at
        interpretations = Record.objects.exclude(interprets=None)
        assert set(interpretations.values_list("interpretation_form", flat=True)) == {
            "text",
            "qa",
            "graphic",
        }
        assert interpretations.filter(by_principal=True).exists()

    def test_normative_documents_carry_their_registration_number(self, db):
        normative = Record.objects.filter(is_normative=True)
        assert normative.count() >= 6
        assert all(r.registration_number.startswith("LCDR-20") for r in normative)

    def test_on_request_and_withheld_records_never_reach_the_portal(self, db):
        hidden = Record.objects.filter(attribute__in=["on_request", "withheld"])
        assert hidden.filter(status="published", attribute="on_request").count() >= 2
        assert hidden.filter(status="published", attribute="withheld").count() >= 2
        assert all(r.ground and r.attribute_reason for r in hidden.filter(status="published"))
        assert not public_records().filter(pk__in=hidden).exists()
        redacted = public_records().get(attribute="redacted")
        assert "13800000001" in redacted.body and "13800000001" not in redacted.public_body

    def test_every_queue_of_the_console_has_work(self, db):
        assert Record.objects.filter(status="draft").count() >= 2
        assert Record.objects.filter(status="submitted", reviews__result="open").exists()
        assert Record.objects.filter(status="reviewed").exists()
        returned = Record.objects.get(status="draft", events__step="return")
        assert "须说明理由" in returned.events.get(step="return").comment

    def test_a_relief_list_waits_at_the_privacy_gate(self, db):
        listed = Record.objects.get(title__contains="新增城乡低保对象名单公示", status="submitted")
        kinds = set(listed.findings.filter(state="open").values_list("kind", flat=True))
        assert {"cn_resident_id", "assistance_list_column"} <= kinds
        assert services.gate_problems(listed)
        # Everything the demo published passed the gate: nothing blocking is left open.
        assert not public_records().filter(findings__state="open", findings__blocking=True)

    def test_a_repealed_policy_points_to_its_replacement(self, db):
        repealed = Record.objects.get(validity="repealed")
        assert repealed.replaced_by.status == "published"
        assert repealed.validity_changed_on == repealed.replaced_by.published_at.date()
        assert Record.objects.filter(validity="amended").exclude(replaced_by=None).exists()

    def test_releases_on_wechat_and_notice_boards_are_recorded(self, db):
        releases = Release.objects.exclude(channel="website")
        assert releases.filter(channel="wechat").count() >= 10
        assert releases.filter(channel="board").count() >= 5
        assert all(r.record.is_public for r in releases)
