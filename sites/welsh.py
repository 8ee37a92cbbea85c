"""Welsh locality trees: ``/cy/<slug>/`` kept in step with ``/en/<slug>/``.

Every locality gets a Welsh tree when it is provisioned (Welsh Language
Standards: a Welsh visitor of any toolkit finds Welsh pages and a Welsh
interface, not a 404); ``Locality.welsh`` turns it off and on again without
losing anything (``LocalityHomePage.route`` then stops serving the Welsh home,
and the national home falls back to the English tree).

How the tree is kept in step, and why it is built on aliases
------------------------------------------------------------
Each English page of the locality has a Welsh page with the same translation
key under the Welsh locality home. Until someone translates it, that Welsh
page is a Wagtail *alias* of the English page: this is wagtail-localize's own
way of holding an untranslated page in another locale (its locale
synchronisation makes the same aliases), and its "Translate this page" turns
the alias into an ordinary Welsh page when the first translation is saved
(``TranslationSource.create_or_update_translation``). Publishing the English
page updates its alias, so an untranslated Welsh page always shows the
current English content, marked ``lang="en"`` with a notice in Welsh
(``served_language`` and the ``welsh_tags`` template tags).

Locality trees are kept by this module, not by wagtail-localize's
``LocaleSynchronization``: that would also alias every national page (the
national Welsh tree is translated by the national team), and it only reacts
to pages created in the admin, whereas provisioning, the demo and the
national-publish task create locality pages in code. ``page_created`` below
gives every new English locality page its Welsh alias, whatever made it.

Inherited pages: a Welsh alias of a mirror follows the English mirror's
state (``InheritedPage.english_original``) and shows the live Welsh national
page where there is one, else the English one, marked as English.

Fences (shared/INHERITANCE.md, loophole 8): wagtail-localize's
``submit_translation`` permission is global and its submit and update
("sync") views check nothing else. ``may_translate`` adds the locality fence
to both views (``sites.admin_views.SubmitPageTranslationView`` and
``LocalityUpdateTranslationsView``); its translation editor, preview and
publishing go through the Welsh page's own permissions, which the Welsh
locality home grants only to that locality's groups.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import translation

from wagtail.log_actions import log
from wagtail.models import Locale, Page, WorkflowPage

from .models import InheritedPage, Locality, is_national_team

WELSH = "cy"


class WelshTreeError(ValidationError):
    """The Welsh tree cannot be made as asked; the message says why."""


def welsh_locale() -> Locale | None:
    return Locale.objects.filter(language_code=WELSH).first()


def locality_home_path(page) -> str | None:
    """Locality homes sit at depth 3, under a national home: the first 3 steps of a path."""
    if page.depth < 3:
        return None
    return page.path[: 3 * Page.steplen]


def locality_of_page(page) -> Locality | None:
    """The locality whose (English or Welsh) tree holds the page."""
    prefix = locality_home_path(page)
    if prefix is None:
        return None
    home = Page.objects.filter(path=prefix).only("translation_key").first()
    if home is None:
        return None
    return Locality.objects.filter(home_page__translation_key=home.translation_key).select_related("home_page").first()


def ensure_welsh_page(page, locale) -> Page | None:
    """The page's Welsh counterpart, made as an alias when missing; None when its parent has none yet."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    parent = page.get_parent()
    if parent.get_translation_or_none(locale) is None:
        return None
    page = page.specific
    welsh = page.copy_for_translation(locale, copy_parents=False, alias=True)
    if isinstance(welsh, InheritedPage):
        name_mirror_in_welsh(welsh)
    return welsh


def name_mirror_in_welsh(mirror):
    """A Welsh mirror is listed under the Welsh national page's title where one is live."""
    source = mirror.source
    if source is None:
        return
    localized = source.get_translation_or_none(mirror.locale)
    if localized is not None and localized.live and not localized.alias_of_id and localized.title != mirror.title:
        InheritedPage.objects.filter(pk=mirror.pk).update(title=localized.title, draft_title=localized.title)


@dataclass
class ProvisionWelshTree:
    """Give a locality its Welsh tree (idempotent): the Welsh home and an
    untranslated alias of every English page that lacks a Welsh one, the
    locality's groups' permissions on it and its approval workflow. Pages
    already translated are never touched. Nothing happens when the site has
    no Welsh locale or the locality has Welsh turned off."""

    locality: Locality
    user: object = None

    def execute(self) -> Page | None:
        locale = welsh_locale()
        locality = self.locality
        if locale is None or not locality.welsh or locality.home_page_id is None:
            return None
        english_home = locality.home_page
        with transaction.atomic():
            welsh_home = english_home.get_translation_or_none(locale)
            if welsh_home is None:
                welsh_home = english_home.copy_for_translation(locale, copy_parents=True, alias=True)
            for page in english_home.get_descendants().order_by("path"):
                ensure_welsh_page(page, locale)
            grant_welsh_tree(locality, welsh_home)
            repair_child_counts(welsh_home)
            user = self.user if getattr(self.user, "pk", None) else None
            log(instance=locality, action="sites.provision_welsh", user=user)
        return welsh_home


