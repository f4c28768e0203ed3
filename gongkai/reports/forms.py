"""The console's forms of the annual report."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.reports import services


class FiguresForm(forms.Form):
    """行政许可, 行政处罚, 行政强制 (本年处理决定数量) and 行政事业性收费 (本年收费金额, 万元) as typed;
    the core refuses a bad one naming its cell."""

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        for key, (name, _kind) in services.figure_cells(year).items():
            self.fields[key] = forms.CharField(label=name, required=False, max_length=40)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            services.clean_figures(self.year, {k: v or "" for k, v in data.items()})
        except ValidationError as exc:
            for field, problems in exc.error_dict.items():
                self.add_error(field, problems)
        return data


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text (one paragraph per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for publishing despite the failed checks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What changed (required for a correction)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class EnteredTablesForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook of tables 二, 三 and 四 (.xlsx, in the layout of the download)"),
        error_messages={"required": _("Choose the workbook to load.")},
    )
