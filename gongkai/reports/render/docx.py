"""DOCX: the GB/T 9704 page of the letters (A4, margins 37/35/28/26 mm, 3号 body on a
28.95 pt line, 2号 title) with the tables as Word tables whose cells are merged as in the
official layout; the tables use 五号 and single spacing so that they fit the type area."""

import io
from collections.abc import Sequence

from gongkai.applications.letters.render import (
    BODY_PT,
    CHAR_PITCH_PT,
    TITLE_PT,
    gbt9704_document,
    set_font,
)
from gongkai.core.annual_report import AnnualReport, Finding, Role, Table
from gongkai.reports.render.grid import cell_value, place, shown
from gongkai.reports.render.html import CHECKS_HEADING, CHECKS_PASSED, TABLE_PT, finding_line

HEADING_FONT = "黑体"  # GB/T 9704 7.3.3: first-level headings (一、) in 黑体


def report_docx(report: AnnualReport, findings: Sequence[Finding]) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document, fonts = gbt9704_document()

    def paragraph(text: str, *, font: str | None = None, size: float = BODY_PT, **kw: object):
        p = document.add_paragraph()
        if kw.get("center"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if kw.get("indent"):
            p.paragraph_format.first_line_indent = Pt(2 * CHAR_PITCH_PT)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(text)
        if font:
            set_font(run, font, size)
        return p

    paragraph(report.title, font=fonts["title"], size=TITLE_PT, center=True)
    for notice in report.notices:
        paragraph(notice.text, indent=True)
    for part in report.sections:
        paragraph(part.heading, font=HEADING_FONT, indent=True)
        for text in part.paragraphs:
            paragraph(text, indent=True)
        if part.table is not None:
            _table(document, part.table, fonts["body"], set_font, WD_TABLE_ALIGNMENT, Pt)
    paragraph(CHECKS_HEADING, font=HEADING_FONT, indent=True)
    for line in [finding_line(f) for f in findings] or [CHECKS_PASSED]:
        paragraph(line, indent=True)

    core = document.core_properties
    core.title = report.title
    core.author = report.agency
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document, table: Table, font: str, set_font, alignment, pt) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

    rows = list(place(table))
    grid = document.add_table(rows=len(rows), cols=table.layout.width)
    grid.style = "Table Grid"
    grid.alignment = alignment.CENTER
    for placed_row in rows:
        for placed in placed_row:
            cell = grid.cell(placed.row, placed.column)
            if placed.cell.rowspan > 1 or placed.cell.colspan > 1:
                cell = cell.merge(grid.cell(placed.last_row, placed.last_column))
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if placed.cell.role is not Role.LABEL:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(shown(cell_value(table, placed))), font, TABLE_PT)
    document.add_paragraph()
