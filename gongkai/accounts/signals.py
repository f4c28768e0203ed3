"""Logins, logouts, failed logins and lockouts are security events: they go to the audit trail."""

from typing import Any

from axes.signals import user_locked_out
from axes.utils import reset as axes_reset
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from gongkai.accounts.models import User
from gongkai.audit.services import audit_log


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Only this account's own failures are forgiven (see AXES_RESET_ON_SUCCESS).
    axes_reset(username=user.get_username())
    audit_log(actor=user, action="auth.login", target=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_log(actor=user, action="auth.logout", target=user)


def _targeted(username: str) -> tuple[User | None, Any]:
    """The account a login attempt aimed at, so its agency's office sees the attempt."""
    user = User.objects.filter(username=username).select_related("agency").first()
    return user, (user.agency if user is not None else None)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    user, agency = _targeted(username)
    audit_log(
        actor=None,
        action="auth.login_failed",
        target=user,
        agency=agency,
        changes={"username": username},
    )


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any, username: str, ip_address: str, **kw: Any) -> None:
    user, agency = _targeted(username or "")
    audit_log(
        actor=None,
        action="auth.locked_out",
        target=user,
        agency=agency,
        changes={"username": (username or "")[:150]},
        ip_address=ip_address,
    )
