"""A letter as plain text, DOCX and PDF, laid out after GB/T 9704-2012 (reference/website.md §4).

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (type area 156 × 225 mm).
- Body 3号 (16 pt) 仿宋; title 2号 (22 pt) 小标宋, centred; 22 lines × 28 characters a page:
  an exact line pitch of 28.95 pt (225 mm / 22) and a character pitch of 156 mm / 28 (DOCX
  document grid; CSS letter-spacing in the PDF).
- The letter number (发文字号, with 〔〕) centred below the title; the addressee flush left; the
  paragraphs indented two characters; then room for the seal, the agency's name centred over
  the date, the date four characters from the right (7.3.5.1, sealed letters), page numbers
  "— 1 —" in 4号 outside (odd pages right, even pages left).

Fonts: the DOCX names the customary fonts (仿宋_GB2312, 方正小标宋简体; not free, not embedded:
the agency's computers have them). The PDF embeds a font it may ship: [I] Debian has no free
FangSong that covers simplified Chinese (fonts-cwtex-fs covers Big5 only), so the PDF uses Noto
Serif CJK SC from fonts-noto-cjk, bold for the title. Both lists are settings
(GONGKAI_LETTER_DOCX_FONTS, GONGKAI_LETTER_PDF_FONTS).
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.html import escape

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = (156, 225)
LINES, CHARACTERS = 22, 28
BODY_PT, TITLE_PT, FOLIO_PT = 16, 22, 14
LINE_PITCH_PT = 28.95  # 225 mm / 22 = 28.99 pt; the customary exact value that fits 22 lines
_MM_PT = 72 / 25.4
CHAR_PITCH_PT = TYPE_AREA_MM[0] * _MM_PT / CHARACTERS  # 15.79 pt
SEAL_BLANK_LINES = 2  # [I] room for the seal between the text and the signature

DOCX_FONTS = {"body": "仿宋_GB2312", "title": "方正小标宋简体", "folio": "宋体"}
PDF_FONTS = {"body": "Noto Serif CJK SC", "title": "Noto Serif CJK SC"}


@dataclass(frozen=True)
class Page:
    """What a letter says, filled in: the renderers only lay it out."""

    title: str
    number: str
    paragraphs: Sequence[str]
    agency: str
    date: str

    def text(self) -> str:
        lines = [self.title, self.number, "", *self.paragraphs, "", self.agency, self.date]
        return "\n".join(lines) + "\n"


def _fonts(name: str, defaults: dict[str, str]) -> dict[str, str]:
    return {**defaults, **getattr(settings, name, {})}


def _width(text: str) -> float:
    """Width in characters: a Chinese character is one, a half-width character a half."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def signature_indents(agency: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the agency's name and of the date: the date four
    characters from the right, the name centred over it (GB/T 9704 7.3.5.1)."""
    date_indent = 4.0
    agency_indent = max(0.0, date_indent + (_width(date) - _width(agency)) / 2)
    return agency_indent, date_indent


def _is_addressee(index: int, paragraph: str) -> bool:
    return index == 0 and paragraph.endswith("：")


# --- DOCX ---------------------------------------------------------------------------------


def set_font(target: object, name: str, size: float) -> None:
    """A run's or a style's font, for Latin and East Asian text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font  # type: ignore[attr-defined]
    font.name = name
    font.size = Pt(size)
    r_fonts = target.element.get_or_add_rPr().get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        r_fonts.set(qn(attr), name)


