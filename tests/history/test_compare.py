"""history.compare: accessible word and block diffs built on wagtail.admin.compare."""

from django.template.loader import render_to_string

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

import pytest

from history.compare import compare_pages
from resources.factories import ResourceDocumentFactory


def _new_version(page, **changes):
    """A copy of the page's live content with changes applied (not saved)."""
    version = page.get_latest_revision().as_object()
    for name, value in changes.items():
        setattr(version, name, value)
    return version


def _by_name(comparisons):
    return {c.name: c for c in comparisons}


@pytest.mark.django_db
def test_unchanged_versions_have_no_changes(toolkit):
    step = toolkit["step"]
    comparisons = compare_pages(step.get_latest_revision().as_object(), step.get_latest_revision().as_object())
    assert [c.name for c in comparisons][:2] == ["title", "summary"]
    assert not any(c.has_changed for c in comparisons)
    html = render_to_string("history/includes/comparison.html", {"comparisons": comparisons})
    assert "No changes between these versions." in html


@pytest.mark.django_db
def test_title_words_marked_with_ins_and_del_and_screen_reader_words(toolkit):
    step = toolkit["step"]
    old = step.get_latest_revision().as_object()
    new = _new_version(step, title="Assessment and planning")
    title = _by_name(compare_pages(old, new))["title"]
    assert title.has_changed
    assert '<ins><span class="visually-hidden">added: </span> and planning</ins>' in title.html
    old, new = new, _new_version(step, title="Planning")
    html = _by_name(compare_pages(old, new))["title"].html
    assert '<del><span class="visually-hidden">removed: </span>' in html


@pytest.mark.django_db
def test_user_text_is_escaped(toolkit):
    step = toolkit["step"]
    old = step.get_latest_revision().as_object()
    new = _new_version(
        step,
        summary='<script>alert("x")</script>',
        body=[("paragraph", RichText('<p>Safe <img src=x onerror="alert(1)"> text <script>bad()</script></p>'))],
    )
    comparisons = compare_pages(old, new)
    html = render_to_string("history/includes/comparison.html", {"comparisons": comparisons})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<img" not in html
    assert "onerror" not in html


@pytest.mark.django_db
def test_blocks_added_removed_changed_and_moved(toolkit):
    step = toolkit["step"]
    step.body = [
        ("paragraph", RichText("<p>First paragraph.</p>")),
        ("paragraph", RichText("<p>Second paragraph.</p>")),
        ("paragraph", RichText("<p>Third paragraph.</p>")),
        ("quote", {"quote": "A quote to remove.", "attribution": "Someone"}),
    ]
    step.save_revision().publish()
    old = step.get_latest_revision().as_object()
    first, second, third, quote = list(old.body)
    new = step.get_latest_revision().as_object()
    new.body = StreamValue(
        new.body.stream_block,
        [
            {"type": "paragraph", "value": third.value.source, "id": third.id},
            {"type": "paragraph", "value": first.value.source, "id": first.id},
            {"type": "paragraph", "value": "<p>Second paragraph, rewritten.</p>", "id": second.id},
            {"type": "heading", "value": {"text": "A new heading", "level": "h2"}, "id": "new-heading"},
        ],
        is_lazy=True,
    )
    body = _by_name(compare_pages(old, new))["body"]
    statuses = [(b.label, b.status) for b in body.blocks]
    assert statuses == [
        ("Text", "moved"),
        ("Text", "unchanged"),
        ("Text", "changed"),
        ("Heading", "added"),
        ("Quote", "removed"),
    ]
    assert "<strong>Moved</strong>: Text" in body.html
    assert "<strong>Removed</strong>: Quote" in body.html
    assert "<strong>Added</strong>: Heading" in body.html
    assert "rewritten.</ins>" in body.html and '<span class="visually-hidden">added: </span>' in body.html
    assert '<del><span class="visually-hidden">removed: </span>A quote to remove.</del>' in body.html
    assert "The rest of the text is unchanged." in body.html


@pytest.mark.django_db
def test_document_change_is_shown_by_title(document_resource):
    old = document_resource.get_latest_revision().as_object()
    new = _new_version(document_resource, document=ResourceDocumentFactory(title="Assessment guide, 2026 edition"))
    document = _by_name(compare_pages(old, new))["document"]
    assert document.has_changed
    assert "removed: </span>Assessment guide</del>" in document.html
    assert "added: </span>Assessment guide, 2026 edition</ins>" in document.html


@pytest.mark.django_db
def test_two_pages_of_the_same_class_compare(toolkit):
    from resources.factories import StepPageFactory

    other = StepPageFactory(parent=toolkit["home"], title="Planning", slug="planning")
    comparisons = compare_pages(toolkit["step"], other)
    assert _by_name(comparisons)["title"].has_changed


@pytest.mark.django_db
def test_pages_of_different_classes_refused(toolkit):
    with pytest.raises(TypeError):
        compare_pages(toolkit["step"], toolkit["principles"])
