"""Redacted copies (issue 4 §2): what a reader of the copy sees, and what is no longer in it.

Inputs are made by the tests (python-docx and openpyxl, XML edited where they cannot write what
is needed); outputs are checked by opening them with python-docx / openpyxl / pypdf, as a user
would, and by extracting and scanning them again.
"""

import re
import zipfile
from collections.abc import Mapping
from io import BytesIO
from typing import Any

import docx
import openpyxl
import pytest
from openpyxl.comments import Comment
from pypdf import PdfReader

from gongkai.core.privacy import Segment, scan_segments
from gongkai.core.privacy.extract import ScanLimits, extract
from gongkai.core.privacy.redaction import Redacted, RedactionFailed, redact, redactable
from gongkai.core.tests.test_files import pdf_with_text

ID = "11010519491231002X"  # GB 11643-1999's own example: valid
ID_MASKED = "1101**********002X"
MOBILE = "13812345678"
MOBILE_MASKED = "138****5678"
OFFICE = "0871-65123456"  # an office landline: a low finding, it stays
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: Mapping[str, bytes | str]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def rezipped(data: bytes, **changes: bytes | str) -> bytes:
    parts: dict[str, bytes | str] = dict(members(data))
    parts.update(changes)
    return zipped(parts)


def rescanned(name: str, data: bytes) -> list[tuple[str, str]]:
    segments = [item for item in extract(name, data) if isinstance(item, Segment)]
    return [(f.kind, f.severity) for f in scan_segments(segments)]


def no_high_or_medium(name: str, data: bytes) -> bool:
    return all(severity == "low" for _kind, severity in rescanned(name, data))


def everything(data: bytes) -> bytes:
    """All bytes of a package, each part uncompressed: a value must be in none of them."""
    return b"".join(members(data).values())


# Plain text


def test_text_keeps_its_encoding_and_line_ends_and_masks_by_the_policy() -> None:
    data = f"说明\r\n身份证号：{ID}\r\n手机 {MOBILE}\r\n办公电话：{OFFICE}\r\n".encode("gbk")
    result = redact("名单.txt", data)
    assert result.data.decode("gbk") == (
        f"说明\r\n身份证号：{ID_MASKED}\r\n手机 {MOBILE_MASKED}\r\n办公电话：{OFFICE}\r\n"
    )
    assert result.masked == 2
    assert [(f.kind, f.severity) for f in result.remaining] == [("cn_landline", "low")]


def test_a_utf8_byte_order_mark_stays_and_full_width_digits_stay_full_width_where_shown() -> None:
    wide = ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
    result = redact("a.txt", f"身份证号：{wide}\n".encode("utf-8-sig"))
    assert result.data.startswith(b"\xef\xbb\xbf")
    assert result.data.decode("utf-8-sig") == f"身份证号：{wide[:4]}{'*' * 10}{wide[-4:]}\n"


def test_a_number_across_the_cut_of_a_long_line_is_masked() -> None:
    line = "说明" * 300 + f"身份证号：{ID}" + "说明" * 300
    limits = ScanLimits(max_line_chars=610)
    result = redact("a.txt", line.encode(), limits=limits)
    assert ID_MASKED in result.data.decode() and ID not in result.data.decode()
    assert len(result.data.decode()) == len(line)


def test_a_secret_marking_is_never_masked_away_and_the_reason_names_its_kind_only() -> None:
    with pytest.raises(RedactionFailed) as failure:
        redact("a.txt", f"机密★10年\n身份证号：{ID}\n".encode())
    assert "secret_marking" in failure.value.reason
    assert ID not in failure.value.reason and "机密★" not in failure.value.reason


def test_text_in_mixed_encodings_is_refused() -> None:
    data = f"身份证号：{ID}\n".encode() + "张三\n".encode("gbk")
    with pytest.raises(RedactionFailed, match="encoding"):
        redact("a.txt", data)


# CSV


