"""Admin wiring our apps share: a menu item shown only to the users it serves,
and a report registered under Reports with its URLs and menu item."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem


class RestrictedMenuItem(MenuItem):
    """A menu entry shown when ``shown_to(user)`` holds. Wagtail asks each menu
    item ``is_shown(request)``; ours differ only in that rule, so it is passed
    in rather than written as one subclass per item."""

    def __init__(self, label, url, *, shown_to, **kwargs):
        super().__init__(label, url, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


def register_report(view_class, *, address, url_name, label, shown_to, **menu_options):
    """Registers a Wagtail ``ReportView`` at ``reports/<address>/``, its
    results-only fragment (what the filters reload, ``<url_name>_results``) and
    a Reports menu item for the users ``shown_to`` accepts."""
    hooks.register(
        "register_admin_urls",
        lambda: [
            path(f"reports/{address}/", view_class.as_view(), name=url_name),
            path(f"reports/{address}/results/", view_class.as_view(results_only=True), name=f"{url_name}_results"),
        ],
    )
    hooks.register(
        "register_reports_menu_item",
        lambda: RestrictedMenuItem(label, reverse(url_name), shown_to=shown_to, **menu_options),
    )
