"""XLSX: one sheet per official table (表二, 表三, 表四) with its merged cells, counts as
numbers, blank cells empty; a sheet 检查结果 lists the findings."""

import io
from collections.abc import Sequence

from gongkai.core.annual_report import AnnualReport, Finding, Role
from gongkai.reports.render.grid import cell_value, place
from gongkai.reports.render.html import CHECKS_HEADING, CHECKS_PASSED, finding_line


def report_xlsx(report: AnnualReport, findings: Sequence[Finding]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for section in report.sections:
        table = section.table
        if table is None:
            continue
        sheet = book.create_sheet(f"表{table.layout.number}")
        sheet.cell(1, 1, section.heading)
        top = 2  # the table starts below its heading
        for placed_row in place(table):
            for placed in placed_row:
                r, c = top + placed.row, 1 + placed.column
                value = cell_value(table, placed)
                target = sheet.cell(r, c, value)
                wrap = placed.cell.role is not Role.VALUE
                target.alignment = Alignment(wrap_text=wrap, vertical="center")
                for dr in range(placed.cell.rowspan):
                    for dc in range(placed.cell.colspan):
                        sheet.cell(r + dr, c + dc).border = border
                if placed.cell.rowspan > 1 or placed.cell.colspan > 1:
                    sheet.merge_cells(
                        start_row=r,
                        start_column=c,
                        end_row=top + placed.last_row,
                        end_column=1 + placed.last_column,
                    )
        for column in range(1, table.layout.width + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 14
    checks = book.create_sheet(CHECKS_HEADING)
    checks.cell(1, 1, report.title)
    lines = [n.text for n in report.notices] + [finding_line(f) for f in findings]
    for i, line in enumerate(lines or [CHECKS_PASSED], start=2):
        checks.cell(i, 1, line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
