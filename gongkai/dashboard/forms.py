"""The dashboard's filter (GET): unit of the chosen agency and year. The agency itself is
looked up with permission by the selector (an agency the user may not see is a 404)."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.dashboard.selectors import units_of

# 条例 (2007) took effect on 1 May 2008: no disclosure figures before that year.
FIRST_YEAR = 2008


class DashboardFilter(forms.Form):
    unit = forms.ChoiceField(
        label=_("Unit (drafting or handling)"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of this agency's units.")},
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        error_messages={"invalid": _("Enter the year as four digits, e.g. 2025.")},
    )

    def __init__(self, *args: Any, agency: Agency, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.units = {unit.code: unit for unit in units_of(agency)}
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All units"))] + [
            (code, unit.name) for code, unit in self.units.items()
        ]

    def clean_unit(self) -> Unit | None:
        code = self.cleaned_data.get("unit")
        return self.units[code] if code else None

    def clean_year(self) -> int:
        year = self.cleaned_data.get("year")
        if year is None:
            return self.today.year
        if not FIRST_YEAR <= year <= self.today.year:
            raise forms.ValidationError(
                _("Choose a year from %(first)d to %(last)d."),
                params={"first": FIRST_YEAR, "last": self.today.year},
                code="year_range",
            )
        return int(year)

    def years(self) -> list[int]:
        return list(range(self.today.year, FIRST_YEAR - 1, -1))
