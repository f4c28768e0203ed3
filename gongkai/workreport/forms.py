"""The console's forms of the work report."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.core import work_report as wr
from gongkai.workreport import services


class FiguresForm(forms.Form):
    """Every figure of the report as typed. `computed` gives, for the figures a Gongkai
    module computes, the module's value: an entry is used only for a year it has no data."""

    def __init__(self, *args: Any, computed: Mapping[str, wr.Figure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for definition in wr.FIGURES:
            label = (
                f"{definition.label}（{definition.unit}）" if definition.unit else definition.label
            )
            figure = computed.get(definition.key)
            help_text = ""
            if figure is not None and figure.source is wr.Source.COMPUTED:
                help_text = _(
                    "Computed from the records: %(value)s. An entry is used only for a year "
                    "the records hold nothing of."
                ) % {"value": figure.shown}
            elif definition.approximate:
                help_text = _("A rough figure may be entered as “300多”.")
            self.fields[definition.key] = forms.CharField(
                label=label, required=False, max_length=40, help_text=help_text
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            services.clean_figures({k: v or "" for k, v in data.items()})
        except ValidationError as exc:
            for field, problems in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, problems)
        return data


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text (one paragraph per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
    )


class TaskForm(forms.Form):
    task = forms.CharField(
        label=_("task"), required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 40})
    )
    unit = forms.CharField(label=_("responsible unit"), required=False, max_length=200)
    schedule = forms.CharField(label=_("schedule"), required=False, max_length=100)
    status = forms.CharField(
        label=_("implementation status"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = any((data.get(name) or "").strip() for name in services.TASK_FIELDS)
        if filled and not (data.get("task") or "").strip():
            self.add_error("task", _("Give the task of this row."))
        return data


TaskFormSet = forms.formset_factory(TaskForm, extra=3, can_delete=True, max_num=200)


def task_rows(formset: Any) -> list[dict[str, str]]:
    """The rows of a valid formset, in order, without deleted and empty ones."""
    rows = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        if any((data.get(name) or "").strip() for name in services.TASK_FIELDS):
            rows.append({name: data.get(name) or "" for name in services.TASK_FIELDS})
    return rows
