from wagtail.contrib.sitemaps import Sitemap

from .models import Locality, LocalityStatus


class ToolkitSitemap(Sitemap):
    """Wagtail's sitemap without archived localities' pages (mirrors exclude themselves)."""

    def items(self):
        pages = super().items()
        for locality in Locality.objects.exclude(status=LocalityStatus.ACTIVE).select_related("home_page"):
            if locality.home_page is not None:
                pages = pages.not_descendant_of(locality.home_page, inclusive=True)
        return pages
