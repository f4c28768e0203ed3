from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from gongkai.demo.load import ACCOUNTS, AGENCY, load_demo


class Command(BaseCommand):
    help = "Migrate and load the demo agency 临沧市民政局 (LCMZJ), its staff and records."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="restore demo accounts, passwords and agency data as first loaded "
            "(nothing is deleted: the audit trail keeps every change)",
        )
        parser.add_argument(
            "--public-passwords-ok",
            action="store_true",
            help="load the demo although GONGKAI_DEBUG=0 (its passwords are published)",
        )

    def handle(self, *args: Any, reset: bool, public_passwords_ok: bool, **options: Any) -> None:
        if not settings.DEBUG and not public_passwords_ok:
            # The demo accounts' passwords are in the README: never on a production install.
            raise CommandError(
                "演示数据的账号密码是公开的，生产环境（GONGKAI_DEBUG=0）不能加载；"
                "测试机请加 --public-passwords-ok。首个管理员账号请用 gongkai staff create 创建。",
                returncode=2,
            )
        call_command("migrate", interactive=False, verbosity=0)
        done = load_demo(reset=reset)
        self.stdout.write(
            f"演示数据已就绪 (demo data ready): {AGENCY['name']} [{AGENCY['code']}]"
            + (f"; {len(done)} changes" if done else "; nothing to change")
        )
        self.stdout.write("演示账号 (demo accounts) — user name / password / role:")
        for account in ACCOUNTS:
            with translation.override("zh-hans"):
                role = str(account.role.label)
            self.stdout.write(f"  {account.username:<11} {account.password:<24} {role}")
