"""DOCX: tracked changes accepted, comments removed, properties stripped, and every paragraph of
the body, tables, headers, footers, notes and text boxes masked where its characters stand.

A paragraph is scanned as the extractor reads it (its runs joined; a table cell's paragraphs
joined by line breaks, labelled by the header row or, in a form, by the cell to its left), so a
number split across runs is found whole; each hidden character is then replaced in the run
(``w:t``) that holds it, and formatting stays as it was.
"""

from dataclasses import dataclass, field

from gongkai.core.privacy import Segment
from gongkai.core.privacy.extract import _DOCX_PARTS, _Cell, _cell_label, _Table
from gongkai.core.privacy.redaction._common import Masker, apply
from gongkai.core.privacy.redaction._ooxml import Element, Package, local

# A character of a paragraph: the w:t (or w:instrText) element holding it and its index there;
# None for the tabs and breaks the extractor writes as characters.
Place = tuple[Element, int] | None

_MARKS = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
_COMMENT_PARTS = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
_REMOVED_MARKERS = frozenset(
    [
        "commentRangeStart",
        "commentRangeEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        # the formatting before a tracked change of formatting: accepted, so dropped
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
    ]
)
_MASKED_ATTRIBUTES = frozenset(["instr", "tooltip", "descr", "title"])


@dataclass
class _Text:
    chars: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def add(self, text: str, element: Element | None) -> None:
        self.chars.append(text)
        if element is None:
            self.places.extend([None] * len(text))
        else:
            self.places.extend((element, i) for i in range(len(text)))

    def extend(self, other: "_Text") -> None:
        self.chars.extend(other.chars)
        self.places.extend(other.places)

    @property
    def text(self) -> str:
        return "".join(self.chars)


@dataclass
class _Paragraph:
    textbox: bool
    current: _Text = field(default_factory=_Text)
    codes: _Text = field(default_factory=_Text)


@dataclass
class _CellState:
    cell: _Cell
    text: _Text = field(default_factory=_Text)
    paragraphs: int = 0


def redact_docx(package: Package, masker: Masker) -> bytes:
    package.refuse_embedded("word/embeddings/")
    package.drop_related("word/document.xml", _COMMENT_PARTS)
    for part in _COMMENT_PARTS:
        package.remove(f"word/{part}.xml")
    parts = sorted(
        name
        for name in package.names - package.removed
        if _DOCX_PARTS.fullmatch(name) and name != "word/comments.xml"
    )
    for part in parts:
        root = package.root(part)
        _accept_changes(root)
        _remove_comment_marks(root)
        _Masking(masker, part).walk(root)
    package.strip_properties()
    package.mask_custom_xml(masker)
    package.mask_external_targets(masker)
    return package.rebuild()


def _accept_changes(root: Element) -> None:
    """Deleted text goes, inserted text stays (unwrapped): the document as it reads now."""
    for element in [e for e in root.iter() if local(e) in ("del", "moveFrom")]:
        parent = element.getparent()
        if parent is None:
            continue
        if local(parent) == "trPr":  # a deleted table row
            row = parent.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
        else:  # deleted runs, or a deleted paragraph mark (w:rPr/w:del): the marker goes
            parent.remove(element)
    for element in [e for e in root.iter() if local(e) in ("ins", "moveTo")]:
        parent = element.getparent()
        if parent is None:
            continue
        if local(parent) in ("rPr", "trPr"):
            parent.remove(element)
            continue
        index = parent.index(element)
        for child in reversed(list(element)):
            parent.insert(index, child)
        parent.remove(element)
    for element in [e for e in root.iter() if local(e) in ("delText", "delInstrText")]:
        element.getparent().remove(element)


def _remove_comment_marks(root: Element) -> None:
    for element in [e for e in root.iter() if local(e) in _REMOVED_MARKERS]:
        if element.getparent() is not None:
            element.getparent().remove(element)
    for element in [e for e in root.iter() if local(e) == "commentReference"]:
        run = element.getparent()
        if run is not None and local(run) == "r" and run.getparent() is not None:
            run.getparent().remove(run)
        elif run is not None:
            run.remove(element)


