"""Exporting records in the import's layout, and the file of rows --skip-invalid set aside."""

from collections.abc import Iterator, Mapping
from pathlib import Path

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.documents.bulk.checks import BadRow
from gongkai.documents.bulk.files import write_rows
from gongkai.documents.bulk.layout import (
    ATTRIBUTE_LABELS,
    ERROR_HEADER,
    GROUND_LABELS,
    HEADERS,
    LIST_SEPARATOR,
    STATUSES,
    VALIDITIES,
)
from gongkai.documents.models import Record
from gongkai.documents.selectors import public_records


def export_records(*, agency: Agency, year: int | None, all_statuses: bool) -> QuerySet[Record]:
    """Public records by default, so a file can go to another installation; every record
    of the agency (drafts, 不公开, revoked…) with all_statuses, for staff backups."""
    records = Record.objects.filter(agency=agency) if all_statuses else public_records()
    records = records.filter(agency=agency)
    if year is not None:
        records = records.filter(
            Q(published_at__year=year) | Q(published_at__isnull=True, created_at__year=year)
        )
    return records.select_related("unit").prefetch_related("columns", "attachments")


def record_cells(record: Record, *, public: bool, attachments: list[str]) -> dict[str, str]:
    """The record as one row of HEADERS. A public export never holds the unredacted body."""
    published = timezone.localtime(record.published_at) if record.published_at else None
    body = record.public_body if public else record.body
    return {
        "索引号": record.index_number,
        "标题": record.title,
        "发布机构": record.unit.name if record.unit else "",
        "发文机关": record.issuing_body,
        "文号": record.document_number,
        "成文日期": record.written_on.isoformat() if record.written_on else "",
        "发布日期": published.strftime("%Y-%m-%d %H:%M:%S") if published else "",
        "主题分类": record.subject,
        "体裁": record.genre,
        "关键词": record.keywords,
        "内容概述": record.summary,
        "栏目": "；".join(c.slug for c in record.columns.all()),
        "有效性": _label(VALIDITIES, record.validity),
        "公开属性": ATTRIBUTE_LABELS.get(record.attribute, ""),
        "不公开依据": GROUND_LABELS.get(record.ground, ""),
        "理由": record.attribute_reason,
        "统一登记号": record.registration_number,
        "正文": body,
        "删减后正文": record.redacted_body,
        "附件": "；".join(attachments),
        "状态": STATUSES.get(record.status, record.status),
    }


def _label(words: Mapping[str, str], value: str) -> str:
    return next((label for label, v in words.items() if v == value), value)


def attachment_files(record: Record, folder: Path) -> list[str]:
    """Copy the record's files to folder/<record id>/ and return their names for 附件."""
    names: list[str] = []
    for attachment in record.attachments.all():
        name = _file_name(attachment.original_name)
        if f"{record.pk}/{name}" in names:
            name = f"{attachment.position}-{name}"
        target = folder / str(record.pk) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with attachment.file.open("rb") as source:
            target.write_bytes(source.read())
        names.append(f"{record.pk}/{name}")
    return names


def _file_name(original: str) -> str:
    """A name that stays inside the record's folder and one 附件 cell."""
    name = LIST_SEPARATOR.sub("_", Path(original.replace("\\", "/")).name)
    return "附件" if name in {"", ".", ".."} else name


def write_bad_rows(path: Path, bad: list[BadRow]) -> None:
    """The rows --skip-invalid set aside, with what is wrong in an 错误 column."""
    headers = [h for h in HEADERS if any(h in row.cells for row in bad)] + [ERROR_HEADER]
    rows = (
        row.cells | {ERROR_HEADER: f"第 {row.line} 行：" + "；".join(row.problems)} for row in bad
    )
    write_rows(path, headers, rows)


def export_file(
    path: Path,
    *,
    agency: Agency,
    year: int | None,
    all_statuses: bool,
    attachments_dir: Path | None,
) -> int:
    """Write the agency's records to `path`; their files to attachments_dir when given."""
    records = export_records(agency=agency, year=year, all_statuses=all_statuses)

    def rows() -> Iterator[dict[str, str]]:
        for record in records.iterator(chunk_size=500):
            if attachments_dir is not None:
                names = attachment_files(record, attachments_dir)
            else:
                names = [a.original_name for a in record.attachments.all()]
            yield record_cells(record, public=not all_statuses, attachments=names)

    return write_rows(path, HEADERS, rows())
