"""Drafts of sections 一, 五 and 六 from the records (core `annual_report.drafting`), offered on
the console's text page for the office to edit; nothing is saved until they save.

The facts: the year's proactive disclosure from `documents.statistics.year_figures`
(published, releases per channel and per column, 条例第26条 timeliness, interpretations), the
confidentiality reviews passed in the year and the records published 删减后公开; the report's
own tables (so the draft's figures are the tables'); last year's published section 五 and
last year's late publications.
"""

from django.utils import translation

from gongkai.accounts.models import Agency
from gongkai.core import annual_report as ar
from gongkai.documents.models import Record, Release, Review
from gongkai.documents.selectors import public_records
from gongkai.documents.statistics import timeliness_counts, year_figures
from gongkai.reports import selectors
from gongkai.workcalendar.selectors import work_calendar

WEBSITE = Release.Channel.WEBSITE.value


def disclosure_facts(agency: Agency, year: int) -> ar.DisclosureFacts:
    figures = year_figures(agency=agency, year=year, calendar=work_calendar())
    with translation.override("zh-hans"):  # the report is Chinese whatever the UI language
        channels = [
            (str(label), figures.by_channel.get(value, 0))
            for value, label in Release.Channel.choices
        ]
    columns = [
        (name, counts.get(WEBSITE, 0))
        for name, counts in figures.by_column.items()
        if name != "—" and counts.get(WEBSITE)
    ]
    published = public_records().filter(agency=agency, published_at__year=year)
    return ar.DisclosureFacts(
        published=selectors.published_count(agency, year),  # the figure N1 checks
        channels=channels,
        columns=columns,
        on_time=figures.on_time,
        late=figures.late,
        interpretations=figures.interpretations,
        by_principal=figures.by_principal,
        reviewed=Review.objects.filter(
            record__agency=agency, result=Review.Result.PASSED, closed_at__year=year
        ).count(),
        redacted=published.filter(attribute=Record.Attribute.REDACTED).count(),
    )


def last_year(agency: Agency, year: int) -> ar.LastYear:
    """Section 五 of last year's latest published version, and last year's late records
    (None when nothing was published that year: no figures to compare)."""
    published = selectors.latest_published(agency, year - 1)
    if published is None:
        return ar.LastYear()
    problems = next(
        (
            section.get("paragraphs", [])
            for section in published.snapshot.get("sections", [])
            if section.get("number") == "五"
        ),
        [],
    )
    _on_time, late = timeliness_counts(agency=agency, year=year - 1, calendar=work_calendar())
    return ar.LastYear(problems=tuple(problems), late=len(late))


def drafted_text(agency: Agency, year: int, section: str) -> str:
    """The draft of `section` (一, 五 or 六), one paragraph per line, as the text form takes it.
    Raises MessageError when an entered figure of table 二 is not a number."""
    report = selectors.checked_report(agency, year).report
    draft = ar.draft(report, disclosure_facts(agency, year), last_year(agency, year))
    return "\n".join(draft.sections[section])
