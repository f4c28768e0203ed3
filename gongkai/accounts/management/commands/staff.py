"""`gongkai staff`: accounts from the command line — the first system administrator of a
new installation, and a way back in when every administrator is locked out.

Changes go through the same services as the console and are audited with the system as
the actor. Passwords are read from the terminal (twice) or, with --password-stdin, from
one line of standard input; never from the command line, where `ps` would show them.
"""

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.accounts import services
from gongkai.accounts.models import Agency, RoleAssignment, Unit, User

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Create staff accounts, set passwords and lift lockouts from the command line."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="create an account")
        create.add_argument("username")
        create.add_argument("--full-name", required=True)
        create.add_argument(
            "--role", action="append", required=True, choices=RoleAssignment.Role.values
        )
        create.add_argument("--agency", metavar="CODE", help="agency code (not for supervisors)")
        create.add_argument("--unit", action="append", default=[], metavar="CODE")
        create.add_argument("--password-stdin", action="store_true")
        password = sub.add_parser("set-password", help="set a new password")
        password.add_argument("username")
        password.add_argument("--reason", required=True)
        password.add_argument("--password-stdin", action="store_true")
        unlock = sub.add_parser("unlock", help="lift a login lockout")
        unlock.add_argument("username")
        unlock.add_argument("--reason", required=True)

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            message = getattr(self, f"_{subcommand.replace('-', '_')}")(**options)
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc)), returncode=BAD_INPUT) from None
        self.stdout.write(message)

    def _create(self, *, username: str, full_name: str, role: list[str], **options: Any) -> str:
        agency = _agency(options["agency"])
        units = [_unit(agency, code) for code in options["unit"]]
        user = services.staff_create(
            actor=None,
            username=username,
            password=_password(options["password_stdin"]),
            data={"full_name": full_name, "agency": agency, "is_active": True},
            roles=role,
            units=units,
        )
        return f"已创建账号 {user.username} (account created)"

    def _set_password(self, *, username: str, reason: str, **options: Any) -> str:
        password = _password(options["password_stdin"])
        services.staff_reset_password(
            actor=None, user=_user(username), password=password, reason=reason
        )
        return f"已为 {username} 设置新密码 (password set)"

    def _unlock(self, *, username: str, reason: str, **options: Any) -> str:
        cleared = services.staff_unlock(actor=None, user=_user(username), reason=reason)
        return f"已解锁 {username}，清除 {cleared} 条失败记录 (unlocked)"


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {m}" for field, errors in exc.message_dict.items() for m in errors]
    return list(exc.messages)


def _agency(code: str | None) -> Agency | None:
    if code is None:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(f"没有代码为 {code} 的机关 (no such agency)", returncode=BAD_INPUT)
    return agency


def _unit(agency: Agency | None, code: str) -> Unit:
    unit = Unit.objects.filter(agency=agency, code=code).first() if agency else None
    if unit is None:
        raise CommandError(f"该机关没有代码为 {code} 的单位 (no such unit)", returncode=BAD_INPUT)
    return unit


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(
            f"没有用户名为 {username} 的账号 (no such account)", returncode=BAD_INPUT
        )
    return user


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CommandError(
            "请在终端中输入密码，或使用 --password-stdin (no terminal: use --password-stdin)",
            returncode=BAD_INPUT,
        )
    first, second = getpass.getpass("密码 Password: "), getpass.getpass("再次输入 Again: ")
    if first != second:
        raise CommandError("两次输入的密码不一致 (passwords differ)", returncode=BAD_INPUT)
    return first
