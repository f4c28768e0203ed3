"""Reading dates typed by people: on the command line, in a CSV file, in a form.

The messages are Chinese, like gongkai.core's, because the command line and the import
report print them as they are.
"""

import re
from datetime import date

from gongkai.core.workcalendar import SUPPORTED_YEARS, CalendarRangeError

# YYYY-MM-DD, and the YYYY/M/D that a spreadsheet saved as CSV in a Chinese locale writes.
_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def parse_day(text: str) -> date:
    """A date from 'YYYY-MM-DD' (or 'YYYY/M/D'); ValueError with a Chinese reason."""
    found = _DAY.fullmatch(text.strip())
    try:
        if found is None:
            raise ValueError
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        raise ValueError(f"日期“{text}”无效，应为 YYYY-MM-DD 格式") from None


def check_supported(day: date) -> date:
    """`day`, if the work calendar can say something about it (gongkai.core.workcalendar)."""
    if day.year not in SUPPORTED_YEARS:
        first, last = SUPPORTED_YEARS.start, SUPPORTED_YEARS.stop - 1
        raise CalendarRangeError(f"日期 {day.isoformat()} 超出支持范围（{first}–{last} 年）")
    return day
