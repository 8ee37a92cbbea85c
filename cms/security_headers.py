"""Content-Security-Policy for two kinds of page.

Public pages get the strict policy in ``CONTENT_SECURITY_POLICY`` (scripts
from this site or with the request's nonce, frames only from the
privacy-enhanced YouTube and Vimeo players). The Wagtail admin needs more:
its editors set inline styles (Draftail, StreamField), and preview frames
and image uploads use ``blob:`` URLs. It gets ``ADMIN_CONTENT_SECURITY_POLICY``,
still without inline scripts, picked here by path: Wagtail's date and time
widgets are re-rendered without inline script
(``sites/templates/wagtailadmin/widgets/``). wagtail-localize's translation
views (national team only) still write inline scripts of their own and get
``'unsafe-inline'`` for scripts there alone.
"""

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_prefix = reverse("wagtailadmin_home")
        if not report_only and parts.config is None and request.path_info.startswith(admin_prefix):
            directives = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            if request.path_info.startswith(admin_prefix + "localize/"):
                directives = {**directives, "script-src": [*directives["script-src"], "'unsafe-inline'"]}
                parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
            parts.config = directives
        return parts
