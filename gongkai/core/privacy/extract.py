"""Extractors of the privacy scanner: the text of a file, piece by piece, with where it stands.

:func:`extract` (bytes in memory) and :func:`extract_file` (a path; text files are streamed)
yield :class:`Segment` objects for the scanner, and :class:`Unreadable` objects for whatever
could not be read. An ``Unreadable`` is **yielded, never raised**: a PDF with one scanned page,
or an archive with one encrypted member, still has the rest of its text scanned, and the
caller reports each ``Unreadable`` as a finding of kind ``unreadable`` ("needs manual review")
instead of passing the file as clean.

The type comes from the content (magic bytes; for ZIP containers the names of their parts), as
in :mod:`gongkai.core.files`; the extension only tells text formats apart (HTML, CSV, plain).

- Text: UTF-8 (with or without BOM), UTF-16 with a BOM, else GB18030 (a superset of GBK and
  GB2312). Files are read in chunks; a line longer than ``max_line_chars`` is cut into pieces
  that overlap by :data:`OVERLAP` characters, so that a number across a cut is seen whole in one
  piece (:func:`repeated_in_overlap` tells which findings were already seen in the piece before).
- HTML: visible text per block, table cells labelled by their column's header, attribute values
  (``title``, ``alt``, ``value``, ``href``, ``data-*`` …), comments, and the text of scripts and
  styles as parts of their own: a script can hold a list of people as well as a table can.
- CSV: one segment per cell, labelled by the header (the first non-empty row).
- DOCX and XLSX are read from their XML parts with :mod:`xml.etree` (never through python-docx or
  openpyxl): every part that can hold text is read — tracked insertions *and* deletions, text
  boxes, headers, footers, notes, comments, document properties, hidden sheets, rows, columns,
  comments, pivot caches — and a number stored in a cell is seen as the text Excel stored, not as
  a Python float (openpyxl's read-only mode does not expose hidden rows and columns, its normal
  mode holds the whole workbook in memory, and both turn numbers into floats). The expat parser
  resolves no external entity and limits entity expansion; a part that declares a DTD is not
  read at all.
- PDF: the text layer of each page (a page without one is unreadable), annotations and form
  fields, the document information, and embedded files.
- ZIP: members are extracted by their content, recursively, with limits (:class:`ScanLimits`).
  Everything unpacked from one file, at any depth, counts against one budget, so nested archives
  cannot multiply it.

Reasons are Chinese, then English in brackets. They never quote the content: a library's error
message could hold the very value the scanner must not print, so only its type is named.
"""

import codecs
import csv
import dataclasses
import functools
import io
import os
import posixpath
import re
import stat
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, TypeAlias, TypeVar, cast
from xml.etree import ElementTree

from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from gongkai.core.privacy.recognizers import column_label
from gongkai.core.privacy.scanner import Finding, Found, Segment, Selected

MB = 1024 * 1024
RATIO_FLOOR = MB  # as in gongkai.core.files: small parts compress well and are no bomb
CHUNK = 4 * MB  # bytes read from a text file at a time
HEAD = 64 * 1024  # bytes looked at to tell text from binary
OVERLAP = 256  # characters shared by consecutive pieces of a long line
# Numbers stored in XLSX cells shorter than this are no identifier of any kind (the shortest,
# a local landline number, has 7 digits): amounts, counts and dates are not handed over.
SHORTEST_NUMBER = 7
# An OOXML part names its root element within this many bytes; a DTD before it is refused
# (expat resolves no external entity, but internal ones can still be multiplied).
XML_PROLOG = 4096
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")


@dataclass(frozen=True)
class ScanLimits:
    """How far the extractors go. Defaults are those of uploads (``gongkai.core.files``) where
    the same attack is answered, and larger where a scan must read what an upload would refuse."""

    max_bytes: int = 200 * MB  # a file or an archive member larger than this is not read
    max_zip_members: int = 1000  # per archive (DOCX and XLSX included)
    max_unzipped_bytes: int = 200 * MB  # unpacked from one file, nested archives included
    max_ratio: int = 100  # compression ratio, per member and per archive
    max_depth: int = 3  # archives inside archives
    max_pdf_pages: int = 5000
    max_xlsx_cells: int = 20_000_000  # cells read from one workbook
    max_line_chars: int = 1_000_000  # longer lines are cut into overlapping pieces

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value <= 0:
                raise ValueError(f"ScanLimits.{name} must be positive, not {value}")
        if self.max_line_chars <= 2 * OVERLAP:
            raise ValueError(f"ScanLimits.max_line_chars must exceed {2 * OVERLAP}")


DEFAULT_LIMITS = ScanLimits()


