"""The extractors hand the scanner every piece of text a file holds, and say what they could not read.

Every file is made by the test: with python-docx, openpyxl and Pillow where they can write what is
needed, by editing the XML of the package where they cannot (tracked changes, text boxes, notes),
and by hand for PDFs and archives.
"""

import random
import re
import zipfile
from collections.abc import Mapping, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.comments import Comment
from PIL import Image
from pypdf import PdfReader, PdfWriter

from gongkai.core.privacy import Finding, Segment
from gongkai.core.privacy.extract import (
    OVERLAP,
    Item,
    ScanLimits,
    Unreadable,
    extract,
    extract_file,
    repeated_in_overlap,
    text_lines,
)
from gongkai.core.privacy.isolated import scan_file
from gongkai.core.tests.test_files import encrypted_pdf, pdf_with_text

ID = "11010519491231002X"  # GB 11643-1999's own example
ID_AS_EXCEL_STORES_IT = 5.30902198503151e17  # 530902198503151234 typed into Excel
MOBILE = "13812345678"


def items(name: str, data: bytes, **limits: int) -> list[Item]:
    return list(extract(name, data, limits=ScanLimits(**limits)))


def segments(name: str, data: bytes, **limits: int) -> list[Segment]:
    found = items(name, data, **limits)
    assert not [item for item in found if isinstance(item, Unreadable)], found
    return [item for item in found if isinstance(item, Segment)]


def unreadable(name: str, data: bytes, **limits: int) -> list[Unreadable]:
    return [item for item in items(name, data, **limits) if isinstance(item, Unreadable)]


def texts(found: Sequence[Item]) -> list[str]:
    return [item.text for item in found if isinstance(item, Segment)]


def having(found: Sequence[Item], text: str) -> list[Segment]:
    """The segments whose text contains `text`."""
    return [item for item in found if isinstance(item, Segment) and text in item.text]


