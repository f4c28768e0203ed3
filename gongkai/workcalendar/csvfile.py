"""The calendar CSV file: `date,kind,name[,source,note]`, one entered day a line.

Staff type a State Council notice into a spreadsheet and load it with
`gongkai calendar import` or the console. A file is checked whole before anything is
saved, and every mistake is reported with its line number, so the office fixes the file
once instead of finding its errors one import at a time. The reports are gongkai.core
Messages: Chinese on the command line, translated by their code in the console.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from gongkai.core.workcalendar import DayKind, Message, MessageError, Param, check_day, message
from gongkai.workcalendar.dates import parse_day

MAX_BYTES = 1024 * 1024
REQUIRED_COLUMNS = ("date", "kind", "name")
OPTIONAL_COLUMNS = ("source", "note")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# The model's field lengths (gongkai.workcalendar.models.CalendarDay).
MAX_LENGTHS = {"name": 50, "source": 200, "note": 200}

# The words of the notices themselves are accepted besides the English values.
KIND_WORDS = {
    "holiday": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "工作日": DayKind.WORKDAY,
}

# A spreadsheet runs a cell starting with one of = + - @ (or a tab or carriage return) as a
# formula ("CSV injection"). The export writes such a cell behind a ' — shown as text — and
# the import takes one ' off again. Counting the quotes already there keeps every value
# intact through export and import, a name like '=x (quote included) too.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")

CHINESE: Mapping[str, str] = {
    "csv.row": "第 %(line)s 行：%(problem)s",
    "csv.nul": "含有空字符（NUL），文件可能已损坏",
    "csv.unreadable": "无法解析（%(reason)s），请检查引号是否成对",
    "csv.columns": "应有 %(expected)s 列，实际为 %(found)s 列",
    "csv.kind_unknown": (
        "类型“%(kind)s”无法识别，应为 holiday（放假、休息）或 workday（上班、调休上班、工作日）"
    ),
    "csv.name_missing": "名称不能为空",
    "csv.name_too_long": "名称超过 %(limit)s 个字符",
    "csv.source_too_long": "来源超过 %(limit)s 个字符",
    "csv.note_too_long": "备注超过 %(limit)s 个字符",
    "csv.duplicate": "日期 %(day)s 与第 %(other)s 行重复",
    "csv.header": "第 1 行表头应为 %(expected)s，实际为 %(found)s",
    "csv.too_large": "文件超过 1 MB，请拆分后再导入",
    "csv.not_utf8": "文件不是 UTF-8 编码的文本；请在电子表格中另存为“CSV UTF-8”格式",
    "csv.empty": "文件为空",
    "csv.no_rows": "文件中没有数据行",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class CalendarRow:
    day: date
    kind: DayKind
    name: str
    source: str = ""
    note: str = ""


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str) -> None:
        self.line, self.reason = line, reason


def parse_calendar_csv(data: bytes) -> list[CalendarRow]:
    """Every row of the file, or ValidationError listing every problem with its line.

    The errors' messages are Messages (`str()` is their Chinese text).
    """
    records = _records(_text(data))
    rows: list[CalendarRow] = []
    errors: list[Message] = []
    seen: dict[date, int] = {}
    try:
        columns = _columns(next(records, None))
        for line, cells in records:
            if any(cell.strip() for cell in cells):
                _collect(line, cells, columns, seen, rows, errors)
    except _Unreadable as exc:
        errors.append(_at(exc.line, _say("csv.unreadable", reason=exc.reason)))
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_say("csv.no_rows"))
    return rows


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(_say("csv.too_large"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_say("csv.not_utf8")) from None
    if not text.strip():
        raise ValidationError(_say("csv.empty"))
    return text


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines).

    strict: a quote left open is an error at its line, not a cell swallowing the rest.
    """
    reader = csv.reader(io.StringIO(text), strict=True)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _Unreadable(line, str(exc)) from None
        yield line, cells


def _at(line: int, problem: Message) -> Message:
    return _say("csv.row", line=line, problem=problem)


def _columns(header: tuple[int, list[str]] | None) -> list[str]:
    cells = header[1] if header else []
    if _has_nul(cells):
        raise ValidationError(_at(1, _say("csv.nul")))
    names = [name.strip().lower() for name in cells]
    wanted = ",".join(REQUIRED_COLUMNS) + "[," + ",".join(OPTIONAL_COLUMNS) + "]"
    if names[:3] != list(REQUIRED_COLUMNS) or names[3:] != list(OPTIONAL_COLUMNS[: len(names) - 3]):
        raise ValidationError(_say("csv.header", expected=wanted, found=",".join(cells)))
    return names


def _collect(
    line: int,
    cells: list[str],
    columns: list[str],
    seen: dict[date, int],
    rows: list[CalendarRow],
    errors: list[Message],
) -> None:
    values, problems = _values(cells, columns)
    if problems:
        errors.extend(_at(line, problem) for problem in problems)
        return
    row = CalendarRow(
        day=parse_day(values["date"]),
        kind=KIND_WORDS[values["kind"].lower()],
        name=values["name"],
        source=values["source"],
        note=values["note"],
    )
    if row.day in seen:
        errors.append(_at(line, _say("csv.duplicate", day=row.day, other=seen[row.day])))
        return
    seen[row.day] = line
    rows.append(row)


def _has_nul(cells: list[str]) -> bool:
    # PostgreSQL refuses NUL in text; SQLite would store it.
    return any("\x00" in cell for cell in cells)


def _values(cells: list[str], columns: list[str]) -> tuple[dict[str, str], list[Message]]:
    """The row's values by column, and what is wrong with them."""
    if _has_nul(cells):
        return {}, [_say("csv.nul")]
    if len(cells) > len(columns):
        return {}, [_say("csv.columns", expected=len(columns), found=len(cells))]
    values = dict.fromkeys(COLUMNS, "") | {
        name: _imported(cell.strip()) for name, cell in zip(columns, cells, strict=False)
    }
    problems = [_day_problem(values["date"]), _kind_problem(values["kind"])]
    return values, [p for p in problems if p is not None] + _text_problems(values)


def _day_problem(text: str) -> Message | None:
    try:
        check_day(parse_day(text))
    except MessageError as exc:
        return exc.message
    return None


def _kind_problem(text: str) -> Message | None:
    return None if text.lower() in KIND_WORDS else _say("csv.kind_unknown", kind=text)


def _text_problems(values: dict[str, str]) -> list[Message]:
    problems = [_say("csv.name_missing")] if not values["name"] else []
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            problems.append(_say(f"csv.{column}_too_long", limit=limit))
    return problems


def _exported(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def _imported(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def calendar_csv(rows: Iterable[CalendarRow], *, bom: bool = False) -> str:
    """The rows as a file `parse_calendar_csv` reads back; the BOM is for spreadsheets."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = [row.day.isoformat(), row.kind.value, row.name, row.source, row.note]
        writer.writerow([_exported(cell) for cell in cells])
    return out.getvalue()
