"""The calendar CSV file: `date,kind,name[,source,note]`, one entered day a line.

Staff type a State Council notice into a spreadsheet and load it with
`gongkai calendar import` or the console. A file is checked whole before anything is
saved, and every mistake is reported with its line number, so the office fixes the file
once instead of finding its errors one import at a time.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError

from gongkai.core.workcalendar import CalendarRangeError, DayKind
from gongkai.workcalendar.dates import check_supported, parse_day

MAX_BYTES = 1024 * 1024
REQUIRED_COLUMNS = ("date", "kind", "name")
OPTIONAL_COLUMNS = ("source", "note")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# The model's field lengths (gongkai.workcalendar.models.CalendarDay).
MAX_LENGTHS = {"name": 50, "source": 200, "note": 200}
COLUMN_LABELS = {"name": "名称", "source": "来源", "note": "备注"}

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
_KIND_HELP = "应为 holiday（放假、休息）或 workday（上班、调休上班、工作日）"


@dataclass(frozen=True)
class CalendarRow:
    day: date
    kind: DayKind
    name: str
    source: str = ""
    note: str = ""


class _RowError(ValueError):
    pass


def parse_calendar_csv(data: bytes) -> list[CalendarRow]:
    """Every row of the file, or ValidationError listing every problem with its line."""
    reader = csv.reader(io.StringIO(_text(data)))
    columns = _columns(next(reader, None))
    rows: list[CalendarRow] = []
    errors: list[str] = []
    seen: dict[date, int] = {}
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                _collect(reader.line_num, cells, columns, seen, rows, errors)
    except csv.Error as exc:
        errors.append(f"第 {reader.line_num} 行：无法解析（{exc}）")
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("文件中没有数据行")
    return rows


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError("文件超过 1 MB，请拆分后再导入")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "文件不是 UTF-8 编码的文本；请在电子表格中另存为“CSV UTF-8”格式"
        ) from None
    if not text.strip():
        raise ValidationError("文件为空")
    return text


def _columns(header: list[str] | None) -> list[str]:
    names = [name.strip().lower() for name in header or []]
    wanted = ",".join(REQUIRED_COLUMNS) + "[," + ",".join(OPTIONAL_COLUMNS) + "]"
    if names[:3] != list(REQUIRED_COLUMNS) or names[3:] != list(OPTIONAL_COLUMNS[: len(names) - 3]):
        raise ValidationError(f"第 1 行表头应为 {wanted}，实际为 {','.join(header or [])}")
    return names


def _collect(
    line: int,
    cells: list[str],
    columns: list[str],
    seen: dict[date, int],
    rows: list[CalendarRow],
    errors: list[str],
) -> None:
    try:
        row = _row(cells, columns)
    except _RowError as exc:
        errors.append(f"第 {line} 行：{exc}")
        return
    if row.day in seen:
        errors.append(f"第 {line} 行：日期 {row.day.isoformat()} 与第 {seen[row.day]} 行重复")
        return
    seen[row.day] = line
    rows.append(row)


def _row(cells: list[str], columns: list[str]) -> CalendarRow:
    if len(cells) > len(columns):
        raise _RowError(f"应有 {len(columns)} 列，实际为 {len(cells)} 列")
    values = dict.fromkeys(COLUMNS, "") | {
        name: cell.strip() for name, cell in zip(columns, cells, strict=False)
    }
    problems = [p for p in (_day_problem(values["date"]), _kind_problem(values["kind"])) if p]
    problems += _text_problems(values)
    if problems:
        raise _RowError("；".join(problems))
    return CalendarRow(
        day=parse_day(values["date"]),
        kind=KIND_WORDS[values["kind"].lower()],
        name=values["name"],
        source=values["source"],
        note=values["note"],
    )


def _day_problem(text: str) -> str:
    try:
        check_supported(parse_day(text))
    except (ValueError, CalendarRangeError) as exc:
        return str(exc)
    return ""


def _kind_problem(text: str) -> str:
    return "" if text.lower() in KIND_WORDS else f"类型“{text}”无法识别，{_KIND_HELP}"


def _text_problems(values: dict[str, str]) -> list[str]:
    problems = ["名称不能为空"] if not values["name"] else []
    for column, limit in MAX_LENGTHS.items():
        if len(values[column]) > limit:
            problems.append(f"{COLUMN_LABELS[column]}超过 {limit} 个字符")
    return problems


def calendar_csv(rows: Iterable[CalendarRow], *, bom: bool = False) -> str:
    """The rows as a file `parse_calendar_csv` reads back; the BOM is for spreadsheets."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.day.isoformat(), row.kind.value, row.name, row.source, row.note])
    return out.getvalue()