def zipped(members: Mapping[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def rezipped(data: bytes, **changes: bytes | str) -> bytes:
    """A copy of a ZIP package with some parts replaced or added (name → bytes or str)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        members: dict[str, bytes | str] = {name: archive.read(name) for name in archive.namelist()}
    members.update(changes)
    return zipped(members)


# Text


def test_utf8_text_comes_line_by_line_with_its_line_number() -> None:
    found = segments("a.txt", f"标题\n\n身份证号：{ID}\r\n结尾".encode())
    assert [(item.text, item.where) for item in found] == [
        ("标题", {"line": 1}),
        (f"身份证号：{ID}", {"line": 3}),
        ("结尾", {"line": 4}),
    ]


def test_a_byte_order_mark_is_not_part_of_the_first_line() -> None:
    found = segments("a.txt", "\ufeff身份证号".encode())
    assert texts(found) == ["身份证号"]


def test_gbk_text_is_read_as_gb18030() -> None:
    data = f"姓名：张三 电话：{MOBILE}\n住址：云南省临沧市".encode("gbk")
    found = segments("名单.txt", data)
    assert texts(found) == [f"姓名：张三 电话：{MOBILE}", "住址：云南省临沧市"]


def test_a_gb18030_file_whose_first_64_kb_are_ascii_is_still_read_as_gb18030(
    tmp_path: Path,
) -> None:
    path = tmp_path / "名单.txt"
    ascii_head = ("id,amount,date 2024-01-01\n" * 3000).encode()  # 78 KB of ASCII
    path.write_bytes(ascii_head + f"身份证号：{ID}，姓名：张三\n".encode("gb18030"))
    found = list(extract_file(path))
    assert texts(found)[-1] == f"身份证号：{ID}，姓名：张三"


def test_utf8_text_with_a_bad_byte_far_in_is_read_to_the_end(tmp_path: Path) -> None:
    # Chinese UTF-8 in the first 64 KB tells the encoding at once (the file is not decoded
    # twice); a stray GBK character (啊) further on becomes U+FFFD, and the lines after it
    # are still read and scanned.
    path = tmp_path / "notice.txt"
    head = ("政务公开工作报告，深入贯彻落实。\n" * 3000).encode()
    path.write_bytes(head + b"\xb0\xa1 broken\n" + f"手机 {MOBILE}\n".encode())
    found = list(extract_file(path))
    assert texts(found)[0] == "政务公开工作报告，深入贯彻落实。"
    assert texts(found)[-2:] == ["\ufffd\ufffd broken", f"手机 {MOBILE}"]
    found_by_scan = [f for f in scan_file(path) if isinstance(f, Finding)]
    assert [f.kind for f in found_by_scan] == ["cn_mobile"]


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    found = segments("a.txt", f"电话 {MOBILE}".encode("utf-16"))
    assert texts(found) == [f"电话 {MOBILE}"]


def test_a_number_across_the_one_megabyte_chunk_border_is_seen_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    filler = "政务公开工作报告。" * 10
    head = (filler + "\n").encode() * (1024 * 1024 // len((filler + "\n").encode()))
    cut = 1024 * 1024 - len(head) + 9  # the number starts 9 bytes before the chunk border
    path.write_bytes(head + b"x" * (cut - 9 - 8) + ("身份证号" + ID + "\n").encode() + b"end\n")
    found = list(extract_file(path))
    assert len(having(found, ID)) == 1


def test_gb18030_characters_across_chunk_borders_are_not_broken(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    line = "临沧市民政局低保名单公示\n"
    path.write_bytes((line * 60_000).encode("gb18030"))  # 1.5 MB: chunk borders inside
    found = list(extract_file(path))
    assert len(found) == 60_000
    assert all(isinstance(item, Segment) and item.text == line.strip() for item in found)


def test_a_very_long_line_comes_in_overlapping_pieces_and_no_number_is_cut() -> None:
    text = "甲" * 990 + ID + "乙" * 3000
    found = segments("long.txt", text.encode(), max_line_chars=1000)
    assert all(len(item.text) <= 1000 for item in found)
    assert [item.where["char"] for item in found][:2] == [1, 1000 - OVERLAP + 1]
    holding = having(found, ID)
    assert len(holding) == 1
    piece = holding[0]
    assert not repeated_in_overlap(piece.where, piece.text.index(ID) + len(ID))


def test_a_finding_inside_the_overlap_is_marked_as_repeated() -> None:
    text = "甲" * 800 + ID + "乙" * 3000
    found = segments("long.txt", text.encode(), max_line_chars=1000)
    first, second = having(found, ID)
    assert not repeated_in_overlap(first.where, first.text.index(ID) + len(ID))
    assert repeated_in_overlap(second.where, second.text.index(ID) + len(ID))


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="ab1\n\r中文", max_size=400),
    chunk=st.integers(min_value=1, max_value=40),
    width=st.integers(min_value=2 * OVERLAP + 1, max_value=2 * OVERLAP + 40),
)
def test_pieces_rebuild_every_line_whatever_the_chunk_size(
    text: str, chunk: int, width: int
) -> None:
    data = text.encode()
    pieces = list(
        text_lines(
            lambda: (data[i : i + chunk] for i in range(0, len(data), chunk)),
            "utf-8",
            "strict",
            width,
        )
    )
    rebuilt: dict[int, str] = {}
    for number, offset, piece in pieces:
        start = max(offset, 0)
        rebuilt[number] = rebuilt.get(number, "")[:start] + piece
    expected = [line.removesuffix("\r") for line in text.split("\n")]
    if expected and expected[-1] == "":
        expected.pop()
    assert [rebuilt.get(n, "") for n in range(1, len(expected) + 1)] == expected


# HTML


def test_html_gives_visible_text_attributes_comments_and_scripts() -> None:
    page = f"""<!DOCTYPE html><html><head><title>公示</title>
<style>.x{{display:none}}</style></head><body>
<p>联系人：张三</p>
<img src="a.png" alt="身份证 {ID}">
<a href="mailto:zhangsan@example.com" title="手机 {MOBILE}">写信</a>
<input name="身份证号" value="{ID}">
<div data-phone="{MOBILE}" class="hidden" style="display:none">隐藏 {MOBILE}</div>
<!-- 备注：{ID} -->
<script>var people = [{{"id": "{ID}"}}];</script>
</body></html>"""
    found = segments("a.html", page.encode())
    wheres = [item.where for item in having(found, ID)]
    assert {"line": 4, "part": "attribute", "attribute": "alt"} in wheres
    assert {"line": 6, "part": "attribute", "attribute": "value"} in wheres
    assert {"line": 8, "part": "comment"} in wheres
    assert {"line": 9, "part": "script"} in wheres
    assert [item.label for item in found if item.where.get("attribute") == "value"] == ["身份证号"]
    attributes = {item.where.get("attribute") for item in having(found, MOBILE)}
    assert {"title", "data-phone", None} <= attributes
    assert any(item.text == "mailto:zhangsan@example.com" for item in found)
    assert "联系人：张三" in texts(found)
    assert not any(
        "display" in item.text and item.where.get("part") == "attribute" for item in found
    )


def test_html_table_cells_are_labelled_by_their_column_header() -> None:
    page = f"""<html><body><table>
<tr><th>姓名</th><th colspan="2">证件</th><th>联系电话</th></tr>
<tr><td>张三</td><td>身份证</td><td>{ID}</td><td>{MOBILE}</td></tr>
</table><p>合计 1 户</p></body></html>"""
    found = segments("list.htm", page.encode("gbk"))
    labels = {item.text: item.label for item in found}
    assert labels["张三"] == "姓名"
    assert labels[ID] == "证件"
    assert labels[MOBILE] == "联系电话"
    assert labels["合计 1 户"] is None


def test_html_is_recognised_by_its_content_too() -> None:
    found = segments("page", b"<!doctype html><p>a</p><p>b</p>")
    assert texts(found) == ["a", "b"]


# CSV


def test_csv_cells_are_labelled_by_the_header_row() -> None:
    data = f"序号,姓名,身份证号,联系电话\n1,张三,{ID},{MOBILE}\n".encode("gbk")
    found = segments("名单.csv", data)
    cell = having(found, ID)[0]
    assert cell.where == {"line": 2, "column": "身份证号", "field": 3}
    assert cell.label == "身份证号"
    assert [item.label for item in found if item.where["line"] == 1] == [None] * 4


def test_csv_identity_numbers_turned_into_floats_by_excel_are_given_as_digits() -> None:
    data = "姓名,身份证号\n张三,5.30902E+17\n".encode()
    [cell] = [
        item
        for item in segments("a.csv", data)
        if item.where["line"] == 2 and item.where["field"] == 2
    ]
    assert cell.text == "530902000000000000"
    assert cell.where["stored_as"] == "number"


def test_csv_rows_spanning_lines_keep_the_line_they_start_on() -> None:
    data = f'姓名,备注\n张三,"第一行\n身份证 {ID}"\n李四,无\n'.encode()
    found = segments("a.csv", data)
    assert having(found, ID)[0].where["line"] == 2
    assert having(found, "李四")[0].where["line"] == 4


def test_a_tsv_file_is_split_on_tabs() -> None:
    found = segments("a.tsv", f"姓名\t手机\n张三\t{MOBILE}\n".encode())
    assert having(found, MOBILE)[0].label == "手机"


def test_a_malformed_csv_is_read_on_as_plain_lines() -> None:
    data = ("a,b\n" + 'x,"' + "y" * 200_000 + f'"\n{ID}\n').encode()
    found = segments("a.csv", data)
    assert having(found, ID)


# DOCX

NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(document: Any) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def a_docx() -> bytes:
    document = docx.Document()
    document.core_properties.author = "张三"
    document.core_properties.comments = f"联系电话 {MOBILE}"
    document.sections[0].header.paragraphs[0].text = "机密★10年"
    document.sections[0].footer.paragraphs[0].text = f"页脚 {MOBILE}"
    document.add_paragraph("关于2025年低保对象的公示")
    paragraph = document.add_paragraph("申请人")
    document.add_comment(paragraph.runs, text=f"核对身份证 {ID}", author="审核人")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "身份证号", "住址"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["张三", ID, "某村3组12号"], strict=True):
        cell.text = text
    document.add_paragraph("PLACEHOLDER-REVISION")
    document.add_paragraph("PLACEHOLDER-TEXTBOX")
    return docx_bytes(document)


def with_revisions_and_textbox(data: bytes) -> bytes:
    """python-docx writes neither tracked changes nor text boxes: edit document.xml."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    revision = (
        '<w:r><w:t xml:space="preserve">电话：</w:t></w:r>'
        f'<w:del w:id="1" w:author="a"><w:r><w:delText>{MOBILE}</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>（已删除）</w:t></w:r></w:ins>'
    )
    textbox = (
        '<w:r><w:t>见右侧</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框 {ID}</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        f"<w:txbxContent><w:p><w:r><w:t>文本框 {ID}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    xml = re.sub(r"<w:r>(?:(?!<w:r>).)*?PLACEHOLDER-REVISION.*?</w:r>", revision, xml)
    xml = re.sub(r"<w:r>(?:(?!<w:r>).)*?PLACEHOLDER-TEXTBOX.*?</w:r>", textbox, xml)
    footnotes = (
        f'<w:footnotes xmlns:w="{NS_W}"><w:footnote w:id="1"><w:p><w:r>'
        f"<w:t>脚注：联系人手机 {MOBILE}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    return rezipped(data, **{"word/document.xml": xml, "word/footnotes.xml": footnotes})


@pytest.fixture(scope="module")
def docx_found() -> list[Segment]:
    return segments("公示.docx", with_revisions_and_textbox(a_docx()))


def test_docx_body_paragraphs_are_numbered(docx_found: list[Segment]) -> None:
    [title] = having(docx_found, "关于2025年低保对象的公示")
    assert title.where == {"part": "word/document.xml", "paragraph": 1}


def test_docx_table_cells_are_labelled_by_the_header_row(docx_found: list[Segment]) -> None:
    [cell] = having(docx_found, ID)[:1]
    assert cell.label == "身份证号"
    assert cell.where == {"part": "word/document.xml", "table": 1, "row": 2, "column": 2}
    assert having(docx_found, "某村3组12号")[0].label == "住址"


def test_docx_tracked_deletions_are_read_as_the_original_text(docx_found: list[Segment]) -> None:
    [current] = having(docx_found, "（已删除）")
    assert current.text == "电话：（已删除）"
    [original] = [item for item in having(docx_found, MOBILE) if item.where.get("revision")]
    assert original.text == f"电话：{MOBILE}"
    assert original.where == {**current.where, "revision": "original"}


def test_docx_text_boxes_are_read_once(docx_found: list[Segment]) -> None:
    boxes = [item for item in docx_found if item.where.get("textbox")]
    assert texts(boxes) == [f"文本框 {ID}"]
    assert "见右侧" in texts(docx_found)


def test_docx_headers_footers_notes_and_comments_are_read(docx_found: list[Segment]) -> None:
    parts = {str(item.where["part"]): item.text for item in docx_found if "part" in item.where}
    assert re.fullmatch(
        r"word/header\d*\.xml", next(p for p, t in parts.items() if t == "机密★10年")
    )
    assert any(p.startswith("word/footer") for p in parts if MOBILE in parts[p])
    [note] = having(
        [item for item in docx_found if item.where["part"] == "word/footnotes.xml"], MOBILE
    )
    assert note.where == {"part": "word/footnotes.xml", "footnote": "1", "paragraph": 1}
    [comment] = [
        item for item in having(docx_found, ID) if item.where["part"] == "word/comments.xml"
    ]
    assert comment.where["comment"] == "0"


def test_docx_document_properties_are_read(docx_found: list[Segment]) -> None:
    properties = {
        item.where["property"]: item.text
        for item in docx_found
        if item.where["part"] == "docProps/core.xml"
    }
    assert properties["creator"] == "张三"
    assert properties["description"] == f"联系电话 {MOBILE}"


def test_a_form_table_labels_a_cell_by_the_cell_to_its_left() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["姓名", "张三", "身份证号码", ID], strict=True):
        cell.text = text
    found = segments("登记表.docx", docx_bytes(document))
    assert having(found, ID)[0].label == "身份证号码"


def test_an_embedded_workbook_in_a_docx_is_read() -> None:
    data = rezipped(docx_bytes(docx.Document()), **{"word/embeddings/Sheet1.xlsx": a_workbook()})
    found = segments("a.docx", data)
    [cell] = [item for item in having(found, "张三") if item.where.get("cell") == "A3"]
    assert cell.where["member"] == "word/embeddings/Sheet1.xlsx"


@pytest.mark.parametrize("padding", ["", " " * 2000, "<!--" + "x" * 5000 + "-->"])
def test_a_docx_part_with_a_dtd_is_refused(padding: str) -> None:
    bomb = f'<?xml version="1.0"?>{padding}<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    data = rezipped(docx_bytes(docx.Document()), **{"word/document.xml": bomb})
    [refused] = unreadable("a.docx", data)
    assert "DTD" in refused.reason
    assert refused.where == {"part": "word/document.xml"}


def test_a_corrupt_docx_is_unreadable_but_what_was_read_stays() -> None:
    data = rezipped(a_docx(), **{"word/footer1.xml": "<w:ftr><w:p>"})
    found = items("a.docx", data)
    assert having(found, "关于2025年低保对象的公示")
    [broken] = [item for item in found if isinstance(item, Unreadable)]
    assert "corrupt" in broken.reason and "ParseError" in broken.reason
    assert broken.where == {"part": "word/footer1.xml"}


# XLSX


def a_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["2025年第一批低保对象名单"])
    sheet.append(["姓名", "身份证号", "联系电话", "金额"])
    sheet.append(["张三", ID, int(MOBILE), 350])
    sheet.append(["李四", ID_AS_EXCEL_STORES_IT, None, 420.5])
    sheet.column_dimensions["C"].hidden = True
    sheet.row_dimensions[4].hidden = True
    sheet["A3"].comment = Comment(f"手机 {MOBILE}", "审核人")
    hidden = workbook.create_sheet("底稿")
    hidden.sheet_state = "hidden"
    hidden.append(["户主", "银行卡号"])
    hidden.append(["王五", "6222020200112233445"])
    very = workbook.create_sheet("隐藏")
    very.sheet_state = "veryHidden"
    very["B2"] = f"身份证 {ID}"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def xlsx_found() -> list[Segment]:
    return segments("名单.xlsx", a_workbook())


def cell(found: Sequence[Segment], sheet: str, reference: str) -> Segment:
    [match] = [
        item
        for item in found
        if item.where.get("sheet") == sheet
        and item.where.get("cell") == reference
        and not item.where.get("comment")
    ]
    return match


def test_xlsx_cells_are_labelled_by_the_header_under_a_title_row(xlsx_found: list[Segment]) -> None:
    assert cell(xlsx_found, "名单", "B3").text == ID
    assert cell(xlsx_found, "名单", "B3").label == "身份证号"
    assert cell(xlsx_found, "名单", "A1").label is None
    assert cell(xlsx_found, "名单", "A2").label is None  # the header itself


def test_xlsx_identity_numbers_stored_as_floats_come_as_their_stored_digits(
    xlsx_found: list[Segment],
) -> None:
    stored = cell(xlsx_found, "名单", "B4")
    assert stored.text == str(int(__import__("decimal").Decimal(repr(ID_AS_EXCEL_STORES_IT))))
    assert stored.text.startswith("530902198503151") and len(stored.text) == 18
    assert stored.label == "身份证号"
    assert stored.where["stored_as"] == "number"


def test_xlsx_hidden_rows_columns_and_sheets_are_read_and_marked(xlsx_found: list[Segment]) -> None:
    assert cell(xlsx_found, "名单", "C3").where == {
        "sheet": "名单",
        "cell": "C3",
        "hidden": "column",
    }
    assert cell(xlsx_found, "名单", "C3").text == MOBILE
    assert cell(xlsx_found, "名单", "A4").where["hidden"] == "row"
    card = cell(xlsx_found, "底稿", "B2")
    assert (card.text, card.label, card.where["hidden"]) == (
        "6222020200112233445",
        "银行卡号",
        "sheet",
    )
    assert cell(xlsx_found, "隐藏", "B2").where["hidden"] == "sheet"


def test_xlsx_short_numbers_are_not_handed_over_and_long_ones_are_kept_as_stored(
    xlsx_found: list[Segment],
) -> None:
    # Amounts and counts cannot be identifiers; a long number keeps its stored digits.
    assert not [item for item in xlsx_found if item.where.get("cell") in ("D3", "D4")]
    assert cell(xlsx_found, "名单", "C3").text == MOBILE
    assert "stored_as" not in cell(xlsx_found, "名单", "C3").where


def test_xlsx_cell_comments_are_read(xlsx_found: list[Segment]) -> None:
    [comment] = [item for item in xlsx_found if item.where.get("comment")]
    assert comment.where == {"sheet": "名单", "cell": "A3", "comment": True}
    assert MOBILE in comment.text


def test_xlsx_inline_strings_formulas_and_shared_strings_are_read() -> None:
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c></row>'
        f'<row r="2"><c r="A2" t="str"><f>"{ID}"</f></c></row>'
        "</sheetData></worksheet>"
    )
    data = rezipped(a_workbook(), **{"xl/worksheets/sheet1.xml": sheet})
    found = segments("a.xlsx", data)
    assert cell(found, "名单", "A2").text == f'="{ID}"'
    assert cell(found, "名单", "A2").label == "身份证号"