def test_csv_cells_stay_cells_and_a_masked_column_hides_malformed_values() -> None:
    data = (
        f'姓名,身份证号,备注\n张三,{ID},"手机 {MOBILE}, 请核对"\n'
        "李四,11010519491231,\n王五,5.30902E+17,办公电话 0871-65123456\n"
    ).encode("utf-8-sig")
    result = redact("名单.csv", data, mask_labels=["身份证号"])
    text = result.data.decode("utf-8-sig")
    assert text.splitlines() == [
        "姓名,身份证号,备注",  # the header stays
        f'张*,{ID_MASKED},"手机 {MOBILE_MASKED}, 请核对"'.replace("张*", "张三"),
        "李四,**************,",  # malformed: hidden whole
        "王五,5309**********0000,办公电话 0871-65123456",
    ]
    assert result.masked == 4


# HTML


def test_html_text_attributes_comments_and_scripts_are_masked_and_the_markup_stays() -> None:
    page = (
        f'<html><body><p title="手机 {MOBILE}">身份证号：<b>1101</b>05194912310&#48;2X</p>'
        f"<table><tr><th>姓名</th><th>联系电话</th></tr><tr><td>张三</td><td>{MOBILE}</td></tr>"
        f'</table><a href="tel:{MOBILE}">电话</a><!-- 手机 {MOBILE} -->'
        f'<script>var phone = "{MOBILE}";</script><p>办公电话：{OFFICE}</p></body></html>'
    )
    result = redact("a.html", page.encode())
    assert result.data.decode() == (
        f'<html><body><p title="手机 {MOBILE_MASKED}">身份证号：<b>1101</b>**********0&#48;2X</p>'
        f"<table><tr><th>姓名</th><th>联系电话</th></tr><tr><td>张三</td><td>{MOBILE_MASKED}</td>"
        f'</tr></table><a href="tel:{MOBILE_MASKED}">电话</a><!-- 手机 {MOBILE_MASKED} -->'
        f'<script>var phone = "{MOBILE_MASKED}";</script><p>办公电话：{OFFICE}</p></body></html>'
    )


def test_a_value_written_with_character_references_is_masked_in_the_source() -> None:
    digits = "".join(f"&#{ord(c)};" for c in MOBILE)
    result = redact("a.html", f"<p>手机 {digits}</p>".encode())
    assert result.data.decode() == "<p>手机 &#49;&#51;&#56;****&#53;&#54;&#55;&#56;</p>"


# DOCX


def _docx(document: Any) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _replace_run(xml: str, placeholder: str, replacement: str) -> str:
    return re.sub(rf"<w:r>(?:(?!<w:r>).)*?{placeholder}.*?</w:r>", replacement, xml)


