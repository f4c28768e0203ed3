"""`gongkai tick`: periodic work, run every few minutes by cron or a systemd timer.

Safe to run at any time and as often as wanted: each job only does what is due.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.applications.reminders import send_reminders
from gongkai.documents.services import records_release_due
from gongkai.portal.render import render_paths, stale_paths
from gongkai.reports.reminders import send_report_reminders
from gongkai.review.services import run_queued_jobs
from gongkai.review.sweep import scheduled_sweep

# Pages rendered per tick: a tick every few minutes catches up with a day's changes
# without holding the machine for long.
TICK_RENDER_LIMIT = 500
# Published records rescanned per tick by the scheduled sweep (docs/review.md).
TICK_SWEEP_LIMIT = 200


class Command(BaseCommand):
    help = (
        "Run periodic work: publish scheduled records, render missing page snapshots, run "
        "queued privacy scans, sweep a slice of the published records."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        released = records_release_due(now=timezone.now())
        self.stdout.write(f"定时发布 (scheduled records published): {released}")
        rendered = sum(status == 200 for status in render_paths(stale_paths(TICK_RENDER_LIMIT)))
        self.stdout.write(f"页面快照 (page snapshots rendered): {rendered}")
        scans = run_queued_jobs(now=timezone.now())
        self.stdout.write(f"隐私扫描 (queued privacy scans run): {scans}")
        run = scheduled_sweep(now=timezone.now(), limit=TICK_SWEEP_LIMIT)
        swept = run.outcome.scanned if run is not None else 0
        self.stdout.write(f"已发布信息复查 (published records swept): {swept}")
        reminded = send_reminders(today=timezone.localdate(), now=timezone.now())
        self.stdout.write(f"依申请公开期限提醒 (application deadline reminders): {reminded}")
        reports = send_report_reminders(today=timezone.localdate(), now=timezone.now())
        self.stdout.write(f"年度报告提醒 (annual report reminders): {reports}")
