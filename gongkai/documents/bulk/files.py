"""Reading and writing the three file kinds: CSV (UTF-8), XLSX (first sheet), JSON Lines.

Reading gives every non-empty row with its number as the operator sees it; writing is
all or nothing (a .partial file is renamed at the end).
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from gongkai.documents.bulk.cells import cell_text, escaped, unescaped, xlsx_text
from gongkai.documents.bulk.layout import ALIASES, ERROR_HEADER, FORMATS, HEADERS, REQUIRED

# Cells are formula-safe on the way out and plain on the way in (bulk/cells.py).
XLSX_CELL_LIMIT = 32_767  # Excel refuses longer cells


class BulkFileError(Exception):
    """The file as a whole cannot be used; `messages` say why (Chinese)."""

    def __init__(self, *messages: str) -> None:
        super().__init__("；".join(messages))
        self.messages = list(messages)


@dataclass
class SourceRow:
    line: int  # as the operator sees it: the spreadsheet row or the file line
    cells: dict[str, str]
    problem: str = ""  # what was wrong with the row as read, before its cells are checked


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise BulkFileError(
            f"不支持的文件类型“{path.suffix or path.name}”：请使用 .csv、.xlsx 或 .jsonl 文件"
        )
    return suffix


def read_rows(path: Path) -> list[SourceRow]:
    """Every non-empty row of the file, by Chinese header; BulkFileError if unusable."""
    suffix = file_format(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BulkFileError(f"无法读取文件“{path}”：{exc.strerror}") from None
    if suffix == ".jsonl":
        rows = list(_jsonl_rows(_jsonl_records(data)))
    else:
        table = _csv_records(data) if suffix == ".csv" else _xlsx_records(data)
        rows = list(_table_rows(table))
    if not rows:
        raise BulkFileError("文件中没有数据行")
    return rows


def _text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BulkFileError(
            "文件不是 UTF-8 编码的文本（可能是 GBK）；请在电子表格中另存为“CSV UTF-8”格式"
        ) from None
    if "\x00" in text:
        raise BulkFileError("文件含有空字符（NUL），可能已损坏")
    return text


def _csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """Each record numbered as a spreadsheet shows it (a 正文 over several lines is one
    row), so 第 N 行 in a message is row N in Excel or WPS."""
    reader = csv.reader(io.StringIO(_text(data)), strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BulkFileError(
                f"第 {number + 1} 行（文件第 {reader.line_num} 行）：无法解析（{exc}），"
                "请检查引号是否成对"
            ) from None
        number += 1
        yield number, [unescaped(cell) for cell in cells]


def _xlsx_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
    except Exception:  # whatever openpyxl or zipfile raise on a file that is not XLSX
        raise BulkFileError("无法作为 XLSX 表格打开，文件可能已损坏，或不是 .xlsx 格式") from None
    for line, values in enumerate(rows, 1):
        yield line, [unescaped(cell_text(value)) for value in values]


def _headers(cells: list[str]) -> list[str]:
    names = [ALIASES.get(c.strip(), c.strip()) for c in cells]
    while names and not names[-1]:
        names.pop()
    # 错误 is the column --skip-invalid adds: a corrected file goes back in as it is.
    problems = [f"未知的列“{n}”" for n in names if n not in HEADERS and n != ERROR_HEADER]
    problems += [f"列“{n}”重复" for n in sorted(set(names)) if names.count(n) > 1]
    problems += [f"缺少必需的列“{n}”" for n in REQUIRED if n not in names]
    if problems:
        raise BulkFileError(*[f"表头：{p}" for p in problems], "可用的列：" + "、".join(HEADERS))
    return names


def _table_rows(records: Iterator[tuple[int, list[str]]]) -> Iterator[SourceRow]:
    header = next(records, None)
    if header is None:
        raise BulkFileError("文件为空")
    names = _headers(header[1])
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        extra = [cell for cell in cells[len(names) :] if cell.strip()]
        row = dict(zip(names, cells, strict=False))
        row.pop(ERROR_HEADER, None)
        yield SourceRow(line, row, f"比表头多出 {len(extra)} 个单元格" if extra else "")


def _jsonl_records(data: bytes) -> Iterator[tuple[int, Any]]:
    # split("\n"), not splitlines(): a JSON string may hold U+2028 and friends unescaped.
    for line, text in enumerate(_text(data).split("\n"), 1):
        if not text.strip():
            continue
        try:
            yield line, json.loads(text)
        except json.JSONDecodeError as exc:
            yield line, exc


def _jsonl_rows(records: Iterator[tuple[int, Any]]) -> Iterator[SourceRow]:
    for line, value in records:
        if not isinstance(value, dict):
            problem = "不是有效的 JSON" if isinstance(value, Exception) else "应为一个 JSON 对象"
            yield SourceRow(line, {}, problem)
            continue
        cells = {ALIASES.get(str(k), str(k)): _json_text(v) for k, v in value.items()}
        cells.pop(ERROR_HEADER, None)
        unknown = [k for k in cells if k not in HEADERS]
        yield SourceRow(line, cells, "未知的字段：" + "、".join(unknown) if unknown else "")


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "；".join(_json_text(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_rows(path: Path, headers: Iterable[str], rows: Iterable[dict[str, str]]) -> int:
    """Write rows to a new file (by extension), complete or not at all; returns the count."""
    suffix = file_format(path)
    headers = list(headers)
    partial = path.with_name(path.name + ".partial")
    writers = {".csv": _write_csv, ".xlsx": _write_xlsx, ".jsonl": _write_jsonl}
    try:
        count = writers[suffix](partial, headers, rows)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, headers: list[str], rows: Iterable[dict[str, str]]) -> int:
    count = 0
    # utf-8-sig: Excel in a Chinese locale reads a CSV as GBK unless it starts with a BOM.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([escaped(row.get(h, "")) for h in headers])
            count += 1
    return count


def _write_xlsx(path: Path, headers: list[str], rows: Iterable[dict[str, str]]) -> int:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("政府信息")
    sheet.append(headers)
    count = 0
    for row in rows:
        cells = [xlsx_text(row.get(h, "")) for h in headers]
        too_long = [h for h, c in zip(headers, cells, strict=True) if len(c) > XLSX_CELL_LIMIT]
        if too_long:
            raise BulkFileError(
                f"“{row.get('标题', '')}”的{'、'.join(too_long)}超过 XLSX 单元格上限 "
                f"{XLSX_CELL_LIMIT} 个字符，请导出为 .csv 或 .jsonl"
            )
        sheet.append(cells)
        count += 1
    book.save(path)
    return count


def _write_jsonl(path: Path, headers: list[str], rows: Iterable[dict[str, str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            cells = {h: row[h] for h in headers if row.get(h)}
            handle.write(json.dumps(cells, ensure_ascii=False) + "\n")
            count += 1
    return count
