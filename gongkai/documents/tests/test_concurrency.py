"""索引号 stay unique when approvers publish at the same moment.

Runs on PostgreSQL (CI's second pass), where the transactions really overlap. SQLite
serialises writers itself (BEGIN IMMEDIATE); its shared in-memory test database cannot
run concurrent writers at all ("database table is locked"), so the test is skipped there.
"""

import threading

import pytest
from django.db import connection

from gongkai.documents import services
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data
from gongkai.testing import make_cast


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_get_different_index_numbers():
    cast = make_cast()
    ready = []
    for n in range(6):
        record = services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            data=policy_data(cast, document_number=f"测民发〔2026〕{n + 1}号"),
            now=NOW,
        )
        services.record_submit(actor=cast.drafter_a, record=record, now=NOW)
        ready.append(
            services.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
        )
    start, errors = threading.Barrier(len(ready)), []

    def approve(record: Record) -> None:
        try:
            start.wait()
            services.record_approve(actor=cast.approver, record=record, now=NOW)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(r,)) for r in ready]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Record.objects.values_list("index_number", flat=True))
    assert numbers == [f"TESTA/2026-{n:05d}" for n in range(1, 7)]
