"""Where each figure of the work report comes from: the one switch between computed and
entered figures (docs/work-report.md, "Where the figures come from").

The core's table (`core.work_report.FIGURES`) names the module that supplies each figure.
`PROVIDERS` lists the modules Gongkai has today and computes from their records; the
figures of every other module (letters, hotline, visits, petitions, proposals, media) are
entered by the office. When such a module lands, add its provider here: its figures switch
to computed for every year in which it holds records, and entries stay in use for the
years before it (`core.work_report.resolve`).
"""

from collections.abc import Callable, Mapping

from gongkai.accounts.models import Agency
from gongkai.applications.models import Application
from gongkai.core import work_report as wr
from gongkai.documents.statistics import year_figures
from gongkai.workcalendar.selectors import work_calendar


def documents_figures(agency: Agency, year: int) -> wr.ModuleFigures:
    """Public records published in the year, their releases per channel (协调发布), the
    interpretations and those by the principal leader (documents.statistics)."""
    found = year_figures(agency=agency, year=year, calendar=work_calendar())
    values = {
        "published": found.published,
        "interpretations": found.interpretations,
        "principal_interpretations": found.by_principal,
    }
    for channel, count in found.by_channel.items():
        if channel in wr.CHANNEL_KEYS:
            values[wr.CHANNEL_KEYS[channel]] = count
    has_data = found.published > 0 or any(found.by_channel.values())
    return wr.ModuleFigures(wr.DOCUMENTS, values, has_data)


def applications_figures(agency: Agency, year: int) -> wr.ModuleFigures:
    """Disclosure applications received in the year and, of them, those answered (with an
    outcome: decided, lapsed or withdrawn — every way a case ends)."""
    received = Application.objects.filter(agency=agency, received_on__year=year)
    counts = {
        "applications_received": received.count(),
        "applications_answered": received.exclude(outcome="").count(),
    }
    return wr.ModuleFigures(wr.APPLICATIONS, counts, counts["applications_received"] > 0)


PROVIDERS: Mapping[str, Callable[[Agency, int], wr.ModuleFigures]] = {
    wr.DOCUMENTS: documents_figures,
    wr.APPLICATIONS: applications_figures,
}


def computed_modules() -> frozenset[str]:
    return frozenset(PROVIDERS)


def module_figures(agency: Agency, year: int) -> list[wr.ModuleFigures]:
    return [provide(agency, year) for provide in PROVIDERS.values()]


def entered_keys() -> list[str]:
    """The figures the office enters today: those of modules Gongkai does not have."""
    return [f.key for f in wr.FIGURES if f.module not in PROVIDERS]
