"""HTML: sections 一–六 as <h2>, one <table> per official table with the layout's spans and
labels, the notices and the check findings; PDF is this HTML through WeasyPrint, with the
letters' page setup (GB/T 9704 margins) and their embedded Noto CJK font."""

from collections.abc import Sequence

from django.utils.html import escape

from gongkai.applications.letters.render import (
    BODY_PT,
    FOLIO_PT,
    MARGINS_MM,
    PDF_FONTS,
    TITLE_PT,
    _fonts,
)
from gongkai.core.annual_report import AnnualReport, Finding, Role, Table
from gongkai.reports.render.grid import cell_value, place, shown

TABLE_PT = 10.5  # 五号: the tables do not fit the page in the body's 3号
CHECKS_HEADING = "检查结果"
CHECKS_PASSED = "全部检查通过"


def table_html(table: Table) -> str:
    head, body = [], []
    for placed_row in place(table):
        cells = []
        for placed in placed_row:
            cell = placed.cell
            spans = ""
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            text = escape(shown(cell_value(table, placed)))
            if cell.role is Role.VALUE:
                cells.append(f'<td{spans} data-column="{escape(cell.column)}">{text}</td>')
            elif cell.role is Role.LABEL:
                cells.append(f'<th scope="row"{spans}>{text}</th>')
            else:
                cells.append(f"<th{spans}>{text}</th>")
        key = placed_row[0].source.key if placed_row else ""
        attr = f' data-row="{escape(key)}"' if key else ""
        (head if placed_row and placed_row[0].head else body).append(
            f"<tr{attr}>{''.join(cells)}</tr>"
        )
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    number = escape(table.layout.number)
    return (
        f'<table class="report-table" data-table="{number}" data-format="'
        f'{table.layout.format.value}">{thead}<tbody>{"".join(body)}</tbody></table>'
    )


def finding_line(finding: Finding) -> str:
    severity = "错误" if finding.blocking else "提示"
    return f"{finding.check.value} {finding.check.label}（{severity}）：{finding.message.text}"


def _sections(report: AnnualReport) -> list[str]:
    parts = []
    for section in report.sections:
        parts.append(f'<section data-section="{section.number}">')
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += [f'<p class="text">{escape(p)}</p>' for p in section.paragraphs]
        if section.table is not None:
            parts.append(table_html(section.table))
        parts.append("</section>")
    return parts


def record_body(report: AnnualReport, *, correction: str = "") -> str:
    """The report as the body of its record in the 政府信息公开年报 column: the six sections
    (the record page shows the title), a correction's note first; no check results."""
    parts = [f'<p class="note">{escape(correction)}</p>'] if correction else []
    return "\n".join(parts + _sections(report))


def report_body(report: AnnualReport, findings: Sequence[Finding]) -> str:
    """The page's body: title, notices, the six sections, the checks (the console's preview)."""
    parts = [f"<h1>{escape(report.title)}</h1>"]
    for notice in report.notices:
        parts.append(f'<p class="notice" role="status">{escape(notice.text)}</p>')
    parts += _sections(report)
    parts.append(f'<section class="checks"><h2>{CHECKS_HEADING}</h2>')
    if findings:
        items = "".join(
            f'<li data-check="{f.check.value}" data-severity="{f.severity.value}">'
            f"{escape(finding_line(f))}</li>"
            for f in findings
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append(f"<p>{CHECKS_PASSED}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def page_html(title: str, body: str, *, pdf: bool = False, css: str = "") -> str:
    """An official report as one HTML page: 仿宋-style body font at 3号, 2号 title, tables in
    五号; for PDF the GB/T 9704 margins of the letters and the folio "— n —". The annual
    report and the work report share it (`css` adds a report's own rules)."""
    fonts = _fonts("GONGKAI_LETTER_PDF_FONTS", PDF_FONTS)
    m = MARGINS_MM
    page = (
        f"@page {{ size: A4; margin: {m['top']}mm {m['right']}mm {m['bottom']}mm {m['left']}mm;"
        f' @bottom-center {{ content: "— " counter(page) " —"; font-size: {FOLIO_PT}pt; }} }}'
        if pdf
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
{page}
html {{ font-family: "{fonts["body"]}", serif; font-size: {BODY_PT}pt; color: #000; }}
h1 {{ font-family: "{fonts["title"]}", serif; font-size: {TITLE_PT}pt; text-align: center; }}
h2 {{ font-size: {BODY_PT}pt; margin: 1em 0 0.5em; }}
.text {{ text-indent: 2em; text-align: justify; margin: 0; }}
.notice {{ border: 1px solid #000; padding: 0.5em; }}
table {{ border-collapse: collapse; width: 100%; font-size: {TABLE_PT}pt; margin: 0.5em 0; }}
th, td {{ border: 1px solid #000; padding: 2pt 3pt; font-weight: normal; }}
tr {{ page-break-inside: avoid; }}
{css}
</style></head><body>
{body}
</body></html>
"""


REPORT_CSS = f"""td {{ text-align: center; }}
th[scope="row"] {{ text-align: left; }}
.checks {{ font-size: {TABLE_PT}pt; }}"""


def report_html(report: AnnualReport, findings: Sequence[Finding], *, pdf: bool = False) -> str:
    return page_html(report.title, report_body(report, findings), pdf=pdf, css=REPORT_CSS)


def report_pdf(report: AnnualReport, findings: Sequence[Finding]) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=report_html(report, findings, pdf=True)).write_pdf())
