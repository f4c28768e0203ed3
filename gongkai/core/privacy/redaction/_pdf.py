"""PDF: the pages with findings are rasterised; the other pages are kept as they are.

A box drawn over text leaves the text in the file (privacy.md §2), and removing glyphs from a
content stream safely needs a PDF editor we do not have. So each page with something to mask
is rendered with pypdfium2 (150 dpi), the character boxes of the masked characters (from
pdfium's own text page, so they are where the characters are drawn) are painted black on the
image, and the page is replaced by a page that holds only that image: its text layer,
annotations and form fields are gone, and it cannot be searched or copied any more. Pages
without findings keep their text. The document information (author …) and attached files are
not carried over.

The scanner reads a page's text through pypdf (the extractor) and masks through pdfium: a page
where pypdf sees a value but pdfium cannot place it is refused rather than guessed. Without
pypdfium2 every PDF is refused with :data:`NOT_IN_PLACE`.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from gongkai.core.privacy import Segment
from gongkai.core.privacy.redaction._common import Masker, RedactionFailed

try:
    import pypdfium2

    _PDFIUM: Any = pypdfium2
except ImportError:  # pragma: no cover — pypdfium2 is a dependency; kept optional for safety
    _PDFIUM = None

NOT_IN_PLACE = (
    "PDF 无法在原文件上删减，请上传删减后的源文件 "
    "(a PDF cannot be redacted in place: upload the redacted source file instead)"
)
DPI = 150
_PAD = 0.25  # points around each character box (pdfium's loose boxes)


@dataclass(frozen=True)
class _Image:
    pdf: bytes  # a one-page PDF holding the page's image
    rotation: int
    width: float  # points, as the page was before
    height: float


def available() -> bool:
    return _PDFIUM is not None


def redact_pdf(data: bytes, segments: Sequence[Segment], masker: Masker) -> tuple[bytes, set[int]]:
    """(the copy, the numbers of the pages rasterised)."""
    if _PDFIUM is None:
        raise RedactionFailed(NOT_IN_PLACE)
    # Which pages have something to mask, as the extractor reads them (pypdf).
    check = Masker(masker.terms, masker.labels)
    seen: dict[int, bool] = {}  # page → its text layer (not only annotations) has findings
    for segment in segments:
        page = segment.where.get("page")
        if isinstance(page, int) and check.hidden(segment):
            seen[page] = seen.get(page, False) or "part" not in segment.where
    try:
        document = _PDFIUM.PdfDocument(data)
    except Exception as exc:
        raise RedactionFailed(
            f"PDF 无法打开，无法删减 (the PDF cannot be opened: {type(exc).__name__})"
        ) from None
    images: dict[int, _Image] = {}  # page number → the image page
    try:
        for index in range(len(document)):
            number = index + 1
            page = document[index]
            boxes = _boxes(page, number, masker)
            if boxes is None and seen.get(number):
                raise RedactionFailed(
                    f"PDF 第 {number} 页的文字无法定位，无法删减 "
                    f"(the text of page {number} cannot be located: cannot redact)"
                )
            if boxes is not None or number in seen:
                images[number] = _rasterised(page, boxes or [])
    finally:
        document.close()
    return _assembled(data, images), set(images)


def _boxes(page: Any, number: int, masker: Masker) -> list[tuple[float, ...]] | None:
    """The boxes of the characters to black out on a page, or None when it has none."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # characters outside the BMP: offsets would slip
            text = "".join(textpage.get_text_range(i, 1)[:1] or "\ufffd" for i in range(count))
        hidden = masker.hidden(Segment(text, {"page": number}))
        if not hidden:
            return None
        return [tuple(textpage.get_charbox(i, loose=True)) for i in sorted(hidden)]
    finally:
        textpage.close()


def _rasterised(page: Any, boxes: list[tuple[float, ...]]) -> "_Image":
    rotation = int(page.get_rotation())
    page.set_rotation(0)
    left, bottom, right, top = page.get_bbox()
    scale = DPI / 72
    bitmap = page.render(scale=scale, may_draw_forms=True)
    image: Image.Image = bitmap.to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for x0, y0, x1, y1 in boxes:
        draw.rectangle(
            (
                (x0 - left - _PAD) * scale,
                (top - y1 - _PAD) * scale,
                (x1 - left + _PAD) * scale,
                (top - y0 + _PAD) * scale,
            ),
            fill="black",
        )
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=DPI)
    return _Image(out.getvalue(), rotation, right - left, top - bottom)


def _assembled(data: bytes, images: dict[int, "_Image"]) -> bytes:
    """A new PDF of the kept pages and the image pages; only what the pages use is written."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter()
    for index, page in enumerate(reader.pages):
        image = images.get(index + 1)
        if image is None:
            writer.add_page(page)
            continue
        new = writer.add_page(PdfReader(io.BytesIO(image.pdf)).pages[0])
        new.scale_to(image.width, image.height)
        if image.rotation:
            new.rotate(image.rotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
