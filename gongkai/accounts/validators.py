from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule with messages of our own catalogue.

    Django 5.2 changed this message's msgid and its zh_Hans catalogue still has the old
    one, so the Chinese UI showed it in English.
    """

    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short: it needs at least %(min_length)d character.",
            "The password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return self.get_error_message()


class CharacterClassValidator:
    """At least three of: lower-case, upper-case, digits, symbols (common 等保 password rule)."""

    required = 3

    def classes(self, password: str) -> int:
        return sum(
            [
                any(c.islower() for c in password),
                any(c.isupper() for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            ]
        )

    def validate(self, password: str, user: object = None) -> None:
        if self.classes(password) < self.required:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must mix at least three of: lower-case letters, capital letters, "
            "digits and symbols."
        )
