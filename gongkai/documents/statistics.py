"""Yearly figures of proactive disclosure for reports and the console: releases per
channel (and per column), publication timeliness (条例第26条) and interpretations.

The reference bureau's report gives such figures (1400 website items, 435 WeChat posts
in 2017); the annual report issue builds on these functions.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.core.disclosure import PUBLICATION_LIMIT, publication_timeliness
from gongkai.core.workcalendar import CalendarRangeError, WorkCalendar
from gongkai.documents.models import Record, Release
from gongkai.documents.selectors import public_records


@dataclass(frozen=True)
class YearFigures:
    year: int
    published: int
    by_channel: dict[str, int]
    by_column: dict[str, dict[str, int]]
    on_time: int
    late: int
    late_records: list[Record] = field(default_factory=list)
    interpretations: int = 0
    by_principal: int = 0


def _released(agency: Agency, year: int) -> QuerySet[Release]:
    return Release.objects.filter(
        record__in=public_records().filter(agency=agency), released_on__year=year
    )


def release_counts(*, agency: Agency, year: int) -> dict[str, int]:
    """Public records released on each channel in the year (协调发布)."""
    rows = _released(agency, year).values("channel").annotate(n=Count("pk"))
    return {row["channel"]: row["n"] for row in rows}


def release_counts_by_column(*, agency: Agency, year: int) -> dict[str, dict[str, int]]:
    rows = (
        _released(agency, year).values("record__columns__name", "channel").annotate(n=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["record__columns__name"] or "—"][row["channel"]] = row["n"]
    return dict(counts)


def timeliness_counts(
    *, agency: Agency, year: int, calendar: WorkCalendar, limit: int = PUBLICATION_LIMIT
) -> tuple[int, list[Record]]:
    """(on time, late records) among the public records published in the year: working
    days from the day the information was formed or changed (else written) to publication."""
    on_time, late = 0, []
    published = public_records().filter(agency=agency, published_at__year=year)
    for record in published.exclude(formed_on__isnull=True, written_on__isnull=True):
        formed = record.formed_on or record.written_on
        day = timezone.localdate(record.published_at)
        try:
            found = publication_timeliness(calendar, formed=formed, published=day, limit=limit)
        except CalendarRangeError:  # a date beyond the calendar (1901-…): not counted
            continue
        if found.late:
            late.append(record)
        else:
            on_time += 1
    return on_time, late


def year_figures(*, agency: Agency, year: int, calendar: WorkCalendar) -> YearFigures:
    published = public_records().filter(agency=agency, published_at__year=year)
    interpretations = published.filter(interprets__isnull=False)
    on_time, late = timeliness_counts(agency=agency, year=year, calendar=calendar)
    return YearFigures(
        year=year,
        published=published.count(),
        by_channel=release_counts(agency=agency, year=year),
        by_column=release_counts_by_column(agency=agency, year=year),
        on_time=on_time,
        late=len(late),
        late_records=late,
        interpretations=interpretations.count(),
        by_principal=interpretations.filter(by_principal=True).count(),
    )


def years_with_records(*, agency: Agency, today: date) -> list[int]:
    dates = public_records().filter(agency=agency).dates("published_at", "year", order="DESC")
    return [d.year for d in dates] or [today.year]
