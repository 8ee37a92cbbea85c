from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from sites.admin_views import LocalityBrowseView, SubmitPageTranslationView
from sites.sitemaps import ToolkitSitemap

urlpatterns = [
    # Before Wagtail's own: the chooser must not browse from another locality's page.
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(LocalityBrowseView.as_view()),
        name="wagtailadmin_choose_page_child",
    ),
    # Before wagtail-localize's own: a locality's inherited page is never translated on its own.
    path("admin/localize/submit/page/<int:page_id>/", require_admin_access(SubmitPageTranslationView.as_view())),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": ToolkitSitemap}}),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under a language prefix (/en/, /cy/); "/" redirects
# to the visitor's language through LocaleMiddleware.
urlpatterns += i18n_patterns(path("alerts/", include("alerts.urls")), prefix_default_language=True)
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