@pytest.fixture(scope="module")
def notice() -> bytes:
    document = docx.Document()
    document.core_properties.author = "张三"
    document.core_properties.comments = f"联系电话 {MOBILE}"
    document.sections[0].header.paragraphs[0].text = f"页眉 联系人手机 {MOBILE}"
    document.sections[0].footer.paragraphs[0].text = f"页脚 {MOBILE}"
    document.add_paragraph("关于2025年低保对象的公示")
    split = document.add_paragraph("身份证号：")
    split.add_run(ID[:6])
    split.add_run(ID[6:14]).bold = True
    split.add_run(ID[14:])
    commented = document.add_paragraph("申请人")
    document.add_comment(commented.runs, text=f"核对身份证 {ID}", author="审核人")
    table = document.add_table(rows=3, cols=3)
    for row, texts in zip(
        table.rows,
        [
            ["姓名", "身份证号", "家庭住址"],
            ["张三", ID, "某村3组12号"],
            ["李四", "5301021985", "某村"],
        ],
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    document.add_paragraph(f"监督电话：{OFFICE}")
    document.add_paragraph("PLACEHOLDER-REVISION")
    document.add_paragraph("PLACEHOLDER-TEXTBOX")
    data = _docx(document)
    xml = members(data)["word/document.xml"].decode()
    revision = (
        '<w:r><w:t xml:space="preserve">电话：</w:t></w:r>'
        f'<w:del w:id="91" w:author="a"><w:r><w:delText>{ID}</w:delText></w:r></w:del>'
        f'<w:ins w:id="92" w:author="a"><w:r><w:t>{MOBILE[:5]}</w:t></w:r></w:ins>'
        f"<w:r><w:t>{MOBILE[5:]}</w:t></w:r>"
    )
    textbox = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框 {ID}</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
        f"<w:txbxContent><w:p><w:r><w:t>文本框 {ID}</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    xml = _replace_run(xml, "PLACEHOLDER-REVISION", revision)
    xml = _replace_run(xml, "PLACEHOLDER-TEXTBOX", textbox)
    footnotes = (
        f'<w:footnotes xmlns:w="{NS_W}"><w:footnote w:id="1"><w:p><w:r>'
        f"<w:t>脚注：联系人手机 {MOBILE}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    return rezipped(data, **{"word/document.xml": xml, "word/footnotes.xml": footnotes})


@pytest.fixture(scope="module")
def redacted_notice(notice: bytes) -> Redacted:
    return redact("公示.docx", notice, mask_labels=["身份证号"])


def test_a_number_split_across_runs_is_masked_in_the_runs_that_hold_it(
    redacted_notice: Redacted,
) -> None:
    paragraph = docx.Document(BytesIO(redacted_notice.data)).paragraphs[1]
    assert paragraph.text == f"身份证号：{ID_MASKED}"
    assert [run.text for run in paragraph.runs] == ["身份证号：", "1101**", "********", "002X"]
    assert paragraph.runs[2].bold  # formatting stays


def test_a_docx_table_keeps_its_shape_and_header_and_its_masked_column(
    redacted_notice: Redacted,
) -> None:
    [table] = docx.Document(BytesIO(redacted_notice.data)).tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["姓名", "身份证号", "家庭住址"],
        ["张三", ID_MASKED, "某村*****"],
        ["李四", "**********", "某村"],  # a cut number in the masked column: hidden whole
    ]


def test_docx_comments_tracked_changes_and_properties_are_gone(
    notice: bytes, redacted_notice: Redacted
) -> None:
    assert "word/comments.xml" in members(notice)
    parts = members(redacted_notice.data)
    assert "word/comments.xml" not in parts
    assert b"comments" not in parts["word/_rels/document.xml.rels"]
    assert b"comments" not in parts["[Content_Types].xml"]
    body = parts["word/document.xml"].decode()
    for mark in ("commentRangeStart", "commentReference", "w:del ", "w:delText", "w:ins "):
        assert mark not in body
    document = docx.Document(BytesIO(redacted_notice.data))
    assert document.paragraphs[-2].text == f"电话：{MOBILE_MASKED}"  # the insertion is accepted
    assert document.core_properties.author == "" and document.core_properties.comments == ""
    assert ID.encode() not in everything(redacted_notice.data)
    assert MOBILE.encode() not in everything(redacted_notice.data)


def test_headers_footers_notes_and_text_boxes_are_masked_and_low_findings_stay(
    redacted_notice: Redacted,
) -> None:
    document = docx.Document(BytesIO(redacted_notice.data))
    assert document.sections[0].header.paragraphs[0].text == f"页眉 联系人手机 {MOBILE_MASKED}"
    assert document.sections[0].footer.paragraphs[0].text == f"页脚 {MOBILE_MASKED}"
    parts = members(redacted_notice.data)
    assert f"脚注：联系人手机 {MOBILE_MASKED}" in parts["word/footnotes.xml"].decode()
    assert parts["word/document.xml"].decode().count(f"文本框 {ID_MASKED}") == 2  # and Fallback
    assert f"监督电话：{OFFICE}" in [p.text for p in document.paragraphs]
    assert no_high_or_medium("a.docx", redacted_notice.data)
    assert redacted_notice.remaining and {f.severity for f in redacted_notice.remaining} == {"low"}


def test_a_docx_with_an_embedded_workbook_is_refused() -> None:
    data = rezipped(_docx(docx.Document()), **{"word/embeddings/Book1.xlsx": _a_workbook()})
    with pytest.raises(RedactionFailed, match="embedded"):
        redact("a.docx", data)


# XLSX


def _a_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "低保名单"
    sheet.append(["2025年第一批低保对象名单"])
    sheet.append(["姓名", "身份证号", "保障人数", "联系电话"])
    sheet.append(["张三", ID, 3, MOBILE])
    sheet.append(["李四", 5.30902198503151e17, 2, OFFICE])  # an ID Excel stored as a number
    sheet.append(["王五", 12345, 1, None])  # a malformed number, too short to be scanned
    sheet.column_dimensions["B"].hidden = True
    sheet.column_dimensions["B"].width = 30
    sheet.row_dimensions[5].hidden = True
    sheet["A3"].comment = Comment(f"核对 {ID}", "审核人")
    workbook.properties.creator = "张三"
    hidden = workbook.create_sheet("备份")
    hidden.sheet_state = "hidden"
    hidden.append(["身份证号"])
    hidden.append([ID])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def redacted_workbook() -> Redacted:
    return redact("名单.xlsx", _a_workbook(), mask_labels=["身份证号"])


def _open(data: bytes) -> Any:
    return openpyxl.load_workbook(BytesIO(data))


def test_the_hidden_column_float_id_and_the_malformed_number_are_masked(
    redacted_workbook: Redacted,
) -> None:
    sheet = _open(redacted_workbook.data)["低保名单"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["2025年第一批低保对象名单", None, None, None],
        ["姓名", "身份证号", "保障人数", "联系电话"],
        ["张三", ID_MASKED, 3, MOBILE_MASKED],
        ["李四", "5309**********1000", 2, "0871-********"],  # a phone in a list of people
        ["王五", "*****", 1, None],
    ]
    assert sheet.column_dimensions["B"].hidden and sheet.column_dimensions["B"].width == 30
    assert sheet.row_dimensions[5].hidden


def test_hidden_sheets_are_masked_and_keep_their_state(redacted_workbook: Redacted) -> None:
    sheet = _open(redacted_workbook.data)["备份"]
    assert sheet.sheet_state == "hidden"
    assert [sheet["A1"].value, sheet["A2"].value] == ["身份证号", ID_MASKED]


def test_xlsx_comments_and_properties_are_removed(redacted_workbook: Redacted) -> None:
    workbook = _open(redacted_workbook.data)
    assert workbook["低保名单"]["A3"].comment is None
    names = members(redacted_workbook.data)
    assert b"creator" not in names["docProps/core.xml"]  # openpyxl shows its own default
    assert not [name for name in names if "comment" in name.lower() or name.endswith(".vml")]
    assert b"legacyDrawing" not in names["xl/worksheets/sheet1.xml"]
    assert ID.encode() not in everything(redacted_workbook.data)
    assert b"530902198503151" not in everything(redacted_workbook.data)
    assert no_high_or_medium("a.xlsx", redacted_workbook.data)
    assert redacted_workbook.masked == 6  # B3, D3, B4, D4, B5 and the hidden sheet's A2


_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
    '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>2</v></c></row>'
    "</sheetData></worksheet>"
)


