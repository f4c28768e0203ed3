"""The `gongkai` command: Django's manage.py, with one-line errors instead of tracebacks.

Bad configuration and an unreachable database are the two failures an operator meets
first; both get a one-line reason and a non-zero exit status.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "gongkai"
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import InterfaceError, OperationalError

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.exit(f"gongkai: 配置错误 (configuration error): {exc}")
    except (OperationalError, InterfaceError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.exit(f"gongkai: 无法使用数据库 (database unavailable): {first_line}")


if __name__ == "__main__":
    main()