def test_xlsx_pivot_caches_are_read() -> None:
    definition = (
        '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<cacheFields count="1"><cacheField name="身份证号"><sharedItems>'
        f'<s v="{ID}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>'
    )
    data = rezipped(a_workbook(), **{"xl/pivotCache/pivotCacheDefinition1.xml": definition})
    [item] = having(segments("a.xlsx", data), ID)[-1:]
    assert item.where == {"part": "xl/pivotCache/pivotCacheDefinition1.xml", "field": "身份证号"}
    assert item.label == "身份证号"


def test_an_xlsx_over_the_cell_budget_says_what_it_did_not_read() -> None:
    found = items("a.xlsx", a_workbook(), max_xlsx_cells=3)
    [stop] = [item for item in found if isinstance(item, Unreadable)]
    assert stop.where == {"sheet": "名单"}


# PDF


def pdf_with_streams(*streams: bytes) -> bytes:
    """A minimal PDF with one page per content stream, Helvetica as F1, an image as Im1."""
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(streams)))
    image = b"\xff" * 4
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(streams)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n" + image + b"\nendstream",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 3 0 R >> "
            f"/XObject << /Im1 4 0 R >> >> /Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_comes_page_by_page() -> None:
    found = segments("a.pdf", pdf_with_text(f"ID {ID}", f"Tel {MOBILE}"))
    assert [(item.where, item.text.strip()) for item in found] == [
        ({"page": 1}, f"ID {ID}"),
        ({"page": 2}, f"Tel {MOBILE}"),
    ]


