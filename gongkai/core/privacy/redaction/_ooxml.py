"""Office Open XML packages (DOCX, XLSX): parts read and written with lxml, the ZIP rebuilt.

Parts that are not changed are copied as they are (same name, date, compression, content);
changed parts are serialised by lxml, which keeps every namespace declaration (Word refuses a
part whose ``mc:Ignorable`` prefixes lost their declarations, as :mod:`xml.etree` would lose
them). A part that declares a DTD is refused, and the parser resolves no entity and reads no
network resource.
"""

import io
import posixpath
import re
import zipfile
from typing import Any

from lxml import etree

from gongkai.core.privacy import Segment
from gongkai.core.privacy.extract import XML_PROLOG, _local
from gongkai.core.privacy.redaction._common import Masker, RedactionFailed, failed

_ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=False
)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Element = Any  # lxml elements; lxml ships no type information


def local(element: Element) -> str:
    tag = element.tag
    return _local(tag) if isinstance(tag, str) else ""


class Package:
    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.archive.infolist()
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise failed(exc, "ZIP 文件") from None
        self.names = {info.filename for info in self.infos}
        if any(info.flag_bits & 0x1 for info in self.infos):
            raise RedactionFailed("含加密部件，无法删减 (encrypted parts: cannot redact)")
        self.trees: dict[str, Element] = {}
        self.removed: set[str] = set()

    # Reading and writing parts

    def read(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except Exception as exc:
            raise failed(exc, f"部件 {name} ") from None

    def tree(self, name: str) -> Element:
        """The parsed part (parsed once; changes are written back by :meth:`rebuild`)."""
        if name not in self.trees:
            data = self.read(name)
            head = data[:XML_PROLOG]
            root = _ROOT_ELEMENT.search(head)
            if b"<!DOCTYPE" in head[: root.start() if root else None] or (root is None and head):
                raise RedactionFailed(
                    f"XML 部件含 DTD 或序言过长，拒绝处理 (an XML part declares a DTD: refused): {name}"
                )
            try:
                tree = etree.ElementTree(etree.fromstring(data, _PARSER))
            except etree.LxmlError as exc:
                raise failed(exc, f"XML 部件 {name} ") from None
            if tree.docinfo.doctype:
                raise RedactionFailed(
                    f"XML 部件含 DTD，拒绝处理 (an XML part declares a DTD): {name}"
                )
            self.trees[name] = tree
        return self.trees[name]

    def root(self, name: str) -> Element:
        return self.tree(name).getroot()

    def remove(self, name: str) -> None:
        """Drop a part, its own relationships and its content-type override."""
        if name not in self.names:
            return
        self.removed.add(name)
        self.trees.pop(name, None)
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels in self.names:
            self.removed.add(rels)
            self.trees.pop(rels, None)
        if "[Content_Types].xml" in self.names:
            types = self.root("[Content_Types].xml")
            for override in list(types):
                if local(override) == "Override" and (
                    (override.get("PartName") or "").lstrip("/") == name
                ):
                    types.remove(override)

    def rebuild(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in self.infos:
                if info.filename in self.removed:
                    continue
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = (
                    info.compress_type
                    if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                    else zipfile.ZIP_DEFLATED
                )
                copy.external_attr = info.external_attr
                copy.flag_bits |= info.flag_bits & 0x800
                tree = self.trees.get(info.filename)
                data = self.read(info.filename) if tree is None else _serialised(tree)
                target.writestr(copy, data)
        return out.getvalue()

    # Relationships

    def relationships(self, part: str) -> list[tuple[Element, str, str]]:
        """(element, type, target part) of a part's internal relationships."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names or rels in self.removed:
            return []
        found = []
        for element in self.root(rels):
            target = element.get("Target") or ""
            if local(element) != "Relationship" or element.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found.append((element, element.get("Type") or "", posixpath.normpath(path)))
        return found

    def drop_related(self, part: str, kinds: tuple[str, ...]) -> list[str]:
        """Remove the relationships of ``part`` whose type ends with one of ``kinds``, and the
        parts they point to; returns the ids of the relationships removed."""
        ids = []
        for element, kind, target in self.relationships(part):
            if kind.rsplit("/", 1)[-1] in kinds:
                ids.append(element.get("Id") or "")
                element.getparent().remove(element)
                self.remove(target)
        return ids

    # What both formats share

    def strip_properties(self) -> None:
        """Author, company, manager, custom properties: none of it goes out (privacy.md §2)."""
        if "docProps/core.xml" in self.names:
            core = self.root("docProps/core.xml")
            for element in list(core):
                if local(element) not in ("created", "modified"):
                    core.remove(element)
        if "docProps/app.xml" in self.names:
            app = self.root("docProps/app.xml")
            for element in list(app):
                if local(element) in ("Company", "Manager", "HyperlinkBase"):
                    app.remove(element)
        for element, _kind, target in self.relationships(""):
            if target == "docProps/custom.xml":
                element.getparent().remove(element)
        self.remove("docProps/custom.xml")

    def mask_external_targets(self, masker: Masker) -> None:
        """Hyperlinks (mailto:, tel:) are relationship targets the scanner does not read."""
        for name in sorted(self.names - self.removed):
            if not name.endswith(".rels"):
                continue
            for element in self.root(name):
                target = element.get("Target")
                if element.get("TargetMode") == "External" and target:
                    masked = masker.masked(Segment(target, {"part": name}))
                    if masked != target:
                        element.set("Target", masked)

    def mask_custom_xml(self, masker: Masker) -> None:
        """Leaf texts of custom XML parts, labelled by their element name as the extractor does."""
        for name in sorted(self.names - self.removed):
            if not re.fullmatch(r"customXml/item\d+\.xml", name):
                continue
            for element in self.root(name).iter():
                if len(element) or not element.text or not element.text.strip():
                    continue
                label = local(element)
                text = element.text
                masked = masker.masked(Segment(text, {"part": name, "property": label}, label))
                if masked != text:
                    element.text = masked

    def refuse_embedded(self, folder: str) -> None:
        if any(name.startswith(folder) and not name.endswith("/") for name in self.names):
            raise RedactionFailed(
                "含嵌入对象（另一份文件），无法在原文件上删减 "
                "(embedded objects — other files inside — cannot be redacted in place)"
            )


def _serialised(tree: Element) -> bytes:
    data: bytes = etree.tostring(
        tree, xml_declaration=True, encoding="UTF-8", standalone=tree.docinfo.standalone
    )
    return data
