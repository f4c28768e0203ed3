"""Checking rows: every cell of every row, before anything is saved.

A row already held by the agency (same 索引号, or same 文号 and 成文日期, or — without
文号 — same 标题 and 成文日期) is counted as unchanged and not checked further. Every
other row becomes a Plan (what record_create will get) or a BadRow (what is wrong, in
Chinese).
"""

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from gongkai.accounts.models import Agency, Unit
from gongkai.core import disclosure
from gongkai.core.files import DEFAULT_LIMITS, FileRefused, inspect_file
from gongkai.core.taxonomy import GENRES, subject_choices
from gongkai.documents.bulk.files import SourceRow
from gongkai.documents.bulk.layout import (
    ATTRIBUTES,
    GROUNDS,
    LIMITS,
    LIST_SEPARATOR,
    PUBLISHABLE_STATUS_WORDS,
    REQUIRED,
    STATUSES,
    VALIDITIES,
)
from gongkai.documents.models import Column, Record

_HTML = re.compile(r"<[a-zA-Z/!][^>]*>")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


@dataclass
class Plan:
    """A checked row: what record_create and the import will be given."""

    line: int
    cells: dict[str, str]
    data: dict[str, Any]
    columns: list[Column]
    attachments: list[Path]
    validity: str
    index_number: str
    published_at: datetime | None


@dataclass
class BadRow:
    line: int
    cells: dict[str, str]
    problems: list[str]


@dataclass
class Checked:
    plans: list[Plan] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)
    unchanged: int = 0


class _Invalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems


@dataclass
class _Agency:
    """What the checks need to know about the agency, read once for the whole file."""

    agency: Agency
    units: dict[str, Unit]
    columns: dict[str, list[Column]]
    index_numbers: set[str]
    document_numbers: dict[str, date | None]
    titles: set[tuple[str, date | None]]
    foreign_index_numbers: set[str]

    @classmethod
    def load(cls, agency: Agency, rows: list[SourceRow]) -> "_Agency":
        units: dict[str, Unit] = {}
        for unit in Unit.objects.filter(agency=agency):
            units[unit.code] = units[unit.name] = unit
        columns: dict[str, list[Column]] = {}
        for column in Column.objects.filter(agency=agency):
            columns.setdefault(column.slug, []).append(column)
            if column.name != column.slug:
                columns.setdefault(column.name, []).append(column)
        known = Record.objects.filter(agency=agency).values_list(
            "index_number", "document_number", "written_on", "title"
        )
        state = cls(agency, units, columns, set(), {}, set(), set())
        for index_number, number, written_on, title in known.iterator(chunk_size=2000):
            state.index_numbers.add(index_number)
            if number:
                state.document_numbers[number] = written_on
            else:
                state.titles.add((title, written_on))
        state.foreign_index_numbers = _foreign_index_numbers(agency, rows)
        return state


def _foreign_index_numbers(agency: Agency, rows: list[SourceRow]) -> set[str]:
    """索引号 of the file already held by another agency (they are unique installation-wide)."""
    wanted = sorted({r.cells.get("索引号", "").strip() for r in rows} - {""})
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        others = Record.objects.exclude(agency=agency).filter(index_number__in=chunk)
        found.update(others.values_list("index_number", flat=True))
    return found


class _Row:
    """One row's cells being read; problems are collected rather than raised."""

    def __init__(self, row: SourceRow) -> None:
        self.cells = row.cells
        self.problems: list[str] = [row.problem] if row.problem else []

    def text(self, name: str) -> str:
        value = self.cells.get(name, "").strip()
        limit = LIMITS.get(name)
        if limit is not None and len(value) > limit:
            self.problems.append(f"{name}超过 {limit} 个字符")
        if name in REQUIRED and not value:
            self.problems.append(f"{name}不能为空")
        return value

    def date(self, name: str, text: str | None = None) -> date | None:
        value = self.text(name) if text is None else text
        if not value:
            return None
        found = _DAY.fullmatch(value)
        try:
            if found is None:
                raise ValueError
            day = date(*(int(part) for part in found.groups()))
        except ValueError:
            self.problems.append(f"{name}“{value}”无效，应为 YYYY-MM-DD 格式")
            return None
        if not 1949 <= day.year <= 2100:
            self.problems.append(f"{name}“{value}”的年份不在 1949—2100 之间")
            return None
        return day

    def moment(self, name: str) -> datetime | None:
        """发布日期: a day, or a day and a time (what the export writes), in local time."""
        day_text, _, time_text = self.text(name).partition(" ")
        day = self.date(name, day_text)
        if day is None or not time_text.strip():
            return None if day is None else _local(day, 0, 0, 0)
        found = _TIME.fullmatch(time_text.strip())
        try:
            if found is None:
                raise ValueError
            hour, minute, second = (int(part or 0) for part in found.groups())
            return _local(day, hour, minute, second)
        except ValueError:
            self.problems.append(f"{name}的时间“{time_text.strip()}”无效，应为 HH:MM:SS")
            return None

    def choice(self, name: str, words: dict[str, str], default: str = "") -> str:
        value = self.text(name)
        if not value:
            return default
        if value not in words:
            allowed = "、".join(w for w in words if not w.isascii())
            self.problems.append(f"{name}“{value}”无法识别，应为：{allowed}")
            return default
        return words[value]

    def items(self, name: str) -> list[str]:
        return [item.strip() for item in LIST_SEPARATOR.split(self.text(name)) if item.strip()]


