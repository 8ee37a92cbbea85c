"""The blocks an audit is written in: sections of checklist items and statements.

Each item's StreamField block id is its stable identity across versions:
an answer is kept when the new version has an item with the same id and
the same text. These blocks are rendered by the audit's own templates (as
form fields, results and reports), never on their own, so they have no
``template``.
"""

from wagtail import blocks


class AuditItemBlock(blocks.StructBlock):
    """One thing to rate red, amber or green, with what helps when it is not yet green."""

    text = blocks.TextBlock(help_text="The checklist item or statement, as the people taking the audit will read it.")
    guidance = blocks.TextBlock(required=False, help_text="Optional: what to look for when rating this item.")
    step = blocks.PageChooserBlock(
        page_type="resources.StepPage",
        required=False,
        help_text="The national toolkit step that helps with this item (shown for amber and red answers).",
    )
    resources = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="resources.ResourcePage"),
        default=[],
        help_text="Resources that help with this item.",
    )

    class Meta:
        icon = "tick-inverse"
        preview_value = {"text": "There is a named strategic lead for harm outside the home."}
        description = "An item people rate red, amber or green"


class AuditItemStreamBlock(blocks.StreamBlock):
    checklist = AuditItemBlock(
        label="Checklist item", description="Something that is in place, partly in place or not in place"
    )
    statement = AuditItemBlock(
        label="Statement", description="A statement rated red, amber or green for how well it describes you"
    )


class AuditSectionBlock(blocks.StructBlock):
    """A section of the audit (e.g. governance), or one toolkit step in the system review."""

    title = blocks.CharBlock(max_length=200)
    introduction = blocks.TextBlock(required=False)
    step = blocks.PageChooserBlock(
        page_type="resources.StepPage",
        required=False,
        help_text="Optional: the toolkit step this whole section is about (used by the system review).",
    )
    items = AuditItemStreamBlock()

    class Meta:
        icon = "list-ul"
        preview_value = {"title": "Governance", "introduction": "Who leads the work and how decisions are made."}
        description = "A section with checklist items and statements"


class AuditSectionsBlock(blocks.StreamBlock):
    section = AuditSectionBlock()
