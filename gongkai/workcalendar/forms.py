from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.clock import Interval
from gongkai.core.workcalendar import SUPPORTED_YEARS, CalendarRangeError, check_day
from gongkai.workcalendar.messages import render
from gongkai.workcalendar.models import CalendarDay

FIRST_YEAR, LAST_YEAR = SUPPORTED_YEARS.start, SUPPORTED_YEARS.stop - 1
# How many consultations (条例第32条, 第34条) the calculator takes at once.
CONSULTATIONS = 3


class DayField(forms.DateField):
    """A date the work calendar covers (1901–2099)."""

    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None:
            try:
                check_day(value)
            except CalendarRangeError as exc:
                raise forms.ValidationError(render(exc.message), code=exc.message.code) from None


class CalendarDayForm(forms.Form):
    day = DayField(label=_("Date"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CalendarDay.Kind.choices)
    name = forms.CharField(
        label=_("Holiday name"),
        max_length=50,
        help_text=_("The holiday the day off or the 调休 working day belongs to, e.g. 春节"),
    )
    source = forms.CharField(
        label=_("Source notice"),
        max_length=200,
        required=False,
        help_text=_("e.g. 国务院办公厅关于2027年部分节假日安排的通知"),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class OfficialYearForm(forms.Form):
    year = YearField(label=_("Year"))
    notice = forms.CharField(
        label=_("Notice"),
        max_length=200,
        help_text=_(
            "The title of the State Council notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知"
        ),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 text with the header date,kind,name[,source,note]; kind is holiday "
            "(放假) or workday (调休上班). At most 1 MB."
        ),
    )
    complete = forms.BooleanField(
        label=_("This file is the complete State Council notice for the year below"),
        required=False,
    )
    year = YearField(label=_("Year of the notice"), required=False)
    notice = forms.CharField(
        label=_("Notice title"),
        max_length=200,
        required=False,
        help_text=_("Left empty: 国务院办公厅关于<year>年部分节假日安排的通知"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("complete") and not data.get("year"):
            self.add_error("year", _("Give the year of the notice."))
        return data


class DeadlineForm(forms.Form):
    """The events of 条例第30–33条 that move a reply deadline."""

    received = DayField(label=_("Application received on"))
    corrected = DayField(
        label=_("Corrected application received on"),
        required=False,
        help_text=_("条例第30条: the count restarts from the corrected application."),
    )
    extended = forms.BooleanField(
        label=_("Extended by 20 working days (条例第33条第2款)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, CONSULTATIONS + 1):
            self.fields[f"pause_{n}_start"] = DayField(
                label=_("Consultation %(n)s: first day not counted") % {"n": n}, required=False
            )
            self.fields[f"pause_{n}_end"] = DayField(
                label=_("Consultation %(n)s: last day not counted") % {"n": n}, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received, corrected = data.get("received"), data.get("corrected")
        if received and corrected and corrected < received:
            self.add_error(
                "corrected", _("The corrected application cannot arrive before the application.")
            )
        data["paused"] = [p for n in range(1, CONSULTATIONS + 1) if (p := self._pause(n, data))]
        return data

    def _pause(self, n: int, data: dict[str, Any]) -> Interval | None:
        start: date | None = data.get(f"pause_{n}_start")
        end: date | None = data.get(f"pause_{n}_end")
        if start is None and end is None:
            return None
        if start is None or end is None:
            missing = f"pause_{n}_end" if end is None else f"pause_{n}_start"
            if missing not in self.errors:
                self.add_error(missing, _("Give both the first and the last day."))
            return None
        if end < start:
            self.add_error(f"pause_{n}_end", _("The last day is before the first day."))
            return None
        return Interval(start, end)

    def pause_pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"pause_{n}_start"], self[f"pause_{n}_end"]) for n in range(1, CONSULTATIONS + 1)
        ]
