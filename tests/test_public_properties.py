"""Property tests (issue 14): Hypothesis drives the query parameters of every
public URL and every public form with arbitrary input (NUL bytes, invalid
UTF-8 and lone surrogates percent-encoded, huge numbers, repeated and
array-style parameters): no server error, ever. On PostgreSQL under
``make test``. Kept to 15 examples per test so they take seconds.

The Django test client re-raises any exception a view lets escape, so a
server error fails the example even before its status is checked.
"""

from urllib.parse import quote_from_bytes

from django.core.cache import cache
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.factories import AuditPageFactory, audit_item, audit_section
from home.factories import NationalPageFactory
from sites.factories import LocalityFactory
from tests.conftest import fresh_copy_of

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PARAMETERS = [
    "q", "tier", "step", "year", "page", "scope", "sites", "from", "to", "nation", "region",
    "saved", "started", "moved", "type", "format", "lang", "next",
]  # fmt: skip

# Text a visitor (or a script) can type, plus the raw bytes no browser would send.
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "nul\x00byte", "\ud800", "9" * 40, "-1", "0", "1e309", "²", "١٢", "NaN", "' OR 1=1 --"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
RAW_BYTES = st.binary(max_size=24)


def encode(value) -> str:
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(data, safe="")


def post_form(client, url, pairs, **extra):
    """POST urlencoded form data byte for byte: a lone surrogate arrives as the
    invalid UTF-8 a script could send (the test client cannot encode it)."""
    body = "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
    return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra)


QUERY = st.lists(
    st.tuples(
        st.sampled_from(PARAMETERS).flatmap(lambda name: st.sampled_from([name, f"{name}[]", f"{name}[0]"])),
        st.one_of(NASTY_TEXT, RAW_BYTES),
    ),
    max_size=5,
).map(lambda pairs: "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs))


@pytest.fixture(scope="module")
def public_site_data(toolkit_data):
    """The national toolkit, Hackney and Bristol, an audit and a private page, built once per module."""
    toolkit = toolkit_data
    LocalityFactory(name="Hackney", slug="hackney")
    LocalityFactory(name="Bristol", slug="bristol")
    national_audit = NationalPageFactory(parent=toolkit["home"], title="Audit", slug="audit")
    audit = AuditPageFactory(
        parent=national_audit,
        title="Self-assessment",
        slug="self-assessment",
        sections=[audit_section("Governance", [audit_item("There is a named strategic lead.", kind="checklist")])],
    )
    private = NationalPageFactory(parent=toolkit["home"], title="Private notes", slug="private-notes")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret words"
    )
    return {"audit": audit, "private": private, "restriction": restriction}


public_site = fresh_copy_of("public_site_data")


PUBLIC_PATHS = [
    "/en/",
    "/cy/",
    "/en/assessment/",
    "/en/principles/",
    "/en/resources/",
    "/en/search/",
    "/en/tips/",
    "/en/compare/assessment/",
    "/en/assessment/history/",
    "/en/assessment/history/compare/",
    "/en/updates/",
    "/en/updates/feed/",
    "/en/hackney/",
    "/en/hackney/assessment/",
    "/en/hackney/resources/",
    "/en/hackney/search/",
    "/en/hackney/updates/",
    "/en/hackney/principles/",
    "/en/audit/self-assessment/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_urls_never_fail_on_any_query(client, public_site, path):
    assert client.get(path).status_code < 500, path  # compare answers 404 without versions to compare

    @EXAMPLES
    @given(query=QUERY)
    def check(query):
        response = client.get(f"{path}?{query}")
        assert response.status_code < 500, (path, query)

    check()


@EXAMPLES
@given(area=NASTY_TEXT)
def test_starting_an_audit_with_any_area_never_fails(client, public_site, area):
    cache.clear()  # the start limit is not what this test is about
    response = post_form(client, "/en/audit/self-assessment/", [("area", area)])
    assert response.status_code in (302, 400)


@EXAMPLES
@given(item=st.one_of(NASTY_TEXT, st.just("")), rating=NASTY_TEXT, notes=NASTY_TEXT, repeat=st.integers(1, 3))
def test_answering_an_audit_with_any_input_never_fails(client, public_site, item, rating, notes, repeat):
    cache.clear()
    started = client.post("/en/audit/self-assessment/", {"area": "Testshire"})
    answer_url = started["Location"].split("?")[0]
    real_item = public_site["audit"].audit_sections[0].items[0].id
    data = [("item", value) for value in [item, real_item][:repeat]]
    data += [(f"rating-{item}", rating), (f"notes-{real_item}", notes)]
    response = post_form(client, answer_url, data)
    assert response.status_code in (302, 400)
    as_json = post_form(client, answer_url, data, HTTP_ACCEPT="application/json")
    assert as_json.status_code in (200, 400)


@EXAMPLES
@given(password=NASTY_TEXT, return_url=NASTY_TEXT)
def test_a_private_pages_password_form_never_fails(client, public_site, password, return_url):
    cache.clear()
    page, restriction = public_site["private"], public_site["restriction"]
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = post_form(client, url, [("password", password), ("return_url", return_url)])
    assert response.status_code in (200, 302, 429)