def test_a_pdf_page_without_a_text_layer_is_unreadable_and_the_others_are_read() -> None:
    scanned = b"q 300 0 0 200 0 0 cm /Im1 Do Q"
    found = items(
        "a.pdf", pdf_with_streams(f"BT /F1 12 Tf 20 100 Td ({ID}) Tj ET".encode(), scanned)
    )
    assert having(found, ID)[0].where == {"page": 1}
    [page] = [item for item in found if isinstance(item, Unreadable)]
    assert page.where == {"page": 2}
    assert "needs manual review" in page.reason


def test_a_blank_pdf_page_is_no_finding() -> None:
    writer = PdfWriter()
    writer.add_blank_page(300, 200)
    out = BytesIO()
    writer.write(out)
    assert unreadable("blank.pdf", out.getvalue()) == []


def test_an_encrypted_pdf_is_unreadable() -> None:
    [refused] = unreadable("a.pdf", encrypted_pdf())
    assert refused.reason == "PDF 已加密，无法读取 (an encrypted PDF)"
    assert refused.where == {}


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_with_text(f"ID {ID}"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    assert having(segments("a.pdf", out.getvalue()), ID)


def test_pdf_metadata_form_fields_and_attachments_are_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf_with_text("Notice"))))
    writer.add_metadata({"/Author": "Zhang San", "/Subject": f"Tel {MOBILE}"})
    writer.add_attachment("list.csv", f"name,id\nZhang,{ID}\n".encode())
    from pypdf.annotations import FreeText

    writer.add_annotation(0, FreeText(text=f"ID {ID}", rect=(10, 10, 200, 50)))
    out = BytesIO()
    writer.write(out)
    found = segments("a.pdf", out.getvalue())
    wheres = [item.where for item in having(found, ID)]
    assert {"page": 1, "part": "annotation", "property": "Contents"} in wheres
    assert {"member": "list.csv", "line": 2, "column": "id", "field": 2} in wheres
    assert {"part": "metadata", "property": "Subject"} in [
        item.where for item in having(found, MOBILE)
    ]


