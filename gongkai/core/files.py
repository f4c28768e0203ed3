"""Attachments of records: checked by content, opened with limits, their text extracted.

The rule of the project: uploads are checked for type and size; archives and office files are
opened with limits; bad input gets a clear error (in Chinese) and loses nothing. Here the
"clear error" is :class:`FileRefused`, whose ``str()`` tells the uploader what is wrong and
what to do; "loses nothing" is the caller's part: keep what the user entered and ask again.

The type is taken from the content (magic bytes, then for ZIP containers the names of their
members), never from the file name or the browser's MIME type; the name's extension must then
agree with the content, so that what the portal later serves as ``a.pdf`` really is a PDF.
Accepted are PDF, DOCX, XLSX, PNG, JPEG, GIF and ZIP (:data:`ALLOWED_KINDS`). Old Office files
(DOC/XLS, OLE containers; an encrypted DOCX/XLSX is one too) are refused with the advice to
save them as DOCX, XLSX or PDF: their content cannot be checked or searched.

Every limit is in :class:`Limits`, and each one answers an attack or an accident:

- ``max_bytes``: the upload itself; everything below reads the whole file into memory.
- ``max_zip_members``, ``max_unzipped_bytes``, ``max_ratio``: ZIP bombs. DOCX and XLSX are ZIP
  files too and their libraries unpack them, so these are checked on the central directory
  *before* anything is decompressed. The declared sizes can be trusted for this because
  :mod:`zipfile` stops reading a member at its declared size. The compression ratio is judged
  per member and over the whole archive, but only past :data:`RATIO_FLOOR`: small XML parts
  compress very well and cannot make a bomb on their own. Before :mod:`zipfile` even lists the
  members, their central-directory signatures are counted, so that an archive claiming a
  million entries is refused without building a million objects. Encrypted members cannot be
  checked and are refused; absolute paths and ``..`` are refused because whoever unpacks the
  archive later could write outside its folder. ZIP files inside a ZIP are allowed but never
  opened (no recursion, no nested bombs).
- ``max_pdf_pages_for_text``, ``max_text_chars``: extraction time and the size of the search
  index. A long document is still accepted; only its text is cut. XLSX sheets are read row by
  row, and a sheet's declared dimensions are ignored (a forged ``A1:XFD1048576`` would make the
  library pad every row to 16 384 cells).
- ``max_image_pixels``: image decompression bombs (a tiny PNG that decodes to gigabytes). The
  size is read from the header before any pixel is decoded; Pillow's own
  ``MAX_IMAGE_PIXELS`` guard (``DecompressionBombError``) stays in place as a backstop, so
  this limit should stay below it (89 478 485 pixels by default). Images are then verified
  (PNG chunk checksums), and JPEGs decoded at 1/8 scale, which finds truncated files cheaply.

XML entity bombs inside DOCX/XLSX are left to the parsers: python-docx and openpyxl's lxml
parser do not resolve entities, and the expat behind openpyxl's streaming reader (2.4.1 and
later) limits entity amplification.

Any exception from a library on bad content becomes :class:`FileRefused` at the boundary of
the opener; ``MemoryError`` (and ``KeyboardInterrupt``, which is no ``Exception``) pass.

Extracted text is normalised for search: control characters and lone surrogates (which a
PostgreSQL text column refuses) become spaces, runs of whitespace within a line become one
space, blank lines are dropped, and the whole is cut at ``max_text_chars``.
"""

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import docx
import openpyxl
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image
from pypdf import PdfReader

MB = 1024 * 1024
RATIO_FLOOR = MB  # members and archives unpacking to less are not judged by their ratio
XLSX_CELL_BUDGET = 20_000_000  # rows and cells visited in an XLSX before extraction stops


class FileRefused(ValueError):
    """An upload that is not accepted; ``str(exc)`` is the reason, in Chinese, for the user."""


@dataclass(frozen=True)
class Limits:
    """How far an upload may go; see the module docstring for why each limit exists."""

    max_bytes: int = 50 * MB
    max_zip_members: int = 1000
    max_unzipped_bytes: int = 200 * MB
    max_ratio: int = 100  # compression ratio per member and overall
    max_pdf_pages_for_text: int = 500
    max_text_chars: int = 2_000_000  # extracted text is cut here
    max_image_pixels: int = 80_000_000

    def __post_init__(self) -> None:
        for field, value in vars(self).items():
            if value <= 0:
                raise ValueError(f"Limits.{field} must be positive, not {value}")


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Inspected:
    """What an accepted file is, and its text for full-text search."""

    kind: str  # one of ALLOWED_KINDS
    content_type: str
    extension: str  # canonical, with the dot
    text: str  # "" for images and ZIP archives
    pages: int | None  # PDF pages, else None


