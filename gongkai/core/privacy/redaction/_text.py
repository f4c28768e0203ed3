"""Plain text, CSV and HTML: the text is decoded, masked character by character, and written
back in its own encoding (GBK stays GBK, a UTF-8 byte-order mark stays)."""

import codecs
import csv
import html
import io
import re
from collections.abc import Sequence
from html import parser as html_parser

from gongkai.core.privacy import Segment
from gongkai.core.privacy.extract import HEAD, CsvRows, _Html, text_encoding
from gongkai.core.privacy.redaction._common import Masker, RedactionFailed, apply


class Codec:
    def __init__(self, encoding: str, data: bytes) -> None:
        self.bom = b""
        self.decoding = self.encoding = encoding
        if encoding == "utf-16":
            self.bom = data[:2]
            self.decoding = self.encoding = (
                "utf-16-le" if self.bom == codecs.BOM_UTF16_LE else "utf-16-be"
            )
            self.skip = 2
        else:
            self.skip = 0

    def decode(self, data: bytes) -> str:
        return data[self.skip :].decode(self.decoding)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def _decoded(data: bytes) -> tuple[str, Codec]:
    encoding, _errors = text_encoding(data[:HEAD], lambda: iter([data]))
    codec = Codec(encoding, data)
    try:
        text = codec.decode(data)
    except UnicodeDecodeError:
        raise RedactionFailed(
            "编码混杂或含无效字节，无法按原编码写回 (mixed encodings or invalid bytes: "
            "the copy could not be written in the file's encoding)"
        ) from None
    if codec.encode(text) != data:
        raise RedactionFailed(
            "文本无法按原编码原样写回 (the text does not round-trip through its encoding)"
        )
    return text, codec


# Plain text: the extractor's segments are lines, or overlapping pieces of long lines.


def redact_text(data: bytes, segments: Sequence[Segment], masker: Masker) -> bytes:
    text, codec = _decoded(data)
    lines = text.split("\n")
    hidden: dict[int, set[int]] = {}
    for segment in segments:
        number = segment.where.get("line")
        if not isinstance(number, int):
            continue
        char = segment.where.get("char")
        offset = char - 1 if isinstance(char, int) else 0
        positions = masker.hidden(segment)
        if positions:
            hidden.setdefault(number - 1, set()).update(offset + p for p in positions)
    for index, positions in hidden.items():
        lines[index] = apply(lines[index], positions)
    return codec.encode("\n".join(lines))


# CSV: rewritten cell by cell, so that cells stay cells whatever a mask contains.


def redact_csv(data: bytes, segments: Sequence[Segment], masker: Masker, *, tab: bool) -> bytes:
    text, codec = _decoded(data)
    cells: dict[tuple[int, int], str] = {}
    for segment in segments:
        line, field = segment.where.get("line"), segment.where.get("field", 0)
        if not isinstance(line, int) or not isinstance(field, int):
            continue
        masked = masker.masked(segment)
        if masked != segment.text:
            cells[(line, field)] = masked
    if not cells:
        return data
    lines = text.split("\n")
    ending = "\r\n" if lines and lines[0].endswith("\r") else "\n"
    pieces = [(n, -1, line.removesuffix("\r")) for n, line in enumerate(lines, start=1)]
    if pieces and pieces[-1][2] == "":
        pieces.pop()
    rows = CsvRows(iter(pieces), tab=tab)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=rows.delimiter, lineterminator=ending)
    try:
        for start, row in rows:
            writer.writerow([cells.get((start, i), cell) for i, cell in enumerate(row, start=1)])
    except csv.Error:  # read on as plain lines, as the extractor does
        for number, _offset, line in rows.rest():
            out.write(cells.get((number, 0), line) + ending)
    return codec.encode(out.getvalue())


# HTML: text, attribute values, comments and scripts are masked where they stand in the
# markup; character references are decoded to scan and re-encoded where a mask falls.


_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# The patterns HTMLParser reads a start tag with: attribute values are found where it found them.
_TAG: re.Pattern[str] = html_parser.tagfind_tolerant  # type: ignore[attr-defined]
_ATTRIBUTE: re.Pattern[str] = html_parser.attrfind_tolerant  # type: ignore[attr-defined]
UNMAPPED = -1  # a character whose place in the source could not be found
SYNTHETIC = -2  # a line break the extractor adds between blocks


class _Mapped(str):
    """A piece of decoded text that knows where each of its characters stands in the source."""

    positions: list[int]


def _mapped(text: str, positions: list[int]) -> _Mapped:
    piece = _Mapped(text)
    piece.positions = positions
    return piece


def _positions(piece: str) -> list[int]:
    return piece.positions if isinstance(piece, _Mapped) else [SYNTHETIC] * len(piece)


