"""Reads of the work report: the agency a user may see, the report built from the records
and the office's entries, the versions of a part's text. A hidden agency is a 404."""

from typing import Any

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.core import work_report as wr
from gongkai.core.workcalendar import MessageError
from gongkai.workreport import sources
from gongkai.workreport.models import WorkFigure, WorkTask, WorkText, WorkTextVersion


def entered_figures(agency: Agency, year: int) -> dict[str, str]:
    """The office's figures of the year as typed, by key."""
    rows = WorkFigure.objects.filter(agency=agency, year=year).values_list("key", "value")
    return dict(rows)


def texts_of(agency: Agency, year: int) -> dict[str, str]:
    return dict(WorkText.objects.filter(agency=agency, year=year).values_list("part", "text"))


def tasks_of(agency: Agency, year: int) -> list[WorkTask]:
    return list(WorkTask.objects.filter(agency=agency, year=year).order_by("position"))


def work_report(agency: Agency, year: int) -> wr.WorkReport:
    """The report on `year` from the records and the entries. A stored entry that does not
    parse (changed outside the console) raises MessageError naming its figure."""
    entered, errors = wr.clean_entered(entered_figures(agency, year))
    if errors:
        raise MessageError(next(iter(errors.values())))
    modules = sources.module_figures(agency, year)
    return wr.assemble(
        agency=agency.name,
        year=year,
        figures=wr.resolve(modules, entered),
        prose=texts_of(agency, year),
        tasks=[task.row() for task in tasks_of(agency, year)],
    )


def text_versions_for(*, user: Any, agency: Agency, year: int, part: str) -> list[WorkTextVersion]:
    require(user, Action.VIEW_ANNUAL_REPORT, agency)
    return list(
        WorkTextVersion.objects.filter(agency=agency, year=year, part=part)
        .select_related("saved_by")
        .order_by("-version")
    )