def _local(day: date, hour: int, minute: int, second: int) -> datetime:
    naive = datetime(day.year, day.month, day.day, hour, minute, second)  # noqa: DTZ001
    return timezone.make_aware(naive)


def check_rows(
    rows: list[SourceRow],
    *,
    agency: Agency,
    attachments_dir: Path | None,
    publish: bool,
    now: datetime,
    progress: Callable[[Iterable[SourceRow]], Iterable[SourceRow]] = iter,
) -> Checked:
    """Check every row; nothing is saved. Rows already in the agency count as unchanged."""
    state = _Agency.load(agency, rows)
    seen: dict[tuple[str, Any], int] = {}
    checked = Checked()
    for row in progress(rows):
        try:
            plan = _check_row(row, state, attachments_dir, publish, now)
        except _Invalid as exc:
            checked.bad.append(BadRow(row.line, row.cells, exc.problems))
            continue
        if plan is None:
            checked.unchanged += 1
            continue
        duplicate = _duplicate(plan, seen)
        if duplicate:
            checked.bad.append(BadRow(row.line, row.cells, [duplicate]))
        else:
            checked.plans.append(plan)
    return checked


def _check_row(
    source: SourceRow, state: _Agency, folder: Path | None, publish: bool, now: datetime
) -> Plan | None:
    row = _Row(source)
    key = _key(row)
    if not row.problems and _already_imported(state, key):
        return None
    _key_conflicts(row, state, key, publish)
    plan = _plan(row, source, state, folder, key, publish, now)
    if row.problems:
        raise _Invalid(row.problems)
    return plan


@dataclass(frozen=True)
class _Key:
    """What tells whether a row is a record the agency already holds."""

    index_number: str
    document_number: str
    written_on: date | None
    title: str


def _key(row: _Row) -> _Key:
    number = row.text("文号")
    if number:
        try:
            number = disclosure.normalize_document_number(number)
        except ValueError as exc:
            row.problems.append(str(exc))
    return _Key(row.text("索引号"), number, row.date("成文日期"), row.text("标题"))


def _already_imported(state: _Agency, key: _Key) -> bool:
    if key.index_number and key.index_number in state.index_numbers:
        return True
    if key.document_number:
        return state.document_numbers.get(key.document_number, False) == key.written_on
    return (key.title, key.written_on) in state.titles


def _key_conflicts(row: _Row, state: _Agency, key: _Key, publish: bool) -> None:
    # A draft does not keep its 索引号, so only a published one can collide.
    if publish and key.index_number in state.foreign_index_numbers:
        row.problems.append(f"索引号“{key.index_number}”已被其他机关的记录使用")
    other = state.document_numbers.get(key.document_number, False)
    if other is not False and other != key.written_on:
        row.problems.append(
            f"文号“{key.document_number}”已被本机关另一条记录使用（其成文日期为 {other or '空'}）"
        )


def _duplicate(plan: Plan, seen: dict[tuple[str, Any], int]) -> str:
    """The same record twice in one file is a mistake: name the first row."""
    data = plan.data
    keys: list[tuple[str, Any]] = []
    if plan.index_number:
        keys.append(("索引号", plan.index_number))
    if data["document_number"]:
        keys.append(("文号", data["document_number"]))
    else:
        keys.append(("标题和成文日期", (data["title"], data["written_on"])))
    for key in keys:
        if key in seen:
            return f"与第 {seen[key]} 行是同一条记录（{key[0]}相同）"
    for key in keys:
        seen[key] = plan.line
    return ""