@dataclass(frozen=True)
class _Kind:
    content_type: str
    extension: str
    label: str  # how the content is named to the user
    extensions: frozenset[str]  # the file-name extensions that agree with it


def _kind(content_type: str, label: str, *extensions: str) -> _Kind:
    return _Kind(content_type, extensions[0], label, frozenset(extensions))


_KINDS: dict[str, _Kind] = {
    "pdf": _kind("application/pdf", "PDF 文档", ".pdf"),
    "docx": _kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word 文档（DOCX）",
        ".docx",
    ),
    "xlsx": _kind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel 表格（XLSX）",
        ".xlsx",
    ),
    "png": _kind("image/png", "PNG 图片", ".png"),
    "jpeg": _kind("image/jpeg", "JPEG 图片", ".jpg", ".jpeg"),
    "gif": _kind("image/gif", "GIF 图片", ".gif"),
    "zip": _kind("application/zip", "ZIP 压缩包", ".zip"),
}
ALLOWED_KINDS: frozenset[str] = frozenset(_KINDS)
_ZIP_KINDS = frozenset({"docx", "xlsx", "zip"})
_IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF"}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive: refused as such, not as an unknown type
)
_OLD_OFFICE = (
    "是旧版 Office 格式（如 DOC、XLS、WPS）或加密的 Office 文件，无法审查和检索。"
    "请用办公软件另存为 DOCX、XLSX 或 PDF 后上传；如设有密码，请先取消密码"
)
_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _OLD_OFFICE),
    (b"Rar!\x1a\x07", "是 RAR 压缩包，不受支持，请改用 ZIP 格式压缩后上传"),
    (b"7z\xbc\xaf\x27\x1c", "是 7z 压缩包，不受支持，请改用 ZIP 格式压缩后上传"),
    (b"MZ", "是可执行程序，不能作为附件上传"),
)
_ACCEPTED = "只接受 PDF、Word（DOCX）、Excel（XLSX）文档，PNG、JPEG、GIF 图片和 ZIP 压缩包"
# ZIP containers that are documents of a kind we do not take: (member, advice).
_REFUSED_CONTAINERS: tuple[tuple[str, str], ...] = (
    ("ppt/presentation.xml", "是 PowerPoint 演示文稿，不受支持，请另存为 PDF 后上传"),
    ("ofd.xml", "是 OFD 版式文件，暂不支持，请转换为 PDF 后上传"),
    ("mimetype", "是 OpenDocument 格式（ODT、ODS 等），请另存为 DOCX、XLSX 或 PDF 后上传"),
)
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_ENCRYPTED_FLAG = 0x1
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def inspect_file(name: str, data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> Inspected:
    """Check an upload by its content and return what it is, with its text.

    Raises :class:`FileRefused` (and nothing else, for any content) when it is not accepted.
    """
    shown = _shown(name)
    _check_size(shown, data, limits)
    kind = _sniff(shown, data)
    members: list[zipfile.ZipInfo] = []
    if kind == "zip":
        members = _list_zip(shown, _extension(name), data, limits)
        kind = _classify_zip(shown, data, members)
    _check_extension(shown, _extension(name), kind)
    if kind in _ZIP_KINDS:
        _check_archive(shown, members, limits)
    if kind == "pdf":
        return _open_pdf(shown, data, limits)
    if kind == "docx":
        return _accepted(kind, _docx_text(shown, data, limits))
    if kind == "xlsx":
        return _accepted(kind, _xlsx_text(shown, data, limits))
    if kind in _IMAGE_FORMATS:
        _check_image(shown, kind, data, limits)
    return _accepted(kind, "")


def _accepted(kind: str, text: str, pages: int | None = None) -> Inspected:
    spec = _KINDS[kind]
    return Inspected(kind, spec.content_type, spec.extension, text, pages)


# Names and messages


def _basename(name: str) -> str:
    return _UNPRINTABLE.sub("", re.split(r"[/\\]", name)[-1]).strip()


def _shown(name: str) -> str:
    """The file name as it may appear in a message: no folders, nothing unprintable."""
    return _printable(_basename(name)) or "（无名称）"


def _printable(text: str, limit: int = 80) -> str:
    """`text` without control characters, long ones shortened in the middle (keeping the end)."""
    text = _UNPRINTABLE.sub("", text).strip()
    return text[: limit - 13] + "…" + text[-12:] if len(text) > limit else text


def _extension(name: str) -> str:
    return posixpath.splitext(_basename(name))[1].lower()


def _refuse(shown: str, reason: str) -> FileRefused:
    return FileRefused(f"文件“{shown}”{reason}")


def _corrupt(shown: str, label: str) -> FileRefused:
    return _refuse(shown, f"无法作为 {label}打开，可能已损坏或不完整，请检查后重新上传")


def _mb(size: int) -> str:
    return f"{size / MB:.3g} MB"


@contextmanager
def _refusing(refusal: FileRefused) -> Iterator[None]:
    """Turn any library error inside the block into `refusal`; memory exhaustion passes."""
    try:
        yield
    except (FileRefused, MemoryError):
        raise
    except Exception as exc:
        raise refusal from exc


# Type and size


def _check_size(shown: str, data: bytes, limits: Limits) -> None:
    if not data:
        raise _refuse(shown, "是空文件（0 字节），请重新选择文件")
    if len(data) > limits.max_bytes:
        raise _refuse(
            shown,
            f"大小为 {len(data):,} 字节，超过 {_mb(limits.max_bytes)} 的上限，请压缩或拆分后上传",
        )


def _sniff(shown: str, data: bytes) -> str:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    for signature, reason in _REFUSED_SIGNATURES:
        if data.startswith(signature):
            raise _refuse(shown, reason)
    raise _refuse(shown, f"的内容不是可接受的类型。{_ACCEPTED}")


def _check_extension(shown: str, extension: str, kind: str) -> None:
    spec = _KINDS[kind]
    if not extension:
        raise _refuse(
            shown,
            f"没有扩展名。其内容是 {spec.label}，请将文件名改为以 {spec.extension} 结尾后上传",
        )
    if extension not in spec.extensions:
        raise _refuse(
            shown,
            f"的扩展名与内容不符：文件名为 {_printable(extension, 20)}，但内容是 {spec.label}。"
            "请改正扩展名或重新选择文件",
        )


# ZIP containers: DOCX, XLSX, ZIP


def _list_zip(shown: str, extension: str, data: bytes, limits: Limits) -> list[zipfile.ZipInfo]:
    # A signature inside a stored member is counted too, hence the slack.
    if data.count(_CENTRAL_SIGNATURE) > 4 * limits.max_zip_members + 64:
        raise _too_many_members(shown, limits)
    label = _KINDS[extension[1:]].label if extension in (".docx", ".xlsx") else "ZIP 压缩包"
    with _refusing(_corrupt(shown, label)), zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.infolist()


def _classify_zip(shown: str, data: bytes, members: list[zipfile.ZipInfo]) -> str:
    names = {member.filename.lower() for member in members}
    if "[content_types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    for member, reason in _REFUSED_CONTAINERS:
        if member in names and (member != "mimetype" or b"opendocument" in data[:200]):
            raise _refuse(shown, reason)
    return "zip"


def _check_archive(shown: str, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if not members:
        raise _refuse(shown, "是空压缩包，其中没有任何文件")
    if len(members) > limits.max_zip_members:
        raise _too_many_members(shown, limits, len(members))
    for member in members:
        _check_member(shown, member, limits)
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unzipped_bytes:
        raise _refuse(
            shown,
            f"解压后共 {_mb(unpacked)}，超过 {_mb(limits.max_unzipped_bytes)} 的上限，请拆分后上传",
        )
    packed = sum(member.compress_size for member in members)
    if _bomb_ratio(unpacked, packed, limits):
        raise _refuse(shown, _ratio_reason("整体", unpacked, packed, limits))


def _too_many_members(shown: str, limits: Limits, count: int | None = None) -> FileRefused:
    counted = f"包含 {count} 个文件，" if count is not None else "包含的文件"
    return _refuse(shown, f"{counted}超过 {limits.max_zip_members} 个的上限，请拆分后上传")


def _check_member(shown: str, member: zipfile.ZipInfo, limits: Limits) -> None:
    inner = _printable(member.filename)
    if member.flag_bits & _ENCRYPTED_FLAG:
        raise _refuse(shown, f"中的“{inner}”已加密，无法审查和检索，请上传未加密的文件")
    if _unsafe_path(member.filename):
        raise _refuse(shown, f"中的“{inner}”路径不安全（绝对路径或含“..”），请重新打包后上传")
    if _bomb_ratio(member.file_size, member.compress_size, limits):
        reason = _ratio_reason(f"中的“{inner}”", member.file_size, member.compress_size, limits)
        raise _refuse(shown, reason)


def _unsafe_path(filename: str) -> bool:
    path = filename.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _bomb_ratio(unpacked: int, packed: int, limits: Limits) -> bool:
    return unpacked > RATIO_FLOOR and unpacked > limits.max_ratio * max(packed, 1)


def _ratio_reason(where: str, unpacked: int, packed: int, limits: Limits) -> str:
    ratio = unpacked // max(packed, 1)
    return (
        f"{where}压缩比异常（解压后是压缩时的 {ratio:,} 倍，上限 {limits.max_ratio} 倍），"
        "可能是“压缩炸弹”，已拒绝"
    )


# Text


class _Text:
    """Normalised pieces of text (pages, paragraphs, rows), up to a number of characters."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._pieces: list[str] = []
        self._size = 0

    @property
    def full(self) -> bool:
        return self._size >= self._limit

    def add(self, raw: str) -> bool:
        """Add a piece; False once the text is full and nothing more should be added."""
        piece = normalise_text(raw[: max(0, self._limit - self._size + 1)])
        if piece:
            self._pieces.append(piece)
            self._size += len(piece) + 1
        return not self.full

    def __str__(self) -> str:
        return "\n".join(self._pieces)[: self._limit].rstrip()


def normalise_text(raw: str) -> str:
    """Text as stored for search: printable, one space between words, no blank lines."""
    lines = (" ".join(line.split()) for line in _UNPRINTABLE.sub(" ", raw).splitlines())
    return "\n".join(line for line in lines if line)


# Openers


def _open_pdf(shown: str, data: bytes, limits: Limits) -> Inspected:
    with _refusing(_corrupt(shown, "PDF 文档")):
        reader = PdfReader(BytesIO(data))
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    if encrypted:
        raise _refuse(shown, "已加密，无法审查和检索，请上传未加密的文件")
    if pages == 0:
        raise _corrupt(shown, "PDF 文档")
    text = _Text(limits.max_text_chars)
    for index in range(min(pages, limits.max_pdf_pages_for_text)):
        if not text.add(_pdf_page_text(reader, index)):
            break
    return _accepted("pdf", str(text), pages)


def _pdf_page_text(reader: PdfReader, index: int) -> str:
    """One page's text; a page that cannot be read adds nothing, the others still count."""
    try:
        return reader.pages[index].extract_text()
    except MemoryError:
        raise
    except Exception:
        return ""


def _docx_text(shown: str, data: bytes, limits: Limits) -> str:
    text = _Text(limits.max_text_chars)
    with _refusing(_corrupt(shown, _KINDS["docx"].label)):
        for block in docx.Document(BytesIO(data)).iter_inner_content():
            if not _add_block(text, block):
                break
    return str(text)


def _add_block(text: _Text, block: Paragraph | Table) -> bool:
    if isinstance(block, Paragraph):
        return text.add(block.text)
    seen: set[int] = set()  # merged cells come once per row they span
    for row in block.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for inner in cell.iter_inner_content():
                if not _add_block(text, inner):
                    return False
    return True


def _xlsx_text(shown: str, data: bytes, limits: Limits) -> str:
    text = _Text(limits.max_text_chars)
    with _refusing(_corrupt(shown, _KINDS["xlsx"].label)):
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
        try:
            _add_sheets(text, workbook.worksheets)
        finally:
            workbook.close()
    return str(text)


def _add_sheets(text: _Text, sheets: Iterable[Any]) -> None:
    budget = XLSX_CELL_BUDGET
    for sheet in sheets:
        sheet.reset_dimensions()  # trust the rows present, not the declared size
        for row in sheet.iter_rows(values_only=True):
            budget -= 1 + len(row)
            line = " ".join(str(value) for value in row if value is not None)
            if budget < 0 or not text.add(line):
                return


def _check_image(shown: str, kind: str, data: bytes, limits: Limits) -> None:
    formats = [_IMAGE_FORMATS[kind]]
    label = _KINDS[kind].label
    with _refusing(_corrupt(shown, label)):
        try:
            with Image.open(BytesIO(data), formats=formats) as image:
                width, height = image.size
        except Image.DecompressionBombError as exc:
            raise _image_too_large(shown, limits) from exc
        if width * height > limits.max_image_pixels:
            raise _image_too_large(shown, limits, (width, height))
        with Image.open(BytesIO(data), formats=formats) as image:
            image.verify()
        if kind == "jpeg":
            with Image.open(BytesIO(data), formats=formats) as image:
                image.draft(None, (64, 64))  # decode at 1/8 scale: finds truncation cheaply
                image.load()


def _image_too_large(
    shown: str, limits: Limits, size: tuple[int, int] | None = None
) -> FileRefused:
    measured = f"尺寸为 {size[0]}×{size[1]} 像素，" if size else "尺寸"
    return _refuse(
        shown,
        f"的图片{measured}超过 {limits.max_image_pixels:,} 像素的上限"
        "（可能是“解压炸弹”），请缩小后上传",
    )