class Unreadable(Exception):  # noqa: N818 — the kind of finding it becomes: ``unreadable``
    """Content that could not be read; yielded by the extractors, reported as a finding.

    ``reason`` is Chinese then English; ``where`` locates the part (a page, a member), and is
    empty when the whole file is unreadable.
    """

    def __init__(self, reason: str, where: Mapping[str, object] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where: dict[str, object] = dict(where or {})


Item: TypeAlias = Segment | Unreadable
# What the extractors give scan_file: also the findings the compiled line pass made (Found).
ScanItem: TypeAlias = Item | Found
Chunks: TypeAlias = Callable[[], Iterator[bytes]]


def extract(name: str, data: bytes, *, limits: ScanLimits = DEFAULT_LIMITS) -> Iterator[Item]:
    """Segments and unreadable parts of a file held in memory; ``name`` gives the extension."""
    # Without a line selector the extractors give no Found.
    yield from cast(Iterator[Item], _Extractor(limits).content(name, data, depth=0))


def extract_file(
    path: str | os.PathLike[str], *, limits: ScanLimits = DEFAULT_LIMITS
) -> Iterator[Item]:
    """As :func:`extract`, from a path: text files are streamed, other files read whole."""
    return cast(Iterator[Item], _extract_file(path, limits, None))


# scanner.line_selector: what the lines of text[start:end] hold, the first being line number.
Selector: TypeAlias = Callable[[str, int, int, int], Selected]


def _extract_file(
    path: str | os.PathLike[str], limits: ScanLimits, select: Selector | None
) -> Iterator[ScanItem]:
    """:func:`extract_file`; with ``select`` (``scanner.line_selector``) the lines of plain text
    are only those it selects — for scanning, where the others would give nothing."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Unreadable("不是普通文件 (not a regular file)")
            return
        if info.st_size > limits.max_bytes:
            yield _too_large(info.st_size, limits)
            return
        with path.open("rb") as file:
            head = file.read(HEAD)
        extractor = _Extractor(limits, select)
        if _sniff(head) is None:
            text = extractor.text(path.name, head, lambda: _file_chunks(path))
            yield from _guarded(text, "文本 (text)")
        else:
            yield from extractor.content(path.name, path.read_bytes(), depth=0)
    except OSError as exc:
        yield Unreadable(
            f"无法读取文件 (cannot read the file: {exc.strerror or type(exc).__name__})"
        )


def repeated_in_overlap(where: Mapping[str, object], end: int) -> bool:
    """Whether a finding ending at ``end`` in a piece of a long line was already in the piece
    before: it lies wholly inside the :data:`OVERLAP` characters the two pieces share."""
    char = where.get("char")
    return isinstance(char, int) and char > 1 and end <= OVERLAP


def text_encoding(head: bytes, chunks: Chunks) -> tuple[str, str]:
    """(codec, error handler) of a text file; ``chunks`` is called again for each attempt."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "strict"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "replace"
    if _utf8_text(head):
        # Chinese text that reads as UTF-8 for its first 64 KB is UTF-8: GB18030 text breaks
        # the rules of UTF-8 within a few characters. The file is then not decoded twice (a
        # fifth of a scan's time, docs/benchmarks.md); a bad byte further on becomes U+FFFD.
        return "utf-8", "replace"
    for encoding in ("utf-8", "gb18030"):
        if _decodes(chunks, encoding):
            return encoding, "strict"
    # Neither decodes every byte: keep the likelier one and let the odd byte become U+FFFD.
    # Digits and Latin letters are ASCII in both, so no number is lost by this.
    utf8_errors = head.decode("utf-8", "replace").count("\ufffd")
    gb_errors = head.decode("gb18030", "replace").count("\ufffd")
    return ("utf-8" if utf8_errors <= gb_errors else "gb18030"), "replace"


def text_lines(
    chunks: Chunks, encoding: str, errors: str, max_chars: int
) -> Iterator[tuple[int, int, str]]:
    """(line number, offset of the piece in its line or -1 for a whole line, text) of a text.

    Lines end at ``\\n`` (``\\r\\n`` too); a line longer than ``max_chars`` comes in pieces of
    ``max_chars`` characters, each starting :data:`OVERLAP` characters before the previous
    one's end, so memory stays bounded whatever the file.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    number, offset, rest = 1, -1, ""
    step = max_chars - OVERLAP
    for chunk in _with_final(chunks()):
        text = rest + (decoder.decode(chunk, final=chunk == b""))
        start = 0
        while (end := text.find("\n", start)) >= 0:
            yield number, offset, text[start:end].removesuffix("\r")
            number, offset, start = number + 1, -1, end + 1
        rest = text[start:]
        while len(rest) > max_chars:
            offset = max(offset, 0)
            yield number, offset, rest[:max_chars]
            offset, rest = offset + step, rest[step:]
    if rest:
        yield number, offset, rest.removesuffix("\r")


def _selected_lines(
    chunks: Chunks, encoding: str, errors: str, max_chars: int, select: Selector
) -> Iterator[tuple[int, int, str] | Found]:
    """:func:`text_lines`, but of the whole lines of each chunk only those ``select`` picks,
    and the findings it made itself in batches; pieces of long lines and the last line come
    as they are."""
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    number, offset, rest = 1, -1, ""
    step = max_chars - OVERLAP
    for chunk in _with_final(chunks()):
        text = rest + (decoder.decode(chunk, final=chunk == b""))
        last = text.rfind("\n")
        start = 0
        if last >= 0 and offset >= 0:  # the end of a long line cut into pieces
            end = text.find("\n")
            yield number, offset, text[:end].removesuffix("\r")
            number, offset, start = number + 1, -1, end + 1
        if last >= start:
            found: list[Finding] = []
            for entry in select(text, start, last + 1, number):
                if type(entry) is tuple:
                    if found:
                        yield Found(found)
                        found = []
                    line_start, line_number = entry
                    line = text[line_start : text.find("\n", line_start)]
                    yield line_number, -1, line.removesuffix("\r")
                else:
                    found.append(entry)  # type: ignore[arg-type]
            if found:
                yield Found(found)
            number += text.count("\n", start, last + 1)
            start = last + 1
        rest = text[start:]
        while len(rest) > max_chars:
            offset = max(offset, 0)
            yield number, offset, rest[:max_chars]
            offset, rest = offset + step, rest[step:]
    if rest:
        yield number, offset, rest.removesuffix("\r")


# What a file is


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"BM", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"Rar!\x1a\x07", "RAR 压缩包 (RAR archive)"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包 (7z archive)"),
    (b"\x1f\x8b", "gzip 压缩文件 (gzip file)"),
    (b"BZh", "bzip2 压缩文件 (bzip2 file)"),
    (b"\xfd7zXZ\x00", "xz 压缩文件 (xz file)"),
    (b"MZ", "可执行程序 (executable)"),
    (b"\x7fELF", "可执行程序 (executable)"),
    (b"SQLite format 3\x00", "SQLite 数据库 (SQLite database)"),
)
_IMAGE = "图片没有文字层，需要人工审查 (an image has no text layer: needs manual review)"
_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_CSV_EXTENSIONS = frozenset({".csv", ".tsv"})
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _sniff(head: bytes) -> str | None:
    """ "pdf", "zip", "image", "ole", the name of an unsupported format, or None (maybe text)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "image"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def _binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 50)


def _too_large(size: int, limits: ScanLimits) -> Unreadable:
    return Unreadable(
        f"文件大小 {size / MB:,.1f} MB，超过扫描上限 {limits.max_bytes / MB:,.0f} MB，需要人工审查 "
        f"(larger than the scan limit of {limits.max_bytes / MB:,.0f} MB: needs manual review)"
    )


def _extension(name: str) -> str:
    return posixpath.splitext(name.replace("\\", "/").rsplit("/", 1)[-1])[1].lower()


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            yield chunk


def _memory_chunks(data: bytes) -> Chunks:
    view = memoryview(data)
    return lambda: (bytes(view[i : i + CHUNK]) for i in range(0, len(data), CHUNK))


