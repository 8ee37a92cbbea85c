from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .models import Locality, LocalityStatus


class ToolkitSitemap(Sitemap):
    """Wagtail's sitemap over the site's tree in every language, without
    archived localities' pages, Welsh trees a locality has turned off, or
    untranslated Welsh pages (aliases showing English: the English address is
    the one to index). Mirrors exclude themselves. Each address lists its
    other languages as ``hreflang`` alternates."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = list(Page.objects.filter(translation_key=root.translation_key, depth=root.depth))
        in_a_root = Q(pk__in=[])
        for tree in roots:
            in_a_root |= Q(path__startswith=tree.path)
        pages = Page.objects.filter(in_a_root).live().public().filter(alias_of__isnull=True)
        for locality in Locality.objects.select_related("home_page"):
            if locality.home_page is None:
                continue
            homes = Page.objects.filter(translation_key=locality.home_page.translation_key)
            if locality.status != LocalityStatus.ACTIVE:
                hidden = homes
            elif not locality.welsh:
                hidden = homes.exclude(pk=locality.home_page.pk)
            else:
                continue
            for home in hidden:
                pages = pages.not_descendant_of(home, inclusive=True)
        return pages.order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        items = list(self.paginator.page(page).object_list)
        alternates = self.alternates({item.translation_key for item in items})
        for item in items:
            url_infos = item.get_sitemap_urls(self.request)
            versions = alternates.get(item.translation_key, [])
            for url_info in url_infos:
                if len(versions) > 1:
                    url_info["alternates"] = versions
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def alternates(self, translation_keys) -> dict:
        """Every language version of the given pages, read in one query (not one per page)."""
        versions = (
            Page.objects.filter(translation_key__in=translation_keys, alias_of__isnull=True)
            .live()
            .public()
            .select_related("locale")
            .order_by("locale__language_code")
        )
        found = {}
        for version in versions:
            found.setdefault(version.translation_key, []).append(
                {"lang_code": version.locale.language_code, "location": version.get_full_url(self.request)}
            )
        return found
