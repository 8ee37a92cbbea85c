"""Accessible, public comparisons of two versions of a page.

Usage::

    from history.compare import compare_pages

    comparisons = compare_pages(old_revision.as_object(), new_revision.as_object())
    # or two different pages of the same specific class, e.g. a national page
    # and a locality's adapted copy: compare_pages(national.specific, copy.specific)
    for comparison in comparisons:
        comparison.label        # "Title", "Summary", "Content for both tiers"...
        comparison.has_changed  # bool (an attribute, not a method)
        comparison.html         # SafeString: the change, or the value when unchanged

    {% include "history/includes/comparison.html" with comparisons=comparisons %}

The include renders the changed fields only (or "No changes"), each under a
heading (``heading_level``, default 3, sets h2/h3/h4).

What it compares: the fields an editor edits (the model's ``content_panels``),
so titles, summaries, introductions, StreamField bodies and document choices,
never settings or internal fields.

How: Wagtail's ``wagtail.admin.compare`` already matches StreamField blocks by
their ids (``StreamBlockComparison``) and splits text into word tokens for
difflib (``diff_text``). It marks changes with ``<span class="deletion">``
(colour only, silent for screen readers) and cannot tell a moved block from an
unchanged one. This module keeps Wagtail's block matching and word diff and
renders them differently:

* ``<del>``/``<ins>`` with visually hidden "removed:"/"added:" words, so the
  change is announced and is not shown by colour alone (browsers strike
  through and underline them too);
* every block carries a visible status word: Added, Removed, Changed, Moved,
  Moved and changed;
* moved blocks: among the blocks present in both versions, those outside the
  longest common ordering (difflib again) are marked as moved;
* a block or field is "changed" only when what a reader sees changed: the
  reader's view of each value (``reader_view``: rendered rich text with
  editor-only attributes dropped and white space collapsed, choices by
  label, chosen objects by id) is compared, never block ids or the stored
  form, which the admin's edit form rewrites for untouched blocks;
* everything is escaped. Rich text is expanded by Wagtail's rich-text
  rendering (``expand_db_html``), then reduced to its text, then escaped, so
  no editor markup reaches the comparison.
"""

from __future__ import annotations

import difflib
import html as html_lib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.encoding import force_str
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from wagtail import blocks
from wagtail.admin.compare import StreamBlockComparison, diff_text
from wagtail.admin.panels import FieldPanel
from wagtail.embeds.blocks import EmbedValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models.panels import PanelPlaceholder
from wagtail.rich_text import RichText, expand_db_html
from wagtail.utils.text import text_from_html

ADDED, REMOVED, CHANGED, MOVED, MOVED_AND_CHANGED, UNCHANGED = (
    "added",
    "removed",
    "changed",
    "moved",
    "moved and changed",
    "unchanged",
)
STATUS_LABELS = {
    ADDED: "Added",
    REMOVED: "Removed",
    CHANGED: "Changed",
    MOVED: "Moved",
    MOVED_AND_CHANGED: "Moved and changed",
    UNCHANGED: "Unchanged",
}


# --- Words -------------------------------------------------------------------

# Readers' names for blocks and fields, in place of the CMS's ("Paragraph", "Body").
READER_BLOCK_NAMES = {
    "paragraph": "Text",
    "heading": "Heading",
    "callout": "Highlighted note",
    "document": "Download",
    "video": "Video",
    "quote": "Quote",
    "image": "Image",
    "checklist": "Checklist item",
    "statement": "Statement",
}
READER_FIELD_NAMES = {"body": "Main text", "title": "Title", "summary": "Summary", "introduction": "Introduction"}
# Parts of a block that set its look, not its words: shown only when they changed.
PRESENTATION_PARTS = {"style", "level"}


def reader_block_name(block) -> str:
    return READER_BLOCK_NAMES.get(block.name, capfirst(block.label or block.name.replace("_", " ")))


def _deletion(text: str) -> SafeString:
    return format_html('<del><span class="visually-hidden">removed: </span>{}</del>', text)


def _addition(text: str) -> SafeString:
    return format_html('<ins><span class="visually-hidden">added: </span>{}</ins>', text)