def test_a_corrupt_pdf_is_unreadable() -> None:
    [refused] = unreadable("a.pdf", pdf_with_text("x")[:60])
    assert "needs manual review" in refused.reason


# ZIP


def test_zip_members_are_extracted_by_content_with_their_path() -> None:
    inner = zipped({"表/名单.xlsx": a_workbook(), "说明.txt": f"电话 {MOBILE}".encode()})
    found = segments("a.zip", zipped({"inner.zip": inner, "readme.txt": "公开".encode()}))
    [stored] = [item for item in found if item.where.get("cell") == "B4"]
    assert stored.where["member"] == "inner.zip/表/名单.xlsx"
    [text] = [item for item in having(found, MOBILE) if "line" in item.where]
    assert text.where == {"member": "inner.zip/说明.txt", "line": 1}


def test_gbk_member_names_are_decoded() -> None:
    # zipfile writes non-ASCII names as UTF-8 (flagged): put GBK bytes in place of a placeholder.
    gbk = "名单.txt".encode("gbk")
    data = zipped({"x" * len(gbk): f"电话 {MOBILE}".encode()}).replace(b"x" * len(gbk), gbk)
    assert having(segments("a.zip", data), MOBILE)[0].where["member"] == "名单.txt"


def test_a_zip_bomb_is_not_unpacked() -> None:
    [refused] = unreadable("bomb.zip", zipped({"zeros.txt": b"0" * (4 * 1024 * 1024)}))
    assert "zip bomb" in refused.reason


