"""`gongkai tick`: periodic work, run every few minutes by cron or a systemd timer.

Safe to run at any time and as often as wanted: each job only does what is due.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.documents.services import records_release_due


class Command(BaseCommand):
    help = "Run periodic work: publish scheduled records whose moment has come."

    def handle(self, *args: Any, **options: Any) -> None:
        released = records_release_due(now=timezone.now())
        self.stdout.write(f"定时发布 (scheduled records published): {released}")