def _with_final(chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield from chunks
    yield b""


_UTF8_EVIDENCE = 16  # characters beyond ASCII that the head must hold to tell UTF-8 at once


def _utf8_text(head: bytes) -> bool:
    """Whether ``head`` decodes as UTF-8 (but for a character cut at its end) and holds at
    least :data:`_UTF8_EVIDENCE` characters beyond ASCII."""
    if head.isascii():
        return False
    try:
        text = codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return len(text) - len(text.encode("ascii", "ignore")) >= _UTF8_EVIDENCE


def _decodes(chunks: Chunks, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        for chunk in _with_final(chunks()):
            decoder.decode(chunk, final=chunk == b"")
    except UnicodeDecodeError:
        return False
    return True


# The extractor: one per file, holding the budget of everything unpacked from it


class _Extractor:
    def __init__(self, limits: ScanLimits, select: Selector | None = None) -> None:
        self.limits, self.select = limits, select
        self.unzipped_left = limits.max_unzipped_bytes
        self.cells_left = limits.max_xlsx_cells

    def content(self, name: str, data: bytes, depth: int) -> Iterator[ScanItem]:
        if len(data) > self.limits.max_bytes:
            yield _too_large(len(data), self.limits)
            return
        kind = _sniff(data[:HEAD])
        if kind is None:
            yield from _guarded(self.text(name, data[:HEAD], _memory_chunks(data)), "文本 (text)")
        elif kind == "pdf":
            yield from _guarded(_pdf(self, data, depth), "PDF 文档 (PDF)")
        elif kind == "zip":
            yield from _guarded(self.container(name, data, depth), "ZIP 格式文件 (ZIP container)")
        elif kind == "image":
            yield Unreadable(_IMAGE)
        elif kind == "ole":
            yield Unreadable(_ole_reason(data))
        else:
            yield Unreadable(
                f"不支持的格式：{kind}，需要人工审查 (unsupported format: needs manual review)"
            )

    def text(self, name: str, head: bytes, chunks: Chunks) -> Iterator[ScanItem]:
        if _binary(head):
            yield Unreadable("二进制内容，无法识别的格式 (binary content of an unknown type)")
            return
        encoding, errors = text_encoding(head, chunks)
        extension = _extension(name)
        if extension in _HTML_EXTENSIONS or _looks_like_html(head):
            yield from _html(chunks, encoding, errors)
            return
        if extension in _CSV_EXTENSIONS:
            lines = text_lines(chunks, encoding, errors, self.limits.max_line_chars)
            yield from _csv(lines, tab=extension == ".tsv")
        elif self.select is not None:
            selected = _selected_lines(
                chunks, encoding, errors, self.limits.max_line_chars, self.select
            )
            for entry in selected:
                if isinstance(entry, Found):
                    yield entry
                    continue
                number, offset, line = entry
                if line.strip():
                    yield Segment(line, _line_where(number, offset))
        else:
            lines = text_lines(chunks, encoding, errors, self.limits.max_line_chars)
            for number, offset, line in lines:
                if line.strip():
                    yield Segment(line, _line_where(number, offset))

    # ZIP containers

    def container(self, name: str, data: bytes, depth: int) -> Iterator[ScanItem]:
        if depth >= self.limits.max_depth:
            yield Unreadable(
                f"压缩包嵌套超过 {self.limits.max_depth} 层，未展开，需要人工审查 "
                f"(archives nested deeper than {self.limits.max_depth}: needs manual review)"
            )
            return
        refusal = self.check_zip(data)
        if refusal:
            yield refusal
            return
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename for info in archive.infolist()}
            lowered = {item.lower() for item in names}
            if "[content_types].xml" in lowered and "word/document.xml" in names:
                yield from _Docx(self, archive, names, depth).items()
            elif "[content_types].xml" in lowered and "xl/workbook.xml" in names:
                yield from _Xlsx(self, archive, names, depth).items()
            else:
                note = _partly_supported(lowered)
                if note:
                    yield Unreadable(note)
                yield from self.members(archive, depth)

    def check_zip(self, data: bytes) -> Unreadable | None:
        """A reason not to open an archive, judged on its central directory before unpacking."""
        limits = self.limits
        if data.count(b"PK\x01\x02") > 4 * limits.max_zip_members + 64:
            return _too_many(limits)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            return Unreadable("ZIP 文件已损坏或不完整 (a corrupt or truncated ZIP file)")
        if len(infos) > limits.max_zip_members:
            return _too_many(limits)
        unpacked = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        if unpacked > self.unzipped_left:
            return Unreadable(
                f"解压后超过 {limits.max_unzipped_bytes / MB:,.0f} MB 的上限，未展开，需要人工审查 "
                f"(unpacks to more than {limits.max_unzipped_bytes / MB:,.0f} MB: needs manual review)"
            )
        bomb = any(self.bomb(info.file_size, info.compress_size) for info in infos)
        if bomb or self.bomb(unpacked, packed):
            return Unreadable(
                f"压缩比超过 {limits.max_ratio} 倍，可能是“压缩炸弹”，未展开 "
                f"(compression ratio above {limits.max_ratio}: a possible zip bomb, not unpacked)"
            )
        return None

    def bomb(self, unpacked: int, packed: int) -> bool:
        return unpacked > RATIO_FLOOR and unpacked > self.limits.max_ratio * max(packed, 1)

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """A member's bytes, counted against the budget (its declared size was checked)."""
        self.unzipped_left -= info.file_size
        if self.unzipped_left < 0:
            raise _BudgetSpent
        with archive.open(info) as member:
            return member.read(info.file_size + 1)[: info.file_size]

    def open(self, archive: zipfile.ZipFile, name: str) -> IO[bytes]:
        """A part of a DOCX or XLSX as a stream, counted against the budget."""
        info = archive.getinfo(name)
        self.unzipped_left -= info.file_size
        if self.unzipped_left < 0:
            raise _BudgetSpent
        stream = archive.open(info)
        head = stream.read(XML_PROLOG)
        root = _ROOT_ELEMENT.search(head)
        if b"<!DOCTYPE" in head[: root.start() if root else None] or (root is None and head):
            stream.close()
            raise _DtdRefused
        return io.BufferedReader(_Prefixed(head, stream))

    def members(self, archive: zipfile.ZipFile, depth: int) -> Iterator[ScanItem]:
        infos = sorted(archive.infolist(), key=lambda info: _member_name(info))
        for info in infos:
            if info.is_dir():
                continue
            member = _member_name(info)
            yield Segment(posixpath.basename(member), {"member": member, "part": "name"})
            if info.flag_bits & 0x1:
                yield Unreadable("已加密，无法读取 (encrypted member)", {"member": member})
                continue
            try:
                data = self.read(archive, info)
            except _BudgetSpent:
                yield Unreadable(
                    "解压总量超过上限，其余文件未读取 (unpacking budget spent: the rest is unread)",
                    {"member": member},
                )
                return
            for item in _guarded(self.content(member, data, depth + 1), "压缩包成员 (member)"):
                yield _in_member(member, item)


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to look at the XML prolog)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] if self.head else self.rest.read(len(buffer))
        self.head = self.head[len(data) :] if self.head else b""
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.rest.close()
        super().close()


class _BudgetSpent(Exception):
    pass


class _DtdRefused(Exception):
    pass


def _too_many(limits: ScanLimits) -> Unreadable:
    return Unreadable(
        f"压缩包内文件超过 {limits.max_zip_members} 个，未展开，需要人工审查 "
        f"(more than {limits.max_zip_members} members: needs manual review)"
    )


def _partly_supported(names: set[str]) -> str:
    if "ppt/presentation.xml" in names:
        kind = "PowerPoint 演示文稿 (PowerPoint)"
    elif "ofd.xml" in names:
        kind = "OFD 版式文件 (OFD)"
    elif "mimetype" in names and "content.xml" in names:
        kind = "OpenDocument 文档 (OpenDocument)"
    else:
        return ""
    return f"{kind}：仅按原始 XML 扫描，需要人工审查 (scanned as raw XML only: needs manual review)"