def test_archives_nested_too_deep_are_not_unpacked() -> None:
    data = zipped({"a.txt": f"电话 {MOBILE}".encode()})
    for level in range(3):
        data = zipped({f"level{level}.zip": data})
    found = items("deep.zip", data)
    [refused] = [item for item in found if isinstance(item, Unreadable)]
    assert refused.where == {"member": "level2.zip/level1.zip/level0.zip"}
    assert not having(found, MOBILE)


def test_too_many_members_or_bytes_are_refused() -> None:
    data = zipped({f"{i}.txt": b"x" for i in range(5)})
    assert "more than 3 members" in unreadable("a.zip", data, max_zip_members=3)[0].reason
    assert "unpacks to more than" in unreadable("a.zip", data, max_unzipped_bytes=4)[0].reason


def test_the_unpacking_budget_is_shared_by_nested_archives() -> None:
    inner = zipped({"a.txt": b"x" * 600, "b.txt": b"y" * 600}, zipfile.ZIP_STORED)
    data = zipped({"one.zip": inner, "two.zip": inner}, zipfile.ZIP_STORED)
    found = items("a.zip", data, max_unzipped_bytes=4000)
    assert [item.where["member"] for item in found if isinstance(item, Unreadable)] == ["two.zip"]


def test_an_encrypted_member_is_unreadable_and_the_others_are_read() -> None:
    data = bytearray(
        zipped({"a.txt": f"电话 {MOBILE}".encode(), "b.txt": b"secret"}, zipfile.ZIP_STORED)
    )
    # Set the "encrypted" flag of b.txt in its central directory entry.
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    found = items("a.zip", bytes(data))
    assert having(found, MOBILE)
    [refused] = [item for item in found if isinstance(item, Unreadable)]
    assert refused.where == {"member": "b.txt"}


