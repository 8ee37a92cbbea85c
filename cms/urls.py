from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ops.health import healthz
from resources.download_view import serve_document
from sites.sitemaps import ToolkitSitemap

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's download address, answered by our view first (resources/download_view.py).
    path("documents/<int:document_id>/<str:document_filename>", serve_document),
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
