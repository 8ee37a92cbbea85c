"""TrueType fonts for fpdf2, read once per process.

fpdf2's ``add_font`` parses the whole font file (cmap, metrics, glyph table)
for every document: for DejaVu Sans regular and bold that was a third of an
audit PDF's time. The parsed metrics never change, so each document gets a
copy of the font parsed once, with its own per-document parts: its position
among the document's fonts, the map of the glyphs it used (the subset that
is embedded) and a fresh fontTools font, because writing the PDF cuts that
font down to the subset in place. fpdf2 has no public way to share a parsed
font between documents, hence this module.
"""

import copy
import pickle
import threading
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

_parsed: dict[tuple[str, str, float], tuple[TTFFont, bytes]] = {}
_lock = threading.Lock()


def _parsed_font(path: Path, style: str) -> tuple[TTFFont, bytes]:
    # The file's modification time is in the key: a font package upgrade is read again.
    key = (str(path), style, path.stat().st_mtime)
    with _lock:
        if key not in _parsed:
            parser = FPDF()
            parser.add_font("parsed", style=style, fname=str(path))
            font = parser.fonts[f"parsed{style}"]
            # Every table read now, so that the pickled copy needs no file.
            tags = font.ttfont.keys()
            for tag in tags:
                font.ttfont[tag]
            _parsed[key] = (font, pickle.dumps(font.ttfont, protocol=pickle.HIGHEST_PROTOCOL))
        return _parsed[key]


def add_parsed_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """``pdf.add_font(family, style, path)``, parsing the file once per process."""
    parsed, data = _parsed_font(path, style)
    fontkey = f"{family.lower()}{style}"
    font = copy.copy(parsed)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    # A copy of the parsed fontTools font: unpickling is ten times faster than parsing.
    font.ttfont = pickle.loads(data)  # noqa: S301 -- bytes this process pickled itself
    font._hbfont = None
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    pdf.fonts[fontkey] = font
