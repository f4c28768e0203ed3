"""Reading dates typed by people: on the command line, in a CSV file, in a form.

The messages are gongkai.core Messages: Chinese for the command line and the import report,
translated by their code in the web interface.
"""

import re
from collections.abc import Mapping
from datetime import date

from gongkai.core.workcalendar import MessageError, message

# YYYY-MM-DD, and the YYYY/M/D that a spreadsheet saved as CSV in a Chinese locale writes.
_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")

CHINESE: Mapping[str, str] = {"date.invalid": "日期“%(text)s”无效，应为 YYYY-MM-DD 格式"}


def parse_day(text: str) -> date:
    """A date from 'YYYY-MM-DD' (or 'YYYY/M/D'); MessageError (a ValueError) otherwise."""
    found = _DAY.fullmatch(text.strip())
    try:
        if found is None:
            raise ValueError
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        raise MessageError(message(CHINESE, "date.invalid", text=text)) from None