def diff_words(old: str, new: str) -> SafeString:
    """Word-by-word diff of two plain texts as escaped HTML with <del>/<ins>.

    Wagtail's ``diff_text`` does the tokenising and difflib matching; only
    the markup is ours."""
    parts = []
    for change_type, value in diff_text(force_str(old or ""), force_str(new or "")).changes:
        if change_type == "addition":
            parts.append(_addition(value))
        elif change_type == "deletion":
            parts.append(_deletion(value))
        else:
            parts.append(escape(value))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def replaced(old: str, new: str) -> SafeString:
    """A whole value replaced (choices, documents): old struck, new inserted."""
    parts = []
    if old:
        parts.append(_deletion(old))
    if new:
        parts.append(_addition(new))
    return mark_safe(" ".join(parts))  # noqa: S308 - parts come from format_html


def rich_text_to_text(html) -> str:
    """Plain text of stored rich text, after Wagtail's own rendering."""
    source = html.source if isinstance(html, RichText) else force_str(html or "")
    return text_from_html(expand_db_html(source))


class _ReaderMarkup(HTMLParser):
    """Rendered HTML reduced to what reaches a reader: tags with their
    attributes (sorted, editor-only ``data-*`` ones dropped) and text with
    white space collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        kept = tuple(sorted((name, value or "") for name, value in attrs if not name.startswith("data-")))
        self.tokens.append(("<", tag, kept))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append((">", tag))

    def handle_data(self, data):
        text = re.sub(r"\s+", " ", html_lib.unescape(data))
        if text.strip():
            if self.tokens and self.tokens[-1][0] == "text":
                self.tokens[-1] = ("text", self.tokens[-1][1] + text)
            else:
                self.tokens.append(("text", text))


def rich_text_reader_view(value) -> tuple:
    """What a reader gets from stored rich text, comparable across the admin
    form's rewrites (Draftail adds block keys and re-serialises markup)."""
    source = value.source if isinstance(value, RichText) else force_str(value or "")
    parser = _ReaderMarkup()
    parser.feed(expand_db_html(source))
    parser.close()
    tokens = [("text", token[1].strip()) if token[0] == "text" else token for token in parser.tokens]
    return tuple(_without_empty_elements(tokens))


def _without_empty_elements(tokens: list) -> list:
    """Drop elements with nothing inside and no attributes (``<p></p>``):
    Draftail saves an empty field as an empty paragraph, which no reader sees.
    Elements with attributes (an embed's frame) and self-closing ones (an
    image, a line break: no end token) stay."""
    kept = []
    for token in tokens:
        if token[0] == ">" and kept and kept[-1][0] == "<" and kept[-1][1] == token[1] and not kept[-1][2]:
            kept.pop()
        else:
            kept.append(token)
    return kept


def reader_view(block, value):
    """A block value as a reader sees it, for deciding whether it changed."""
    if isinstance(block, blocks.StructBlock):
        return tuple((name, reader_view(child, (value or {}).get(name))) for name, child in block.child_blocks.items())
    if isinstance(block, blocks.ListBlock):
        return tuple(reader_view(block.child_block, item) for item in (value or []))
    if isinstance(block, blocks.StreamBlock):
        return tuple((child.block.name, reader_view(child.block, child.value)) for child in (value or []))
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_reader_view(value)
    if isinstance(block, blocks.ChooserBlock):
        return getattr(value, "pk", value)
    return " ".join(_leaf_text(block, value).split())


# --- StreamField blocks -------------------------------------------------------


def _leaf_text(block, value) -> str:
    if value is None:
        return ""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_to_text(value)
    if isinstance(block, blocks.ChoiceBlock):
        return force_str(dict(block.field.choices).get(value, value))
    if isinstance(value, EmbedValue):
        return value.url
    if isinstance(block, blocks.ChooserBlock | blocks.CharBlock | blocks.TextBlock | blocks.FieldBlock):
        return force_str(value)
    return text_from_html(block.render_basic(value))


