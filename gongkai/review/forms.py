from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.review.models import Finding
from gongkai.review.selectors import KIND_LABELS

INSTALLATION = "*"


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class FindingFilterForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("agency"), queryset=Agency.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("state"), choices=_blank(Finding.State.choices), required=False
    )
    origin = forms.ChoiceField(
        label=_("found by"), choices=_blank(Finding.Origin.choices), required=False
    )
    kind = forms.ChoiceField(
        label=_("kind"), choices=_blank(list(KIND_LABELS.items())), required=False
    )
    blocking_only = forms.BooleanField(label=_("blocking only"), required=False)
    published_only = forms.BooleanField(label=_("published records only"), required=False)

    def __init__(
        self, *args: Any, agencies: list[Agency], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])
        if len(agencies) <= 1:
            del self.fields["agency"]
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        if len(agencies) > 1:
            unit_field.label_from_instance = lambda u: f"{u.agency.name} · {u.name}"

    def filters(self) -> dict[str, Any]:
        """The valid filters; an invalid one is shown with its error and ignored."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})


class TermForm(forms.Form):
    """A new term; the service checks it (empty, too long, already on the list)."""

    term = forms.CharField(label=_("term"), required=False, strip=False)
    note = forms.CharField(label=_("note"), required=False)
    scope = forms.ChoiceField(label=_("applies to"))

    def __init__(self, *args: Any, agencies: list[Agency], everywhere: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(a.code, a.name) for a in agencies]
        if everywhere:
            choices.insert(0, (INSTALLATION, _("every agency of the installation")))
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = choices
        if len(choices) == 1:
            scope.initial = choices[0][0]
            scope.widget = forms.HiddenInput()
        self.agencies = {a.code: a for a in agencies}

    def agency(self) -> Agency | None:
        code = self.cleaned_data["scope"]
        return None if code == INSTALLATION else self.agencies[code]


class TermNoteForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False)
