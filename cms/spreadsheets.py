"""Spreadsheet-safe cells for every CSV the project writes.

A spreadsheet evaluates a cell that begins with ``=``, ``+``, ``-`` or ``@``
(CSV formula injection), also after leading spaces and in the full-width and
small forms (``＝1+1``, ``﹦1+1``) that some spreadsheets fold to ASCII. A title
written by a locality editor must reach the national team's spreadsheet as
text: such cells get a leading apostrophe, which spreadsheets show as text
and do not display.
"""

import unicodedata

FORMULA_SIGNS = frozenset("=+-@")
CONTROL_STARTS = frozenset("\t\r\n")


def is_formula_like(value: str) -> bool:
    if not value:
        return False
    if value[0] in CONTROL_STARTS:
        return True
    stripped = value.lstrip()
    if not stripped:
        return False
    first = unicodedata.normalize("NFKC", stripped[0])
    return first in FORMULA_SIGNS or first == "\u2212"  # MINUS SIGN: evaluated as "-" by some spreadsheets


def spreadsheet_safe(value):
    """The value as a CSV cell a spreadsheet keeps as text; non-strings unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return f"'{value}"
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``spreadsheet_safe``."""

    def __init__(self, stream, **options):
        import csv

        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