# What is not read


def test_images_need_manual_review() -> None:
    out = BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    [refused] = unreadable("scan.png", out.getvalue())
    assert "needs manual review" in refused.reason


def test_binary_junk_is_unreadable_whatever_its_name() -> None:
    junk = random.Random(4).randbytes(5000)
    for name in ("junk.bin", "junk.txt", "junk.docx"):
        [refused] = unreadable(name, junk)
        assert "binary" in refused.reason


def test_password_protected_office_files_are_unreadable() -> None:
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    )
    assert "password-protected" in unreadable("a.docx", ole)[0].reason
    assert "old Office format" in unreadable("a.doc", ole[:108])[0].reason


def test_a_file_over_the_size_limit_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    [refused] = list(extract_file(path, limits=ScanLimits(max_bytes=1000)))
    assert isinstance(refused, Unreadable)
    assert "larger than the scan limit" in refused.reason
    assert unreadable("big.txt", b"a" * 2000, max_bytes=1000)


def test_a_wrong_extension_does_not_fool_the_extractor() -> None:
    found = segments("photo.jpg", f"身份证号,{ID}".encode())
    assert texts(found) == [f"身份证号,{ID}"]
    workbook = a_workbook()
    assert having(segments("名单.pdf", workbook), ID)


def test_an_empty_file_has_nothing_to_scan() -> None:
    assert items("a.txt", b"") == []


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_no_input_makes_the_extractor_raise(data: st.DataObject) -> None:
    sources = [
        a_workbook_cached(),
        a_docx_cached(),
        pdf_with_text("x y z"),
        zipped({"a.txt": b"abc"}),
    ]
    source = data.draw(st.sampled_from(sources))
    cut = data.draw(st.integers(min_value=0, max_value=len(source)))
    flip = data.draw(st.integers(min_value=0, max_value=len(source) - 1))
    mangled = bytearray(source[:cut] if data.draw(st.booleans()) else source)
    if mangled and flip < len(mangled):
        mangled[flip] ^= 0xFF
    found = items(data.draw(st.sampled_from(["a.xlsx", "a.docx", "a.pdf", "a"])), bytes(mangled))
    assert all(isinstance(item, Segment | Unreadable) for item in found)


_CACHE: dict[str, bytes] = {}


def a_workbook_cached() -> bytes:
    return _CACHE.setdefault("xlsx", a_workbook())


def a_docx_cached() -> bytes:
    return _CACHE.setdefault("docx", with_revisions_and_textbox(a_docx()))