def gbt9704_document() -> tuple[Any, dict[str, str]]:
    """A new DOCX with the GB/T 9704 page (A4 and its margins) and the body style (3号 on an
    exact line pitch), and the fonts to use; letters and the annual report start from it."""
    from docx import Document
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    fonts = _fonts("GONGKAI_LETTER_DOCX_FONTS", DOCX_FONTS)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    set_font(normal, fonts["body"], BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    return document, fonts


def docx(page: Page) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document, fonts = gbt9704_document()
    section = document.sections[0]
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # the folio about 7 mm below the type area
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    # charSpace: the difference between the character pitch and the font size, in 1/4096 pt
    grid.set(qn("w:charSpace"), str(round((CHAR_PITCH_PT - BODY_PT) * 4096)))

    document.styles["Normal"].paragraph_format.widow_control = False

    def paragraph(text: str = "", *, align: int | None = None, indent: bool = False) -> object:
        p = document.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            # two characters, in character units so the grid keeps them whole
            ind = p.paragraph_format.element.get_or_add_pPr().get_or_add_ind()
            ind.set(qn("w:firstLineChars"), "200")
            ind.set(qn("w:firstLine"), str(round(2 * CHAR_PITCH_PT * 20)))
        if text:
            p.add_run(text)
        return p

    title = paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
    set_font(title.add_run(page.title), fonts["title"], TITLE_PT)  # type: ignore[attr-defined]
    paragraph(page.number, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph()
    for i, text in enumerate(page.paragraphs):
        addressee = _is_addressee(i, text)
        paragraph(
            text, align=None if addressee else WD_ALIGN_PARAGRAPH.JUSTIFY, indent=not addressee
        )
    for _ in range(SEAL_BLANK_LINES):
        paragraph()
    agency_indent, date_indent = signature_indents(page.agency, page.date)
    for text, indent in ((page.agency, agency_indent), (page.date, date_indent)):
        p = paragraph(text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(indent * CHAR_PITCH_PT)  # type: ignore[attr-defined]

    # Folios "— 1 —": odd pages right, even pages left, one character in.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = Pt(FOLIO_PT)
        else:
            p.paragraph_format.left_indent = Pt(FOLIO_PT)
        set_font(p.add_run("— "), fonts["folio"], FOLIO_PT)
        run = p.add_run()
        set_font(run, fonts["folio"], FOLIO_PT)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)
        set_font(p.add_run(" —"), fonts["folio"], FOLIO_PT)

    core = document.core_properties
    core.title = page.title
    core.subject = page.number
    core.author = page.agency
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------


def html(page: Page) -> str:
    fonts = _fonts("GONGKAI_LETTER_PDF_FONTS", PDF_FONTS)
    spacing = CHAR_PITCH_PT - BODY_PT
    agency_indent, date_indent = signature_indents(page.agency, page.date)
    body = []
    for i, text in enumerate(page.paragraphs):
        css = "addressee" if _is_addressee(i, text) else "text"
        body.append(f'<p class="{css}">{escape(text)}</p>')
    blank = '<p class="blank">&#8203;</p>' * SEAL_BLANK_LINES
    folio = f'content: "— " counter(page) " —"; font: {FOLIO_PT}pt "{fonts["body"]}";'
    m = MARGINS_MM
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(page.title)}</title>
<meta name="author" content="{escape(page.agency)}">
<style>
@page {{ size: A4; margin: {m["top"]}mm {m["right"]}mm {m["bottom"]}mm {m["left"]}mm; }}
@page :right {{ @bottom-right {{ {folio} vertical-align: top; padding-top: 7mm;
  margin-right: 1em; }} }}
@page :left {{ @bottom-left {{ {folio} vertical-align: top; padding-top: 7mm;
  margin-left: 1em; }} }}
html {{ font-family: "{fonts["body"]}", serif; font-size: {BODY_PT}pt;
  line-height: {LINE_PITCH_PT}pt; color: #000; }}
body {{ margin: 0; letter-spacing: {spacing:.3f}pt; }}
p {{ margin: 0; }}
h1 {{ font-family: "{fonts["title"]}", serif; font-size: {TITLE_PT}pt; font-weight: bold;
  text-align: center; margin: 0; line-height: {LINE_PITCH_PT}pt; letter-spacing: 0; }}
.number {{ text-align: center; }}
.blank {{ height: {LINE_PITCH_PT}pt; }}
.text {{ text-indent: 2em; text-align: justify; }}
.agency {{ text-align: right; padding-right: {agency_indent}em; }}
.date {{ text-align: right; padding-right: {date_indent}em; }}
</style></head><body>
<h1>{escape(page.title)}</h1>
<p class="number">{escape(page.number)}</p>
<p class="blank">&#8203;</p>
{"".join(body)}
{blank}
<p class="agency">{escape(page.agency)}</p>
<p class="date">{escape(page.date)}</p>
</body></html>"""


def pdf(page: Page) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html(page)).write_pdf())