def _ole_reason(data: bytes) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "设有打开密码的 Office 文件，无法读取 (a password-protected Office file)"
    return (
        "旧版 Office 格式（DOC、XLS、PPT、WPS），无法读取，请另存为 DOCX 或 XLSX "
        "(old Office format: save as DOCX or XLSX)"
    )


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's path; names written without the UTF-8 flag by Chinese Windows are GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", "replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _in_member(member: str, item: ScanItem) -> ScanItem:
    if isinstance(item, Found):
        return Found(
            [
                dataclasses.replace(finding, where=_member_where(member, finding.where))
                for finding in item.findings
            ]
        )
    where = _member_where(member, item.where)
    if isinstance(item, Unreadable):
        return Unreadable(item.reason, where)
    return Segment(item.text, where, item.label)


def _member_where(member: str, inner_where: Mapping[str, object]) -> dict[str, object]:
    inner = inner_where.get("member")
    where: dict[str, object] = {"member": f"{member}/{inner}" if inner else member}
    where.update((key, value) for key, value in inner_where.items() if key != "member")
    return where


_Items = TypeVar("_Items", Item, ScanItem)


def _guarded(
    items: Iterator[_Items], label: str, where: Mapping[str, object] | None = None
) -> Iterator[_Items | Unreadable]:
    """Any error of a library on bad content becomes one unreadable item; what was read stays."""
    try:
        yield from items
    except MemoryError:
        raise
    except _BudgetSpent:
        reason = "解压总量超过上限，未读完 (unpacking budget spent: not read to the end)"
        yield Unreadable(reason, where)
    except _DtdRefused:
        reason = "XML 部件含 DTD 或序言过长，拒绝读取 (an XML part declares a DTD: refused)"
        yield Unreadable(reason, where)
    except Exception as exc:  # the content is bad; its message may quote it, so only the type
        reason = (
            f"{label}已损坏或格式异常，无法读完，需要人工审查 "
            f"(corrupt or malformed: {type(exc).__name__}; needs manual review)"
        )
        yield Unreadable(reason, where)


def _line_where(number: int, offset: int) -> dict[str, object]:
    return {"line": number} if offset < 0 else {"line": number, "char": offset + 1}


# HTML


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "table",
        "tbody",
        "textarea",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
    ]  # noqa: SIM905 — a list of names, read as one
)
_SKIPPED_ATTRIBUTES = frozenset(
    [
        "align",
        "border",
        "cellpadding",
        "cellspacing",
        "charset",
        "class",
        "colspan",
        "dir",
        "height",
        "id",
        "lang",
        "method",
        "rel",
        "rowspan",
        "style",
        "target",
        "type",
        "valign",
        "width",
    ]  # noqa: SIM905
)


