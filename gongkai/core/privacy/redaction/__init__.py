"""Redacted copies of files (issue 4 §2): the values the scanner finds are masked in the file
itself, in its own format, and the copy is scanned again before it is handed back.

Plain Python, no Django; the publication gate and ``gongkai scan --redact`` call :func:`redact`.

- Formats: plain text (in its own encoding), CSV, HTML (text, attribute values, comments and
  scripts; markup kept), DOCX and XLSX (their XML parts edited, the ZIP rebuilt, untouched parts
  copied as they are), PDF (pages with findings rasterised; see :mod:`._pdf`). The type comes
  from the content as in :mod:`gongkai.core.privacy.extract`; the extension only tells text
  formats apart.
- What is masked: every finding of severity high or medium, by the one masking policy of
  privacy.md §3; low findings (office phones) stay. Secret and handling marks are never masked:
  blanking a mark does not declassify the text, so the re-scan refuses the copy. Columns named
  in ``mask_labels`` are masked whole, every non-empty cell, valid-looking or not.
- The copy is extracted and scanned again: a high finding left, or a part that cannot be read,
  and :class:`RedactionFailed` is raised instead of returning it. So is any input that cannot be
  redacted (corrupt, encrypted, a DTD, too large, unreadable parts, an unsupported type). No
  other exception leaves :func:`redact`; reasons never quote the content.
"""

import io
import zipfile
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from gongkai.core.privacy import Finding, Segment, scan_segments
from gongkai.core.privacy.extract import (
    DEFAULT_LIMITS,
    HEAD,
    MB,
    ScanLimits,
    Unreadable,
    _sniff,
    extract,
    text_format,
)
from gongkai.core.privacy.redaction import _pdf
from gongkai.core.privacy.redaction._common import Masker, RedactionFailed
from gongkai.core.privacy.redaction._docx import redact_docx
from gongkai.core.privacy.redaction._ooxml import Package
from gongkai.core.privacy.redaction._text import redact_csv, redact_html, redact_text
from gongkai.core.privacy.redaction._xlsx import redact_xlsx

__all__ = ["Redacted", "RedactionFailed", "redact", "redactable"]


@dataclass(frozen=True)
class Redacted:
    data: bytes  # the redacted file, same format as the input
    masked: int  # how many values were masked
    remaining: list[Finding]  # findings of the re-scan of the copy (none of them high)


def file_format(name: str, data: bytes) -> str | None:
    """ "text", "csv", "html", "docx", "xlsx", "pdf" — the formats :func:`redact` handles."""
    head = data[:HEAD]
    kind = _sniff(head)
    if kind is None:
        return text_format(name, head)
    if kind == "pdf":
        return "pdf"
    if kind != "zip":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except Exception:
        return None
    if not any(item.lower() == "[content_types].xml" for item in names):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def redactable(name: str, data: bytes) -> bool:
    """Whether :func:`redact` can make a copy of this format (it may still fail on the file)."""
    kind = file_format(name, data)
    if kind == "pdf":
        return _pdf.available()
    return kind is not None


def redact(
    name: str,
    data: bytes,
    *,
    terms: Sequence[str] = (),
    mask_labels: Collection[str] = (),
    limits: ScanLimits = DEFAULT_LIMITS,
) -> Redacted:
    """The redacted copy of a file, scanned again; :class:`RedactionFailed` when none can be made."""
    if isinstance(mask_labels, str):
        mask_labels = (mask_labels,)
    try:
        return _redact(name, data, terms, mask_labels, limits)
    except RedactionFailed:
        raise
    except MemoryError:
        raise RedactionFailed("内存不足，无法删减 (out of memory)") from None
    except RecursionError:
        raise RedactionFailed("文件结构嵌套过深，无法删减 (structure nested too deeply)") from None
    except Exception as exc:  # never the message: it could quote the content
        raise RedactionFailed(
            f"删减出错，需要人工处理 (redaction error: {type(exc).__name__})"
        ) from None


def _redact(
    name: str,
    data: bytes,
    terms: Sequence[str],
    mask_labels: Collection[str],
    limits: ScanLimits,
) -> Redacted:
    if len(data) > limits.max_bytes:
        raise RedactionFailed(
            f"文件超过 {limits.max_bytes / MB:,.0f} MB 的上限，无法删减 "
            f"(larger than the limit of {limits.max_bytes / MB:,.0f} MB)"
        )
    segments = _readable(extract(name, data, limits=limits), "原文件", "the input")
    kind = file_format(name, data)
    masker = Masker(terms, mask_labels)
    rasterised: set[int] = set()
    if kind == "text":
        copy = redact_text(data, segments, masker)
    elif kind == "csv":
        copy = redact_csv(data, segments, masker, tab=name.lower().endswith(".tsv"))
    elif kind == "html":
        copy = redact_html(data, masker)
    elif kind in ("docx", "xlsx"):
        package = Package(data)
        if kind == "docx":
            copy = redact_docx(package, masker)
        else:
            copy = redact_xlsx(package, segments, masker)
    elif kind == "pdf":
        copy, rasterised = _pdf.redact_pdf(data, segments, masker)
    else:
        raise RedactionFailed(
            "不支持删减此格式（仅支持 TXT、CSV、HTML、DOCX、XLSX、PDF） "
            "(this format cannot be redacted: TXT, CSV, HTML, DOCX, XLSX and PDF can)"
        )
    remaining = _rescan(name, copy, terms, limits, rasterised)
    return Redacted(copy, masker.count, remaining)


def _readable(items: Iterable[Segment | Unreadable], zh: str, en: str) -> list[Segment]:
    found = list(items)
    problems = [item for item in found if isinstance(item, Unreadable)]
    if problems:
        raise RedactionFailed(
            f"{zh}有 {len(problems)} 处无法读取的部分，无法删减，需要人工处理 "
            f"({en} has {len(problems)} unreadable parts: cannot redact) — {problems[0].reason}"
        )
    return [item for item in found if isinstance(item, Segment)]


def _rescan(
    name: str, copy: bytes, terms: Sequence[str], limits: ScanLimits, rasterised: set[int]
) -> list[Finding]:
    """The findings of the copy; refused when it has a high one or a part that cannot be read
    (other than the pages rasterised on purpose, which have no text layer left)."""
    segments: list[Segment] = []
    problems = 0
    for item in extract(name, copy, limits=limits):
        if isinstance(item, Unreadable):
            if item.where.get("page") not in rasterised or len(item.where) != 1:
                problems += 1
        else:
            segments.append(item)
    if problems:
        raise RedactionFailed(
            f"删减后的副本有 {problems} 处无法读取的部分，未交付 "
            f"(the redacted copy has {problems} unreadable parts: not handed out)"
        )
    remaining = list(scan_segments(segments, terms=terms))
    high = Counter(finding.kind for finding in remaining if finding.severity == "high")
    if high:
        kinds = "、".join(f"{kind} × {count}" for kind, count in sorted(high.items()))
        raise RedactionFailed(
            f"复查删减后的副本仍有 {sum(high.values())} 处高风险发现（{kinds}），未交付；"
            f"密级和内部标志不能删减 (the re-scan of the copy still finds {sum(high.values())} "
            f"high findings: {kinds.replace('、', ', ')}; not handed out — secret and handling "
            "marks cannot be redacted away)"
        )
    return remaining
