"""The downloadable report, as CSV and PDF, each with its date and the audit version used."""

import io
import logging
import unicodedata
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fpdf.prefs import ViewerPreferences

from core.spreadsheets import SafeCsvWriter, spreadsheet_safe

from .models import RATING_LABELS, AuditResponse, Rating
from .pdf_fonts import add_parsed_font
from .pdf_tags import TaggedPDF
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


class ReportPDF(TaggedPDF):
    """The report's PDF, tagged (``audit.pdf_tags``) and left-aligned, in
    DejaVu Sans so that Welsh letters (ŵ, ŷ) and typographic punctuation
    print. fpdf2 embeds only the glyphs used. Without the font (Debian's
    fonts-dejavu-core, installed by the project's set-up) it falls back to
    the built-in Latin-1 font and says so in the log."""

    LINE = 5.5
    HEADINGS = {1: (18, 8.5), 2: (14, 7), 3: (12, 6)}  # level: font size, line height
    NUMBER_COLUMN = 24

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
        with self.artifact():
            self.cell(0, 10, text=_("Page %(number)s") % {"number": self.page_no()}, align="C")

    def block(self, struct_type, text, size=10, style="", line_height=LINE, parent=None):
        """One tagged block of text, left-aligned, wrapped to the page width."""
        text = self.text_for_font(text)
        self.set_font(self.report_font, style=style, size=size)
        lines = self.wrapped(self.epw, text)
        height = len(lines) * line_height if lines is not None else self.text_height(self.epw, line_height, text)
        with self.tagged(struct_type, parent, height=height):
            if lines is None:
                self.multi_cell(self.epw, line_height, text=text, align="L", new_x="LMARGIN", new_y="NEXT")
            else:
                for line in lines:
                    self.cell(self.epw, line_height, text=line, new_x="LMARGIN", new_y="NEXT")

    def heading(self, text, level):
        size, line_height = self.HEADINGS[level]
        self.ln(3)
        self.block(f"H{level}", text, size=size, style="B", line_height=line_height)

    def paragraph(self, text, style=""):
        self.block("P", text, style=style)

    def table(self, first_column: str, rows: list) -> None:
        """A table of counts: a header row, then each row's title and its red,
        amber, green and not-rated counts."""
        table = self.element("Table")
        self._table_row(table, [first_column, _("Red"), _("Amber"), _("Green"), _("Not rated")], header=True, style="B")
        for row in rows:
            tally = row.tally
            values = [row.title, *(str(n) for n in (tally.red, tally.amber, tally.green, tally.unanswered))]
            self._table_row(table, values)
        self.ln(2)

    def _table_row(self, table, values, header=False, style=""):
        self.set_font(self.report_font, style=style, size=10)
        values = [self.text_for_font(value) for value in values]
        first_width = self.epw - self.NUMBER_COLUMN * (len(values) - 1)
        widths = [first_width] + [self.NUMBER_COLUMN] * (len(values) - 1)
        height = max(self.text_height(width - 2, self.LINE, value) for width, value in zip(widths, values, strict=True))
        self.keep_together(height + 1)
        row = self.element("TR", table)
        top = self.y
        for index, (width, value) in enumerate(zip(widths, values, strict=True)):
            kind, scope = ("TH", "Column") if header else ("TH", "Row") if index == 0 else ("TD", "")
            with self.tagged(kind, row, scope=scope):
                self.multi_cell(
                    width,
                    self.LINE,
                    text=value,
                    align="L" if index == 0 else "R",
                    new_x="RIGHT",
                    new_y="TOP",
                    padding=(0, 1, 0, 1),
                )
        self.set_xy(self.l_margin, top + height)
        with self.artifact():
            self.line(self.l_margin, self.y + 0.5, self.l_margin + self.epw, self.y + 0.5)
        self.ln(1)


def report_pdf(response: AuditResponse, results: AuditResults, absolute_url=lambda url: url) -> bytes:
    """The report; ``absolute_url`` turns the help links' paths into addresses readers can type."""
    pdf = ReportPDF()
    pdf.set_compression(PDF_COMPRESSION)
    title = _("%(title)s: report") % {"title": response.audit_page.title}
    pdf.set_title(pdf.text_for_font(title))
    pdf.set_lang("cy" if translation.get_language() == "cy" else "en-GB")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()

    pdf.heading(title, 1)
    pdf.paragraph(_("Audit version: %(version)s") % {"version": response.version_label})
    pdf.paragraph(_("Report date: %(date)s") % {"date": report_date()})
    if response.area:
        pdf.paragraph(_("Area: %(area)s") % {"area": response.area})
    pdf.paragraph(_("Overall: %(counts)s") % {"counts": results.overall.as_text()})

    pdf.heading(_("Summary by section"), 2)
    pdf.table(_("Section"), results.sections)
    if results.steps:
        pdf.heading(_("Summary by toolkit step"), 2)
        pdf.table(_("Toolkit step"), results.steps)

    if results.recommendations:
        pdf.heading(_("Amber and red items: where to start"), 2)
        for recommendation in results.recommendations:
            pdf.heading(f"{recommendation.item.number} {recommendation.item.text}", 3)
            pdf.paragraph(_("Rating: %(rating)s") % {"rating": recommendation.rating_label})
            if recommendation.step:
                pdf.paragraph(
                    _("Toolkit step: %(title)s (%(url)s)")
                    % {"title": recommendation.step.title, "url": absolute_url(recommendation.step.url)}
                )
            for link in recommendation.resources:
                pdf.paragraph(_("Resource: %(title)s (%(url)s)") % {"title": link.title, "url": absolute_url(link.url)})
            for link in recommendation.localities:
                pdf.paragraph(
                    _("How a locality approached it: %(title)s (%(url)s)")
                    % {"title": link.title, "url": absolute_url(link.url)}
                )

    pdf.heading(_("All answers"), 2)
    answers = response.answers_by_item()
    for section in response.sections:
        pdf.heading(f"{section.number}. {section.title}", 3)
        for item in section.items:
            answer = answers.get(item.id)
            pdf.paragraph(f"{item.number} {item.text}", style="B")
            pdf.paragraph(_("Rating: %(rating)s") % {"rating": rating_text(item.kind, answer.rating if answer else "")})
            if answer and answer.notes:
                pdf.paragraph(_("Notes: %(notes)s") % {"notes": answer.notes})
            pdf.ln(1)
    return bytes(pdf.output())
