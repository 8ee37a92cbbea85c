"""Route mixins that every public page type carries (with Wagtail's
``RoutablePageMixin``), so a page's history lives under its own URL."""


class PublicHistoryRoutes:
    """``<page url>history/`` and its compare view, on every public page type."""


class TimelineRoutes:
    """``updates/`` and ``updates/feed/`` on the national and locality homes."""
