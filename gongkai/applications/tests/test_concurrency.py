"""200 applications submitted at the same moment get 200 distinct, gapless 登记号.

Runs on PostgreSQL (CI's second pass, started with max_connections=300), where the
transactions really overlap; SQLite's shared in-memory test database cannot run concurrent
writers at all, so the test is skipped there.
"""

import threading

import pytest
from django.db import connection

from gongkai.applications.intake import application_register
from gongkai.applications.models import Application
from gongkai.applications.tests.test_intake import NOW, data
from gongkai.testing import make_cast

SUBMISSIONS = 200


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_get_distinct_gapless_numbers():
    cast = make_cast()
    start, errors, codes = threading.Barrier(SUBMISSIONS), [], []

    def submit(n: int) -> None:
        try:
            start.wait()
            _application, code = application_register(
                agency=cast.agency, data=data(), channel="online", now=NOW, submission_key=f"k{n}"
            )
            codes.append(code)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:04d}" for n in range(1, SUBMISSIONS + 1)]
    assert len(set(codes)) == SUBMISSIONS
