"""The 政府信息公开目录 as an XLSX workbook (条例第12条: 索引、名称、内容概述、生成日期)."""

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from gongkai.portal.selectors import CatalogueRow

HEADERS = ("索引号", "名称", "内容概述", "生成日期", "发布日期")
WIDTHS = {"A": 24, "B": 60, "C": 60, "D": 12, "E": 12}


def catalogue_workbook(rows: Iterable[CatalogueRow]) -> bytes:
    """The workbook, written row by row (openpyxl's write-only mode keeps memory flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("政府信息公开目录")
    for letter, width in WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    header = [_cell(sheet, text) for text in HEADERS]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(sheet: Any, value: Any) -> WriteOnlyCell:
    """Text stays text: a title such as "=HYPERLINK(…)" must not become a live formula in
    the reader's spreadsheet, and control characters that XLSX cannot hold are dropped."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
