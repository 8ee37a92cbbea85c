"""What a browser posts from Wagtail's page edit form, read from the form itself.

Plain inputs come from the HTML (`querydict_from_html`). StreamFields are
drawn by JavaScript from the JSON in their ``data-w-block-data-value``
and ``data-w-block-arguments-value`` attributes; `stream_post_data` turns that JSON into the fields Wagtail's
StreamField client posts (``body-count``, ``body-0-type``, ``body-0-id``,
``body-0-value-title``...), so a test edits a page exactly as an editor
would: every untouched block goes back in its editor form (rich text as
Draftail content state), one sentence changed.
"""

import json

from django.urls import reverse

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

import bs4


def _field_post_data(block, state, prefix, data):
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-type"] = child["type"]
            data[f"{prefix}-{index}-id"] = child["id"] or ""
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            _field_post_data(block.child_blocks[child["type"]], child["value"], f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            data[f"{prefix}-{index}-id"] = child["id"] or ""
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            _field_post_data(block.child_block, child["value"], f"{prefix}-{index}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            _field_post_data(child, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            data[prefix] = "on"
    elif isinstance(state, list):  # a select: the chosen options
        data[prefix] = state[0] if state else ""
    else:
        data[prefix] = "" if state is None else str(state)


def stream_post_data(stream_block, state, name) -> dict:
    data = {}
    _field_post_data(stream_block, state, name, data)
    return data


def stream_states(html: str) -> dict:
    """Each StreamField's form state, by field name, as the edit form carries it."""
    soup = bs4.BeautifulSoup(html, "html.parser")
    states = {}
    for element in soup.select("[data-w-block-data-value][data-w-block-arguments-value]"):
        definition = json.loads(element["data-w-block-data-value"])
        if definition.get("_type") == "wagtail.blocks.StreamBlock" and element.get("id"):
            value, _errors = json.loads(element["data-w-block-arguments-value"])
            states[element["id"]] = value
    return states


def edit_form_post_data(client, page):
    """The page edit form's data, untouched: what pressing "Save draft" posts."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    states = stream_states(html)
    for model_field in type(page.specific)._meta.get_fields():
        if isinstance(model_field, StreamField):
            data.update(stream_post_data(model_field.stream_block, states[model_field.name], model_field.name))
    return url, data, states
