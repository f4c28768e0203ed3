"""The annual report rendered: HTML (and PDF from it), DOCX, XLSX; JSON is the core's
`report_json`. Every renderer walks the core layout (`grid.place`) with its spans, so the
tables have exactly the official labels and merged cells."""

from gongkai.reports.render.docx import report_docx
from gongkai.reports.render.grid import Placed, place
from gongkai.reports.render.html import (
    record_body,
    report_body,
    report_html,
    report_pdf,
    table_html,
)
from gongkai.reports.render.xlsx import report_xlsx

__all__ = [
    "Placed",
    "place",
    "record_body",
    "report_body",
    "report_docx",
    "report_html",
    "report_pdf",
    "report_xlsx",
    "table_html",
]
