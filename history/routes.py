"""Route mixins that every public page type carries (with Wagtail's
``RoutablePageMixin``), so a page's history lives under its own URL."""

from django.utils.translation import gettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import path
from wagtail.utils.decorators import cached_classmethod

from .forms import ChangeNoteFormMixin


class PublicHistoryRoutes:
    """``<page url>history/``, ``history/compare/?from=<id>&to=<id>`` and
    ``history/files/<id>/`` (earlier files of a resource's document), on
    every public page type.

    It also puts the change note panel at the end of the Content tab of any
    page type whose ``base_form_class`` includes ``ChangeNoteFormMixin``:
    the page classes keep their own ``content_panels`` and the note appears
    on all of them without each repeating it.
    """

    @path("history/", name="public_history")
    def public_history_route(self, request, *args, **kwargs):
        from . import views

        return views.page_history(request, self)

    @path("history/compare/", name="public_history_compare")
    def public_history_compare_route(self, request, *args, **kwargs):
        from . import views

        return views.compare_versions(request, self)

    @path("history/files/<int:version_id>/", name="public_history_file")
    def public_history_file_route(self, request, version_id, *args, **kwargs):
        from . import views

        return views.document_file_version(request, self, version_id)

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's default tabs, with the change note closing the Content tab."""
        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        content_panels = list(cls.content_panels)
        if issubclass(cls.base_form_class or object, ChangeNoteFormMixin):
            content_panels.append(
                MultiFieldPanel(
                    [FieldPanel("change_note"), FieldPanel("minor_change")],
                    heading="Public change note",
                    help_text="Shown in this page's public history when you publish.",
                )
            )
        tabs = [ObjectList(content_panels, heading=gettext_lazy("Content"))]
        if cls.promote_panels:
            tabs.append(ObjectList(cls.promote_panels, heading=gettext_lazy("Promote")))
        if cls.settings_panels:
            tabs.append(ObjectList(cls.settings_panels, heading=gettext_lazy("Settings")))
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)


class TimelineRoutes:
    """``updates/`` and ``updates/feed/`` on the national and locality homes:
    every public change in the home's tree (the national home: national pages
    only, not the localities' trees below it)."""

    @path("updates/", name="timeline")
    def timeline_route(self, request, *args, **kwargs):
        from . import views

        return views.timeline(request, self)

    @path("updates/feed/", name="timeline_feed")
    def timeline_feed_route(self, request, *args, **kwargs):
        from .feeds import TimelineFeed

        return TimelineFeed()(request, home=self)
