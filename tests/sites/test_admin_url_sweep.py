"""The fence matrix, extended to every admin URL (issue 14).

``admin_url_patterns()`` lists every URL pattern under the admin that Wagtail,
wagtail-localize and this project serve. Each is requested as a Hackney
editor with its arguments pointing at Bristol's or the national team's
objects (``ARGUMENTS``, and ``ARGUMENTS_BY_VIEW`` where an argument names a
different object in some views): the answer is never a server error and
never shows Bristol's draft title (English or Welsh), Bristol's document, a
national draft title or a Bristol user's name. A new admin URL whose
arguments the sweep cannot fill fails ``test_every_admin_url_is_in_the_sweep``
until it is added here, so no new view goes unchecked.

The Welsh work's views (wagtail-localize's translation editor, PO files,
preview and sync, the translation report) are asked about a real translation
of Bristol's step, and the localities' snippet views about Bristol itself:
an id that matches nothing would only prove that a 404 leaks nothing.
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page, Task

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from tests.sites import test_permissions as permission_world
from tests.sites.test_permissions import BRISTOL_DOCUMENT, SECRET

world_once = permission_world.world_once
world = permission_world.world
login = permission_world.login

pytestmark = pytest.mark.django_db

NATIONAL_DRAFT = "Unannounced national principles"
BRISTOL_USER = "bristol-only-editor"
BRISTOL_WELSH_DRAFT = "Cynllun cyfrinachol Bryste"
NATIONAL_HOME_DRAFT = "Unannounced national home"
ADMIN_PREFIX = "admin/"


def admin_url_patterns():
    """(route, name, converters) for every admin URL, in resolver order."""

    def walk(patterns, prefix, namespace, converters):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            found = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                child_namespace = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, route, child_namespace, found)
            elif isinstance(pattern, URLPattern):
                yield route, f"{namespace}{pattern.name or ''}", found

    return [row for row in walk(get_resolver().url_patterns, "", "", {}) if row[0].startswith(ADMIN_PREFIX)]


def _bristol_step(w):
    return w.pages["other_step"].pk


# What each URL argument becomes: another locality's or the national team's
# object, so every view is asked for what the editor must not see.
ARGUMENTS = {
    "page_id": _bristol_step,
    "parent_page_id": _bristol_step,
    "page_to_move_id": _bristol_step,
    "destination_id": lambda w: w.pages["national_page"].pk,
    "revision_id": lambda w: w.page("other_step").latest_revision_id,
    "document_id": lambda w: w.bristol_document.pk,
    "image_id": lambda w: w.bristol_image.pk,
    "user_id": lambda w: get_user_model().objects.get(username=BRISTOL_USER).pk,
    "task_id": lambda w: Task.objects.order_by("-pk").first().pk,
    "task_state_id": lambda w: 1,
    "workflow_state_id": lambda w: 1,
    "pk": lambda w: w.bristol_document.pk,
    "object_id": lambda w: w.bristol_document.pk,
    "id": lambda w: w.bristol_document.pk,
    "app_label": lambda w: "wagtailcore",
    "app_name": lambda w: "wagtailcore",
    "model_name": lambda w: "page",
    "content_type_app_name": lambda w: "resources",
    "content_type_model_name": lambda w: "steppage",
    "action_name": lambda w: "approve",
    "action": lambda w: "delete",
    "slug": lambda w: "bristol",
    "revision_id_a": lambda w: w.page("other_step").latest_revision_id,
    "revision_id_b": lambda w: w.page("other_step").latest_revision_id,
    "filename": lambda w: "bristol.pdf",
    "filter_spec": lambda w: "original",
    "signature": lambda w: "invalid-signature",
    "translation_id": lambda w: w.bristol_translation.pk,
    "locale_id": lambda w: 1,
    "chooser_type": lambda w: "page",
    "object_type": lambda w: "page",
    "model_string": lambda w: "wagtailcore.page",
    "url": lambda w: "https://example.org/",
    "version_id": lambda w: 1,
    "step_slug": lambda w: "assessment",
    "panel_id": lambda w: "x",
    "token": lambda w: "x",
    "source_translation_id": lambda w: w.bristol_translation.source_id,
    "session_id": lambda w: 1,
    "rendition_id": lambda w: 1,
    "comment_id": lambda w: 1,
    "collection_id": lambda w: w.bristol.collection_id,
    "group_id": lambda w: w.bristol.editors_group_id,
    "site_id": lambda w: 1,
    "redirect_id": lambda w: 1,
    "embed_id": lambda w: 1,
    "locality_id": lambda w: w.bristol.pk,
    "setting_app_label": lambda w: "wagtailcore",
    "page_pk": _bristol_step,
    "workflow_pk": lambda w: 1,
    "translation_source_id": lambda w: w.bristol_translation.source_id,
    "string_segment_id": lambda w: StringSegment.objects.filter(source=w.bristol_translation.source_id).first().pk,
    "overridable_segment_id": lambda w: 1,
    "mode": lambda w: "",
    "doc_id": lambda w: w.bristol_document.pk,
    "uploaded_file_id": lambda w: 1,
    "uidb64": lambda w: "MQ",
}

# Where one argument name means another object: (URL name or namespace, argument) -> value.
ARGUMENTS_BY_VIEW = {
    ("wagtailsnippets_sites_locality:", "pk"): lambda w: w.bristol.pk,
    ("wagtailsnippetchoosers_sites_locality:", "pk"): lambda w: w.bristol.pk,
    ("wagtail_localize:submit_snippet_translation", "app_label"): lambda w: "sites",
    ("wagtail_localize:submit_snippet_translation", "model_name"): lambda w: "locality",
    ("wagtail_localize:submit_snippet_translation", "pk"): lambda w: w.bristol.pk,
    ("wagtail_localize:snippets_api_", "app_label"): lambda w: "sites",
    ("wagtail_localize:snippets_api_", "model_name"): lambda w: "locality",
    ("wagtail_localize:snippets_api_", "pk"): lambda w: w.bristol.pk,
    ("wagtail_localize:convert_to_alias", "page_id"): lambda w: w.bristol_welsh_step.pk,
    ("wagtail_localize:preview_translation", "mode"): lambda w: "",
}


def argument_for(view_name, argument):
    for (view, name), value in ARGUMENTS_BY_VIEW.items():
        if name == argument and view_name.startswith(view):
            return value
    return ARGUMENTS.get(argument)


# Wagtail's deliberate server error (for testing error reporting) and its
# catch-all 404 route.
SKIPPED_NAMES = {"wagtailadmin_error_test"}
SKIPPED_ROUTES = {"admin/^.*/$"}


def url_for(route, view_name, world):
    missing = []

    def fill(match):
        argument = argument_for(view_name, match.group("name"))
        if argument is None:
            missing.append(match.group("name"))
            return ""
        return str(argument(world))

    path = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", fill, route)  # regex routes' named groups
    path = re.sub(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>", fill, path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    if re.search(r"[\(\)\[\]\\*+?]", path):
        missing.append(f"regex route {route}")
    return "/" + path, missing


@dataclass
class Elsewhere:
    """The world, plus what only the sweep needs: a translation of Bristol's
    step into Welsh, with a Welsh draft title of its own."""

    world: object
    bristol_translation: Translation
    bristol_welsh_step: Page

    def __getattr__(self, name):
        return getattr(self.world, name)


@pytest.fixture
def elsewhere(world, client):
    """National draft titles (the home's and a page's), a Bristol user who edited Bristol's step, and
    Bristol's step translated into Welsh by the national team (through
    wagtail-localize's own "Translate this page")."""
    principles = world.page("national_page")
    principles.title = NATIONAL_DRAFT
    principles.save_revision(log_action=True)
    national_home = world.page("national_home")
    national_home.title = NATIONAL_HOME_DRAFT
    national_home.save_revision(log_action=True)
    bristol_user = get_user_model().objects.create_user(BRISTOL_USER, "only@bristol.example.org", "pw")
    bristol_user.groups.add(world.bristol.editors_group)
    step = world.page("other_step")
    step.owner = bristol_user
    step.save(update_fields=["owner"])
    step.save_revision(user=bristol_user, log_action=True)

    client.force_login(world.users["national"])
    submitted = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[step.pk]), {"locales": [world.welsh.pk]}
    )
    assert submitted.status_code == 302
    welsh_step = step.get_translation(world.welsh).specific
    welsh_step.title = BRISTOL_WELSH_DRAFT
    welsh_step.save_revision(user=bristol_user, log_action=True)
    client.logout()
    source = TranslationSource.objects.get(object_id=step.translation_key)
    return Elsewhere(world, source.translations.get(target_locale=world.welsh), welsh_step)


