"""The dashboard's sections: each a table of months (with its totals) and the chart drawn
from the same numbers, so the page, the chart and the CSV download never disagree."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from gongkai.core import statistics as stats
from gongkai.core.charts import BarChart, Series, bar_chart_svg, number
from gongkai.dashboard.selectors import (
    NO_COLUMN,
    OTHER_COLUMNS,
    ApplicationFigures,
    Keyed,
    PublicationFigures,
    Scope,
)

Cell = int | float | str | None


@dataclass(frozen=True)
class Section:
    key: str  # the CSV's name and the chart's id
    title: str
    note: str
    headers: Sequence[str]  # the first one heads the month column
    rows: Sequence[Sequence[Cell]]  # the month label first
    totals: Sequence[Cell]  # the totals label first
    svg: SafeString

    @property
    def shown_rows(self) -> list[list[str]]:
        return [[cell(value) for value in row] for row in self.rows]

    @property
    def shown_totals(self) -> list[str]:
        return [cell(value) for value in self.totals]


def month_label(month: int) -> str:
    return _("month %(month)d") % {"month": month}


def cell(value: Cell) -> str:
    if value is None:
        return "—"
    return number(value) if isinstance(value, int | float) else value


def _chart(
    key: str, title: str, description: str, series: list[Series], *, stacked: bool, unit: str
) -> SafeString:
    chart = BarChart(
        title=title,
        description=description,
        categories=[str(month) for month in stats.MONTHS],
        series=series,
        stacked=stacked,
        x_label=_("Month"),
        y_label=unit,
        chart_id=f"chart-{key}",
    )
    # core.charts escapes every text it is given
    return mark_safe(bar_chart_svg(chart))


def _counts_section(
    key: str, title: str, note: str, keyed: Keyed, *, stacked: bool = True, unit: str = ""
) -> Section:
    """Counts per month and key, with a total column and a totals row."""
    labels = [label for _key, label in keyed.keys]
    totals = stats.column_totals(keyed.grid)
    grand = sum(totals)
    rows: list[list[Cell]] = [
        [month_label(month), *row, sum(row)]
        for month, row in zip(stats.MONTHS, keyed.grid, strict=True)
    ]
    # every key keeps its place in the legend (and its colour) even in a year without any
    series = [Series(label, [row[k] for row in keyed.grid]) for k, label in enumerate(labels)]
    description = _("%(title)s, %(year_total)s in all; the table below gives every month.") % {
        "title": title,
        "year_total": grand,
    }
    return Section(
        key=key,
        title=title,
        note=note,
        headers=[_("Month"), *labels, _("Total")],
        rows=rows,
        totals=[_("Total"), *totals, grand],
        svg=_chart(key, title, description, series, stacked=stacked, unit=unit),
    )


def _used(keyed: Keyed, always: int = 1) -> Keyed:
    """Only the keys with a count in the year (at least the first `always`)."""
    totals = stats.column_totals(keyed.grid)
    kept = [k for k in range(len(keyed.keys)) if totals[k] or k < always]
    return Keyed(
        [keyed.keys[k] for k in kept], tuple(tuple(row[k] for k in kept) for row in keyed.grid)
    )


def _column_labels(keyed: Keyed) -> Keyed:
    names = {OTHER_COLUMNS: _("other columns"), NO_COLUMN: _("in no column")}
    return Keyed([(k, names.get(k, label)) for k, label in keyed.keys], keyed.grid)


def publication_sections(figures: PublicationFigures) -> list[Section]:
    timeliness = Keyed(
        [("on_time", _("on time")), ("late", _("late"))],
        tuple(zip(figures.on_time, figures.late, strict=True)),
    )
    timely = _counts_section(
        "timeliness",
        _("Timeliness of publication (条例第26条)"),
        _(
            "Public records published in the month: within 20 working days of the day the "
            "information was formed or changed (else written), or later."
        ),
        timeliness,
        unit=_("records"),
    )
    on_time, late = sum(figures.on_time), sum(figures.late)
    share = stats.share(on_time, on_time + late)
    timely = replace(
        timely,
        headers=[*timely.headers, _("Share on time (%)")],
        rows=[[*row, stats.share(int(row[1] or 0), int(row[3] or 0))] for row in timely.rows],
        totals=[*timely.totals, share],
    )
    return [
        _counts_section(
            "releases",
            _("Releases per month by channel"),
            _("Releases of public records on each channel, by the day of release."),
            _used(figures.by_channel),
            unit=_("releases"),
        ),
        _counts_section(
            "columns",
            _("Public records published per month by column"),
            _(
                "By the day of publication; a record filed in several columns counts in each, "
                "so the total may exceed the number of records."
            ),
            _column_labels(figures.by_column),
            unit=_("records"),
        ),
        timely,
    ]


def application_sections(figures: ApplicationFigures) -> list[Section]:
    flow = Keyed(
        [("received", _("received")), ("concluded", _("concluded"))],
        tuple(zip(figures.received, (sum(row) for row in figures.concluded), strict=True)),
    )
    flow_section = _counts_section(
        "applications",
        _("Applications received and concluded per month"),
        _(
            "Received: by the date of receipt (条例第31条). Concluded: by the day of the decision, "
            "the lapse or the withdrawal, as table 三 of the annual report counts them."
        ),
        flow,
        stacked=False,
        unit=_("applications"),
    )
    # received and concluded are not parts of one whole: no total column
    flow_section = replace(
        flow_section,
        headers=flow_section.headers[:-1],
        rows=[row[:-1] for row in flow_section.rows],
        totals=flow_section.totals[:-1],
    )
    outcomes = Keyed([(g.value, g.label) for g in stats.OutcomeGroup], figures.concluded)
    return [
        flow_section,
        _counts_section(
            "outcomes",
            _("Concluded applications per month by outcome"),
            _("The six groups of results of table 三 of the annual report."),
            outcomes,
            unit=_("applications"),
        ),
        handling_section(figures),
    ]


def handling_section(figures: ApplicationFigures) -> Section:
    title = _("Handling time in working days")
    months = figures.handling_by_month
    rows = [
        [month_label(month), s.count, s.median, s.p95]
        for month, s in zip(stats.MONTHS, months, strict=True)
    ]
    series = [
        Series(_("median"), [s.median or 0 for s in months]),
        Series(_("95th percentile"), [s.p95 or 0 for s in months]),
    ]
    year = figures.handling
    description = _(
        "Median %(median)s and 95th percentile %(p95)s working days over %(count)s replies; "
        "the table below gives every month."
    ) % {"median": cell(year.median), "p95": cell(year.p95), "count": year.count}
    return Section(
        key="handling",
        title=title,
        note=_(
            "Working days after the date of receipt up to the day of the reply, by the month "
            "of the reply; lapses and withdrawals are not replies and are not counted. The "
            "95th percentile is by nearest rank: 95 % of the replies took no longer."
        ),
        headers=[_("Month"), _("replies"), _("median"), _("95th percentile")],
        rows=rows,
        totals=[_("Whole year"), year.count, year.median, year.p95],
        svg=_chart("handling", title, description, series, stacked=False, unit=_("working days")),
    )


def sections_by_key(sections: Sequence[Section]) -> dict[str, Section]:
    return {section.key: section for section in sections}


def scope_label(scope: Scope) -> str:
    parts = [scope.agency.name, *([scope.unit.name] if scope.unit else []), str(scope.year)]
    return " · ".join(parts)


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    value: str


def key_figures(
    publications: PublicationFigures, applications: ApplicationFigures | None
) -> list[KeyFigure]:
    on_time, late = sum(publications.on_time), sum(publications.late)
    found = [
        KeyFigure("published", _("Public records published"), cell(publications.published)),
        KeyFigure("on-time", _("Published within 20 working days (条例第26条)"), cell(on_time)),
        KeyFigure("late", _("Published later"), cell(late)),
        KeyFigure(
            "interpretations", _("Interpretations published"), cell(publications.interpretations)
        ),
        KeyFigure(
            "by-principal",
            _("of them by the principal leader (第一解读人)"),
            cell(publications.by_principal),
        ),
    ]
    if applications is None:
        return found
    handling = applications.handling
    moment = applications.moment.isoformat()
    return found + [
        KeyFigure("received", _("Applications received"), cell(sum(applications.received))),
        KeyFigure(
            "concluded",
            _("Applications concluded"),
            cell(sum(sum(row) for row in applications.concluded)),
        ),
        KeyFigure("replies", _("Replies"), cell(handling.count)),
        KeyFigure("median", _("Median handling time (working days)"), cell(handling.median)),
        KeyFigure("p95", _("95th percentile of handling time (working days)"), cell(handling.p95)),
        KeyFigure(
            "open-overdue",
            _("Open past the reply deadline on %(day)s") % {"day": moment},
            cell(applications.open_overdue),
        ),
        KeyFigure(
            "replied-late", _("Replied after the reply deadline"), cell(applications.replied_late)
        ),
        KeyFigure("overdue", _("Overdue in all"), cell(applications.overdue)),
    ]
