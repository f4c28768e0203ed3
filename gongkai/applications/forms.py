"""Forms of the applications console. They parse input only: the services (and core
``check_step`` behind them) decide whether the step may be taken."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications import selectors
from gongkai.applications.intake import ApplicationData, Upload
from gongkai.applications.models import Application, ApplicationFile
from gongkai.core import applications as rules
from gongkai.core.applications.fees import FEE_METHOD_LABELS
from gongkai.core.applications.vocabulary import (
    APPLICANT_KIND_LABELS,
    CHANNEL_LABELS,
    DELIVERY_LABELS,
    IDENTITY_DOCUMENT_LABELS,
    LAPSE_OUTCOMES,
    OUTCOMES,
    PROVISION_FORM_LABELS,
    REPLY_ITEMS,
    VARIANT_LABELS,
)
from gongkai.core.applications.workflow import STATUS_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# [S] The remedies every reply on the merits states (applications.md §11); an initial value
# of the form, in the letter's language.
REMEDIES_TEXT = (
    "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，"
    "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
)


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class StepForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["day"].initial = timezone.localdate()

    def step_kwargs(self) -> dict[str, Any]:
        """What the service takes besides actor, application and now."""
        return dict(self.cleaned_data)


class AssignForm(StepForm):
    handler = forms.ModelChoiceField(label=_("handler"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("handling unit"), queryset=None, required=False)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["handler"].queryset = selectors.handlers_of(application.agency)
        self.fields["unit"].queryset = selectors.units_of(application.agency)


class CorrectionForm(StepForm):
    until = forms.DateField(
        label=_("Correction period until"),
        widget=DATE,
        help_text=_("The last day the applicant may send the corrected application."),
    )


class ReceiveCorrectionForm(StepForm):
    reason = forms.CharField(
        label=_("Good reason for a late correction"),
        widget=TEXTAREA,
        required=False,
        help_text=_(
            "Only when the correction arrived after its period (OGI Regulations, art. 30)."
        ),
    )


class PartyForm(StepForm):
    party = forms.CharField(
        label=_("Consulted party"),
        max_length=200,
        help_text=_("The third party or the other agency."),
    )


class ExtendForm(StepForm):
    reason = forms.CharField(label=_("Reason for the extension"), widget=TEXTAREA)
    approved_by = forms.CharField(
        label=_("Approved by"),
        max_length=100,
        help_text=_("The head of the disclosure office who approved the extension (art. 33)."),
    )


class AskReasonsForm(StepForm):
    until = forms.DateField(
        label=_("Reasons to be stated by"),
        widget=DATE,
        required=False,
        help_text=_(
            "Optional: the day the applicant is asked to answer by. The reply period keeps "
            "running (OGI Regulations, art. 35)."
        ),
    )


class LongerPeriodForm(StepForm):
    until = forms.DateField(
        label=_("Longer reply period until"),
        widget=DATE,
        help_text=_(
            "The reasons were accepted but the periods of art. 33 cannot be met: the new "
            "deadline, later than the current one, told to the applicant (OGI Regulations, "
            "art. 35)."
        ),
    )
    reason = forms.CharField(label=_("Why the reply needs longer"), widget=TEXTAREA)


class FeeForm(StepForm):
    method = forms.ChoiceField(
        label=_("Charging method"),
        choices=[(m.value, label) for m, label in FEE_METHOD_LABELS.items()],
    )
    quantity = forms.IntegerField(
        label=_("Items or pages"), min_value=1, help_text=_("Items (按件计收) or pages (按量计收).")
    )
    earlier = forms.IntegerField(
        label=_("Items of this applicant already counted this month"),
        min_value=0,
        initial=0,
        required=False,
        help_text=_("按件计收 only."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["day"].label = _("Day the applicant received the notice")

    def step_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["earlier"] = data.get("earlier") or 0
        if data["method"] == rules.FeeMethod.PER_PAGE:
            data["earlier"] = 0
        return data


class WithdrawForm(StepForm):
    reason = forms.CharField(label=_("Note"), widget=TEXTAREA, required=False)


class DeliverForm(StepForm):
    note = forms.CharField(
        label=_("How it was delivered"),
        widget=TEXTAREA,
        required=False,
        help_text=_("e.g. EMS tracking number, e-mail address, picked up in person."),
    )


def outcome_choices() -> list[tuple[str, str]]:
    """The rows of table 三 a decision may take (the lapses come from their own steps)."""
    lapses = LAPSE_OUTCOMES - {rules.Outcome.OTHER}
    return [
        (o.value, f"{info.ref} {info.label}" if info.group else info.label)
        for o, info in OUTCOMES.items()
        if o not in lapses
    ]


class DecideForm(StepForm):
    outcome = forms.ChoiceField(label=_("outcome"), choices=())
    variant = forms.ChoiceField(
        label=_("Type of reply"),
        choices=_blank([(v.value, label) for v, label in VARIANT_LABELS.items()]),
        required=False,
        help_text=_("Needed for （一）予以公开 and （四）1 本机关不掌握相关政府信息."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["outcome"].choices = _blank(outcome_choices())
        for item, info in REPLY_ITEMS.items():
            self.fields[f"item_{item.value}"] = forms.CharField(
                label=info.label,
                widget=TEXTAREA,
                required=False,
                help_text=info.article,
                initial=REMEDIES_TEXT if item is rules.ReplyItem.REMEDIES else "",
            )

    def step_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        items = {
            key.removeprefix("item_"): value
            for key, value in data.items()
            if key.startswith("item_") and value
        }
        return {
            "day": data["day"],
            "outcome": data["outcome"],
            "variant": data["variant"],
            "items": items,
        }


STEP_FORMS: dict[rules.Step, type[StepForm]] = {
    rules.Step.ASSIGN: AssignForm,
    rules.Step.REQUEST_CORRECTION: CorrectionForm,
    rules.Step.RECEIVE_CORRECTION: ReceiveCorrectionForm,
    rules.Step.CORRECTION_LAPSED: StepForm,
    rules.Step.SEND_CONSULTATION: PartyForm,
    rules.Step.RECEIVE_OPINION: PartyForm,
    rules.Step.EXTEND: ExtendForm,
    rules.Step.ASK_REASONS: AskReasonsForm,
    rules.Step.SET_LONGER_PERIOD: LongerPeriodForm,
    rules.Step.NOTIFY_FEE: FeeForm,
    rules.Step.RECORD_PAYMENT: StepForm,
    rules.Step.FEE_LAPSED: StepForm,
    rules.Step.WITHDRAW: WithdrawForm,
    rules.Step.DECIDE: DecideForm,
    rules.Step.ISSUE_LETTER: StepForm,
    rules.Step.DELIVER: DeliverForm,
    rules.Step.CLOSE: StepForm,
    rules.Step.ARCHIVE: StepForm,
}


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Text"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("status"),
        choices=_blank([(s.value, label) for s, label in STATUS_LABELS.items()]),
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        return getattr(self, "cleaned_data", {})


def _enum_choices(labels: Any) -> list[tuple[str, str]]:
    return [(member.value, label) for member, label in labels.items()]


class RegisterForm(forms.Form):
    """A paper, in-person, fax or e-mail application registered by the office (条例第29条、
    第31条). The online form is the portal's."""

    channel = forms.ChoiceField(label=_("channel"), choices=())
    arrived = forms.DateField(
        label=_("Day it arrived"),
        widget=DATE,
        help_text=_("Handed in, signed for, or reached the agency."),
    )
    signed_for = forms.BooleanField(label=_("Letter signed for (挂号, EMS)"), required=False)
    confirmed = forms.DateField(
        label=_("Day receipt was confirmed with the applicant"),
        widget=DATE,
        required=False,
        help_text=_("Unsigned letters, fax and e-mail (OGI Regulations, art. 31)."),
    )
    dated_on = forms.DateField(label=_("date of the application"), widget=DATE, required=False)
    applicant_kind = forms.ChoiceField(label=_("applicant"), choices=())
    name = forms.CharField(label=_("name or organisation"), max_length=200)
    legal_representative = forms.CharField(
        label=_("legal representative"), max_length=100, required=False
    )
    id_document = forms.ChoiceField(label=_("identity document"), choices=())
    id_number = forms.CharField(label=_("identity number"), max_length=40)
    phone = forms.CharField(label=_("phone"), max_length=40)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("postal code"), regex=r"^\d{6}$", max_length=6, required=False
    )
    email = forms.EmailField(label=_("e-mail"), required=False)
    description = forms.CharField(label=_("information requested"), widget=TEXTAREA)
    document_hint = forms.CharField(
        label=_("document number or other features"), max_length=200, required=False
    )
    provision_form = forms.ChoiceField(label=_("form of provision"), choices=())
    delivery = forms.ChoiceField(label=_("delivery"), choices=())
    identity_image = forms.FileField(label=_("identity document image"), required=False)
    attachment = forms.FileField(label=_("applicant's attachment"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [
            (c.value, label) for c, label in CHANNEL_LABELS.items() if c is not rules.Channel.ONLINE
        ]
        self.fields["applicant_kind"].choices = _enum_choices(APPLICANT_KIND_LABELS)
        self.fields["id_document"].choices = _enum_choices(IDENTITY_DOCUMENT_LABELS)
        self.fields["provision_form"].choices = _enum_choices(PROVISION_FORM_LABELS)
        self.fields["delivery"].choices = _enum_choices(DELIVERY_LABELS)
        self.fields["arrived"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("identity_image", "attachment"):
            upload = data.get(name)
            if upload is not None and upload.size > MAX_UPLOAD_BYTES:
                self.add_error(name, _("At most 50 MB may be uploaded."))
        return data

    def application_data(self) -> ApplicationData:
        data = self.cleaned_data
        uploads = []
        for name, kind in (
            ("identity_image", ApplicationFile.Kind.IDENTITY),
            ("attachment", ApplicationFile.Kind.ATTACHMENT),
        ):
            upload = data.get(name)
            if upload is not None:
                uploads.append(Upload(name=upload.name, data=upload.read(), kind=kind))
        return ApplicationData(
            applicant_kind=data["applicant_kind"],
            name=data["name"],
            id_document=data["id_document"],
            id_number=data["id_number"],
            phone=data["phone"],
            description=data["description"],
            provision_form=data["provision_form"],
            delivery=data["delivery"],
            legal_representative=data.get("legal_representative", ""),
            address=data.get("address", ""),
            postal_code=data.get("postal_code", ""),
            email=data.get("email", ""),
            document_hint=data.get("document_hint", ""),
            dated_on=data.get("dated_on"),
            uploads=tuple(uploads),
        )

    def receipt_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "arrived": data["arrived"],
            "confirmed": data.get("confirmed"),
            "signed_for": bool(data.get("signed_for")),
        }


# Information provided, remedies (provided.py, remedies.py) ---------------------------------


class ProvidedUploadForm(forms.Form):
    file = forms.FileField(label=_("File provided"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class ProvidedRecordForm(forms.Form):
    record = forms.ModelChoiceField(label=_("Record of the registry"), queryset=None)
    attachment = forms.ModelChoiceField(
        label=_("Attachment"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to provide the record's text."),
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        from gongkai.applications.provided import records_for
        from gongkai.documents.models import Attachment

        super().__init__(*args, **kwargs)
        self.fields["record"].queryset = records_for(application)
        self.fields["attachment"].queryset = Attachment.objects.filter(
            record__agency_id=application.agency_id
        ).select_related("record")
        self.fields["attachment"].label_from_instance = lambda a: (
            f"{a.record.title} — {a.original_name}"
        )


class ProvidedDismissForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXTAREA, max_length=1000)


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("type"), choices=[(k.value, k.label) for k in rules.RemedyKind]
    )
    result = forms.ChoiceField(
        label=_("result"), choices=[(r.value, r.label) for r in rules.RemedyResult]
    )
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2099)
    note = forms.CharField(label=_("note"), widget=TEXTAREA, required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["result"].initial = rules.RemedyResult.PENDING.value


class RemedyUpdateForm(forms.Form):
    result = forms.ChoiceField(
        label=_("result"), choices=[(r.value, r.label) for r in rules.RemedyResult]
    )
    note = forms.CharField(label=_("note"), widget=TEXTAREA, required=False, max_length=2000)


class RemedyFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2099, required=False)
