from wagtail import hooks

from .links import RequestPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_request_page_links(features):
    """Replace Wagtail's page link handler (registered at order 0) with one that sees the request."""
    features.register_link_type(RequestPageLinkHandler)
