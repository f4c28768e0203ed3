"""Cells of CSV and XLSX files as the bulk import/export and the ledger (gongkai.applications
.ledger) read and write them: formula-safe on the way out, plain text on the way in."""

import re
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A spreadsheet runs a cell starting with = + - @ (or a tab, a carriage return) as a formula
# ("CSV injection"): exported cells get a ' in front, which the import of CSV and XLSX takes
# off again (as gongkai.workcalendar.csvfile does).
FORMULA = re.compile(r"'*[=+\-@\t\r]")


def escaped(cell: str) -> str:
    return "'" + cell if FORMULA.match(cell) else cell


def unescaped(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell) else cell


def xlsx_text(cell: str) -> str:
    # XLSX (XML 1.0) cannot hold most control characters; openpyxl refuses them.
    return ILLEGAL_CHARACTERS_RE.sub("", escaped(cell))


def cell_text(value: Any) -> str:
    """An XLSX cell's value as the text a person sees (dates as YYYY-MM-DD, 3.0 as 3)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