def _plan(
    row: _Row,
    source: SourceRow,
    state: _Agency,
    folder: Path | None,
    key: _Key,
    publish: bool,
    now: datetime,
) -> Plan:
    attribute = row.choice(
        "公开属性", ATTRIBUTES | {a.value: a.value for a in disclosure.Attribute}
    )
    ground = row.choice("不公开依据", GROUNDS)
    reason = row.text("理由")
    if attribute:
        row.problems.extend(disclosure.attribute_problems(attribute, ground, reason))
    data = {
        "title": key.title,
        "document_number": key.document_number,
        "written_on": key.written_on,
        "unit": _unit(row, state),
        "issuing_body": row.text("发文机关"),
        "subject": _subject(row),
        "genre": _genre(row),
        "keywords": row.text("关键词"),
        "summary": row.text("内容概述"),
        "registration_number": row.text("统一登记号"),
        "body": as_html(row.text("正文")),
        "redacted_body": as_html(row.text("删减后正文")),
        "attribute": attribute,
        "ground": ground,
        "attribute_reason": reason,
    }
    if attribute == disclosure.Attribute.REDACTED and not data["redacted_body"]:
        row.problems.append("公开属性为“删减后公开”，须提供删减后正文")
    published_at = _published_at(row, key, publish, now)
    return Plan(
        line=source.line,
        cells=source.cells,
        data=data,
        columns=_columns(row, state),
        attachments=_attachments(row, folder),
        validity=row.choice("有效性", dict(VALIDITIES), Record.Validity.CURRENT),
        index_number=key.index_number if published_at else "",
        published_at=published_at,
    )


def _unit(row: _Row, state: _Agency) -> Unit | None:
    name = row.text("发布机构")
    if name in {"", state.agency.name, state.agency.code}:
        return None
    unit = state.units.get(name)
    if unit is None:
        row.problems.append(f"发布机构“{name}”不是本机关或其内设机构、下属单位（代码或名称）")
    return unit


def _subject(row: _Row) -> str:
    value = re.sub(r"\s*[/／＼\\]\s*", "\\\\", row.text("主题分类"))
    if value and value not in _SUBJECTS:
        row.problems.append(f"主题分类“{value}”不在国务院主题分类表中，应如“综合政务\\政务公开”")
    return value


_SUBJECTS = frozenset(subject_choices())


def _genre(row: _Row) -> str:
    value = row.text("体裁")
    if value and value not in GENRES:
        row.problems.append(f"体裁“{value}”无法识别，应为：{'、'.join(GENRES)}")
    return value


def _columns(row: _Row, state: _Agency) -> list[Column]:
    columns = []
    for item in row.items("栏目"):
        found = state.columns.get(item, [])
        if len(found) == 1:
            columns.append(found[0])
        elif found:
            row.problems.append(f"栏目名称“{item}”不唯一，请改用栏目简称（如 zcwj）")
        else:
            row.problems.append(f"栏目“{item}”在本机关不存在（可填栏目简称或名称）")
    return columns


def _published_at(row: _Row, key: _Key, publish: bool, now: datetime) -> datetime | None:
    """发布日期 makes a published record only with --publish, for rows not marked otherwise."""
    moment = row.moment("发布日期")
    status = row.text("状态")
    if status not in STATUSES.values() and status:
        row.problems.append(f"状态“{status}”无法识别，应为：{'、'.join(STATUSES.values())}")
    if moment is None or not publish:
        return None
    if moment > now:
        row.problems.append("发布日期晚于现在：历史数据只能是已经发布的")
    if key.written_on and timezone.localdate(moment) < key.written_on:
        row.problems.append("发布日期早于成文日期")
    return moment if status in PUBLISHABLE_STATUS_WORDS else None


def _attachments(row: _Row, folder: Path | None) -> list[Path]:
    names = row.items("附件")
    if names and folder is None:
        row.problems.append("有附件，但没有指定附件目录（--attachments DIR）")
        return []
    return [path for name in names if (path := _attachment(row, folder, name)) is not None]


def _attachment(row: _Row, folder: Path | None, name: str) -> Path | None:
    assert folder is not None
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        row.problems.append(f"附件“{name}”不在附件目录中")
        return None
    if not path.is_file():
        row.problems.append(f"附件“{name}”在附件目录中找不到")
        return None
    if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
        row.problems.append(f"附件“{name}”超过 {DEFAULT_LIMITS.max_bytes // 2**20} MB 的上限")
        return None
    try:
        inspect_file(path.name, path.read_bytes())
    except FileRefused as exc:
        row.problems.append(f"附件：{exc}")
        return None
    return path


def as_html(text: str) -> str:
    """Plain text becomes paragraphs; HTML is kept (record_create sanitizes it)."""
    if not text or _HTML.search(text):
        return text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)