def grant_welsh_tree(locality, welsh_home):
    """The locality's editors and publishers get the same rights on the Welsh
    tree as on the English one (page permissions follow tree paths), the
    right to submit translations (fenced by ``may_translate``), and the
    same approval workflow."""
    from .provisioning import EDITOR_PAGE_PERMISSIONS, PUBLISHER_PAGE_PERMISSIONS, _grant, _permissions

    permissions = _permissions()
    submit = permissions["wagtail_localize", "submit_translation"]
    for group, codenames in (
        (locality.editors_group, EDITOR_PAGE_PERMISSIONS),
        (locality.publishers_group, PUBLISHER_PAGE_PERMISSIONS),
    ):
        if group is None:
            continue
        _grant(group, welsh_home, codenames, locality.collection, permissions)
        group.permissions.add(submit)
    if locality.workflow_id:
        WorkflowPage.objects.update_or_create(page=welsh_home, defaults={"workflow": locality.workflow})


def repair_child_counts(welsh_home):
    """wagtail-localize issue #773: translated parents can record zero
    children, hiding the Welsh subtree (404). Recount this subtree's."""
    for page in welsh_home.get_descendants(inclusive=True).only("path", "depth", "numchild"):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if count != page.numchild:
            Page.objects.filter(pk=page.pk).update(numchild=count)


@receiver(post_save)
def page_created(sender, instance, created, raw=False, **kwargs):
    """A new English page in a locality with Welsh gets its untranslated Welsh alias."""
    if not created or raw or not isinstance(instance, Page) or instance.depth <= 3 or instance.alias_of_id:
        return
    locale = welsh_locale()
    if locale is None or instance.locale_id == locale.pk:
        return
    locality = locality_of_page(instance)
    if locality is None or not locality.welsh or locality.home_page.locale_id != instance.locale_id:
        return
    ensure_welsh_page(instance, locale)


# --- What language a served page's content is in -----------------------------


def content_page(page):
    """The page whose content a visitor reads: an alias shows its original's."""
    page = page.specific
    if isinstance(page, InheritedPage):
        original = page.english_original()
        if not original.is_adapted:
            return original.live_source()
        return original
    if page.alias_of_id:
        return Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
    return page


def translation_progress(page) -> tuple[int, int] | None:
    """(strings to translate, strings translated) of a page translated with
    wagtail-localize; None for a page made another way (or English)."""
    if page.alias_of_id or page.locale_id == Locale.get_default().pk:
        return None
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id
    ).first()
    return None if translation is None else translation.get_progress()


def is_untranslated(page, progress=False) -> bool:
    """A Welsh page that still holds English content: an alias, or a page
    wagtail-localize converted from its alias ("Translate this page") before
    any of its strings were translated. A page with some strings translated
    is served as Welsh (the translation report calls it partly translated);
    one made by hand (no wagtail-localize translation) too. ``progress``:
    the page's ``translation_progress`` when the caller has it already."""
    if page.alias_of_id:
        return True
    if progress is False:
        progress = translation_progress(page)
    if progress is None:
        return False
    total, done = progress
    return total > 0 and done == 0


def served_language(page) -> str | None:
    """The language of the content ``page`` shows (None when it shows nothing)."""
    shown = content_page(page)
    if shown is None:
        return None
    while shown.alias_of_id:
        shown = Page.objects.get(pk=shown.alias_of_id)
    if is_untranslated(shown):
        return Locale.get_default().language_code
    return Locale.objects.get(pk=shown.locale_id).language_code


def page_in_language(page, language_code):
    """The live page with ``page``'s translation key in a language, or None."""
    return (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language_code)
        .live()
        .public()
        .first()
    )


def untranslated_notice(page, request) -> dict | None:
    """When the page's content is not in the visitor's language: that
    language and the address of the page in it (for the notice's link)."""
    current = translation.get_language()
    language = served_language(page)
    if language is None or language == current:
        return None
    original = page_in_language(page, language) or content_page(page)
    return {"language": language, "url": original.get_url(request) if original else ""}


def may_translate(user, page) -> bool:
    """wagtail-localize's submit/sync fence: the national team translates any
    page; locality editors and publishers only pages in their own locality's
    English tree that they may edit. Mirrors are never translated on their
    own (their Welsh follows the national page)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_national_team(user):
        return True
    page = page.specific
    locality = locality_of_page(page)
    if locality is None:
        return False
    if page.locale_id != locality.home_page.locale_id:
        return False
    groups = set(user.groups.values_list("pk", flat=True))
    if not groups & {locality.editors_group_id, locality.publishers_group_id}:
        return False
    if isinstance(page, InheritedPage) and not page.is_adapted:
        return False
    return page.permissions_for_user(user).can_edit()