class _MappedHtml(_Html):
    """The extractor's HTML reader, with each segment's characters mapped to the source."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.spans: dict[int, tuple[int, str]] = {}  # character references: start → (end, text)

    def here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def walk(self, start: int, data: str) -> list[int]:
        """Where each character of ``data`` (decoded from the source at ``start``) stands."""
        source = self.source
        positions: list[int] = []
        text: list[str] = []
        i = start
        while len(text) < len(data) and i < len(source):
            if source[i] == "&" and (found := _CHARREF.match(source, i)):
                token = found.group()
                value = html.unescape(token)
                if value != token:
                    kept = 0  # named references without ";": unescape keeps the rest as written
                    while (
                        kept < len(value) - 1
                        and kept < len(token) - 1
                        and value[-1 - kept] == token[-1 - kept]
                    ):
                        kept += 1
                    head, end = len(value) - kept, found.end() - kept
                    self.spans[i] = (end, value[:head])
                    positions.extend([i] * head + list(range(end, found.end())))
                    text.append(value)
                    i = found.end()
                    continue
            positions.append(i)
            text.append(source[i])
            i += 1
        if "".join(text) != data:
            return [UNMAPPED] * len(data)
        return positions

    def handle_data(self, data: str) -> None:
        start = self.here()
        if self.cdata_elem is not None:  # scripts and styles: as written
            positions = list(range(start, start + len(data)))
            if self.source[start : start + len(data)] != data:
                positions = [UNMAPPED] * len(data)
        else:
            positions = self.walk(start, data)
        super().handle_data(_mapped(data, positions))

    def handle_comment(self, data: str) -> None:
        start = self.source.find(data, self.here())
        positions = list(range(start, start + len(data))) if start >= 0 else [UNMAPPED] * len(data)
        super().handle_comment(_mapped(data, positions))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, self.mapped_attributes(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_startendtag(tag, self.mapped_attributes(attrs))

    def mapped_attributes(
        self, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        start = self.here()
        tag = self.get_starttag_text() or ""
        found = _TAG.match(tag, 1)
        raw: list[int] = []  # where each attribute's value starts in the source
        k = found.end() if found else len(tag)
        while k < len(tag) and (match := _ATTRIBUTE.match(tag, k)):
            value_start = match.start(3) if match.group(2) else -1
            if value_start >= 0 and match.group(3)[:1] in ("'", '"'):
                value_start += 1
            raw.append(start + value_start if value_start >= 0 else -1)
            k = match.end()
        mapped: list[tuple[str, str | None]] = []
        for index, (name, value) in enumerate(attrs):
            if value is None:
                mapped.append((name, value))
                continue
            at = raw[index] if index < len(raw) and len(raw) == len(attrs) else -1
            positions = self.walk(at, value) if at >= 0 else [UNMAPPED] * len(value)
            mapped.append((name, _mapped(value, positions)))
        return mapped

    def flush(self) -> None:
        pieces, before = list(self.text), len(self.out)
        super().flush()
        self.remap(before, pieces)

    def close_cell(self) -> None:
        table = self.tables[-1]
        pieces, before = list(table.cell or []), len(self.out)
        super().close_cell()
        self.remap(before, pieces)

    def remap(self, before: int, pieces: list[str]) -> None:
        if len(self.out) > before:
            segment = self.out[-1]
            positions = [p for piece in pieces for p in _positions(piece)]
            text = _mapped(segment.text, positions)
            self.out[-1] = Segment(text, segment.where, segment.label)


def redact_html(data: bytes, masker: Masker) -> bytes:
    source, codec = _decoded(data)
    hidden: dict[int, set[int]] = {}  # start in the source → hidden characters of the span
    parser = _MappedHtml(source)
    parser.feed(source)
    parser.close()
    while parser.tables:
        parser.close_cell()
        parser.tables.pop()
    parser.flush()
    parser_spans = parser.spans
    for segment in parser.drain():
        positions = _positions(segment.text)
        if len(positions) != len(segment.text):
            positions = [UNMAPPED] * len(segment.text)
        for index in masker.hidden(segment):
            at = positions[index]
            if at == SYNTHETIC:
                continue
            if at == UNMAPPED:
                raise RedactionFailed(
                    "HTML 中有无法定位的文字，无法删减 (text in the HTML could not be located "
                    "in its source)"
                )
            first = index
            while first > 0 and positions[first - 1] == at:
                first -= 1
            hidden.setdefault(at, set()).add(index - first)
    if not hidden:
        return data
    out: list[str] = []
    done = 0
    for start in sorted(hidden):
        if start < done:
            continue
        end, text = parser_spans.get(start, (start + 1, source[start]))
        out.append(source[done:start])
        out.append(
            "".join(
                "*" if i in hidden[start] else html.escape(ch, quote=True)
                for i, ch in enumerate(text)
            )
            if start in parser_spans
            else "*"
        )
        done = end
    out.append(source[done:])
    return codec.encode("".join(out))
