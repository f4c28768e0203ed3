"""When the report on a year is due (条例第49条第1款: each department publishes last year's
report 每年1月31日前), and when the console starts reminding (the issue: from 1 December).

[I] The day itself is still in time ("1月31日前" read as "by 31 January"); an agency may set an
earlier internal date (怀化市 asked for 1月28日), passed as `due`. Days are calendar days:
the 条例 does not count this period in 工作日.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.core.workcalendar import Message, Param, message

DUE_MONTH, DUE_DAY = 1, 31  # of the year after the report year
REMIND_MONTH, REMIND_DAY = 12, 1  # of the report year

CHINESE: Mapping[str, str] = {
    "deadline.not_yet": "%(year)s年政府信息公开工作年度报告应于 %(due)s 前公开，自 %(remind)s 起提醒",
    "deadline.days_left": "%(year)s年政府信息公开工作年度报告应于 %(due)s 前公开，还剩 %(days)s 天",
    "deadline.today": "%(year)s年政府信息公开工作年度报告今天（%(due)s）必须公开",
    "deadline.overdue": "%(year)s年政府信息公开工作年度报告应于 %(due)s 前公开，已逾期 %(days)s 天",
    "deadline.published": "%(year)s年政府信息公开工作年度报告已于 %(published)s 公开",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


def report_due(year: int) -> date:
    """The statutory last day for the report on `year`: 1月31日 of the next year."""
    return date(year + 1, DUE_MONTH, DUE_DAY)


def reminders_from(year: int) -> date:
    return date(year, REMIND_MONTH, REMIND_DAY)


@dataclass(frozen=True)
class DeadlineStatus:
    year: int
    due: date
    days_left: int  # negative once overdue
    remind: bool  # the console shows the reminder
    overdue: bool
    message: Message


def deadline_status(
    year: int, today: date, *, due: date | None = None, published: date | None = None
) -> DeadlineStatus:
    """Where the report on `year` stands on `today`; `published` ends the reminders."""
    due = due or report_due(year)
    days = (due - today).days
    if published is not None:
        words = _say("deadline.published", year=year, published=published)
        return DeadlineStatus(year, due, days, False, published > due, words)
    remind = today >= min(reminders_from(year), due)
    if days < 0:
        words = _say("deadline.overdue", year=year, due=due, days=-days)
    elif days == 0:
        words = _say("deadline.today", year=year, due=due)
    elif remind:
        words = _say("deadline.days_left", year=year, due=due, days=days)
    else:
        words = _say("deadline.not_yet", year=year, due=due, remind=reminders_from(year))
    return DeadlineStatus(year, due, days, remind, days < 0, words)
