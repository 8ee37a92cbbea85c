"""A tagged PDF from fpdf2: a structure tree of headings, paragraphs and
tables that screen readers follow, with page furniture marked as artifacts.

fpdf2 (2.8) tags only images, links and outline titles, each as a direct
child of the document; no maintained Python library writes tagged PDF from
scratch with tables. This adds nested structure elements (Table > TR >
TH/TD) on fpdf2's own structure-tree classes, so fpdf2 still writes the
StructTreeRoot, its ParentTree and the catalogue's /MarkInfo.

A marked-content sequence must begin and end on one page, so each tagged
block is moved to the next page before it is drawn when it would not fit.
"""

from contextlib import contextmanager

from fpdf import FPDF
from fpdf.structure_tree import StructElem, StructureTreeBuilder


class AttributedStructElem(StructElem):
    """A structure element with attributes (``/A``), e.g. a table header's scope."""

    __slots__ = ("a",)

    def __init__(self, *args, attributes: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.a = attributes


class NestedStructureTree(StructureTreeBuilder):
    """fpdf2's builder, serialising every element however deep (its own
    stops at the document's children)."""

    def __iter__(self):
        yield self.struct_tree_root
        yield self.doc_struct_elem
        yield self.struct_tree_root.parent_tree
        yield from _descendants(self.doc_struct_elem)


def _descendants(element):
    for kid in element.k:
        if isinstance(kid, StructElem):
            yield kid
            yield from _descendants(kid)


class TaggedPDF(FPDF):
    """Draw inside ``tagged("P")`` / ``tagged("H1")`` blocks, group them with
    ``element("Table")``; anything drawn outside a block belongs in
    ``artifact()`` (page numbers)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.struct_builder = NestedStructureTree()
        self._next_mcid: dict[int, int] = {}
        self.word_widths: dict[tuple, float] = {}  # (font, size, word) -> width, for ``wrapped``

    @property
    def document_element(self) -> StructElem:
        return self.struct_builder.doc_struct_elem

    def element(self, struct_type: str, parent: StructElem | None = None) -> StructElem:
        """A structure element that holds other elements (Table, TR, Sect)."""
        parent = parent or self.document_element
        # fpdf2 gives each of the document's children the page it starts on.
        element = StructElem(struct_type=f"/{struct_type}", parent=parent, kids=[], page_number=self.page)
        parent.k.append(element)
        return element

    def keep_together(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the current position."""
        if self.y + height > self.page_break_trigger and self.y > self.t_margin:
            self.add_page()

    @contextmanager
    def tagged(self, struct_type: str, parent: StructElem | None = None, height: float = 0, scope: str = ""):
        """A structure element whose content is what is drawn inside the block;
        ``scope`` ("Column" or "Row") for a table header cell."""
        self.keep_together(height)
        page = self.page
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        parent = parent or self.document_element
        attributes = f"<</O /Table /Scope /{scope}>>" if scope else None
        element = AttributedStructElem(
            struct_type=f"/{struct_type}", parent=parent, kids=[mcid], page_number=page, attributes=attributes
        )
        element.pg = self.pages[page]
        parent.k.append(element)
        builder = self.struct_builder
        parents_id = builder.spid_per_page_number.setdefault(page, len(builder.spid_per_page_number))
        builder.struct_tree_root.parent_tree.nums[parents_id].append(element)
        self.pages[page].struct_parents = parents_id
        self._set_min_pdf_version("1.4")
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        auto_page_break = self.auto_page_break
        self.set_auto_page_break(False, self.b_margin)
        try:
            yield element
        finally:
            self.set_auto_page_break(auto_page_break, self.b_margin)
            self._out("EMC")

    @contextmanager
    def artifact(self):
        self._out("/Artifact BMC")
        try:
            yield
        finally:
            self._out("EMC")

    def wrapped(self, width: float, text: str) -> list[str] | None:
        """``text`` broken at spaces into lines that fit a cell ``width`` wide in
        the current font, or None when a word alone is wider (then fpdf2 breaks it).

        fpdf2's ``multi_cell`` measures the line again after every character it
        adds, which made line breaking most of a long report's time; a word's
        width is measured once here (per font and size) and lines are filled greedily."""
        room = width - 2 * self.c_margin
        measured = self.word_widths
        font = (self.font_family, self.font_style, self.font_size_pt)
        lines = []
        for paragraph in text.split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                key = (font, word)
                if key not in measured:
                    measured[key] = self.get_string_width(word)
                word_width = measured[key]
                if word_width > room:
                    return None
                if (font, " ") not in measured:
                    measured[(font, " ")] = self.get_string_width(" ")
                candidate = line_width + (measured[(font, " ")] if line else 0) + word_width
                if line and candidate > room:
                    lines.append(line)
                    line, line_width = word, word_width
                else:
                    line, line_width = (f"{line} {word}" if line else word), candidate
            lines.append(line)
        return lines

    def text_height(self, width: float, line_height: float, text: str) -> float:
        lines = self.wrapped(width, text)
        if lines is None:
            lines = self.multi_cell(width, line_height, text=text, dry_run=True, output="LINES")
        return len(lines) * line_height
