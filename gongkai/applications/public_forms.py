"""The public forms: an application for government information (条例第29条) and /track/.

The forms check what a person can correct at once (required fields, phone, postal code,
e-mail, dates, the identity number's check digit, the size and name of uploads); the
registration service checks the identity and the uploads' content again and has the last
word (gongkai.applications.intake).
"""

import re
import unicodedata
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.applications.intake import ApplicationData, Upload
from gongkai.applications.models import ApplicationFile
from gongkai.core import applications as rules
from gongkai.core.applications.vocabulary import ORGANISATION_HEADER
from gongkai.core.workcalendar import MessageError

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 10 * MB
MAX_ATTACHMENTS = 5
IDENTITY_EXTENSIONS = (".jpg", ".jpeg", ".png", ".pdf")

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")
POSTAL_CODE = re.compile(r"\d{6}")


def normalise_phone(value: str) -> str:
    """A phone number as it is stored and compared: half-width, without spaces or the +86."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = re.sub(r"[\s()（）]", "", text).replace("—", "-").replace("－", "-")
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            text = text[len(prefix) :].lstrip("-")
    digits = text.replace("-", "")
    return digits if MOBILE.fullmatch(digits) else text


def phone_key(value: str) -> str:
    """The digits of a phone number: what /track/ compares."""
    return re.sub(r"\D", "", normalise_phone(value))


def _kind_choices() -> list[Any]:
    organisations = [(k.value, k.label) for k in rules.ApplicantKind if k.is_organisation]
    return [
        (rules.ApplicantKind.NATURAL_PERSON.value, rules.ApplicantKind.NATURAL_PERSON.label),
        (ORGANISATION_HEADER, organisations),
    ]


def _choices(enum: Any) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ApplicationForm(forms.Form):
    """条例第29条: who applies, how to reach them, what they ask for and how they want it."""

    required_css_class = "required"

    applicant_kind = forms.ChoiceField(
        label=_("Applicant"),
        choices=_kind_choices,
        widget=forms.RadioSelect,
        initial=rules.ApplicantKind.NATURAL_PERSON.value,
    )
    name = forms.CharField(label=_("Name or name of the organisation"), max_length=200)
    legal_representative = forms.CharField(
        label=_("Legal representative or person in charge"),
        max_length=100,
        required=False,
        help_text=_("Organisations only."),
    )
    id_document = forms.ChoiceField(
        label=_("Identity document"),
        choices=_choices(rules.IdentityDocument),
        initial=rules.IdentityDocument.RESIDENT_ID.value,
        help_text=_("Organisations: 统一社会信用代码."),
    )
    id_number = forms.CharField(label=_("Number of the identity document"), max_length=40)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("A mobile number, or a landline with its area code (0883-1234567)."),
    )
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=6, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter a valid e-mail address, such as name@example.com.")},
        help_text=_("If you give one, the receipt is also sent there."),
    )
    description = forms.CharField(
        label=_("Description of the information requested"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document_hint = forms.CharField(
        label=_("Document number (文号) or other features that identify it"),
        max_length=200,
        required=False,
    )
    provision_form = forms.ChoiceField(
        label=_("Form in which you want the information"),
        choices=_choices(rules.ProvisionForm),
        widget=forms.RadioSelect,
    )
    delivery = forms.ChoiceField(
        label=_("How you want to receive it"),
        choices=_choices(rules.Delivery),
        widget=forms.RadioSelect,
    )
    dated_on = forms.DateField(
        label=_("Date of the application (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2026-03-02.")},
    )
    identity_image = forms.FileField(
        label=_("Photo or scan of the identity document"),
        help_text=_("JPEG, PNG or PDF, at most 10 MB. Organisations: the business licence."),
        error_messages={"empty": _("The file is empty.")},
    )
    attachments = MultipleFileField(
        label=_("Other attachments (optional)"),
        required=False,
        help_text=_("At most 5 files of 10 MB each: PDF, DOCX, XLSX, JPEG, PNG, GIF or ZIP."),
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["dated_on"].widget.attrs["max"] = today.isoformat()

    # Fields ---------------------------------------------------------------------------------

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data["phone"])
        if not (MOBILE.fullmatch(phone) or LANDLINE.fullmatch(phone)):
            raise forms.ValidationError(
                _(
                    "Enter a mobile number of 11 digits, or a landline with its area code "
                    "(0883-1234567)."
                ),
                code="phone",
            )
        return phone

    def clean_postal_code(self) -> str:
        code = unicodedata.normalize("NFKC", self.cleaned_data["postal_code"]).strip()
        if code and not POSTAL_CODE.fullmatch(code):
            raise forms.ValidationError(
                _("A postal code has 6 digits (677000)."), code="postal_code"
            )
        return code

    def clean_dated_on(self) -> date | None:
        dated = self.cleaned_data["dated_on"]
        if dated is not None and dated > self.today:
            raise forms.ValidationError(
                _("The date of the application cannot be later than today."), code="future"
            )
        return dated

    def _checked_upload(self, upload: UploadedFile) -> UploadedFile:
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("“%(name)s” is larger than 10 MB."),
                code="too_large",
                params={"name": upload.name},
            )
        return upload

    def clean_identity_image(self) -> UploadedFile:
        upload = self._checked_upload(self.cleaned_data["identity_image"])
        if not str(upload.name).lower().endswith(IDENTITY_EXTENSIONS):
            raise forms.ValidationError(
                _("Upload a photo or scan of the document: JPEG, PNG or PDF."),
                code="identity_type",
            )
        return upload

    def clean_attachments(self) -> list[UploadedFile]:
        uploads = self.cleaned_data["attachments"]
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("At most %(count)d attachments."),
                code="too_many",
                params={"count": MAX_ATTACHMENTS},
            )
        return [self._checked_upload(upload) for upload in uploads]

    # Together ------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind_value = data.get("applicant_kind")
        kind = rules.ApplicantKind(kind_value) if kind_value else None
        if kind is not None and kind.is_organisation and not data.get("legal_representative"):
            self.add_error(
                "legal_representative",
                forms.ValidationError(
                    _("An organisation gives its legal representative or person in charge."),
                    code="legal_representative",
                ),
            )
        document = data.get("id_document")
        if kind is not None and document and data.get("id_number"):
            try:
                data["id_number"] = rules.check_identity(
                    kind, rules.IdentityDocument(document), data["id_number"]
                )
            except MessageError as exc:
                self.add_error("id_number", forms.ValidationError(str(exc), code="identity"))
        delivery, provision = data.get("delivery"), data.get("provision_form")
        if delivery == rules.Delivery.POST and not (
            data.get("address") and data.get("postal_code")
        ):
            for name in ("address", "postal_code"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        forms.ValidationError(
                            _("Needed when the information is sent by post."), code="for_post"
                        ),
                    )
        wants_email = delivery == rules.Delivery.EMAIL or provision == rules.ProvisionForm.EMAIL
        if wants_email and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Needed when the information is sent by e-mail."), code="for_email"
                ),
            )
        return data

    def application_data(self) -> ApplicationData:
        """What the registration service takes; call only on a valid form."""
        data = self.cleaned_data
        uploads = [_upload(data["identity_image"], ApplicationFile.Kind.IDENTITY)]
        uploads += [_upload(item, ApplicationFile.Kind.ATTACHMENT) for item in data["attachments"]]
        return ApplicationData(
            applicant_kind=data["applicant_kind"],
            name=data["name"],
            legal_representative=data["legal_representative"].strip(),
            id_document=data["id_document"],
            id_number=data["id_number"],
            phone=data["phone"],
            address=data["address"].strip(),
            postal_code=data["postal_code"],
            email=data["email"].strip(),
            description=data["description"].strip(),
            document_hint=data["document_hint"].strip(),
            provision_form=data["provision_form"],
            delivery=data["delivery"],
            dated_on=data["dated_on"],
            uploads=tuple(uploads),
        )

    def upload_field_of(self, file_name: str) -> str | None:
        """Which upload field a refused file name came from (the service names the file)."""
        image = self.cleaned_data.get("identity_image")
        if image is not None and image.name == file_name:
            return "identity_image"
        if any(item.name == file_name for item in self.cleaned_data.get("attachments", [])):
            return "attachments"
        return None


def _upload(upload: UploadedFile, kind: str) -> Upload:
    upload.seek(0)
    return Upload(name=str(upload.name), data=upload.read(), kind=kind)


class TrackForm(forms.Form):
    """A tracking code and something only the applicant knows: the phone given in the
    application, or the last 4 characters of the identity number."""

    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone = forms.CharField(
        label=_("Phone given in the application"), max_length=40, required=False
    )
    id_last4 = forms.CharField(
        label=_("Or: the last 4 characters of the identity number"),
        max_length=4,
        min_length=4,
        required=False,
        error_messages={"min_length": _("Enter the last 4 characters.")},
    )

    def clean_code(self) -> str:
        code = unicodedata.normalize("NFKC", self.cleaned_data["code"])
        return re.sub(r"[\s-]", "", code).upper()

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_id_last4(self) -> str:
        return unicodedata.normalize("NFKC", self.cleaned_data["id_last4"]).strip().upper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("phone") and not data.get("id_last4") and not self.errors:
            raise forms.ValidationError(
                _("Enter the phone or the last 4 characters of the identity number."),
                code="secret",
            )
        return data


class CorrectionForm(forms.Form):
    """The corrected application, sent through /track/ (条例第30条)."""

    text = forms.CharField(
        label=_("Corrected application"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
        help_text=_("Describe the information you ask for as the correction notice asked."),
    )
    file = forms.FileField(
        label=_("File (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel or a picture; at most 10 MB."),
    )

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Write the corrected application or attach it."))
        return data

    def upload(self) -> Upload | None:
        upload = self.cleaned_data.get("file")
        return _upload(upload, ApplicationFile.Kind.CORRECTION) if upload is not None else None