def _shared_strings_workbook() -> bytes:
    """A2 and B3 share one string (an ID); B2's string is used only where it is masked; one
    string (index 5) is used by no cell at all."""
    strings = ["身份证号", "备注", ID, f"手机 {MOBILE}", "说明", MOBILE]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return zipped(
        {
            "[Content_Types].xml": (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ),
            "xl/workbook.xml": (
                f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" '
                'r:id="rId1"/></sheets></workbook>'
            ),
            "xl/_rels/workbook.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
                '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": _SHEET,
            "xl/sharedStrings.xml": (
                f'<sst xmlns="{main}">'
                + "".join(f"<si><t>{s}</t></si>" for s in strings)
                + "</sst>"
            ),
        }
    )


def test_a_shared_string_is_masked_per_cell_and_no_copy_is_left_behind() -> None:
    result = redact("a.xlsx", _shared_strings_workbook())
    sheet = _open(result.data)["名单"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["身份证号", "备注"],
        [ID_MASKED, f"手机 {MOBILE_MASKED}"],
        ["说明", ID_MASKED],
    ]
    shared = members(result.data)["xl/sharedStrings.xml"]
    assert ID.encode() not in shared and MOBILE.encode() not in shared
    assert "说明".encode() in shared and "身份证号".encode() in shared  # still in use


def test_a_shared_string_shown_by_an_unmasked_cell_stays_for_that_cell() -> None:
    sheet_xml = _SHEET.replace('<c r="B2" t="s"><v>3</v></c>', '<c r="B2" t="s"><v>0</v></c>')
    data = rezipped(_shared_strings_workbook(), **{"xl/worksheets/sheet1.xml": sheet_xml})
    sheet = _open(redact("a.xlsx", data).data)["名单"]
    assert sheet["B2"].value == "身份证号"  # the same string as the header A1, not masked
    assert sheet["A1"].value == "身份证号"


