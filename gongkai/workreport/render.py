"""The work report rendered: HTML (and PDF from it through WeasyPrint), DOCX; JSON is the
core's `report_json`. The page is the letters' and the annual report's (GB/T 9704: A4,
margins 37/35/28/26 mm, 3号 body, 2号 title, embedded Noto CJK in the PDF); the attachment's
task table uses 五号 so that it fits the type area."""

import io

from django.utils.html import escape

from gongkai.applications.letters.render import (
    BODY_PT,
    CHAR_PITCH_PT,
    TITLE_PT,
    gbt9704_document,
    set_font,
)
from gongkai.core import work_report as wr
from gongkai.reports.render.docx import HEADING_FONT
from gongkai.reports.render.html import TABLE_PT, page_html

FORMATS = {
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def task_cells(report: wr.WorkReport) -> list[list[str]]:
    """The attachment's rows under its header: 序号, 工作任务, 责任单位, 完成时限, 落实情况."""
    return [
        [str(i), t.task, t.unit, t.schedule, t.status] for i, t in enumerate(report.tasks, start=1)
    ]


def report_body(report: wr.WorkReport) -> str:
    parts = [f"<h1>{escape(report.title)}</h1>"]
    parts += [f'<p class="notice" role="status">{escape(n.text)}</p>' for n in report.notices]
    parts += [f'<p class="text">{escape(p)}</p>' for p in report.opening]
    for section in report.sections:
        parts.append(f'<section data-section="{section.key}"><h2>{escape(section.heading)}</h2>')
        parts += [f'<p class="text">{escape(p)}</p>' for p in section.paragraphs]
        parts.append("</section>")
    parts.append('<div class="closing">')
    parts += [f"<p>{escape(line)}</p>" for line in report.closing]
    parts.append("</div>")
    if report.tasks:
        head = "".join(f"<th>{escape(label)}</th>" for label in wr.TASK_COLUMNS.values())
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
            for row in task_cells(report)
        )
        parts.append(
            f'<section class="attachment" data-section="attachment">'
            f"<h2>{escape(report.attachment_title)}</h2>"
            f'<table class="tasks"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            "</section>"
        )
    return "\n".join(parts)


WORK_REPORT_CSS = """.closing { text-align: right; margin-top: 2em; }
.closing p { margin: 0; }
.attachment { page-break-before: always; }
th, td { vertical-align: top; }"""


def report_html(report: wr.WorkReport, *, pdf: bool = False) -> str:
    return page_html(report.title, report_body(report), pdf=pdf, css=WORK_REPORT_CSS)


def report_pdf(report: wr.WorkReport) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=report_html(report, pdf=True)).write_pdf())


def report_docx(report: wr.WorkReport) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    document, fonts = gbt9704_document()

    def paragraph(
        text: str, *, font: str | None = None, size: float = BODY_PT, how: str = ""
    ) -> None:
        p = document.add_paragraph()
        if how == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif how == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif how == "indent":
            p.paragraph_format.first_line_indent = Pt(2 * CHAR_PITCH_PT)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        run = p.add_run(text)
        if font:
            set_font(run, font, size)

    paragraph(report.title, font=fonts["title"], size=TITLE_PT, how="center")
    for notice in report.notices:
        paragraph(notice.text, how="indent")
    for text in report.opening:
        paragraph(text, how="indent")
    for section in report.sections:
        paragraph(section.heading, font=HEADING_FONT, how="indent")
        for text in section.paragraphs:
            paragraph(text, how="indent")
    document.add_paragraph()
    for line in report.closing:
        paragraph(line, how="right")
    if report.tasks:
        document.add_page_break()
        paragraph(report.attachment_title, font=HEADING_FONT)
        rows = [list(wr.TASK_COLUMNS.values()), *task_cells(report)]
        table = document.add_table(rows=len(rows), cols=len(wr.TASK_COLUMNS))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                p = table.cell(r, c).paragraphs[0]
                p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                set_font(p.add_run(text), fonts["body"], TABLE_PT)
    core = document.core_properties
    core.title = report.title
    core.author = report.agency
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_json_text(report: wr.WorkReport, agency_code: str) -> str:
    import json

    data = wr.report_json(report, agency_code=agency_code)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rendered(report: wr.WorkReport, fmt: str, agency_code: str) -> str | bytes:
    """The report in one of `FORMATS`."""
    if fmt == "json":
        return report_json_text(report, agency_code)
    if fmt == "pdf":
        return report_pdf(report)
    if fmt == "docx":
        return report_docx(report)
    return report_html(report)
