"""Attachments are checked by content, opened with limits, and their text extracted.

Every file here is made in memory by the test, with the same libraries the portal uses to read
them (or by hand, where they cannot write what is needed).
"""

import struct
import zipfile
import zlib
from io import BytesIO

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfWriter

from gongkai.core.files import (
    ALLOWED_KINDS,
    FileRefused,
    Inspected,
    Limits,
    inspect_file,
    normalise_text,
)

MB = 1024 * 1024

# Making files


def pdf_with_text(*pages: str) -> bytes:
    """A minimal valid PDF, one line of ASCII text in Helvetica on each page."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, line in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        stream = f"BT /F1 12 Tf 20 100 Td ({line}) Tj ET".encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(300, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with(paragraph: str, cell: str = "") -> bytes:
    document = docx.Document()
    document.add_paragraph(paragraph)
    if cell:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = cell
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_with(*sheets: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets, start=1):
        sheet = workbook.create_sheet(f"表{number}")
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def image(format: str, size: tuple[int, int] = (20, 20)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format)
    return out.getvalue()


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return out.getvalue()


def rezipped(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a ZIP with one member replaced or added."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    return zip_of(members | {name: content})


def with_encrypted_flag(data: bytes) -> bytes:
    """The first member marked as encrypted, in its local and its central header."""
    out = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        out[out.index(signature) + flag_offset] |= 0x1
    return bytes(out)


def png_claiming(width: int, height: int) -> bytes:
    """A 1×1 PNG whose header claims another size (with a correct checksum)."""
    data = bytearray(image("PNG", (1, 1)))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def refusal(name: str, data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(FileRefused) as refused:
        inspect_file(name, data, limits=limits or Limits())
    return str(refused.value)


def assert_named(reason: str, *words: str) -> None:
    for word in words:
        assert word in reason, f"{word!r} not in {reason!r}"


DIBAO_PDF = pdf_with_text("dibao 2026", "second page")
DIBAO_DOCX = docx_with("城乡低保 申请指南", cell="临时救助")
DIBAO_XLSX = xlsx_with([["项目", "金额"], ["低保", 1200]], [["特困供养"]])
BOMB = zip_of({"zeros.bin": bytes(50 * MB)})


# Accepted files and their text


def test_a_pdf_is_accepted_with_its_text_and_page_count() -> None:
    inspected = inspect_file("指南.pdf", DIBAO_PDF)
    assert inspected == Inspected("pdf", "application/pdf", ".pdf", inspected.text, 2)
    assert "dibao 2026" in inspected.text
    assert "second page" in inspected.text


def test_pdf_text_is_taken_from_at_most_the_page_limit_but_all_pages_are_counted() -> None:
    inspected = inspect_file("a.pdf", DIBAO_PDF, limits=Limits(max_pdf_pages_for_text=1))
    assert inspected.text == "dibao 2026"
    assert inspected.pages == 2


def test_a_docx_is_accepted_with_the_text_of_its_paragraphs_and_tables() -> None:
    inspected = inspect_file("指南.DOCX", DIBAO_DOCX)
    assert inspected.kind == "docx"
    assert inspected.extension == ".docx"
    assert inspected.content_type.endswith("wordprocessingml.document")
    assert "低保" in inspected.text
    assert "临时救助" in inspected.text
    assert inspected.pages is None


def test_an_xlsx_is_accepted_with_the_cell_values_of_all_its_sheets() -> None:
    inspected = inspect_file("统计.xlsx", DIBAO_XLSX)
    assert inspected.kind == "xlsx"
    assert inspected.content_type.endswith("spreadsheetml.sheet")
    assert inspected.text == "项目 金额\n低保 1200\n特困供养"


def test_an_xlsx_is_read_by_its_rows_not_by_the_size_it_declares() -> None:
    # Padding each of 3000 rows to the 16 384 columns of a forged dimension would exhaust the
    # cell budget long before the last row.
    workbook = xlsx_with([["低保", number] for number in range(1, 3001)])
    with zipfile.ZipFile(BytesIO(workbook)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    forged = sheet.replace(b'<dimension ref="A1:B3000"/>', b'<dimension ref="A1:XFD1048576"/>')
    assert forged != sheet
    inspected = inspect_file("a.xlsx", rezipped(workbook, "xl/worksheets/sheet1.xml", forged))
    assert inspected.text.endswith("低保 3000")


@pytest.mark.parametrize(
    ("format", "name", "kind", "content_type"),
    [
        ("PNG", "图.png", "png", "image/png"),
        ("JPEG", "图.jpg", "jpeg", "image/jpeg"),
        ("GIF", "图.gif", "gif", "image/gif"),
    ],
)
def test_png_jpeg_and_gif_images_are_accepted_without_text(
    format: str, name: str, kind: str, content_type: str
) -> None:
    inspected = inspect_file(name, image(format))
    assert (inspected.kind, inspected.content_type, inspected.text) == (kind, content_type, "")


@pytest.mark.parametrize("name", ["a.jpg", "a.jpeg", "A.JPG", "a.JPEG"])
def test_jpg_and_jpeg_extensions_in_any_case_are_both_accepted(name: str) -> None:
    assert inspect_file(name, image("JPEG")).extension == ".jpg"


def test_a_zip_is_accepted_without_text() -> None:
    inspected = inspect_file("附件.zip", zip_of({"说明.txt": "低保".encode()}))
    assert inspected == Inspected("zip", "application/zip", ".zip", "", None)


def test_a_zip_inside_a_zip_is_allowed_but_not_opened() -> None:
    archive = zip_of({"inner.zip": BOMB}, compression=zipfile.ZIP_STORED)
    assert inspect_file("outer.zip", archive).kind == "zip"


def test_the_allowed_kinds_are_the_seven_formats() -> None:
    assert {"pdf", "docx", "xlsx", "png", "jpeg", "gif", "zip"} == ALLOWED_KINDS


# Size and type


def test_an_empty_file_is_refused() -> None:
    assert_named(refusal("a.pdf", b""), "“a.pdf”", "空文件")


def test_a_file_over_the_size_limit_is_refused_naming_the_limit_in_mb() -> None:
    reason = refusal("a.pdf", DIBAO_PDF + bytes(1000), Limits(max_bytes=1000))
    assert_named(reason, "超过", "MB", "上限")
    assert_named(refusal("a.zip", bytes(51 * MB)), "超过 50 MB 的上限")


def test_a_png_named_pdf_is_refused_as_mislabelled() -> None:
    assert_named(refusal("a.pdf", image("PNG")), "不符", "文件名为 .pdf，但内容是 PNG 图片")


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("a.zip", DIBAO_DOCX, "Word 文档（DOCX）"),
        ("a.docx", DIBAO_XLSX, "Excel 表格（XLSX）"),
        ("a.xlsx", zip_of({"a.txt": b"x"}), "ZIP 压缩包"),
        ("a.jpg", image("GIF"), "GIF 图片"),
    ],
)
def test_office_files_and_archives_are_told_apart_by_their_members(
    name: str, data: bytes, label: str
) -> None:
    assert_named(refusal(name, data), "不符", f"但内容是 {label}")


def test_a_name_without_extension_is_refused_and_the_right_one_suggested() -> None:
    assert_named(refusal("指南", DIBAO_PDF), "没有扩展名", ".pdf")


def test_only_the_last_part_of_a_path_like_name_is_shown() -> None:
    reason = refusal("C:\\fakepath\\a.docx", DIBAO_PDF)
    assert_named(reason, "“a.docx”", "文件名为 .docx，但内容是 PDF 文档")
    assert "fakepath" not in reason


def test_a_long_name_is_shortened_in_messages_but_its_extension_still_counts() -> None:
    name = "关于做好城乡居民最低生活保障工作的通知" * 5 + ".pdf"
    assert inspect_file(name, DIBAO_PDF).kind == "pdf"
    reason = refusal(name, image("PNG"))
    assert_named(reason, "…", "保障工作的通知.pdf”", "文件名为 .pdf，但内容是 PNG 图片")
    assert len(reason) < 200


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("setup.exe", b"MZ\x90\x00" + bytes(300), ("可执行程序",)),
        ("a.pdf", b"MZ\x90\x00" + bytes(300), ("可执行程序",)),
        ("a.html", b"<!DOCTYPE html><html></html>", ("只接受", "PDF", "DOCX", "ZIP")),
        ("a.txt", "低保".encode(), ("只接受",)),
        ("a.rar", b"Rar!\x1a\x07\x00" + bytes(100), ("RAR", "ZIP")),
    ],
)
def test_content_of_other_types_is_refused(name: str, data: bytes, words: tuple[str]) -> None:
    assert_named(refusal(name, data), *words)


@pytest.mark.parametrize("name", ["通知.doc", "统计.xls", "加密.docx"])
def test_an_old_office_file_is_refused_with_the_advice_to_save_as_docx_xlsx_or_pdf(
    name: str,
) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert_named(refusal(name, ole), "旧版", "加密", "另存为", "DOCX", "XLSX", "PDF")


@pytest.mark.parametrize(
    ("members", "words"),
    [
        ({"[Content_Types].xml": b"", "ppt/presentation.xml": b""}, ("PowerPoint", "PDF")),
        ({"OFD.xml": b"", "Doc_0/Document.xml": b""}, ("OFD", "PDF")),
    ],
)
def test_documents_in_zip_containers_we_do_not_take_are_refused_with_advice(
    members: dict[str, bytes], words: tuple[str]
) -> None:
    assert_named(refusal("a.zip", zip_of(members)), *words)


# Damaged and encrypted files


def test_an_encrypted_pdf_is_refused_because_it_cannot_be_checked_or_searched() -> None:
    reason = refusal("a.pdf", encrypted_pdf())
    assert reason == "文件“a.pdf”已加密，无法审查和检索，请上传未加密的文件"


@pytest.mark.parametrize("cut", [20, 300, -10])
def test_a_truncated_pdf_is_refused_as_damaged(cut: int) -> None:
    assert_named(refusal("a.pdf", DIBAO_PDF[:cut]), "PDF 文档", "损坏")


def test_a_damaged_docx_is_refused_as_damaged() -> None:
    broken = rezipped(DIBAO_DOCX, "word/document.xml", b"<not-word/>")
    assert_named(refusal("a.docx", broken), "Word 文档", "损坏")


def test_a_damaged_xlsx_is_refused_as_damaged() -> None:
    broken = rezipped(DIBAO_XLSX, "xl/workbook.xml", b"\x00\x01 not xml")
    assert_named(refusal("a.xlsx", broken), "Excel 表格", "损坏")


def test_a_zip_without_its_directory_is_refused_as_damaged() -> None:
    assert_named(refusal("a.zip", b"PK\x03\x04" + bytes(100)), "ZIP 压缩包", "损坏")
    assert_named(refusal("a.docx", DIBAO_DOCX[:-30]), "Word 文档", "损坏")


@pytest.mark.parametrize(("format", "name"), [("PNG", "a.png"), ("JPEG", "a.jpg")])
def test_a_truncated_image_is_refused_as_damaged(format: str, name: str) -> None:
    data = image(format, (200, 100))
    assert_named(refusal(name, data[: len(data) // 2]), "图片", "损坏")


# Limits: bombs of every kind


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    def unpacking(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacking)
    assert_named(refusal("a.zip", BOMB), "“zeros.bin”", "压缩比", "压缩炸弹")


def test_a_docx_carrying_a_bomb_is_refused_before_it_is_opened_as_word() -> None:
    bomb = rezipped(DIBAO_DOCX, "word/media/image1.png", bytes(5 * MB))
    assert_named(refusal("a.docx", bomb), "压缩炸弹")


def test_many_small_members_that_together_compress_too_well_are_refused() -> None:
    members = {f"{number}.txt": bytes(200_000) for number in range(10)}
    assert_named(refusal("a.zip", zip_of(members)), "整体压缩比", "压缩炸弹")


def test_a_zip_unpacking_to_more_than_the_limit_is_refused() -> None:
    archive = zip_of({"a.bin": bytes(range(256)) * 8}, compression=zipfile.ZIP_STORED)
    assert_named(refusal("a.zip", archive, Limits(max_unzipped_bytes=1000)), "解压后", "上限")


def test_a_zip_with_too_many_members_is_refused() -> None:
    archive = zip_of({f"{number}.txt": b"x" for number in range(2000)})
    assert_named(refusal("a.zip", archive), "2000 个文件", "超过 1000 个")


def test_too_many_members_are_refused_by_a_count_before_the_archive_is_listed() -> None:
    archive = zip_of({f"{number}.txt": b"x" for number in range(100)})
    reason = refusal("a.zip", archive, Limits(max_zip_members=5))
    assert_named(reason, "包含的文件超过 5 个")


@pytest.mark.parametrize("member", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/x.txt"])
def test_a_zip_with_a_path_leaving_its_folder_is_refused(member: str) -> None:
    assert_named(refusal("a.zip", zip_of({member: b"x"})), "路径不安全")


def test_a_zip_with_an_encrypted_member_is_refused() -> None:
    archive = with_encrypted_flag(zip_of({"secret.txt": b"x"}))
    assert_named(refusal("a.zip", archive), "“secret.txt”", "已加密")


def test_an_empty_zip_is_refused() -> None:
    assert_named(refusal("a.zip", zip_of({})), "空压缩包")


def test_an_image_bomb_is_refused_by_its_pixel_count() -> None:
    reason = refusal("a.png", image("PNG", (20, 20)), Limits(max_image_pixels=100))
    assert_named(reason, "20×20", "超过 100 像素")


def test_an_image_claiming_ten_billion_pixels_is_refused_without_decoding() -> None:
    assert_named(refusal("a.png", png_claiming(100_000, 100_000)), "像素", "解压炸弹")


# Text


def test_extracted_text_is_cut_at_the_limit() -> None:
    inspected = inspect_file("a.xlsx", DIBAO_XLSX, limits=Limits(max_text_chars=7))
    assert inspected.text == "项目 金额\n低"


def test_text_is_normalised_for_search() -> None:
    raw = "  城乡\t\t低保 \u3000 标准\x00\n\n\n  2026\ud800年 \r\n"
    assert normalise_text(raw) == "城乡 低保 标准\n2026 年"


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_ratio"):
        Limits(max_ratio=0)


# Anything at all


SAMPLES = [DIBAO_PDF, DIBAO_DOCX, DIBAO_XLSX, image("PNG"), image("JPEG"), image("GIF")]
SAMPLES.append(zip_of({"a.txt": b"abc"}))
MAGIC = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"PK\x03\x04"]
NAMES = ["a.pdf", "a.docx", "a.xlsx", "a.png", "a.jpg", "a.jpeg", "a.gif", "a.zip", "a"]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A real file with a few bytes changed, or cut short."""
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(1, len(data)))])


CONTENT = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda magic, rest: magic + rest, st.sampled_from(MAGIC), st.binary(max_size=300)),
    damaged(),
)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(NAMES), data=CONTENT)
def test_any_content_is_accepted_or_refused_with_a_reason_and_nothing_else(
    name: str, data: bytes
) -> None:
    try:
        inspected = inspect_file(name, data)
    except FileRefused as refused:
        assert str(refused).startswith("文件“")
    else:
        assert inspected.kind in ALLOWED_KINDS