def test_a_workbook_with_a_pivot_cache_is_refused() -> None:
    data = rezipped(
        _a_workbook(),
        **{"xl/pivotCache/pivotCacheDefinition1.xml": '<pivotCacheDefinition xmlns="x"/>'},
    )
    with pytest.raises(RedactionFailed, match="pivot"):
        redact("a.xlsx", data)


# Bad input: RedactionFailed, never another exception


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("a.docx", b"PK\x03\x04" + b"\x00" * 40, "corrupt"),
        ("a.xlsx", _a_workbook()[:2000], "corrupt"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image"),
        (
            "a.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "password",
        ),
        ("a.bin", bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_input_raises_redaction_failed(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(RedactionFailed) as failure:
        redact(name, data)
    assert reason in failure.value.reason


def test_a_part_with_a_dtd_is_refused() -> None:
    dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
    data = _docx(docx.Document())
    xml = members(data)["word/document.xml"].decode()
    xml = dtd + xml.split("?>", 1)[1]
    with pytest.raises(RedactionFailed, match="DTD"):
        redact("a.docx", rezipped(data, **{"word/document.xml": xml}))


def test_a_file_over_the_size_limit_is_refused() -> None:
    data = ("说明\n" * 1000).encode()
    with pytest.raises(RedactionFailed, match="limit"):
        redact("a.txt", data, limits=ScanLimits(max_bytes=1000))


def test_an_archive_is_not_a_format_that_can_be_redacted() -> None:
    data = zipped({"名单.txt": f"身份证号：{ID}\n"})
    assert not redactable("a.zip", data)
    with pytest.raises(RedactionFailed, match="cannot be redacted"):
        redact("a.zip", data)


def test_redactable_tells_formats_by_content_not_by_name() -> None:
    assert redactable("a.txt", "说明\n".encode())
    assert redactable("a.csv", b"a,b\n")
    assert redactable("a.html", b"<p>x</p>")
    assert redactable("名单.pdf", _a_workbook())  # a workbook, whatever its name
    assert redactable("a.docx", _docx(docx.Document()))
    assert redactable("a.pdf", pdf_with_text("x"))
    assert not redactable("a.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


# PDF


def test_a_pdf_page_with_findings_is_rasterised_and_other_pages_keep_their_text() -> None:
    data = pdf_with_text("Report page one", f"Mobile {MOBILE} ID {ID}", f"Office {OFFICE}")
    result = redact("a.pdf", data)
    reader = PdfReader(BytesIO(result.data))
    assert [page.extract_text() for page in reader.pages] == [
        "Report page one",
        "",  # an image now: no text layer left
        f"Office {OFFICE}",
    ]
    assert [float(page.mediabox.height) for page in reader.pages] == [200.0, 200.0, 200.0]
    assert MOBILE.encode() not in result.data and b"1101" not in result.data
    assert result.masked == 2 and all(f.severity == "low" for f in result.remaining)


def test_the_masked_characters_are_black_on_the_image_and_the_kept_ones_are_not() -> None:
    import pypdfium2

    result = redact("a.pdf", pdf_with_text(f"Mobile {MOBILE}"))
    image = pypdfium2.PdfDocument(result.data)[0].render(scale=2).to_pil().convert("L")
    original = pypdfium2.PdfDocument(pdf_with_text(f"Mobile {MOBILE}"))
    textpage = original[0].get_textpage()
    text = textpage.get_text_range()
    hidden = text.index(MOBILE) + 4  # the 5th digit: masked
    kept = text.index(MOBILE) + 1  # the 2nd digit: shown

    def darkness(index: int) -> float:
        left, bottom, right, top = textpage.get_charbox(index)
        box = image.crop(
            (int(left * 2), int((200 - top) * 2), int(right * 2), int((200 - bottom) * 2))
        )
        pixels = box.tobytes()
        return sum(1 for p in pixels if p < 64) / len(pixels)

    assert darkness(hidden) > 0.9
    assert darkness(kept) < 0.6
