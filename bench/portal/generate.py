"""Fill a database with N published public records spread over the standard columns.

    python -m bench.portal.generate --records 100000

Re-running on a database that already has the records does nothing (safe to repeat).
Records go in with bulk_create (no audit entries): this is load for the benchmark, not
a way to import real data (use `gongkai documents import` for that).
"""

import argparse
import os
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import django

PARAGRAPH = (
    "<p>为进一步规范城乡最低生活保障工作，切实保障困难群众基本生活，根据《社会救助暂行办法》"
    "和省、市有关规定，结合本地实际，现就有关事项通知如下。</p>"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.portal.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(args.records)


def generate(count: int) -> None:
    from tqdm import tqdm

    from gongkai.accounts.models import Agency
    from gongkai.documents.columns import columns_install_standard
    from gongkai.documents.models import Record

    agency, _ = Agency.objects.get_or_create(code="BENCH", defaults={"name": "基准测试市民政局"})
    columns_install_standard(actor=None, agency=agency)
    columns = list(
        agency.columns.filter(parent__isnull=False)
        | agency.columns.filter(slug__in=["gzdt", "tzgg", "zcwj"])
    )
    have = Record.objects.filter(agency=agency).count()
    rng = random.Random(2026)
    start = datetime(2020, 1, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    through = Record.columns.through
    with tqdm(total=count, initial=have, desc="records", unit="rec") as bar:
        for first in range(have, count, 2000):
            batch = [_record(agency, n, start, rng) for n in range(first, min(first + 2000, count))]
            Record.objects.bulk_create(batch)
            links = [through(record_id=r.pk, column_id=rng.choice(columns).pk) for r in batch]
            through.objects.bulk_create(links)
            bar.update(len(batch))


def _record(agency, n: int, start: datetime, rng: random.Random):  # type: ignore[no-untyped-def]
    from gongkai.documents.models import Record

    published = start + timedelta(minutes=37 * n)
    body = PARAGRAPH * rng.randint(3, 12)
    return Record(
        agency=agency,
        status="published",
        attribute="proactive",
        index_number=f"BENCH/{published.year}-{n:07d}",
        title=f"关于做好第{n}批社会救助资金发放工作的通知",
        document_number=f"基民发〔{published.year}〕{n}号",
        written_on=date(published.year, published.month, published.day),
        published_at=published,
        subject="民政、扶贫、救灾\\社会福利",
        genre="通知",
        summary="社会救助资金发放。",
        body=body,
        body_text=body.replace("<p>", "").replace("</p>", ""),
    )


if __name__ == "__main__":
    main()
