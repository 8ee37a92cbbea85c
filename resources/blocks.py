"""Content blocks shared by every page type's StreamField body."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
TRANSCRIPT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 starts a section, level 3 a sub-section."""

    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (level 2)"), ("h3", "Sub-section (level 3)")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What good looks like", "level": "h2"}
        description = "A heading that starts a section of the page"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box for a key point, a warning or a practice tip."""

    style = blocks.ChoiceBlock(
        choices=[("info", "Key point"), ("warning", "Important"), ("tip", "Practice tip")],
        default="info",
    )
    title = blocks.CharBlock(max_length=200)
    text = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        preview_value = {"style": "info", "title": "Key point", "text": "<p>Context matters.</p>"}
        description = "A highlighted box that draws attention to one point"


class DocumentDownloadBlock(blocks.StructBlock):
    """A link to download a document, labelled with its format and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Leave blank to use the document's title.")
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_download_block.html"
        description = "A document visitors can download"


class VideoBlock(blocks.StructBlock):
    """An embedded YouTube or Vimeo video; a transcript is required."""

    video = EmbedBlock(help_text="A YouTube or Vimeo address.")
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.RichTextBlock(
        features=TRANSCRIPT_FEATURES,
        help_text="Required: visitors who cannot watch or hear the video read this.",
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "A video with its transcript"


class QuoteBlock(blocks.StructBlock):
    """A quotation, with who said it."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {"quote": "We moved from asking who is at risk to where.", "attribution": "A practitioner"}
        description = "A quotation"


class ImageBlock(blocks.StructBlock):
    """An image with required alternative text."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe the image for people who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with alternative text"


class BodyStreamBlock(blocks.StreamBlock):
    """The body of national pages, steps and their sections."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    document = DocumentDownloadBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    image = ImageBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
