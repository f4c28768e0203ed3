"""The public's GET forms: column filters and search. A filter value that does not
validate is ignored and shown as an error; it never reaches a query."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.core.taxonomy import GENRES, SUBJECTS, subject_choices
from gongkai.documents.models import Record
from gongkai.portal.selectors import SEARCH_MAX_LENGTH, RecordFilters

ANY = [("", _("All"))]


def _subject_choices() -> list[tuple[str, Any]]:
    """First levels on their own, then `一级\\二级`: either narrows a column page."""
    return ANY + [(top, top) for top in SUBJECTS] + [(s, s) for s in subject_choices() if "\\" in s]


class ColumnFilterForm(forms.Form):
    subject = forms.ChoiceField(label=_("Subject"), required=False, choices=_subject_choices)
    genre = forms.ChoiceField(
        label=_("Genre"), required=False, choices=ANY + [(g, g) for g in GENRES]
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), required=False, queryset=Unit.objects.none(), empty_label=_("All")
    )
    year = forms.IntegerField(
        label=_("Year published"), required=False, min_value=1949, max_value=2999
    )
    validity = forms.ChoiceField(
        label=_("Validity"), required=False, choices=ANY + list(Record.Validity.choices)
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = Unit.objects.filter(agency=agency, active=True)

    def filters(self) -> RecordFilters:
        """The filters that validated; the others are left out."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if value}
        return RecordFilters(**values)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH, strip=True)

    def query(self) -> str:
        """The query to run, or "" for none (empty, or refused with a message)."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
