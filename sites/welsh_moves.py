"""Moving an English page takes its Welsh page along.

wagtail-localize does nothing on a move, so a Welsh page (translated, or an
alias still showing English) would stay under its old Welsh parent: a
translator publishing it afterwards would publish it at the old address, out
of step with the English tree. Wagtail's move view already moves translations
that a ``construct_translated_pages_to_cascade_actions`` hook names; these
hooks name them, refuse a move the Welsh page could not follow (before
anything moves, since the view moves the English page first, outside one
transaction), and tell the mover where the Welsh page went.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Page


def _followers(page, destination):
    """Each other-language version of ``page`` that the move view will move,
    with its destination (``None`` when the destination has no such version)."""
    old_parent_versions = page.get_parent().get_translations()
    for version in Page.objects.translation_of(page, inclusive=False).select_related("locale"):
        if version.get_parent() in old_parent_versions:
            yield version, destination.get_translation_or_none(version.locale)


@hooks.register("construct_translated_pages_to_cascade_actions")
def welsh_pages_follow_their_english_page(pages, action):
    if action == "move":
        return {page: Page.objects.translation_of(page, inclusive=False) for page in pages}
    return None


@hooks.register("before_move_page")
def refuse_a_move_the_welsh_page_cannot_follow(request, page, destination):
    for version, version_destination in _followers(page, destination):
        if version_destination is None:
            continue
        if not Page._slug_is_available(version.slug, version_destination, page=version):
            reason = _("its address “%(slug)s” is already used under “%(parent)s”") % {
                "slug": version.slug,
                "parent": version_destination.get_admin_display_title(),
            }
        elif not version.permissions_for_user(request.user).can_move_to(version_destination):
            reason = _("you may not move pages under “%(parent)s”") % {
                "parent": version_destination.get_admin_display_title()
            }
        else:
            continue
        messages.error(
            request,
            _(
                "“%(page)s” was not moved: its %(language)s page “%(version)s” would have to move with it, "
                "but %(reason)s. Nothing was moved and no translation was changed."
            )
            % {
                "page": page.get_admin_display_title(),
                "language": version.locale.get_display_name(),
                "version": version.get_admin_display_title(),
                "reason": reason,
            },
        )
        return redirect("wagtailadmin_pages:move", page.pk)
    return None


@hooks.register("after_move_page")
def say_where_the_welsh_page_went(request, page):
    for version in Page.objects.translation_of(page, inclusive=False).select_related("locale"):
        version.refresh_from_db()
        version_parent = version.get_parent()
        if version_parent.translation_key == page.get_parent().translation_key:
            messages.info(
                request,
                _("Its %(language)s page moved with it, with its translation: %(url)s")
                % {"language": version.locale.get_display_name(), "url": version.get_url(request) or version.url_path},
            )
        else:
            messages.warning(
                request,
                _(
                    "Its %(language)s page “%(version)s” stayed under “%(parent)s”, because the new parent "
                    "has no %(language)s page. Its translation is kept; move it when the new parent is translated."
                )
                % {
                    "language": version.locale.get_display_name(),
                    "version": version.get_admin_display_title(),
                    "parent": version_parent.get_admin_display_title(),
                },
            )