class _Masking:
    """Walks a part as the extractor reads it and masks each paragraph and table cell."""

    def __init__(self, masker: Masker, part: str) -> None:
        self.masker, self.part = masker, part
        self.stack: list[_Paragraph | _Table | _CellState] = []
        self.textbox = 0
        self.hidden: dict[int, tuple[Element, set[int]]] = {}

    def walk(self, root: Element) -> None:
        self.visit(root)
        for element, positions in self.hidden.values():
            element.text = apply(element.text or "", positions)

    def visit(self, element: Element) -> None:
        tag = local(element)
        self.attributes(element)
        if tag == "p":
            self.stack.append(_Paragraph(self.textbox > 0))
        elif tag == "tbl":
            self.stack.append(_Table(0))
        elif tag == "tr" and self.stack and isinstance(self.stack[-1], _Table):
            table = self.stack[-1]
            table.row, table.column, table.left = table.row + 1, 0, ""
        elif tag == "tc" and self.stack and isinstance(self.stack[-1], _Table):
            table = self.stack[-1]
            self.stack.append(_CellState(_Cell(table, table.row, table.column)))
        elif tag == "gridSpan" and self.stack and isinstance(self.stack[-1], _CellState):
            value = _attribute(element, "val") or "1"
            self.stack[-1].cell.span = (
                int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1
            )
        elif tag == "txbxContent":
            self.textbox += 1
        elif tag in ("t", "instrText") or tag in _MARKS:
            paragraph = self.paragraph()
            if paragraph is not None:
                target = paragraph.codes if tag == "instrText" else paragraph.current
                if tag in _MARKS:
                    target.add(_MARKS[tag], None)
                else:
                    target.add(element.text or "", element)
        for child in element:
            self.visit(child)
        if tag == "p" and self.stack and isinstance(self.stack[-1], _Paragraph):
            self.end_paragraph()
        elif tag == "tc" and self.stack and isinstance(self.stack[-1], _CellState):
            self.end_cell()
        elif tag == "tbl" and self.stack and isinstance(self.stack[-1], _Table):
            self.stack.pop()
        elif tag == "txbxContent":
            self.textbox -= 1

    def paragraph(self) -> _Paragraph | None:
        for entry in reversed(self.stack):
            if isinstance(entry, _Paragraph):
                return entry
        return None

    def end_paragraph(self) -> None:
        paragraph = self.stack.pop()
        assert isinstance(paragraph, _Paragraph)
        if paragraph.codes.chars:
            self.mask(paragraph.codes, None)
        container = self.stack[-1] if self.stack else None
        if isinstance(container, _CellState) and not paragraph.textbox:
            if container.paragraphs:
                container.text.add("\n", None)
            container.paragraphs += 1
            container.text.extend(paragraph.current)
        else:
            self.mask(paragraph.current, None)

    def end_cell(self) -> None:
        state = self.stack.pop()
        assert isinstance(state, _CellState)
        cell, table = state.cell, state.cell.table
        current = state.text.text
        # As the extractor labels cells (extract._Docx.end_cell).
        if cell.row == 1:
            for column in range(cell.column, cell.column + cell.span):
                table.header[column] = current.strip()
        label = _cell_label(table, cell, current.strip())
        table.left = current.strip()
        table.column += cell.span
        self.mask(state.text, label)

    def mask(self, text: _Text, label: str | None) -> None:
        value = text.text
        if not value.strip():
            return
        for index in self.masker.hidden(Segment(value, {"part": self.part}, label)):
            place = text.places[index]
            if place is None:
                continue
            element, at = place
            self.hidden.setdefault(id(element), (element, set()))[1].add(at)

    def attributes(self, element: Element) -> None:
        """Field instructions, tooltips and alternative texts: words the extractor skips."""
        for key, value in element.attrib.items():
            if _localname(key) in _MASKED_ATTRIBUTES and value:
                masked = self.masker.masked(Segment(value, {"part": self.part}))
                if masked != value:
                    element.set(key, masked)


def _localname(key: str) -> str:
    return key.rpartition("}")[2]


def _attribute(element: Element, name: str) -> str:
    for key, value in element.attrib.items():
        if _localname(key) == name:
            return str(value)
    return ""
