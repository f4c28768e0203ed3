"""Fill the database of GONGKAI_VAR_DIR with an agency BENCH: N applications over 2020–2024
(each with its events: register, decide or a lapse, some fee payments), 2N records
(a few 规章 and 行政规范性文件, some repealed), and remedies.

python -m bench.reports.generate 100000
"""

import hashlib
import os
import random
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
django.setup()

from gongkai.accounts.models import Agency  # noqa: E402
from gongkai.applications.models import Application, CaseEvent, Remedy  # noqa: E402
from gongkai.core.applications.vocabulary import (  # noqa: E402
    ApplicantKind,
    Outcome,
    RemedyKind,
    RemedyResult,
)
from gongkai.documents.models import Record  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
BATCH = 5000


def main(n: int) -> None:
    rng = random.Random(6)
    agency, _ = Agency.objects.get_or_create(code="BENCH", defaults={"name": "基准测试市民政局"})
    now = datetime(2025, 1, 5, 9, tzinfo=TZ)
    kinds = list(ApplicantKind)
    outcomes = list(Outcome)
    applications = []
    for i in range(n):
        received = date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        applications.append(
            Application(
                agency=agency, number=f"B-{i:07d}", year=received.year, seq=i + 1,
                tracking_hash=hashlib.sha256(f"b{i}".encode()).hexdigest(), channel="online",
                received_on=received, submitted_at=now, applicant_kind=rng.choice(kinds).value,
                name="（台账导入）", id_document="other", description="bench",
                source=Application.Source.LEDGER,
            )
        )  # fmt: skip
    Application.objects.bulk_create(applications, batch_size=BATCH)
    events = []
    ids = Application.objects.filter(agency=agency).values_list("id", "received_on")
    for pk, received in ids:
        events.append(CaseEvent(application_id=pk, step="register", day=received, at=now))
        if rng.random() < 0.9:
            outcome = rng.choice(outcomes)
            decided = received + timedelta(days=rng.randrange(1, 40))
            events.append(
                CaseEvent(
                    application_id=pk, step="decide", day=decided, outcome=outcome.value, at=now
                )
            )
            if rng.random() < 0.01:
                events.append(
                    CaseEvent(application_id=pk, step="record_payment", day=decided, at=now)
                )
        if len(events) > BATCH:
            CaseEvent.objects.bulk_create(events)
            events = []
    CaseEvent.objects.bulk_create(events)
    decided = CaseEvent.objects.filter(application__agency=agency, step="decide")
    updates = []
    for pk, outcome, day in decided.values_list("application_id", "outcome", "day"):
        updates.append(Application(pk=pk, outcome=outcome, replied_on=day, status="closed"))
    Application.objects.bulk_update(updates, ["outcome", "replied_on", "status"], batch_size=BATCH)
    Application.objects.filter(pk__in=CaseEvent.objects.filter(step="record_payment").values(
        "application_id"
    )).update(fee_amount=Decimal("100.00"))  # fmt: skip
    records = []
    for i in range(2 * n):
        written = date(2010, 1, 1) + timedelta(days=rng.randrange(15 * 365))
        genre = "命令（令）" if i % 500 == 0 else "通知"
        repealed = i % 7 == 0
        records.append(
            Record(
                agency=agency, title=f"记录{i}", body="…", status="published",
                published_at=datetime.combine(written, datetime.min.time(), TZ) + timedelta(days=3),
                written_on=written, genre=genre, is_normative=i % 50 == 0,
                validity="repealed" if repealed else "current",
                validity_changed_on=written + timedelta(days=400) if repealed else None,
            )
        )  # fmt: skip
        if len(records) >= BATCH:
            Record.objects.bulk_create(records)
            records = []
    Record.objects.bulk_create(records)
    remedies = [
        Remedy(
            agency=agency, number=f"B-{i:07d}", kind=rng.choice(list(RemedyKind)).value,
            result=rng.choice(list(RemedyResult)).value, year=2020 + i % 5, created_at=now,
        )
        for i in range(n // 100)
    ]  # fmt: skip
    Remedy.objects.bulk_create(remedies)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