@dataclass
class _HtmlTable:
    row: int = 0
    column: int = 0
    header: dict[int, str] = field(default_factory=dict)
    cell: list[str] | None = None
    cell_column: int = 0
    cell_span: int = 1
    cell_line: int = 0


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[Segment] = []
        self.text: list[str] = []
        self.text_line = 0
        self.raw_part: str | None = None  # "script" or "style" while inside one
        self.tables: list[_HtmlTable] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.attributes(tag, attrs, line)
        if tag in ("script", "style"):
            self.flush()
            self.raw_part = tag
        elif tag == "table":
            self.flush()
            self.tables.append(_HtmlTable())
        elif tag == "tr" and self.tables:
            self.close_cell()
            self.tables[-1].row += 1
            self.tables[-1].column = 0
        elif tag in ("td", "th") and self.tables:
            self.open_cell(attrs, line)
        elif tag in _BLOCK_TAGS:
            self.block()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes(tag, attrs, self.getpos()[0])
        if tag in _BLOCK_TAGS:
            self.block()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.raw_part = None
        elif tag in ("td", "th", "tr") and self.tables:
            self.close_cell()
        elif tag == "table" and self.tables:
            self.close_cell()
            self.tables.pop()
        elif tag in _BLOCK_TAGS:
            self.block()

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0]
        if self.raw_part:
            if data.strip():
                self.out.append(Segment(data, {"line": line, "part": self.raw_part}))
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(data)
            return
        if not self.text:
            self.text_line = line
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        if data.strip():
            self.out.append(Segment(data, {"line": self.getpos()[0], "part": "comment"}))

    def attributes(self, tag: str, attrs: list[tuple[str, str | None]], line: int) -> None:
        named = dict(attrs)
        label = named.get("name") or named.get("placeholder") or named.get("title")
        for name, value in attrs:
            if not value or not value.strip() or name in _SKIPPED_ATTRIBUTES:
                continue
            if value.startswith("data:"):  # an inline image or font, not words
                continue
            where = {"line": line, "part": "attribute", "attribute": name}
            self.out.append(Segment(value, where, label if name == "value" else None))

    def block(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append("\n")
        else:
            self.flush()

    def flush(self) -> None:
        text = "".join(self.text)
        if text.strip():
            self.out.append(Segment(text, {"line": self.text_line}))
        self.text = []

    def open_cell(self, attrs: list[tuple[str, str | None]], line: int) -> None:
        self.close_cell()
        self.flush()
        table = self.tables[-1]
        span = dict(attrs).get("colspan") or "1"
        table.cell, table.cell_column, table.cell_line = [], table.column, line
        table.cell_span = (
            int(span) if span.isascii() and span.isdigit() and 0 < int(span) < 1000 else 1
        )
        table.column += table.cell_span

    def close_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is None:
            return
        text = "".join(table.cell)
        table.cell = None
        if table.row <= 1:
            for column in range(table.cell_column, table.cell_column + table.cell_span):
                table.header[column] = text.strip()
        if text.strip():
            label = table.header.get(table.cell_column) if table.row > 1 else None
            self.out.append(Segment(text, {"line": table.cell_line}, label or None))

    def drain(self) -> list[Segment]:
        out, self.out = self.out, []
        return out


def _looks_like_html(head: bytes) -> bool:
    start = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _html(chunks: Chunks, encoding: str, errors: str) -> Iterator[Item]:
    parser = _Html()
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    for chunk in _with_final(chunks()):
        parser.feed(decoder.decode(chunk, final=chunk == b""))
        yield from parser.drain()
    parser.close()
    while parser.tables:
        parser.close_cell()
        parser.tables.pop()
    parser.flush()
    yield from parser.drain()


# CSV


_EXCEL_NUMBER = re.compile(r"[+-]?\d+(?:\.\d*)?[eE]\+?\d{1,2}|\d{12,}\.0+")


Line: TypeAlias = tuple[int, int, str]  # line number, offset of a piece or -1, text


class CsvRows:
    """(line the row starts on, cells) of a CSV text; shared by the extractor and redaction.

    Iterating raises :class:`csv.Error` on a malformed row; :meth:`rest` then gives the lines
    from that row on. The delimiter is a tab for ``.tsv``, else the commonest of ``,`` tab
    ``;`` ``|`` in the first line.
    """

    def __init__(self, lines: Iterator[Line], *, tab: bool = False) -> None:
        self.pending: list[Line] = []  # lines of the row being read
        first = next(lines, None)
        self.lines = _prepend(first, lines) if first else lines
        self.delimiter = "\t" if tab else _delimiter(first[2] if first else "")

    def _source(self) -> Iterator[str]:
        for line in self.lines:
            self.pending.append(line)
            yield line[2] + "\n"

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(self._source(), delimiter=self.delimiter)
        for row in reader:
            start = self.pending[0][0] if self.pending else reader.line_num
            self.pending.clear()
            yield start, row

    def rest(self) -> Iterator[Line]:
        yield from self.pending
        yield from self.lines


def text_format(name: str, head: bytes) -> str | None:
    """ "html", "csv" or "text" for a text file (by its first bytes and name), else None."""
    if _sniff(head) is not None or _binary(head):
        return None
    if _extension(name) in _HTML_EXTENSIONS or _looks_like_html(head):
        return "html"
    return "csv" if _extension(name) in _CSV_EXTENSIONS else "text"


def _csv(lines: Iterator[Line], tab: bool) -> Iterator[Item]:
    rows = CsvRows(lines, tab=tab)
    header: list[str] | None = None
    try:
        for start, row in rows:
            if header is None and any(cell.strip() for cell in row):
                header = [cell.strip() for cell in row]
                yield from _csv_cells(row, start, header, labelled=False)
            elif header is not None:
                yield from _csv_cells(row, start, header, labelled=True)
    except csv.Error:
        # A malformed row (or a cell past csv's size limit): read on as plain lines.
        for number, offset, line in rows.rest():
            if line.strip():
                yield Segment(line, _line_where(number, offset))


def _prepend(first: Line, rest: Iterator[Line]) -> Iterator[Line]:
    yield first
    yield from rest


def _delimiter(first_line: str) -> str:
    counts = {mark: first_line.count(mark) for mark in (",", "\t", ";", "|")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _csv_cells(
    row: list[str], line: int, header: list[str], *, labelled: bool
) -> Iterator[Segment]:
    for index, cell in enumerate(row):
        if not cell.strip():
            continue
        name = header[index] if index < len(header) and header[index] else index + 1
        where: dict[str, object] = {"line": line, "column": name, "field": index + 1}
        text = cell
        if _EXCEL_NUMBER.fullmatch(cell.strip()):
            text, where["stored_as"] = _number_text(cell.strip()), "number"
        label = header[index] if labelled and index < len(header) and header[index] else None
        yield Segment(text, where, label)


def _number_text(stored: str) -> str:
    """The digits of a number as stored (``5.30902198503151E+17`` → ``530902198503151000``).

    Decimal keeps the stored digits exactly; ``int(float(...))`` would invent digits past the
    15th (reference/privacy.md §2). Numbers that are not whole are left as they are.
    """
    try:
        value = Decimal(stored)
    except InvalidOperation:
        return stored
    if not value.is_finite() or value != value.to_integral_value():
        return stored
    return str(int(value))


# Office Open XML


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """A tag without its namespace: transitional and strict OOXML name parts alike."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = (
            _LOCAL_NAMES.setdefault(tag, tag.rpartition("}")[2])
            if len(_LOCAL_NAMES) < 4096
            else tag.rpartition("}")[2]
        )
    return name


def _xml_text_parts(
    extractor: _Extractor, archive: zipfile.ZipFile, part: str
) -> Iterator[Segment]:
    """Leaf texts of a small XML part (document properties, custom XML), labelled by name."""
    root = ElementTree.parse(extractor.open(archive, part)).getroot()
    for element in root.iter():
        if len(element) or not element.text or not element.text.strip():
            continue
        name = _local(element.tag)
        yield Segment(element.text, {"part": part, "property": name}, name)
    for element in root.iter():
        if _local(element.tag) == "property" and element.get("name"):
            for value in element:
                if value.text and value.text.strip():
                    where = {"part": part, "property": element.get("name")}
                    yield Segment(value.text, where, element.get("name"))


def _office_extras(
    extractor: _Extractor, archive: zipfile.ZipFile, names: set[str], depth: int, embeddings: str
) -> Iterator[ScanItem]:
    """Document properties, custom XML and embedded files: shared by DOCX and XLSX."""
    for part in sorted(names):
        if (
            part.startswith("docProps/")
            and part.endswith(".xml")
            and part != "docProps/thumbnail.xml"
        ):
            yield from _guarded(
                _xml_text_parts(extractor, archive, part), "文档属性 (properties)", {"part": part}
            )
        elif re.fullmatch(r"customXml/item\d+\.xml", part):
            yield from _guarded(
                _xml_text_parts(extractor, archive, part), "自定义 XML (custom XML)", {"part": part}
            )
    for part in sorted(names):
        if part.startswith(embeddings) and not part.endswith("/"):
            info = archive.getinfo(part)
            if info.flag_bits & 0x1:
                yield Unreadable("已加密，无法读取 (encrypted part)", {"member": part})
                continue
            data = extractor.read(archive, info)
            for item in _guarded(
                extractor.content(part, data, depth + 1), "嵌入对象 (embedded object)"
            ):
                yield _in_member(part, item)


# DOCX


@dataclass
class _Paragraph:
    number: int
    textbox: bool
    current: list[str] = field(default_factory=list)
    original: list[str] = field(default_factory=list)
    changed: bool = False
    codes: list[str] = field(default_factory=list)


@dataclass
class _Table:
    number: int
    row: int = 0
    column: int = 0
    header: dict[int, str] = field(default_factory=dict)
    left: str = ""  # the previous cell of the row, a label in forms (姓名 | 张三)


@dataclass
class _Cell:
    table: _Table
    row: int
    column: int
    span: int = 1
    current: list[str] = field(default_factory=list)
    original: list[str] = field(default_factory=list)
    changed: bool = False


_DOCX_PARTS = re.compile(
    r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments|glossary/document)\.xml"
)
_NOTES = {"comment": "comment", "footnote": "footnote", "endnote": "endnote"}
_RUN_MARKS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class _Docx:
    def __init__(
        self, extractor: _Extractor, archive: zipfile.ZipFile, names: set[str], depth: int
    ) -> None:
        self.extractor, self.archive, self.names, self.depth = extractor, archive, names, depth

    def items(self) -> Iterator[ScanItem]:
        parts = [name for name in self.names if _DOCX_PARTS.fullmatch(name)]
        for part in sorted(parts, key=_docx_order):
            yield from _guarded(self.part(part), "Word 文档部件 (DOCX part)", {"part": part})
        yield from _office_extras(
            self.extractor, self.archive, self.names, self.depth, "word/embeddings/"
        )

    def part(self, part: str) -> Iterator[Segment]:
        """Paragraphs (current text, and the original where changes are tracked) and cells."""
        stack: list[_Paragraph | _Table | _Cell] = []
        paragraphs = tables = 0
        deleted = inserted = textbox = fallback = 0
        note: dict[str, object] = {}
        for event, element in ElementTree.iterparse(
            self.extractor.open(self.archive, part), ("start", "end")
        ):
            tag = _local(element.tag)
            if tag == "Fallback":  # mc:Fallback repeats mc:Choice (a VML copy of a text box)
                fallback += 1 if event == "start" else -1
                continue
            if fallback:
                continue
            if event == "start":
                if tag == "p":
                    paragraphs += 1
                    stack.append(_Paragraph(paragraphs, textbox > 0))
                elif tag == "tbl":
                    tables += 1
                    stack.append(_Table(tables))
                elif tag == "tr" and stack and isinstance(stack[-1], _Table):
                    table = stack[-1]
                    table.row, table.column, table.left = table.row + 1, 0, ""
                elif tag == "tc" and stack and isinstance(stack[-1], _Table):
                    stack.append(_Cell(stack[-1], stack[-1].row, stack[-1].column))
                elif tag == "gridSpan" and stack and isinstance(stack[-1], _Cell):
                    value = _attribute(element, "val") or "1"
                    stack[-1].span = (
                        int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1
                    )
                elif tag in ("del", "moveFrom"):
                    deleted += 1
                elif tag in ("ins", "moveTo"):
                    inserted += 1
                elif tag == "txbxContent":
                    textbox += 1
                elif tag in _NOTES:
                    note = {_NOTES[tag]: _attribute(element, "id")}
                continue
            if tag in ("t", "delText", "instrText", "delInstrText") or tag in _RUN_MARKS:
                paragraph = _innermost_paragraph(stack)
                if paragraph is None:
                    continue
                text = _RUN_MARKS.get(tag, element.text or "")
                if tag in ("instrText", "delInstrText"):
                    paragraph.codes.append(text)
                elif tag == "delText" or deleted:
                    paragraph.original.append(text)
                    paragraph.changed = True
                elif inserted:
                    paragraph.current.append(text)
                    paragraph.changed = True
                else:
                    paragraph.current.append(text)
                    paragraph.original.append(text)
            elif tag == "p" and stack and isinstance(stack[-1], _Paragraph):
                yield from self.end_paragraph(part, stack, note)
                element.clear()
            elif tag == "tc" and stack and isinstance(stack[-1], _Cell):
                cell = stack.pop()
                assert isinstance(cell, _Cell)
                yield from self.end_cell(part, cell, note)
            elif tag == "tbl" and stack and isinstance(stack[-1], _Table):
                stack.pop()
                element.clear()
            elif tag in ("del", "moveFrom"):
                deleted -= 1
            elif tag in ("ins", "moveTo"):
                inserted -= 1
            elif tag == "txbxContent":
                textbox -= 1

    def end_paragraph(
        self, part: str, stack: list[_Paragraph | _Table | _Cell], note: dict[str, object]
    ) -> Iterator[Segment]:
        paragraph = stack.pop()
        assert isinstance(paragraph, _Paragraph)
        current, original = "".join(paragraph.current), "".join(paragraph.original)
        container = stack[-1] if stack else None
        where: dict[str, object] = {"part": part, **note, "paragraph": paragraph.number}
        if paragraph.textbox:
            where["textbox"] = True
        if paragraph.codes and "".join(paragraph.codes).strip():
            yield Segment(" ".join(paragraph.codes), {**where, "field": "code"})
        if isinstance(container, _Cell) and not paragraph.textbox:
            container.current.append(current)
            container.original.append(original)
            container.changed = container.changed or paragraph.changed
            return
        if current.strip():
            yield Segment(current, where)
        if paragraph.changed and original.strip() and original != current:
            yield Segment(original, {**where, "revision": "original"})

    def end_cell(self, part: str, cell: _Cell, note: dict[str, object]) -> Iterator[Segment]:
        table = cell.table
        current, original = "\n".join(cell.current), "\n".join(cell.original)
        if cell.row == 1:
            for column in range(cell.column, cell.column + cell.span):
                table.header[column] = current.strip()
        label = _cell_label(table, cell, current.strip())
        table.left = current.strip()
        table.column += cell.span
        where: dict[str, object] = {
            "part": part,
            **note,
            "table": table.number,
            "row": cell.row,
            "column": cell.column + 1,
        }
        if current.strip():
            yield Segment(current, where, label)
        if cell.changed and original.strip() and original != current:
            yield Segment(original, {**where, "revision": "original"}, label)


def _attribute(element: ElementTree.Element, name: str) -> str:
    """An attribute by its local name (w:val in transitional and in strict OOXML alike)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _innermost_paragraph(stack: list[_Paragraph | _Table | _Cell]) -> _Paragraph | None:
    for entry in reversed(stack):
        if isinstance(entry, _Paragraph):
            return entry
    return None


def _cell_label(table: _Table, cell: _Cell, text: str) -> str | None:
    """The header of the cell's column in a list; the cell to its left in a form.

    A first row of field names without digits (姓名 | 身份证号 | 住址) is a header. Otherwise
    the table is read as a form (姓名 | 张三 | 身份证号 | …): a cell is labelled by its left
    neighbour when that reads like a field name and the cell is not a field name itself.
    """
    headers = [header for header in table.header.values() if header]
    if cell.row > 1 and headers and all(_label_like(header) for header in headers):
        header = table.header.get(cell.column)
        if header and any(column_label(h) for h in headers):
            return header
    if _label_like(table.left) and column_label(table.left) and not column_label(text):
        return table.left
    return None


def _label_like(text: str) -> bool:
    return 0 < len(text) <= 20 and not any(ch.isdigit() for ch in text)


def _docx_order(part: str) -> tuple[int, str]:
    order = (
        "word/document",
        "word/header",
        "word/footer",
        "word/footnotes",
        "word/endnotes",
        "word/comments",
    )
    for rank, prefix in enumerate(order):
        if part.startswith(prefix):
            return rank, part
    return len(order), part


# XLSX


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


@dataclass
class _SheetState:
    name: str
    hidden: bool
    header: dict[int, str] = field(default_factory=dict)
    header_row: int = 0
    header_cells: int = 0


class _Xlsx:
    def __init__(
        self, extractor: _Extractor, archive: zipfile.ZipFile, names: set[str], depth: int
    ) -> None:
        self.extractor, self.archive, self.names, self.depth = extractor, archive, names, depth
        self.shared: list[str] = []

    def items(self) -> Iterator[ScanItem]:
        if "xl/sharedStrings.xml" in self.names:
            self.shared = list(self.shared_strings())
        for name, state, path in self.sheets():
            if path not in self.names:
                continue  # a chart sheet or a dangling relationship: no cells
            sheet = _SheetState(name, state != "visible")
            yield from _guarded(self.cells(path, sheet), "工作表 (sheet)", {"sheet": name})
            for comments in self.related(path, "/comments"):
                where = {"sheet": name, "part": comments}
                yield from _guarded(self.comments(comments, name), "批注 (comments)", where)
            if self.extractor.cells_left <= 0:
                yield Unreadable(
                    f"单元格超过 {self.extractor.limits.max_xlsx_cells:,} 个，其余未读取，需要人工审查 "
                    "(too many cells: the rest is unread, needs manual review)",
                    {"sheet": name},
                )
                return
        yield from _guarded(self.pivot_caches(), "数据透视表缓存 (pivot cache)")
        yield from _office_extras(
            self.extractor, self.archive, self.names, self.depth, "xl/embeddings/"
        )

    def parse(self, part: str) -> ElementTree.Element:
        return ElementTree.parse(self.extractor.open(self.archive, part)).getroot()

    def shared_strings(self) -> Iterator[str]:
        for _event, element in ElementTree.iterparse(
            self.extractor.open(self.archive, "xl/sharedStrings.xml")
        ):
            if _local(element.tag) == "si":
                yield _rich_text(element)
                element.clear()

    def sheets(self) -> list[tuple[str, str, str]]:
        """(name, state, part) of every sheet, hidden and veryHidden ones included."""
        targets = self.relationships("xl/workbook.xml")
        sheets = []
        for element in self.parse("xl/workbook.xml").iter():
            if _local(element.tag) == "sheet":
                target = targets.get(element.get(f"{{{_RELATIONSHIPS}}}id") or "", "")
                sheets.append(
                    (element.get("name") or "", element.get("state") or "visible", target)
                )
        return sheets

    def relationships(self, part: str) -> dict[str, str]:
        """Id → target part of a part's relationships, targets resolved to paths in the zip."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return {}
        found = {}
        for element in self.parse(rels).iter():
            target = element.get("Target")
            if (
                _local(element.tag) == "Relationship"
                and target
                and element.get("TargetMode") != "External"
            ):
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                )
                found[element.get("Id") or ""] = posixpath.normpath(path)
                found["type:" + (element.get("Id") or "")] = element.get("Type") or ""
        return found

    def related(self, part: str, kind: str) -> list[str]:
        rels = self.relationships(part)
        return sorted(
            target
            for key, target in rels.items()
            if not key.startswith("type:")
            and rels.get("type:" + key, "").endswith(kind)
            and target in self.names
        )

    def cells(self, part: str, sheet: _SheetState) -> Iterator[Item]:
        """The cells of a sheet, row by row, streamed through expat without building a tree
        (a sheet of a million cells is read in seconds and in little memory)."""
        reader = _SheetReader(self, sheet)
        parser = ElementTree.XMLParser(target=reader)
        with self.extractor.open(self.archive, part) as stream:
            while chunk := stream.read(256 * 1024):
                parser.feed(chunk)
                yield from reader.drain()
                if self.extractor.cells_left <= 0:
                    return
        parser.close()
        yield from reader.drain()

    def cell(
        self, kind: str, value: str | None, formula: str | None, inline: str
    ) -> tuple[str, bool] | None:
        """(text, stored as a number) of a cell as the scanner should read it."""
        if kind == "s":
            index = int(value) if value and value.isascii() and value.isdigit() else -1
            text = self.shared[index] if 0 <= index < len(self.shared) else ""
        elif kind == "inlineStr":
            text = inline
        elif kind in ("str", "d"):
            text = value or ""
        elif kind == "n" and value:
            text = _number_text(value) if any(mark in value for mark in "eE.") else value
            return text, True
        else:
            text = ""  # booleans and errors
        if not text and formula:
            text = "=" + formula  # a formula written without its result: the constants in it
        return (text, False) if text else None

    def row(
        self,
        sheet: _SheetState,
        number: int,
        row: list[tuple[int, str, str, bool]],
        hidden: bool,
        hidden_columns: set[int],
    ) -> Iterator[Segment]:
        filled = [cell for cell in row if cell[2].strip()]
        if not filled:
            return
        is_header = False
        if not sheet.header_row or (
            # A title row above the header (one merged cell): the first wider row of words replaces it.
            sheet.header_cells == 1
            and number - sheet.header_row <= 10
            and len(filled) >= 2
            and not any(cell[3] for cell in filled)
        ):
            sheet.header = {cell[0]: cell[2].strip() for cell in filled}
            sheet.header_row, sheet.header_cells, is_header = number, len(filled), True
        for column, reference, text, numeric in filled:
            if numeric and len(text) < SHORTEST_NUMBER:
                continue
            where: dict[str, object] = {"sheet": sheet.name, "cell": reference}
            if sheet.hidden:
                where["hidden"] = "sheet"
            elif hidden:
                where["hidden"] = "row"
            elif column in hidden_columns:
                where["hidden"] = "column"
            if numeric and len(text.lstrip("-")) >= 12:
                # Excel keeps 15 significant digits: a long number in a numeric cell may be cut.
                where["stored_as"] = "number"
            label = None if is_header else sheet.header.get(column)
            yield Segment(text, where, label)

    def comments(self, part: str, sheet: str) -> Iterator[Segment]:
        for element in self.parse(part).iter():
            if _local(element.tag) == "comment":
                text = "".join(
                    _rich_text(child) for child in element if _local(child.tag) == "text"
                )
                if text.strip():
                    yield Segment(
                        text, {"sheet": sheet, "cell": element.get("ref") or "", "comment": True}
                    )

    def pivot_caches(self) -> Iterator[Segment]:
        """A pivot table keeps a copy of its source data, which outlives the source sheet."""
        for part in sorted(self.names):
            if not re.fullmatch(r"xl/pivotCache/pivotCacheDefinition\d+\.xml", part):
                continue
            fields: list[str] = []
            for element in self.parse(part).iter():
                if _local(element.tag) == "cacheField":
                    fields.append(element.get("name") or "")
                    for item in element.iter():
                        value = item.get("v")
                        if _local(item.tag) in ("s", "n") and value:
                            yield Segment(
                                _pivot_value(item.tag, value),
                                {"part": part, "field": fields[-1]},
                                fields[-1],
                            )
            for records in self.related(part, "/pivotCacheRecords"):
                yield from self.pivot_records(records, fields)

    def pivot_records(self, part: str, fields: list[str]) -> Iterator[Segment]:
        number = 0
        for _event, element in ElementTree.iterparse(self.extractor.open(self.archive, part)):
            if _local(element.tag) != "r":
                continue
            number += 1
            for index, item in enumerate(element):
                value = item.get("v")
                if _local(item.tag) in ("s", "n") and value:
                    name = fields[index] if index < len(fields) else ""
                    where = {"part": part, "record": number, "field": name}
                    yield Segment(_pivot_value(item.tag, value), where, name or None)
            element.clear()


class _SheetReader:
    """An expat target for a worksheet: collects each row's cells and hands over segments."""

    def __init__(self, xlsx: _Xlsx, sheet: _SheetState) -> None:
        self.xlsx, self.sheet = xlsx, sheet
        self.out: list[Segment] = []
        self.hidden_columns: set[int] = set()
        self.row_number, self.row_hidden = 0, False
        self.row: list[tuple[int, str, str, bool]] = []  # column, reference, text, numeric
        self.reference, self.kind = "", "n"
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] = []
        self.buffer: list[str] | None = None
        self.in_inline, self.phonetic = False, 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = _LOCAL_NAMES.get(tag) or _local(tag)  # a million cells: no call where it can
        if name == "c":
            self.reference, self.kind = attrib.get("r", ""), attrib.get("t", "n")
            self.value = self.formula = None
            self.inline = []
        elif name in ("v", "f") or (name == "t" and self.in_inline and not self.phonetic):
            self.buffer = []
        elif name == "is":
            self.in_inline = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "row":
            number = attrib.get("r", "")
            self.row_number = (
                int(number) if number.isascii() and number.isdigit() else self.row_number + 1
            )
            self.row_hidden = attrib.get("hidden") in ("1", "true")
            self.row = []
        elif name == "col" and attrib.get("hidden") in ("1", "true"):
            first, last = attrib.get("min", "1"), attrib.get("max", "1")
            if first.isascii() and first.isdigit() and last.isascii() and last.isdigit():
                end = min(int(last), int(first) + 16384)
                self.hidden_columns.update(range(int(first), end + 1))

    def data(self, text: str) -> None:
        if self.buffer is not None:
            self.buffer.append(text)

    def end(self, tag: str) -> None:
        name = _LOCAL_NAMES.get(tag) or _local(tag)
        if name in ("v", "f", "t") and self.buffer is not None:
            text = "".join(self.buffer)
            self.buffer = None
            if name == "v":
                self.value = text
            elif name == "f":
                self.formula = text
            else:
                self.inline.append(text)
        elif name == "c":
            self.end_cell()
        elif name == "is":
            self.in_inline = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "row":
            self.out.extend(
                self.xlsx.row(
                    self.sheet, self.row_number, self.row, self.row_hidden, self.hidden_columns
                )
            )

    def end_cell(self) -> None:
        self.xlsx.extractor.cells_left -= 1
        cell = self.xlsx.cell(self.kind, self.value, self.formula, "".join(self.inline))
        if cell is None:
            return
        match = _CELL_REF.fullmatch(self.reference)
        column = _column_number(match.group(1)) if match else len(self.row) + 1
        reference = self.reference if match else f"{_column_letters(column)}{self.row_number}"
        self.row.append((column, reference, *cell))

    def close(self) -> None:
        return None

    def drain(self) -> list[Segment]:
        out, self.out = self.out, []
        return out


def _pivot_value(tag: str, value: str) -> str:
    return _number_text(value) if _local(tag) == "n" else value


def _rich_text(element: ElementTree.Element) -> str:
    """The text of a shared string or comment: its runs, without phonetic guides (rPh)."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(run.text or "" for run in child if _local(run.tag) == "t")
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# PDF


_NO_TEXT = "此页没有文字层（可能是扫描图片），需要人工审查或 OCR (no text layer on this page: needs manual review)"


def _pdf(extractor: _Extractor, data: bytes, depth: int) -> Iterator[ScanItem]:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not _decrypted(reader):
        yield Unreadable("PDF 已加密，无法读取 (an encrypted PDF)")
        return
    pages = len(reader.pages)
    for index in range(min(pages, extractor.limits.max_pdf_pages)):
        yield from _pdf_page(reader, index)
    if pages > extractor.limits.max_pdf_pages:
        yield Unreadable(
            f"页数超过 {extractor.limits.max_pdf_pages} 页，其余未读取 (too many pages: the rest is unread)",
            {"page": f"{extractor.limits.max_pdf_pages + 1}-{pages}"},
        )
    for key, value in (reader.metadata or {}).items():
        if isinstance(value, str) and value.strip():
            yield Segment(value, {"part": "metadata", "property": key.lstrip("/")}, key.lstrip("/"))
    for name, contents in reader.attachments.items():
        for content in contents:
            for item in _guarded(
                extractor.content(name, content, depth + 1), "PDF 附件 (attachment)"
            ):
                yield _in_member(name, item)


def _decrypted(reader: PdfReader) -> bool:
    """True when the PDF opens without a password (only an owner password is set)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # AES without the cryptography package, or a broken security handler
        return False


def _pdf_page(reader: PdfReader, index: int) -> Iterator[Item]:
    where = {"page": index + 1}
    try:
        page = reader.pages[index]
        text = page.extract_text()
    except MemoryError:
        raise
    except Exception as exc:
        yield Unreadable(
            f"此页无法解析，需要人工审查 (page cannot be parsed: {type(exc).__name__})", where
        )
        return
    if text.strip():
        yield Segment(text, where)
    elif not _blank(page):
        yield Unreadable(_NO_TEXT, where)
    yield from _annotations(page, index + 1)


def _blank(page: PageObject) -> bool:
    """A page that draws nothing (no content, no images or forms) has nothing to review."""
    try:
        resources = _dictionary(page.get("/Resources"))
        contents = page.get_contents()
        drawn = contents.get_data().strip() if contents is not None else b""
    except Exception:
        return False
    return not _dictionary(resources.get("/XObject")) and not drawn


def _annotations(page: PageObject, number: int) -> Iterator[Segment]:
    """Comments, text boxes (FreeText) and form fields: text the text layer does not show."""
    found: list[tuple[str, str, str | None]] = []
    try:
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        for reference in annotations if isinstance(annotations, ArrayObject) else ():
            annotation = _dictionary(reference)
            label = annotation.get("/T")
            for key in ("/Contents", "/V", "/RC"):
                value = annotation.get(key)
                value = value.get_object() if value is not None else None
                if isinstance(value, str) and value.strip():
                    name = str(label) if isinstance(label, str) else None
                    found.append((value, key.lstrip("/"), name))
    except Exception:
        yield from ()
        return
    for value, key, label in found:
        yield Segment(value, {"page": number, "part": "annotation", "property": key}, label)


def _dictionary(value: object) -> DictionaryObject:
    if isinstance(value, PdfObject):
        value = value.get_object()
    return value if isinstance(value, DictionaryObject) else DictionaryObject()
