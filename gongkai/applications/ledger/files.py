"""Reading and writing ledger files: CSV (UTF-8) and XLSX (every sheet).

A file holds tables; each is recognised by its headers as the applications (申请台账) or
the remedies (复议诉讼). Rows keep their number as a spreadsheet shows it. Writing is all
or nothing (a .partial file is renamed at the end).
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from gongkai.applications.ledger.layout import (
    ALIASES,
    APPLICATION_HEADERS,
    APPLICATION_REQUIRED,
    FORMATS,
    IGNORED,
    REMEDY_HEADERS,
    REMEDY_REQUIRED,
)
from gongkai.documents.bulk.cells import cell_text, escaped, unescaped, xlsx_text

# Cells are formula-safe on the way out and plain on the way in (bulk/cells.py).

XLSX_CELL_LIMIT = CELL_LIMIT = 32_767  # Excel refuses longer cells
APPLICATIONS = "applications"
REMEDIES = "remedies"


class LedgerFileError(Exception):
    """The file as a whole cannot be used; `messages` say why (Chinese)."""

    def __init__(self, *messages: str, english: str = "file not usable") -> None:
        super().__init__("；".join(messages))
        self.messages = list(messages)
        self.english = english  # the command's one-line summary, after the Chinese


@dataclass
class SourceRow:
    line: int  # as the operator sees it: the spreadsheet row
    cells: dict[str, str]
    problem: str = ""


@dataclass
class Table:
    """One table of a file: a CSV file, or a sheet of an XLSX workbook."""

    kind: str  # APPLICATIONS or REMEDIES
    where: str  # the file name, with the sheet for XLSX: “台账.xlsx”工作表“复议诉讼”
    rows: list[SourceRow] = field(default_factory=list)


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise LedgerFileError(
            f"不支持的文件类型“{path.suffix or path.name}”：台账请使用 .csv 或 .xlsx 文件",
            english="use a .csv or .xlsx file",
        )
    return suffix


def read_tables(path: Path) -> list[Table]:
    """The tables of the file, recognised by their headers; LedgerFileError if unusable."""
    suffix = file_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LedgerFileError(
            f"无法读取文件“{path}”：{exc.strerror}", english="cannot read the file"
        ) from None
    if suffix == ".csv":
        sheets = [(f"“{path.name}”", list(_csv_records(data)))]
    else:
        sheets = [(f"“{path.name}”工作表“{name}”", records) for name, records in _xlsx_sheets(data)]
    tables = [table for where, records in sheets if (table := _table(where, records)) is not None]
    if not any(table.rows for table in tables):
        raise LedgerFileError(f"“{path.name}”中没有数据行", english="no data rows")
    return tables


def _text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LedgerFileError(
            "文件不是 UTF-8 编码的文本（可能是 GBK）；请在电子表格中另存为“CSV UTF-8”格式",
            english="not UTF-8 text",
        ) from None
    if "\x00" in text:
        raise LedgerFileError("文件含有空字符（NUL），可能已损坏", english="damaged file")
    return text


def _csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(_text(data)), strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise LedgerFileError(
                f"第 {number + 1} 行：无法解析（{exc}），请检查引号是否成对",
                english="unreadable CSV",
            ) from None
        number += 1
        yield number, [unescaped(cell) for cell in cells]


def _xlsx_sheets(data: bytes) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [
            (
                sheet.title,
                [
                    (line, [unescaped(cell_text(v)) for v in values])
                    for line, values in enumerate(sheet.iter_rows(values_only=True), 1)
                ],
            )
            for sheet in book.worksheets
        ]
        book.close()
    except Exception:  # whatever openpyxl or zipfile raise on a file that is not XLSX
        raise LedgerFileError(
            "无法作为 XLSX 表格打开，文件可能已损坏，或不是 .xlsx 格式", english="unreadable XLSX"
        ) from None
    return sheets


def _table(where: str, records: Iterable[tuple[int, list[str]]]) -> Table | None:
    """The table with its kind, or None for an empty sheet."""
    rows = iter(records)
    header = next((r for r in rows if any(c.strip() for c in r[1])), None)
    if header is None:
        return None
    names = [ALIASES.get(c.strip(), c.strip()) for c in header[1]]
    while names and not names[-1]:
        names.pop()
    kind, known, required = _kind(where, names)
    problems = [f"未知的列“{n}”" for n in names if n not in known and n not in IGNORED]
    problems += [f"列“{n}”重复" for n in sorted(set(names)) if n and names.count(n) > 1]
    problems += [f"缺少必需的列“{n}”" for n in required if n not in names]
    if problems:
        raise LedgerFileError(
            *[f"{where}第 {header[0]} 行（表头）：{p}" for p in problems],
            "可用的列：" + "、".join(known),
            english="wrong headers",
        )
    table = Table(kind, where)
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [cell for cell in cells[len(names) :] if cell.strip()]
        row = {n: c for n, c in zip(names, cells, strict=False) if n in known}
        table.rows.append(
            SourceRow(line, row, f"比表头多出 {len(extra)} 个单元格" if extra else "")
        )
    return table


def _kind(where: str, names: list[str]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Which table the headers make: the applications name 收到日期 or 办理结果, the
    remedies 类型 and 结果."""
    present = set(names)
    if present & {"收到日期", "办理结果", "申请渠道", "申请人类型"}:
        return APPLICATIONS, APPLICATION_HEADERS, APPLICATION_REQUIRED
    if present & {"类型", "结果", "年度"}:
        return REMEDIES, REMEDY_HEADERS, REMEDY_REQUIRED
    raise LedgerFileError(
        f"{where}：无法从表头识别台账类型（{'、'.join(n for n in names if n) or '空'}）；"
        f"申请台账须有列 {'、'.join(APPLICATION_REQUIRED)}，"
        f"复议诉讼表须有列 {'、'.join(REMEDY_REQUIRED)}",
        english="unknown kind of table",
    )


def write_csv(path: Path, headers: tuple[str, ...], rows: Iterable[dict[str, str]]) -> int:
    """One table as CSV (UTF-8 with a BOM for Excel), complete or not at all."""
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        # utf-8-sig: Excel in a Chinese locale reads a CSV as GBK unless it starts with a BOM.
        with partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(headers)
            for row in rows:
                writer.writerow([escaped(row.get(h, "")) for h in headers])
                count += 1
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def write_xlsx(
    path: Path, sheets: list[tuple[str, tuple[str, ...], Iterable[dict[str, str]]]]
) -> list[int]:
    """Tables as the sheets of one workbook, complete or not at all; the row counts."""
    partial = path.with_name(path.name + ".partial")
    counts = []
    try:
        book = openpyxl.Workbook(write_only=True)
        for title, headers, rows in sheets:
            sheet = book.create_sheet(title)
            sheet.append(list(headers))
            count = 0
            for row in rows:
                cells = [xlsx_text(row.get(h, "")) for h in headers]
                too_long = [h for h, c in zip(headers, cells, strict=True) if len(c) > CELL_LIMIT]
                if too_long:
                    raise LedgerFileError(
                        f"{row.get('登记号', '')}的{'、'.join(too_long)}超过 XLSX 单元格上限 "
                        f"{CELL_LIMIT} 个字符，请导出为 .csv",
                        english="cell too long for XLSX",
                    )
                sheet.append(cells)
                count += 1
            counts.append(count)
        book.save(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return counts
