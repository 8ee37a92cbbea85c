"""The downloadable report, as CSV and PDF, each with its date and the audit version used."""

import io
import logging
import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fpdf import FPDF

from core.spreadsheets import SafeCsvWriter, spreadsheet_safe

from .models import RATING_LABELS, AuditResponse, Rating
from .pdf_fonts import add_parsed_font
from .results import AuditResults

logger = logging.getLogger(__name__)

# Tests switch this off to read the text back without inflating streams.
PDF_COMPRESSION = True

# Typographic characters mapped to what the PDF's built-in fonts (Latin-1) can draw.
PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"})


def report_date() -> str:
    return timezone.localdate().isoformat()


def rating_text(kind: str, rating: str) -> str:
    if rating not in Rating.values:
        return _("Not rated")
    return f"{Rating(rating).label} ({RATING_LABELS[kind][rating]})"


def safe_cell(value: str) -> str:
    return spreadsheet_safe(value)


def report_csv(response: AuditResponse) -> str:
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer)
    writer.writerow([_("Audit"), response.audit_page.title])
    writer.writerow([_("Audit version"), response.version_label])
    writer.writerow([_("Report date"), report_date()])
    writer.writerow([_("Area"), safe_cell(response.area)])
    writer.writerow([])
    writer.writerow([_("Section"), _("Number"), _("Item"), _("Type"), _("Rating"), _("Notes"), _("Toolkit step")])
    answers = response.answers_by_item()
    for section in response.sections:
        for item in section.items:
            answer = answers.get(item.id)
            writer.writerow(
                [
                    section.title,
                    item.number,
                    item.text,
                    _("Checklist item") if item.kind == "checklist" else _("Statement"),
                    rating_text(item.kind, answer.rating if answer else ""),
                    safe_cell(answer.notes if answer else ""),
                    item.step.title if item.step is not None else "",
                ]
            )
    return buffer.getvalue()


def latin1(text: str) -> str:
    """Text the PDF's core fonts can draw: punctuation simplified, accents kept
    where Latin-1 has them (Welsh ŵ and ŷ lose theirs), nothing dropped silently."""
    text = text.translate(PUNCTUATION)
    out = []
    for character in text:
        try:
            character.encode("latin-1")
            out.append(character)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", character).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def unicode_font_files() -> dict | None:
    """DejaVu Sans (regular and bold) from ``AUDIT_PDF_FONT_DIR``, or None when it is missing."""
    folder = Path(settings.AUDIT_PDF_FONT_DIR)
    files = {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf"}
    if all(path.is_file() for path in files.values()):
        return files
    return None


class ReportPDF(FPDF):
    """The report's PDF, in DejaVu Sans so that Welsh letters (ŵ, ŷ) and
    typographic punctuation print. fpdf2 embeds only the glyphs used. Without
    the font (Debian's fonts-dejavu-core, installed by the project's set-up)
    it falls back to the built-in Latin-1 font and says so in the log."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        files = unicode_font_files()
        if files is None:
            logger.warning("No Unicode font in %s: the audit PDF uses Latin-1 only.", settings.AUDIT_PDF_FONT_DIR)
            self.report_font, self.has_unicode_font = "helvetica", False
        else:
            for style, path in files.items():
                add_parsed_font(self, "dejavu", style, path)
            self.report_font, self.has_unicode_font = "dejavu", True

    def text_for_font(self, text: str) -> str:
        return text if self.has_unicode_font else latin1(text)

    def footer(self):
        self.set_y(-15)
        self.set_font(self.report_font, size=8)
        self.cell(0, 10, text=_("Page %(number)s") % {"number": self.page_no()}, align="C")


def report_pdf(response: AuditResponse, results: AuditResults, absolute_url=lambda url: url) -> bytes:
    """The report; ``absolute_url`` turns the help links' paths into addresses readers can type."""
    pdf = ReportPDF()
    pdf.set_compression(PDF_COMPRESSION)
    pdf.set_title(pdf.text_for_font(_("%(title)s: report") % {"title": response.audit_page.title}))
    pdf.set_lang("cy" if translation.get_language() == "cy" else "en-GB")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def write(text, height):
        # fpdf2's line breaking is its slow part: lines that fit go out as one cell.
        text = pdf.text_for_font(text)
        if "\n" not in text and pdf.get_string_width(text) <= width:
            pdf.cell(width, height, text=text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(width, height, text=text, new_x="LMARGIN", new_y="NEXT")

    def heading(text, size=14):
        pdf.ln(3)
        pdf.set_font(pdf.report_font, style="B", size=size)
        write(text, 7)
        pdf.set_font(pdf.report_font, size=10)

    def line(text, style=""):
        pdf.set_font(pdf.report_font, style=style, size=10)
        write(text, 5.5)

    heading(_("%(title)s: report") % {"title": response.audit_page.title}, size=18)
    line(_("Audit version: %(version)s") % {"version": response.version_label})
    line(_("Report date: %(date)s") % {"date": report_date()})
    if response.area:
        line(_("Area: %(area)s") % {"area": response.area})
    line(_("Overall: %(counts)s") % {"counts": results.overall.as_text()})

    heading(_("Summary by section"))
    for row in results.sections:
        line(f"{row.title}: {row.tally.as_text()}")
    if results.steps:
        heading(_("Summary by toolkit step"))
        for row in results.steps:
            line(f"{row.title}: {row.tally.as_text()}")

    if results.recommendations:
        heading(_("Amber and red items: where to start"))
        for recommendation in results.recommendations:
            line(f"{recommendation.item.number} {recommendation.item.text}", style="B")
            line(_("Rating: %(rating)s") % {"rating": recommendation.rating_label})
            if recommendation.step:
                line(
                    _("Toolkit step: %(title)s (%(url)s)")
                    % {"title": recommendation.step.title, "url": absolute_url(recommendation.step.url)}
                )
            for link in recommendation.resources:
                line(_("Resource: %(title)s (%(url)s)") % {"title": link.title, "url": absolute_url(link.url)})
            for link in recommendation.localities:
                line(
                    _("How a locality approached it: %(title)s (%(url)s)")
                    % {"title": link.title, "url": absolute_url(link.url)}
                )
            pdf.ln(1)

    heading(_("All answers"))
    answers = response.answers_by_item()
    for section in response.sections:
        heading(f"{section.number}. {section.title}", size=12)
        for item in section.items:
            answer = answers.get(item.id)
            line(f"{item.number} {item.text}", style="B")
            line(_("Rating: %(rating)s") % {"rating": rating_text(item.kind, answer.rating if answer else "")})
            if answer and answer.notes:
                line(_("Notes: %(notes)s") % {"notes": answer.notes})
            pdf.ln(1)
    return bytes(pdf.output())