def swept_urls(world):
    """(view name, path, arguments it could not fill) of every admin URL the sweep requests."""
    for route, name, _converters in admin_url_patterns():
        if route in SKIPPED_ROUTES or name in SKIPPED_NAMES:
            continue
        path, missing = url_for(route, name, world)
        yield name or route, path, missing


def test_every_admin_url_is_in_the_sweep(elsewhere):
    uncovered = [f"{name}: {', '.join(missing)}" for name, _path, missing in swept_urls(elsewhere) if missing]
    assert not uncovered, "Admin URLs the fence sweep cannot fill (add to ARGUMENTS):\n" + "\n".join(uncovered)
    assert len(admin_url_patterns()) > 200  # the sweep really sees Wagtail's admin


# URLs of the Welsh work and the localities whose arguments must find a real object.
BRISTOL_OBJECT_VIEWS = [
    "sites_update_translations",
    "wagtail_localize:download_pofile",
    "wagtail_localize:preview_translation",
    "wagtail_localize:convert_to_alias",
    "wagtailsnippets_sites_locality:edit",
    "wagtailsnippets_sites_locality:history",
    "wagtailsnippets_sites_locality:usage",
]


def test_the_welsh_and_locality_views_are_asked_about_bristols_own_objects(elsewhere, login):
    """The national team opens each of these URLs as the sweep fills them: they
    name Bristol's real translation and locality, not ids that match nothing
    (a 404 would prove only that a missing object leaks nothing)."""
    paths = {}
    for name, path, _missing in swept_urls(elsewhere):
        paths.setdefault(name, path)  # preview_translation's first route has no mode
    client = login("national")
    not_found = [name for name in BRISTOL_OBJECT_VIEWS if client.get(paths[name]).status_code == 404]
    assert not not_found, f"The sweep's arguments match nothing in: {not_found}"


def response_text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


SECRETS = (SECRET, BRISTOL_DOCUMENT, NATIONAL_DRAFT, NATIONAL_HOME_DRAFT, BRISTOL_USER, BRISTOL_WELSH_DRAFT)


def test_no_admin_url_shows_a_hackney_editor_another_localitys_secrets(elsewhere, login):
    client = login("editor")
    leaks, errors = [], []
    for name, path, missing in swept_urls(elsewhere):
        if missing:
            continue  # reported by test_every_admin_url_is_in_the_sweep
        try:
            response = client.get(path)
        except Exception as error:  # noqa: BLE001 - every failure is collected and reported below
            errors.append(f"{name} {path}: {type(error).__name__}: {error}")
            continue
        if response.status_code >= 500:
            errors.append(f"{name} {path}: {response.status_code}")
            continue
        found = [secret for secret in SECRETS if secret in response_text(response)]
        if found:
            leaks.append(f"{name} {path}: {', '.join(found)}")
    assert not errors, "Server errors:\n" + "\n".join(errors)
    assert not leaks, "Shown to a Hackney editor:\n" + "\n".join(leaks)
