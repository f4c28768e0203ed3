"""gongkai.core's Messages in the language of the request.

Core says everything in Chinese, for the command line. The console translates each message
by its code from the English msgids below; their zh-hans translations are core's Chinese
sentences, so the Chinese console reads exactly like `gongkai deadline`. A holiday name
the office typed in is shown as typed.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core import clock
from gongkai.core.workcalendar import NAME_VERBATIM, Message, Param

# Between the items of a list: "春节、中秋节", "Spring Festival, Mid-Autumn Festival".
LIST_SEPARATOR = pgettext_lazy("list separator", ", ")

TEMPLATES: Mapping[str, str | Promise] = {
    # gongkai.core.workcalendar: holidays and the reasons of days
    "holiday.new_year": _("New Year's Day"),
    "holiday.spring_festival": _("Spring Festival"),
    "holiday.qingming": _("Qingming Festival"),
    "holiday.labour_day": _("Labour Day"),
    "holiday.dragon_boat": _("Dragon Boat Festival"),
    "holiday.mid_autumn": _("Mid-Autumn Festival"),
    "holiday.national_day": _("National Day"),
    "holiday.victory_day": _("War of Resistance Victory Day"),
    "reason.weekend": _("weekend"),
    "reason.workday": _("working day"),
    "reason.day_off": _("day off"),
    "reason.swap_workday": _("make-up working day (%(holiday)s)"),
    "reason.swap_workday_unnamed": _("make-up working day"),
    "reason.workday_named": _("working day (%(holiday)s)"),
    "reason.made_up_day_off": _("day off in lieu (%(holiday)s)"),
    "range.day": _(
        "The date %(day)s is outside the supported years (%(first_year)s–%(last_year)s)."
    ),
    "range.year": _(
        "The year %(year)s is outside the supported years (%(first_year)s–%(last_year)s)."
    ),
    "range.count": _(
        "Working day %(count)s after %(start)s would fall after %(last_year)s, beyond the "
        "supported years (%(first_year)s–%(last_year)s)."
    ),
    "count.too_small": _("At least 1 working day must be counted, not %(count)s."),
    # gongkai.core.clock: the steps of a deadline, and its refusals
    **{code: WEEKDAYS[number] for number, code in enumerate(clock.WEEKDAYS)},
    "deadline.received": _(
        "The application was received on %(day)s (%(weekday)s). That day is not counted: "
        "%(count)s working days are counted from the next day (OGI Regulations, art. 33(1))."
    ),
    "deadline.corrected": _(
        "The application was received on %(received)s (%(received_weekday)s), the corrected "
        "application on %(corrected)s (%(corrected_weekday)s). The count restarts from the "
        "corrected application (OGI Regulations, art. 30); that day is not counted: "
        "%(count)s working days are counted from the next day (art. 33(1))."
    ),
    "deadline.extended": _(
        "Extended by %(extension)s working days with the approval of the head of the "
        "disclosure office, the applicant informed (OGI Regulations, art. 33(2)): "
        "%(total)s working days in all."
    ),
    "deadline.weekend_worked": _("%(day)s (%(weekday)s): %(reason)s, counted as a working day."),
    "deadline.skipped": _("Skipped %(days)s: %(reasons)s."),
    "deadline.days": _("%(first)s to %(last)s"),
    "deadline.statutory": _("%(holidays)s (statutory holiday)"),
    "deadline.paused": _(
        "%(first)s to %(last)s: consultation, not counted towards the reply period (OGI "
        "Regulations, art. 33(3)); working days left out: %(excluded)s."
    ),
    "deadline.provisional": _(
        "No State Council holiday notice yet for %(years)s: the days off are estimated from "
        "the Measures on National Holidays and Memorial Days. Recompute once the notice is "
        "published."
    ),
    "deadline.due": _(
        "Working day %(count)s is %(day)s (%(weekday)s): the reply is due by that day."
    ),
    "deadline.beyond_range": _(
        "Counting %(count)s working days from %(base)s, the reply deadline would fall after "
        "%(last_year)s, beyond the supported years (%(first_year)s–%(last_year)s)."
    ),
    "deadline.corrected_too_early": _(
        "The corrected application (%(corrected)s) cannot have been received before the "
        "application (%(received)s)."
    ),
    "interval.reversed": _("The interval ends on %(end)s, before it starts on %(start)s."),
    "consultation.answered_too_early": _(
        "The answer (%(answered)s) must come after the consultation letter was sent (%(sent)s)."
    ),
    # gongkai.workcalendar.dates
    "date.invalid": _("The date “%(text)s” is not valid: write it as YYYY-MM-DD."),
    # gongkai.workcalendar.csvfile
    "csv.row": _("Line %(line)s: %(problem)s"),
    "csv.nul": _("It contains a NUL character: the file may be damaged."),
    "csv.unreadable": _(
        "It cannot be read (%(reason)s): check that every quotation mark is closed."
    ),
    "csv.columns": _("There should be %(expected)s columns, not %(found)s."),
    "csv.kind_unknown": _(
        "The kind “%(kind)s” is not known: use holiday (放假, 休息) or workday (上班, 调休上班, "
        "工作日)."
    ),
    "csv.name_missing": _("The name is missing."),
    "csv.name_too_long": _("The name is longer than %(limit)s characters."),
    "csv.source_too_long": _("The source is longer than %(limit)s characters."),
    "csv.note_too_long": _("The note is longer than %(limit)s characters."),
    "csv.duplicate": _("The date %(day)s is also on line %(other)s."),
    "csv.header": _("Line 1 should be the header %(expected)s, not %(found)s."),
    "csv.too_large": _("The file is larger than 1 MB: split it and import the parts."),
    "csv.not_utf8": _("The file is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”."),
    "csv.empty": _("The file is empty."),
    "csv.no_rows": _("The file has no data rows."),
    # gongkai.workcalendar.services
    "import.year_missing": _(
        "The file has no date in %(year)s, so it cannot be imported as that year's notice."
    ),
}


def render(message: Message) -> str:
    """`message` in the active language."""
    if message.code == NAME_VERBATIM:
        return message.text
    params = {name: _param(value) for name, value in message.params.items()}
    return str(TEMPLATES[message.code]) % params


def _param(value: Param) -> str:
    if isinstance(value, Message):
        return render(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return str(LIST_SEPARATOR).join(_param(item) for item in value)
    return str(value)


def translated(error: ValidationError) -> ValidationError:
    """`error` with the Messages among its messages rendered in the active language."""
    if hasattr(error, "error_dict"):
        fields: dict[str, Any] = error.error_dict
        return ValidationError({name: [_one(e) for e in errors] for name, errors in fields.items()})
    return ValidationError([_one(e) for e in error.error_list])


def _one(error: ValidationError) -> ValidationError:
    if isinstance(error.message, Message):
        return ValidationError(render(error.message), code=error.message.code)
    return error
