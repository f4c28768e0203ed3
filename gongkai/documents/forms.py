"""Forms of the records console. They parse input only: the services validate the record
(文号, attribute, workflow) and their ValidationError dicts land on these fields."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.accounts.permissions import unit_bound
from gongkai.core import disclosure
from gongkai.core.taxonomy import GENRES
from gongkai.documents import selectors
from gongkai.documents.models import Column, Record, Release

# The cap of gongkai.core.files (Limits.max_bytes): checked here before the upload is read
# into memory, so an oversized file costs nothing but its transfer.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class ColumnChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Column) -> str:
        return f"{obj.parent.name} / {obj.name}" if obj.parent_id else obj.name


class RecordForm(forms.ModelForm):
    """All the metadata of a draft; `version` is the one the editor loaded (lost-update guard)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    columns = ColumnChoice(
        label=_("columns"),
        queryset=Column.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    SECTIONS = [
        (
            _("Metadata"),
            ["title", "unit", "issuing_body", "document_number", "written_on", "formed_on"],
        ),
        (_("Classification"), ["subject", "genre", "keywords", "summary", "columns", "note"]),
        (_("Normative document"), ["is_normative", "registration_number"]),
        (_("Body"), ["body"]),
        (_("Disclosure attribute"), ["attribute", "ground", "attribute_reason", "redacted_body"]),
        (
            _("Interpretation"),
            [
                "needs_interpretation",
                "interprets",
                "interpretation_form",
                "interpreter",
                "by_principal",
            ],
        ),
    ]

    class Meta:
        model = Record
        fields = [
            "title",
            "unit",
            "issuing_body",
            "document_number",
            "written_on",
            "formed_on",
            "subject",
            "genre",
            "keywords",
            "summary",
            "note",
            "is_normative",
            "registration_number",
            "body",
            "attribute",
            "ground",
            "attribute_reason",
            "redacted_body",
            "needs_interpretation",
            "interprets",
            "interpretation_form",
            "interpreter",
            "by_principal",
        ]
        widgets = {
            "written_on": DATE,
            "formed_on": DATE,
            "summary": TEXTAREA,
            "attribute_reason": TEXTAREA,
            "body": forms.Textarea(attrs={"rows": 16}),
            "redacted_body": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "document_number": _("e.g. 临民字〔2018〕2号; [ ] and ( ) are turned into 〔 〕."),
            "body": _("Text or HTML; scripts, event handlers and javascript: links are removed."),
            "keywords": _("Separate keywords with spaces or commas."),
        }

    def __init__(self, *args: Any, user: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        units = Unit.objects.filter(agency=agency, active=True)
        bound = unit_bound(user)
        if bound is not None:
            # A drafter of a unit drafts for that unit (条例: 谁制作谁公开).
            units = units.filter(pk__in=bound)
            self.fields["unit"].required = True
            if len(bound) == 1 and not self.instance.pk:
                self.initial.setdefault("unit", next(iter(bound)))
        self.fields["unit"].queryset = units
        self.fields["columns"].queryset = Column.objects.filter(agency=agency).select_related(
            "parent"
        )
        policies = selectors.interpretable_records_for(
            user=user, agency=agency, keep=self.instance.interprets_id
        )
        if self.instance.pk:
            policies = policies.exclude(pk=self.instance.pk)
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("columns", list(self.instance.columns.all()))
        self.fields["interprets"].queryset = policies

    def clean_document_number(self) -> str:
        """A 文号 already used in the agency, named on its field: the database constraint
        alone would only say that a constraint failed. Its format is the service's check."""
        number: str = self.cleaned_data["document_number"]
        try:
            official = disclosure.normalize_document_number(number)
        except ValueError:
            return number
        taken = Record.objects.filter(agency=self.instance.agency, document_number=official)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Another record of this agency already has the document number %(number)s."),
                params={"number": official},
            )
        return number

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in self.SECTIONS]

    def record_data(self) -> dict[str, Any]:
        """What record_create/record_update take as `data`."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=_blank(Record.Status.choices), required=False
    )
    column = forms.ModelChoiceField(
        label=_("column"), queryset=Column.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    genre = forms.ChoiceField(
        label=_("genre"), choices=_blank([(g, g) for g in GENRES]), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1949, max_value=2100, required=False)

    def __init__(
        self, *args: Any, columns: QuerySet[Column], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = columns
        self.fields["unit"].queryset = units

    def filters(self) -> dict[str, Any]:
        """The valid filters; an invalid one is shown with its error and ignored."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})


