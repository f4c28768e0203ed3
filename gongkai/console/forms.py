from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import (
    Agency,
    RoleAssignment,
    Unit,
    User,
    validate_registration_template,
)
from gongkai.accounts.services import AGENCY_FIELDS, UNIT_FIELDS
from gongkai.core import disclosure
from gongkai.core.applications import DEFAULT_REGISTRATION_TEMPLATE


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong user name or password."),
        "inactive": _("This account is disabled."),
    }


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
    new_password_again = forms.CharField(label=_("New password again"), widget=forms.PasswordInput)

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("The current password is wrong."))
        return old

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two new passwords differ."))
        return data


class AgencyForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Agency
        fields = AGENCY_FIELDS  # what accounts.services.agency_update changes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["index_template"].required = False  # empty: the default template
        self.fields["application_number_template"].required = False  # idem

    def clean_index_template(self) -> str:
        template: str = self.cleaned_data["index_template"] or disclosure.DEFAULT_INDEX_TEMPLATE
        try:
            disclosure.check_index_template(template)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return template

    def clean_application_number_template(self) -> str:
        template: str = (
            self.cleaned_data["application_number_template"] or DEFAULT_REGISTRATION_TEMPLATE
        )
        validate_registration_template(template)  # the core's Chinese reason
        return template


class NewAgencyForm(AgencyForm):
    class Meta(AgencyForm.Meta):
        fields = ["code", *AgencyForm.Meta.fields]


class UnitForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Unit
        fields = UNIT_FIELDS  # what accounts.services.unit_create/unit_update change

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agency = agency


class StaffForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=RoleAssignment.Role.choices, widget=forms.CheckboxSelectMultiple
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for a staff member who works for the whole agency."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "phone", "email", "agency", "is_active"]

    def __init__(self, *args: Any, agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])
        self.fields["units"].queryset = Unit.objects.filter(agency__in=agencies).select_related(
            "agency"
        )
        self.fields["full_name"].required = True
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.initial["roles"] = sorted(self.instance.roles)
            self.initial["units"] = list(self.instance.units.all())


class NewStaffForm(StaffForm):
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput,
        help_text=_(
            "At least 12 characters mixing three of: lower case, capitals, digits, symbols."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ResetPasswordForm(ReasonForm):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
