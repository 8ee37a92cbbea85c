"""The demo's accessibility statement, privacy notice and footer settings.

The two pages are national pages kept out of menus; the footer links to them
through `siteinfo.FooterSettings`, which the national team changes in the
admin (Settings → Footer). Idempotent like the rest of the demo: pages are
looked up by slug and settings only filled in when empty.
"""

from wagtail.rich_text import RichText

from home.factories import NationalPageFactory
from siteinfo.models import FooterSettings

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "summary": "How accessible this site is, how it is tested and how to tell us about a problem.",
    "paragraphs": [
        "We want everyone to be able to use this toolkit. It aims to meet the Web Content Accessibility "
        "Guidelines (WCAG) 2.2 at level AA.",
        "Every kind of public page is checked automatically with axe-core and the Nu HTML Checker, and in a "
        "browser at 320, 390 and 1280 pixels wide: no sideways scrolling, tap targets of at least 24 pixels, "
        "a menu that works without JavaScript, and every feature usable with a keyboard.",
        "Videos have transcripts. Documents are offered with their format and size. Changes between versions "
        "are shown with words, not colour alone.",
        "If something does not work for you, write to us using the contact link at the foot of every page: "
        "we will reply within 10 working days. Sample content.",
    ],
}
PRIVACY = {
    "slug": "privacy",
    "title": "Privacy notice",
    "summary": "What this site keeps about you: almost nothing, and for how long.",
    "paragraphs": [
        "You do not need an account to read the toolkit or to use the audit tools.",
        "Audits: we keep the name of your area (if you give one), your ratings and your notes, under a "
        "private link only you hold. An audit is deleted a year after it was last opened. Please do not "
        "write names or other personal details in your notes.",
        "Downloads: we count how many times each document is downloaded each month. We do not record who "
        "downloaded it, their IP address or anything about their device.",
        "Email updates: if you subscribe to a toolkit's changes we keep only your email address, what you "
        "follow and whether you confirmed it. If you do not confirm within seven days, or when you unsubscribe "
        "from everything, your address is deleted. Every email has a link to unsubscribe in one click.",
        "Cookies: the public site sets no tracking or advertising cookies and uses no analytics service. A "
        "security cookie protects the audit forms, and staff who sign in to edit the toolkit get a session "
        "cookie.",
        "Tier choice: when you choose a tier on a step page, your browser remembers it so that the other steps "
        "open at that tier. It is kept in your own browser only, not in a cookie, and we keep no record of who "
        "chose what; choose “Both tiers” to forget it. Sample content.",
    ],
}


def load_site_information(loader, home) -> None:
    pages = {}
    for spec in (ACCESSIBILITY, PRIVACY):
        pages[spec["slug"]] = loader.page_from_spec(
            NationalPageFactory,
            home,
            spec,
            show_in_menus=False,
            body=[("paragraph", RichText(f"<p>{text}</p>")) for text in spec["paragraphs"]],
        )
    footer = FooterSettings.load()
    footer.accessibility_page = footer.accessibility_page or pages["accessibility"]
    footer.privacy_page = footer.privacy_page or pages["privacy"]
    footer.contact_email = footer.contact_email or "toolkit@example.org"
    footer.save()