def check_upload_size(upload: Any) -> Any:
    if upload is not None and upload.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s MB; at most 50 MB may be uploaded. Compress or split it."),
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )
    return upload


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, DOCX, XLSX, PNG, JPEG, GIF or ZIP, at most 50 MB. The type is checked by "
            "the content, so the name's extension must match it."
        ),
    )

    def clean_file(self) -> Any:
        return check_upload_size(self.cleaned_data.get("file"))


# Workflow steps. Each takes the user and the record, so that a form can look things up
# within what the user may see; most of them need neither.


class StepForm(forms.Form):
    def __init__(self, *args: Any, user: Any = None, record: Record | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.user, self.record = user, record


class NotesForm(StepForm):
    notes = forms.CharField(label=_("Review notes"), widget=TEXTAREA, required=False)


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=2000)


class ApproveForm(StepForm):
    waiver = forms.CharField(
        label=_("Publish without its interpretation, because"),
        widget=TEXTAREA,
        required=False,
        help_text=_(
            "Only for a document that needs an interpretation and has none ready "
            "(an approver's waiver, recorded with the reason)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.record is not None and not self.record.needs_interpretation:
            del self.fields["waiver"]


class ScheduleForm(ApproveForm):
    publish_at = forms.DateTimeField(
        label=_("Publish at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    field_order = ["publish_at", "waiver"]

    def clean_publish_at(self) -> Any:
        moment = self.cleaned_data["publish_at"]
        if moment <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return moment


class ValidityForm(StepForm):
    validity = forms.ChoiceField(label=_("validity"), choices=Record.Validity.choices)
    changed_on = forms.DateField(label=_("validity changed on"), widget=DATE, required=False)
    replaced_by = forms.CharField(
        label=_("Replaced by (index number)"),
        max_length=80,
        required=False,
        help_text=_("The 索引号 of the record that replaces this one, if any."),
    )
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, required=False)

    def clean_replaced_by(self) -> Record | None:
        number = self.cleaned_data["replaced_by"].strip()
        if not number or self.record is None:
            return None
        found = selectors.record_by_index_number_for(
            user=self.user, agency=self.record.agency, index_number=number
        )
        if found is None:
            raise forms.ValidationError(_("No record of this agency has this index number."))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("validity") not in {None, Record.Validity.CURRENT} and not data.get(
            "changed_on"
        ):
            self.add_error("changed_on", _("Give the date the validity changed."))
        return data


class ReleaseForm(StepForm):
    channel = forms.ChoiceField(
        label=_("channel"),
        choices=[c for c in Release.Channel.choices if c[0] != Release.Channel.WEBSITE],
    )
    released_on = forms.DateField(label=_("released on"), widget=DATE)
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    photo = forms.ImageField(
        label=_("photo"),
        required=False,
        help_text=_("For a notice board or a press conference: a photo, at most 50 MB."),
    )
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean_photo(self) -> Any:
        return check_upload_size(self.cleaned_data.get("photo"))


STEP_FORMS: dict[str, type[StepForm]] = {
    "submit": StepForm,
    "pass-review": NotesForm,
    "approve": ApproveForm,
    "schedule": ScheduleForm,
    "return": ReasonForm,
    "revoke": ReasonForm,
    "archive": StepForm,
    "validity": ValidityForm,
    "release": ReleaseForm,
}


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = ["name", "slug", "kind", "parent", "position", "hidden", "description"]

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        parents = Column.objects.filter(agency=agency)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents

    def clean_slug(self) -> str:
        """Named on its field; the database constraint would speak of the whole form."""
        slug: str = self.cleaned_data["slug"]
        taken = Column.objects.filter(agency=self.instance.agency, slug=slug)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The agency already has a column with this short name."))
        return slug

    def column_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