def _block_value_html(block, value, mark=None) -> SafeString:
    """A block's value as escaped HTML; ``mark`` wraps leaf text in <ins> or <del>."""
    if isinstance(block, blocks.StructBlock):
        rows = [
            (capfirst(child.label), _block_value_html(child, value.get(name), mark))
            for name, child in block.child_blocks.items()
            if name not in PRESENTATION_PARTS and _leaf_or_struct_has_content(child, value.get(name))
        ]
        return format_html('<dl class="history-struct">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))
    text = _leaf_text(block, value)
    return mark(text) if (mark and text) else escape(text)


def _leaf_or_struct_has_content(block, value) -> bool:
    if isinstance(block, blocks.StructBlock):
        return any(_leaf_or_struct_has_content(c, value.get(n)) for n, c in block.child_blocks.items())
    return bool(_leaf_text(block, value))


def _block_diff_html(block, old, new) -> SafeString:
    if isinstance(block, blocks.StructBlock):
        rows = []
        for name, child in block.child_blocks.items():
            old_child, new_child = old.get(name), new.get(name)
            if not (_leaf_or_struct_has_content(child, old_child) or _leaf_or_struct_has_content(child, new_child)):
                continue
            if name in PRESENTATION_PARTS and reader_view(child, old_child) == reader_view(child, new_child):
                continue
            rows.append((capfirst(child.label), _block_diff_html(child, old_child, new_child)))
        return format_html('<dl class="history-struct">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))
    if isinstance(block, blocks.ChooserBlock | blocks.ChoiceBlock) or isinstance(old, EmbedValue):
        old_text, new_text = _leaf_text(block, old), _leaf_text(block, new)
        return escape(old_text) if old_text == new_text else replaced(old_text, new_text)
    return diff_words(_leaf_text(block, old), _leaf_text(block, new))


@dataclass
class BlockChange:
    """One block of a StreamField in either version, with its status word."""

    block_id: str | None
    label: str
    status: str
    html: SafeString

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def has_changed(self) -> bool:
        return self.status != UNCHANGED


def _moved_ids(old_ids: list, new_ids: list) -> set:
    """Ids of blocks in both versions whose relative order changed: those
    outside difflib's longest common ordering of the shared ids."""
    shared = set(old_ids) & set(new_ids)
    old_order = [i for i in old_ids if i in shared]
    new_order = [i for i in new_ids if i in shared]
    in_place = set()
    for match in difflib.SequenceMatcher(None, old_order, new_order, autojunk=False).get_matching_blocks():
        in_place.update(new_order[match.b : match.b + match.size])
    return shared - in_place


def compare_streams(stream_block, old_value, new_value) -> list[BlockChange]:
    """Block-by-block changes between two StreamValues, in the new version's
    order with removed blocks where they used to be (Wagtail's matching by id)."""
    old_blocks, new_blocks = list(old_value or []), list(new_value or [])
    comparison = StreamBlockComparison(stream_block, True, True, old_value or [], new_value or [])
    moved = _moved_ids([b.id for b in old_blocks], [b.id for b in new_blocks])
    old_ids = {b.id for b in old_blocks}
    removed_iter = iter([b for b in old_blocks if b.id not in {n.id for n in new_blocks}])
    new_iter = iter(new_blocks)
    changes = []
    for block_comparison in comparison.get_block_comparisons():
        child = next(removed_iter) if block_comparison.is_deleted() else next(new_iter)
        block = block_comparison.block
        label = reader_block_name(block)
        if block_comparison.is_deleted():
            status, html = REMOVED, _block_value_html(block, block_comparison.val_a, _deletion)
        elif block_comparison.is_new() or child.id not in old_ids:
            status, html = ADDED, _block_value_html(block, block_comparison.val_b, _addition)
        else:
            changed = reader_view(block, block_comparison.val_a) != reader_view(block, block_comparison.val_b)
            if changed:
                status = MOVED_AND_CHANGED if child.id in moved else CHANGED
                html = _block_diff_html(block, block_comparison.val_a, block_comparison.val_b)
            else:
                status = MOVED if child.id in moved else UNCHANGED
                html = _block_value_html(block, block_comparison.val_b)
        changes.append(BlockChange(child.id, label, status, html))
    return changes


# --- Fields ------------------------------------------------------------------


@dataclass
class Comparison:
    """One field compared across two versions.

    ``html`` shows the change when ``has_changed`` (the old and new value
    otherwise it is the value itself); ``blocks`` lists a StreamField's
    ``BlockChange``\\ s (empty for other fields)."""

    name: str
    label: str
    has_changed: bool
    html: SafeString
    blocks: list[BlockChange] = field(default_factory=list)

    @property
    def changed_blocks(self) -> list[BlockChange]:
        return [b for b in self.blocks if b.has_changed]


def _panel_field_names(panels) -> list[str]:
    names = []
    for panel in panels:
        if isinstance(panel, PanelPlaceholder):
            panel = panel.construct()
        if isinstance(panel, str):
            names.append(panel)
        elif isinstance(panel, FieldPanel):
            names.append(panel.field_name)
        names.extend(_panel_field_names(getattr(panel, "children", [])))
    return names


def compared_fields(model) -> list[models.Field]:
    """The editable content fields of a page class, in panel order."""
    fields = []
    for name in _panel_field_names(getattr(model, "content_panels", [])):
        try:
            model_field = model._meta.get_field(name)
        except Exception:  # noqa: S112 - a panel on a non-field (a method) has nothing to compare
            continue
        if getattr(model_field, "concrete", False) and model_field not in fields:
            fields.append(model_field)
    return fields


def _display(model_field, value) -> str:
    if value is None or value == "":
        return ""
    if model_field.choices:
        return force_str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DateTimeField):
        return date_format(value, "j F Y, H:i")
    if isinstance(model_field, models.DateField):
        return date_format(value, "j F Y")
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    return force_str(value)


def compare_field(model_field, old_page, new_page) -> Comparison:
    name = model_field.name
    label = READER_FIELD_NAMES.get(name) if force_str(model_field.verbose_name) == name else None
    label = label or capfirst(force_str(getattr(model_field, "verbose_name", None) or name.replace("_", " ")))
    if isinstance(model_field, StreamField):
        old_value, new_value = getattr(old_page, name), getattr(new_page, name)
        block_changes = compare_streams(model_field.stream_block, old_value, new_value)
        return Comparison(
            name,
            label,
            any(b.has_changed for b in block_changes),
            _stream_html(block_changes),
            block_changes,
        )
    if isinstance(model_field, models.ForeignKey):
        old_id, new_id = model_field.value_from_object(old_page), model_field.value_from_object(new_page)
        old_text = force_str(getattr(old_page, name) or "") if old_id else ""
        new_text = force_str(getattr(new_page, name) or "") if new_id else ""
        changed = old_id != new_id
        return Comparison(name, label, changed, replaced(old_text, new_text) if changed else escape(new_text))
    old_value, new_value = model_field.value_from_object(old_page), model_field.value_from_object(new_page)
    changed = old_value != new_value
    if isinstance(model_field, RichTextField):
        changed = rich_text_reader_view(old_value) != rich_text_reader_view(new_value)
        old_text, new_text = rich_text_to_text(old_value), rich_text_to_text(new_value)
        return Comparison(name, label, changed, diff_words(old_text, new_text) if changed else escape(new_text))
    old_text, new_text = _display(model_field, old_value), _display(model_field, new_value)
    if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
        html = diff_words(old_text, new_text) if changed else escape(new_text)
    else:
        html = replaced(old_text, new_text) if changed else escape(new_text)
    return Comparison(name, label, changed, html)


def _stream_html(block_changes: list[BlockChange]) -> SafeString:
    """Changed blocks as a list, each with a visible status word; unchanged
    blocks are counted, not shown, so long pages stay readable."""
    changed = [b for b in block_changes if b.has_changed]
    items = format_html_join(
        "",
        '<li class="history-block history-block--{}"><p class="history-block__status">'
        '<strong>{}</strong>: {}</p><div class="history-block__content">{}</div></li>',
        ((b.status.replace(" ", "-"), b.status_label, b.label, b.html) for b in changed),
    )
    unchanged = len(block_changes) - len(changed)
    note = ""
    if unchanged:
        note = format_html(
            '<p class="history-blocks__unchanged">{}</p>',
            "The rest of the text is unchanged."
            if changed
            else ("No change to this part." if unchanged == 1 else "No change to these parts."),
        )
    if not changed:
        return format_html("{}", note)
    return format_html('<ol class="history-blocks">{}</ol>{}', items, note)


def compare_pages(old_page, new_page) -> list[Comparison]:
    """Compare two versions of a page (or two pages of the same specific class)
    field by field, in the order of the class's content panels."""
    if type(old_page) is not type(new_page):
        raise TypeError(f"Cannot compare a {type(old_page).__name__} with a {type(new_page).__name__}.")
    return [compare_field(model_field, old_page, new_page) for model_field in compared_fields(type(new_page))]
