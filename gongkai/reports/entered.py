"""Tables of a year kept outside Gongkai, read back from the report's own XLSX layout
(`gongkai annual-report --format xlsx` of that year is the template: sheets 表二, 表三, 表四,
heading in row 1, the table from row 2, merged cells as in the official tables).

Every label cell must still read as the layout prints it (a sheet of another shape is refused
naming the first cell that differs); every value cell goes through the core's `entered_table`,
which names a bad cell the way the report names it (表三“…”行“自然人”列应为…).
"""

import io
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core import annual_report as ar
from gongkai.core.files import FileRefused, inspect_file
from gongkai.reports.render.grid import place

NUMBERS = ("二", "三", "四")
TOP = 2  # the table starts in row 2, below its heading (render/xlsx.py)
MAX_BYTES = 2 * 1024 * 1024


def _coordinate(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def tables_from_xlsx(name: str, data: bytes, year: int) -> dict[str, ar.Table]:
    """The three tables of `year` from an uploaded workbook; ValidationError (one Chinese
    sentence naming the sheet and cell) or MessageError (the core's, naming the table cell)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        kind = inspect_file(name, data).kind
    except FileRefused as exc:
        raise ValidationError(str(exc)) from None
    if kind != "xlsx":
        raise ValidationError(_("Upload the workbook (.xlsx) of the report's tables."))
    from openpyxl import load_workbook

    # Twice: the cells as typed (to see formulas) and the values a spreadsheet cached for them.
    typed = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    cached = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        fmt = ar.format_for_year(year)
        return {number: _table(typed, cached, number, fmt) for number in NUMBERS}
    finally:
        typed.close()
        cached.close()


def _grid(book: object, sheet_name: str, layout: ar.Layout) -> dict[tuple[int, int], object]:
    """The cells of the table's area only (a sheet may hold anything beyond it)."""
    sheet = book[sheet_name]  # type: ignore[index]
    rows = sheet.iter_rows(
        min_row=TOP,
        max_row=TOP + len(layout.head) + len(layout.body) - 1,
        max_col=layout.width,
        values_only=True,
    )
    return {
        (r, c): value
        for r, row in enumerate(rows, start=TOP)
        for c, value in enumerate(row, start=1)
    }


def _table(typed: object, cached: object, number: str, fmt: ar.ReportFormat) -> ar.Table:
    sheet_name = f"表{number}"
    if sheet_name not in typed.sheetnames:  # type: ignore[attr-defined]
        raise ValidationError(_("The workbook has no sheet “%(sheet)s”.") % {"sheet": sheet_name})
    layout = ar.layout(number, fmt)
    grid = _grid(typed, sheet_name, layout)
    values = _grid(cached, sheet_name, layout)
    raw: dict[tuple[str, str], object] = {}
    for placed_row in place(ar.Table(layout, {})):
        for placed in placed_row:
            r, c = TOP + placed.row, 1 + placed.column
            value = grid.get((r, c))
            if placed.cell.role is ar.Role.VALUE:
                if isinstance(value, str) and value.startswith("="):
                    value = values.get((r, c))
                    if value is None:
                        raise ValidationError(
                            _(
                                "Sheet “%(sheet)s” cell %(cell)s holds a formula without a "
                                "computed value: type the figure itself."
                            )
                            % {"sheet": sheet_name, "cell": _coordinate(r, c)}
                        )
                if value not in (None, ""):
                    raw[(placed.source.key, placed.cell.column)] = value
            elif _squeeze(value) != _squeeze(placed.cell.text):
                raise ValidationError(
                    _("Sheet “%(sheet)s” cell %(cell)s should read “%(text)s”.")
                    % {"sheet": sheet_name, "cell": _coordinate(r, c), "text": placed.cell.text}
                )
    return ar.entered_table(layout, raw)


def _squeeze(value: object) -> str:
    return "".join(str(value or "").split())


def snapshot_of(tables: Mapping[str, ar.Table]) -> dict[str, object]:
    """The shape `selectors.frozen_tables` reads (report_json's sections, tables only)."""
    return {
        "sections": [
            {"number": number, "table": ar.table_json(table)} for number, table in tables.items()
        ]
    }
