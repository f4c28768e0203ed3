"""XLSX: cell values masked in every sheet (hidden ones, hidden rows and columns too), comments
removed, properties stripped; styles, widths and hidden state untouched.

The cells are scanned as the extractor reads them (the text Excel stored, labelled by the
column's header), so a number stored as a number (``5.30902198503151E+17``) is seen as the
digits it holds. A masked cell becomes an inline string holding the masked text: a number
cannot hold ``*``, and a shared string may be used by cells that are not masked. A shared
string no longer used by any unmasked cell is blanked, so the original value is not left behind
in ``sharedStrings.xml``.
"""

from collections.abc import Sequence

from lxml import etree

from gongkai.core.privacy import Segment
from gongkai.core.privacy.extract import _CELL_REF, _column_letters, _column_number
from gongkai.core.privacy.redaction._common import Masker, RedactionFailed
from gongkai.core.privacy.redaction._ooxml import XML_SPACE, Element, Package, local

_OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHARED = "xl/sharedStrings.xml"


def redact_xlsx(package: Package, segments: Sequence[Segment], masker: Masker) -> bytes:
    package.refuse_embedded("xl/embeddings/")
    if any(name.startswith("xl/pivotCache/") for name in package.names):
        raise RedactionFailed(
            "含数据透视表缓存（源数据的副本），无法删减，请删除数据透视表后重新上传 "
            "(a pivot cache holds a copy of the source data: remove the pivot tables first)"
        )
    workbook = _Workbook(package, segments, masker)
    for name, part in workbook.sheets():
        workbook.sheet(name, part)
        _drop_comments(package, part)
    workbook.blank_unused_strings()
    package.drop_related("xl/workbook.xml", ("person",))
    package.strip_properties()
    package.mask_custom_xml(masker)
    package.mask_external_targets(masker)
    return package.rebuild()


def _drop_comments(package: Package, part: str) -> None:
    kinds = [kind.rsplit("/", 1)[-1] for _e, kind, _t in package.relationships(part)]
    if "comments" not in kinds and "threadedComment" not in kinds:
        return
    ids = set(package.drop_related(part, ("comments", "threadedComment", "vmlDrawing")))
    root = package.root(part)
    for element in [e for e in root if local(e) == "legacyDrawing"]:
        if element.get(f"{{{_OFFICE_RELATIONSHIPS}}}id") in ids:
            root.remove(element)


class _Workbook:
    def __init__(self, package: Package, segments: Sequence[Segment], masker: Masker) -> None:
        self.package, self.masker = package, masker
        self.cells: dict[tuple[str, str], Segment] = {}
        # sheet → column → (label, header row) of the columns masked as a whole
        self.columns: dict[str, dict[int, tuple[str, int]]] = {}
        for segment in segments:
            sheet, cell = segment.where.get("sheet"), segment.where.get("cell")
            if not isinstance(sheet, str) or not isinstance(cell, str):
                continue
            if segment.where.get("comment"):
                continue
            self.cells[(sheet, cell)] = segment
            found = _CELL_REF.fullmatch(cell)
            if segment.label is None and found and masker.column(segment.text):
                column, row = _column_number(found.group(1)), int(found.group(2))
                known = self.columns.setdefault(sheet, {}).get(column)
                if known is None or row < known[1]:
                    self.columns[sheet][column] = (segment.text.strip(), row)
        self.shared: list[Element] = []
        if _SHARED in package.names:
            self.shared = [si for si in package.root(_SHARED) if local(si) == "si"]
        self.used: set[int] = set()  # shared strings still shown by an unmasked cell

    def sheets(self) -> list[tuple[str, str]]:
        targets = {
            element.get("Id"): target
            for element, _kind, target in self.package.relationships("xl/workbook.xml")
        }
        found = []
        for element in self.package.root("xl/workbook.xml").iter():
            if local(element) == "sheet":
                target = targets.get(element.get(f"{{{_OFFICE_RELATIONSHIPS}}}id"))
                if target and target in self.package.names:
                    found.append((element.get("name") or "", target))
        return found

    def sheet(self, name: str, part: str) -> None:
        root = self.package.root(part)
        columns = self.columns.get(name, {})
        number = 0
        for row in root.iter():
            if local(row) != "row":
                continue
            given = row.get("r") or ""
            number = int(given) if given.isascii() and given.isdigit() else number + 1
            filled = 0
            for cell in row:
                if local(cell) != "c":
                    continue
                reference = cell.get("r") or ""
                found = _CELL_REF.fullmatch(reference)
                if found:
                    column = _column_number(found.group(1))
                else:
                    column = filled + 1
                    reference = f"{_column_letters(column)}{number}"
                if any(local(child) in ("v", "is", "f") for child in cell):
                    filled += 1
                self.cell(name, cell, reference, number, columns.get(column))

    def cell(
        self, sheet: str, cell: Element, reference: str, row: int, column: tuple[str, int] | None
    ) -> None:
        segment = self.cells.get((sheet, reference))
        whole = column is not None and row > column[1]
        masked: str | None = None
        if segment is not None:
            if whole and column is not None and segment.label != column[0]:
                segment = Segment(segment.text, segment.where, column[0])
            text = self.masker.masked(segment)
            masked = text if text != segment.text else None
        elif whole and column is not None:
            raw = self.raw(cell)
            if raw.strip():
                text = self.masker.whole(raw)
                masked = text if text != raw else None
        if masked is None:
            if cell.get("t") == "s":
                index = _value(cell)
                if index.isascii() and index.isdigit():
                    self.used.add(int(index))
            return
        _inline(cell, masked)

    def raw(self, cell: Element) -> str:
        kind = cell.get("t") or "n"
        if kind == "inlineStr":
            return "".join(
                t.text or ""
                for t in cell.iter()
                if local(t) == "t" and not any(local(a) == "rPh" for a in t.iterancestors())
            )
        value = _value(cell)
        if kind == "s":
            index = int(value) if value.isascii() and value.isdigit() else -1
            return _string(self.shared[index]) if 0 <= index < len(self.shared) else ""
        return value

    def blank_unused_strings(self) -> None:
        for index, si in enumerate(self.shared):
            if index in self.used:
                continue
            namespace = etree.QName(si).namespace
            for child in list(si):
                si.remove(child)
            etree.SubElement(si, f"{{{namespace}}}t" if namespace else "t")


def _value(cell: Element) -> str:
    for child in cell:
        if local(child) == "v":
            return str(child.text or "")
    return ""


def _string(si: Element) -> str:
    parts: list[str] = []
    for child in si:
        if local(child) == "t":
            parts.append(child.text or "")
        elif local(child) == "r":
            parts.extend(run.text or "" for run in child if local(run) == "t")
    return "".join(parts)


def _inline(cell: Element, text: str) -> None:
    """The cell now holds ``text`` as an inline string; its style (``s``) stays."""
    namespace = etree.QName(cell).namespace
    for child in list(cell):
        if local(child) in ("v", "f", "is"):
            cell.remove(child)
    for attribute in ("vm", "cm"):
        cell.attrib.pop(attribute, None)
    cell.set("t", "inlineStr")
    tag = (lambda name: f"{{{namespace}}}{name}") if namespace else (lambda name: name)
    inline = etree.Element(tag("is"))
    extensions = [i for i, child in enumerate(cell) if local(child) == "extLst"]
    cell.insert(extensions[0] if extensions else len(cell), inline)
    value = etree.SubElement(inline, tag("t"))
    value.text = text
    if text != text.strip():
        value.set(XML_SPACE, "preserve")
