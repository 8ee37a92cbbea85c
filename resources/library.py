"""Resource library routes for the national and locality homes."""


class ResourceLibraryRoutes:
    """``resources/`` (and, on the national home, ``search/``, ``tips/`` and
    ``compare/<step>/``), scoped to the home page's own tree."""
