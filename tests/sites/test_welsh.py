"""Welsh locality trees, tried as a visitor and as editors would.

The world (built once for the module): the conftest ``toolkit`` with a
Welsh national home and a Welsh "Principles" (Egwyddorion), a second national
page with no Welsh yet ("Tiers"), and Hackney and Bristol provisioned through
the real action after Welsh existed, so each has its Welsh tree.
Editors work through wagtail-localize's own admin views.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

import pytest
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.factories import NationalPageFactory
from resources.factories import ResourcePageFactory, StepPageFactory
from resources.models import StepPage
from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP, InheritedPage, Locality
from sites.translation_drift import translation_rows
from tests.conftest import build_toolkit, publish_welsh_copy, rolled_back
from tests.public.admin_forms import edit_form_post_data

pytestmark = pytest.mark.django_db

WELSH_BODY = "Mae cyd-destun yn bwysig i bob person ifanc."


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        toolkit = build_toolkit()
        welsh, _ = Locale.objects.get_or_create(language_code="cy")
        tiers = NationalPageFactory(
            parent=toolkit["home"],
            title="Tiers",
            slug="tiers",
            body=[("paragraph", RichText("<p>Two tiers of work.</p>"))],
        )
        welsh_home = toolkit["home"].copy_for_translation(welsh)
        welsh_home.title = "Pecyn Cymorth Diogelu Cyd-destunol"
        welsh_home.save_revision().publish()
        egwyddorion = toolkit["principles"].copy_for_translation(welsh)
        egwyddorion.title = "Egwyddorion"
        egwyddorion.body = [("paragraph", RichText(f"<p>{WELSH_BODY}</p>"))]
        egwyddorion.save_revision().publish()
        hackney = LocalityFactory(name="Hackney", slug="hackney")
        bristol = LocalityFactory(name="Bristol", slug="bristol")
        User = get_user_model()
        users = {}
        for name, group in (
            ("editor", hackney.editors_group),
            ("publisher", hackney.publishers_group),
            ("bristol-publisher", bristol.publishers_group),
        ):
            users[name] = User.objects.create_user(f"{name}-user", password="pw")
            users[name].groups.add(group)
        users["national"] = User.objects.create_user("national-user", password="pw")
        users["national"].groups.add(Group.objects.get(name=NATIONAL_TEAM_GROUP))
        yield {
            "toolkit": toolkit,
            "welsh": welsh,
            "tiers": tiers,
            "hackney": hackney,
            "bristol": bristol,
            "users": users,
        }


@pytest.fixture
def world(world_once, db):
    return world_once


class Links(HTMLParser):
    """Every <a href> of a page, with its hreflang, and every lang attribute."""

    def __init__(self):
        super().__init__()
        self.links, self.langs = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "lang" in attrs:
            self.langs.append((tag, attrs["lang"]))
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], attrs.get("hreflang")))


def parse(response):
    parser = Links()
    parser.feed(response.content.decode())
    return parser


def english_step(locality):
    return StepPage.objects.child_of(locality.home_page).get()


def welsh_of(page, world):
    return Page.objects.get(translation_key=page.translation_key, locale=world["welsh"]).specific


# --- The tree ---------------------------------------------------------------


def test_every_locality_gets_a_welsh_tree_in_step_with_its_english_one(world):
    for locality in (world["hackney"], world["bristol"]):
        english = list(locality.home_page.get_descendants(inclusive=True).order_by("path"))
        welsh = [welsh_of(page, world) for page in english]
        assert [page.alias_of_id for page in welsh] == [page.pk for page in english]
        assert all(page.live for page in welsh)


def test_welsh_locality_home_is_served_with_its_english_content_marked_english(world, client):
    response = client.get("/cy/hackney/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="cy">' in html
    assert '<div class="page-content" lang="en">' in html
    assert "notice--untranslated" in html
    links = parse(response).links
    assert ("/en/hackney/", "en") in links


def test_links_on_welsh_locality_pages_stay_under_cy_unless_they_switch_language(world, client):
    """Follow every internal link from /cy/hackney/, as a visitor would."""
    seen, queue = set(), ["/cy/hackney/"]
    while queue and len(seen) < 40:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):  # the Atom feed says xml:lang instead
            assert 'xml:lang="cy"' in response.content.decode(), url
            continue
        html = response.content.decode()
        assert '<html lang="cy">' in html, url
        for href, hreflang in parse(response).links:
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or hreflang:
                continue
            if parts.path.startswith(("/static/", "/documents/", "/sitemap.xml")):
                continue
            assert parts.path.startswith("/cy/"), f"{url} links to {href}"
            if parts.path.startswith("/cy/hackney/") and not parts.query and "/history/" not in parts.path:
                queue.append(parts.path)
    assert "/cy/hackney/principles/" in seen
    assert "/cy/hackney/assessment/" in seen


def test_inherited_page_shows_the_national_welsh_translation(world, client):
    response = client.get("/cy/hackney/principles/")
    assert response.status_code == 200
    html = response.content.decode()
    assert WELSH_BODY in html
    assert "notice--untranslated" not in html
    assert 'lang="en"' not in html.split('<main id="main-content"')[1].split("</main>")[0]


def test_inherited_page_without_welsh_shows_english_marked_english_with_a_link(world, client):
    response = client.get("/cy/hackney/tiers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Two tiers of work." in html
    assert '<div class="page-content" lang="en">' in html
    assert ("/en/hackney/tiers/", "en") in parse(response).links


def test_english_pages_are_never_marked_as_welsh(world, client):
    for url in ("/en/hackney/", "/en/hackney/principles/", "/en/hackney/assessment/", "/en/"):
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html
        assert "notice--untranslated" not in html


def test_a_new_english_page_appears_as_an_untranslated_welsh_page(world, client):
    step = english_step(world["hackney"])
    guide = ResourcePageFactory(parent=step, title="Hackney guide", slug="hackney-guide")
    welsh = welsh_of(guide, world)
    assert welsh.alias_of_id == guide.pk
    assert welsh.get_parent().pk == welsh_of(step, world).pk
    response = client.get("/cy/hackney/assessment/hackney-guide/")
    assert response.status_code == 200
    assert '<div class="page-content" lang="en">' in response.content.decode()


def test_a_new_national_page_reaches_every_welsh_locality_tree(world, client, django_capture_on_commit_callbacks):
    partners = NationalPageFactory(parent=world["toolkit"]["home"], title="Key partners", slug="key-partners")
    with django_capture_on_commit_callbacks(execute=True):
        partners.save_revision().publish()
    for locality in (world["hackney"], world["bristol"]):
        mirror = InheritedPage.objects.child_of(locality.home_page).get(slug="key-partners")
        assert welsh_of(mirror, world).alias_of_id == mirror.pk
    assert client.get("/cy/bristol/key-partners/").status_code == 200


def test_welsh_mirrors_are_listed_under_the_welsh_national_title(world):
    mirror = InheritedPage.objects.child_of(world["hackney"].home_page).get(slug="principles")
    assert welsh_of(mirror, world).title == "Egwyddorion"


def test_provisioning_the_welsh_tree_again_changes_nothing(world):
    from sites.welsh import ProvisionWelshTree

    before = Page.objects.filter(locale=world["welsh"]).count()
    ProvisionWelshTree(locality=world["hackney"]).execute()
    assert Page.objects.filter(locale=world["welsh"]).count() == before


# --- Translating, and the fence ---------------------------------------------


def submit(client, page, world):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [world["welsh"].pk]}
    )


def translate_all_strings(client, page, world, text="Asesu", only=None):
    """Translate the page's strings (the first ``only`` of them) through wagtail-localize's editor."""
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale=world["welsh"])
    for segment in StringSegment.objects.filter(source=source).order_by("order")[:only]:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = client.put(url, f"value={text}", content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content
    return translation


def test_a_locality_publisher_translates_and_publishes_their_own_page(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["publisher"])
    response = submit(client, step, world)
    assert response.status_code == 302
    welsh = welsh_of(step, world)
    assert welsh.alias_of_id is None
    # Converted but no string translated yet: still English, and said so.
    assert '<div class="page-content" lang="en">' in client.get("/cy/hackney/assessment/").content.decode()
    translate_all_strings(client, step, world)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    assert response.status_code == 302
    welsh.refresh_from_db()
    assert welsh.url == "/cy/hackney/asesu/"  # wagtail-localize translates the slug too
    html = client.get(welsh.url).content.decode()
    assert "Asesu" in html
    assert "notice--untranslated" not in html


def test_a_locality_editor_cannot_publish_a_welsh_page(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["editor"])
    assert submit(client, step, world).status_code == 302
    welsh = welsh_of(step, world)
    translate_all_strings(client, step, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    welsh.refresh_from_db()
    assert welsh.url == "/cy/hackney/assessment/"
    assert "Asesu" not in client.get(welsh.url).content.decode()


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_a_hackney_editor_cannot_translate_bristols_pages(world, client, role):
    step = english_step(world["bristol"])
    client.force_login(world["users"][role])
    response = submit(client, step, world)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("wagtailadmin_home")
    assert welsh_of(step, world).alias_of_id == step.pk
    assert not TranslationSource.objects.filter(object_id=step.translation_key).exists()


@pytest.mark.parametrize("target", ["national_home", "principles"])
def test_a_hackney_publisher_cannot_translate_national_pages(world, client, target):
    page = world["toolkit"]["home"] if target == "national_home" else world["tiers"]
    client.force_login(world["users"]["publisher"])
    before = set(Page.objects.filter(locale=world["welsh"]).values_list("pk", "alias_of_id", "live"))
    submit(client, page, world)
    assert set(Page.objects.filter(locale=world["welsh"]).values_list("pk", "alias_of_id", "live")) == before


def test_a_hackney_publisher_cannot_sync_or_publish_bristols_welsh_pages(world, client):
    step = english_step(world["bristol"])
    client.force_login(world["users"]["bristol-publisher"])
    assert submit(client, step, world).status_code == 302
    translate_all_strings(client, step, world, text="Asesiad Bryste")
    source = TranslationSource.objects.get(object_id=step.translation_key)
    welsh = welsh_of(step, world)
    client.force_login(world["users"]["publisher"])
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
    )
    assert urlsplit(response["Location"]).path == reverse("wagtailadmin_home")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    assert response.status_code in (302, 403)
    segment = StringSegment.objects.filter(source=source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[source.translations.get().pk, segment.pk])
    assert client.put(url, "value=x", content_type="application/x-www-form-urlencoded").status_code == 403
    welsh.refresh_from_db()
    assert "Asesiad Bryste" not in client.get(welsh.url).content.decode()


def test_syncing_a_deleted_page_says_so_and_keeps_the_welsh_page(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["national"])
    submit(client, step, world)
    welsh = welsh_of(step, world)
    source = TranslationSource.objects.get(object_id=step.translation_key)
    step.delete()
    response = client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), follow=True)
    assert "was deleted" in response.content.decode()
    assert Page.objects.filter(pk=welsh.pk).exists()


def test_translating_a_deleted_page_says_so(world, client):
    client.force_login(world["users"]["publisher"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[987654]),
        {"locales": [world["welsh"].pk]},
        follow=True,
    )
    assert "no longer exists" in response.content.decode()


# --- Welsh switched off -----------------------------------------------------


def test_a_locality_switched_to_english_only_keeps_its_welsh_pages(world, client):
    hackney = world["hackney"]
    welsh_home = welsh_of(hackney.home_page, world)
    client.force_login(world["users"]["national"])
    url = reverse("wagtailsnippets_sites_locality:edit", args=[hackney.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "welsh"}
    response = client.post(url, data, follow=True)
    assert "English only" in response.content.decode()
    assert not Locality.objects.get(pk=hackney.pk).welsh
    assert Page.objects.filter(pk=welsh_home.pk).exists()
    client.logout()
    response = client.get("/cy/hackney/")
    assert response.status_code == 200
    assert '<div class="page-content" lang="en">' in response.content.decode()
    Locality.objects.filter(pk=hackney.pk).update(welsh=True)
    assert client.get("/cy/hackney/").context["page"].pk == welsh_home.pk


# --- Drift and the report ---------------------------------------------------


def test_an_english_edit_puts_the_welsh_page_behind_in_the_report(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["publisher"])
    submit(client, step, world)
    translate_all_strings(client, step, world)
    welsh = welsh_of(step, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    rows = {row.page.pk: row for row in translation_rows([world["hackney"]])}
    assert rows[step.pk].status == "translated"
    english = StepPage.objects.get(pk=step.pk)
    english.summary = "A new English summary."
    english.save_revision(user=world["users"]["publisher"]).publish(user=world["users"]["publisher"])
    response = client.get(reverse("sites_translation_report"), {"status": "behind"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Behind English" in html
    assert reverse("wagtailadmin_pages:edit", args=[welsh.pk]) in html
    rows = {row.page.pk: row for row in translation_rows([world["hackney"]])}
    assert rows[step.pk].status == "behind"
    assert rows[step.pk].updates == 1
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), follow=True).content.decode()
    assert "Behind English: 1 English update" in editor
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your Welsh pages behind English" in dashboard


def test_a_partly_translated_page_is_not_counted_as_translated(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["publisher"])
    submit(client, step, world)
    translate_all_strings(client, step, world, only=1)
    welsh = welsh_of(step, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    response = client.get(reverse("sites_translation_report"), {"status": "partial"})
    assert [row.page.pk for row in response.context["rows"]] == [step.pk]
    assert "Partly translated" in response.content.decode()
    assert not [row for row in translation_rows([world["hackney"]], status="translated") if row.page.pk == step.pk]
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), follow=True).content.decode()
    assert "Partly translated: 1 of" in editor


def test_the_report_filters_and_ignores_bad_values(world, client):
    client.force_login(world["users"]["national"])
    response = client.get(reverse("sites_translation_report"), {"status": "missing\x00", "locality": "nowhere"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert {row.locality.slug for row in rows} == {"hackney", "bristol"}
    response = client.get(reverse("sites_translation_report"), {"status": "inherited", "locality": "bristol"})
    rows = response.context["rows"]
    assert rows and all(row.status == "inherited" and row.locality.slug == "bristol" for row in rows)


def test_the_report_shows_a_locality_editor_only_their_locality(world, client):
    client.force_login(world["users"]["editor"])
    response = client.get(reverse("sites_translation_report"), {"locality": "bristol"})
    assert {row.locality.slug for row in response.context["rows"]} == {"hackney"}


# --- Language switch, hreflang, sitemap ---------------------------------------


def switch_links(response):
    html = response.content.decode()
    nav = html.split('<nav class="language-switch"', 1)[1].split("</nav>", 1)[0]
    parser = Links()
    parser.feed(nav)
    return parser.links, nav


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/en/hackney/principles/", "/cy/hackney/principles/"),
        ("/cy/hackney/principles/", "/en/hackney/principles/"),
        ("/cy/hackney/assessment/", "/en/hackney/assessment/"),
        ("/en/hackney/", "/cy/hackney/"),
        ("/en/principles/", "/cy/principles/"),
    ],
)
def test_the_language_switch_goes_to_the_same_page_in_the_other_language(world, client, url, target):
    links, _nav = switch_links(client.get(url))
    assert links == [(target, target[1:3])]


def test_without_a_welsh_page_the_switch_goes_to_the_welsh_toolkit_home_and_says_so(world, client):
    links, nav = switch_links(client.get("/en/tiers/"))
    assert links == [("/cy/", "cy")]
    assert "language-switch__note" in nav


def test_pages_list_their_languages_as_hreflang_alternates(world, client):
    html = client.get("/en/principles/").content.decode()
    assert '<link rel="alternate" hreflang="cy" href="http://localhost/cy/principles/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/principles/">' in html
    # An untranslated Welsh page (an alias showing English) is not a Welsh version.
    assert 'hreflang="cy"' not in client.get("/en/hackney/assessment/").content.decode().split("</head>")[0]


def test_the_sitemap_lists_welsh_pages_with_their_alternates(world, client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/cy/principles/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="cy" href="http://localhost/cy/principles/"/>' in xml
    assert "<loc>http://localhost/cy/hackney/</loc>" not in xml  # untranslated: the English address is indexed


def test_the_sitemap_reads_alternates_in_a_fixed_number_of_queries(world, client):
    def sitemap_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries)

    before = sitemap_queries()
    for number in range(2):
        page = NationalPageFactory(parent=world["toolkit"]["home"], title=f"Extra {number}", slug=f"extra-{number}")
        publish_welsh_copy(page, title=f"Ychwanegol {number}")
    xml = client.get("/sitemap.xml").content.decode()
    assert '<xhtml:link rel="alternate" hreflang="cy" href="http://localhost/cy/extra-1/"/>' in xml
    assert sitemap_queries() == before


def test_untranslated_titles_in_welsh_navigation_are_marked_english(world, client):
    html = client.get("/cy/hackney/").content.decode()
    nav = html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert '<span lang="en">Assessment</span>' in nav
    crumbs = client.get("/cy/hackney/assessment/").content.decode().split('class="breadcrumbs"', 1)[1]
    assert '<li aria-current="page" lang="en">Assessment</li>' in crumbs.split("</nav>", 1)[0]
    english = client.get("/en/hackney/").content.decode().split('<nav class="main-nav"', 1)[1]
    assert 'lang="' not in english.split("</nav>", 1)[0]


def test_a_welsh_page_whose_english_page_was_unpublished_says_so_and_keeps_its_text(world, client):
    step = english_step(world["hackney"])
    client.force_login(world["users"]["publisher"])
    submit(client, step, world)
    translate_all_strings(client, step, world)
    welsh = welsh_of(step, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    client.force_login(world["users"]["national"])
    StepPage.objects.get(pk=step.pk).unpublish()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), follow=True)
    assert "The English page of this Welsh page is unpublished or deleted" in response.content.decode()
    welsh.refresh_from_db()
    assert welsh.live
    assert "Asesu" in client.get(welsh.url).content.decode()


# --- Adapted pages: national drift in English, translation drift in Welsh ----


def publish_through_the_edit_form(client, page, **changes):
    url, data, _states = edit_form_post_data(client, page)
    for name, value in changes.items():
        data[name] = value
    data["change_note"] = "Revised."
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors


def test_an_adapted_page_drifts_from_national_in_english_and_from_english_in_welsh(world, client):
    mirror = InheritedPage.objects.child_of(world["hackney"].home_page).get(slug="principles")
    client.force_login(world["users"]["publisher"])
    assert client.post(reverse("sites_adapt", args=[mirror.pk])).status_code == 302
    submit(client, mirror, world)
    translate_all_strings(client, mirror, world, text="Egwyddorion Hackney")
    welsh = welsh_of(mirror, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    welsh.refresh_from_db()
    assert "Egwyddorion Hackney" in client.get(welsh.url).content.decode()

    client.force_login(world["users"]["national"])
    publish_through_the_edit_form(client, world["toolkit"]["principles"], summary="Revised nationally.")

    client.force_login(world["users"]["publisher"])
    english_editor = client.get(reverse("wagtailadmin_pages:edit", args=[mirror.pk])).content.decode()
    assert "Behind national" in english_editor
    assert reverse("sites_pull_national", args=[mirror.pk]) in english_editor
    welsh_editor = client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), follow=True).content.decode()
    assert "behind national" not in welsh_editor.lower()
    assert reverse("sites_pull_national", args=[welsh.pk]) not in welsh_editor
    # Asked directly, the Welsh page refuses English national text.
    response = client.post(reverse("sites_pull_national", args=[welsh.pk]), follow=True)
    assert "follows its English page" in response.content.decode()
    welsh_draft = InheritedPage.objects.get(pk=welsh.pk).get_latest_revision_as_object()
    assert "Revised nationally" not in welsh_draft.summary

    publish_through_the_edit_form(client, mirror, summary="Hackney's own principles.")
    welsh_editor = client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), follow=True).content.decode()
    assert "Behind English: 1 English update" in welsh_editor
    assert "Egwyddorion Hackney" in client.get(welsh.url).content.decode()


# --- A page moved while its Welsh translation is being edited -----------------


def test_a_page_moved_while_being_translated_takes_its_welsh_page_and_keeps_the_text(world, client):
    step = english_step(world["hackney"])
    guide = ResourcePageFactory(parent=step, title="Hackney guide", slug="hackney-guide")
    planning = StepPageFactory(parent=world["hackney"].home_page, title="Planning", slug="planning")
    client.force_login(world["users"]["publisher"])
    submit(client, guide, world)
    translate_all_strings(client, guide, world, text="Canllaw Hackney")
    welsh = welsh_of(guide, world)
    # The national team moves the English page while the Welsh one is half-way through translation.
    client.force_login(world["users"]["national"])
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[guide.pk, planning.pk])
    assert client.get(confirm).status_code == 200
    response = client.post(confirm, follow=True)
    assert "Its Cymraeg page moved with it, with its translation: /cy/hackney/planning/hackney-guide/" in (
        response.content.decode()
    )
    # The translator publishes: the Welsh text goes out at the page's new place.
    client.force_login(world["users"]["publisher"])
    response = client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"}, follow=True)
    assert "Published" in response.content.decode()
    welsh.refresh_from_db()
    assert welsh.get_parent().pk == welsh_of(planning, world).pk
    assert welsh.url == "/cy/hackney/planning/canllaw-hackney/"
    assert "Canllaw Hackney" in client.get(welsh.url).content.decode()
    assert client.get("/cy/hackney/assessment/canllaw-hackney/").status_code == 404


def test_a_move_the_welsh_page_cannot_follow_is_refused_before_anything_moves(world, client):
    step = english_step(world["hackney"])
    guide = ResourcePageFactory(parent=step, title="Hackney guide", slug="hackney-guide")
    planning = StepPageFactory(parent=world["hackney"].home_page, title="Planning", slug="planning")
    client.force_login(world["users"]["publisher"])
    submit(client, guide, world)
    translate_all_strings(client, guide, world, text="Canllaw")
    welsh = welsh_of(guide, world)
    client.post(reverse("wagtailadmin_pages:edit", args=[welsh.pk]), {"action": "publish"})
    ResourcePageFactory(parent=planning, title="Canllaw", slug="canllaw")  # its Welsh alias takes "canllaw"
    client.force_login(world["users"]["national"])
    confirm = reverse("wagtailadmin_pages:move_confirm", args=[guide.pk, planning.pk])
    response = client.post(confirm, follow=True)
    html = response.content.decode()
    assert "was not moved: its Cymraeg page" in html
    assert "is already used under" in html
    assert Page.objects.get(pk=guide.pk).get_parent().pk == step.pk
    assert "Canllaw" in client.get("/cy/hackney/assessment/canllaw/").content.decode()
