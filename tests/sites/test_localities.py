"""Localities: provisioning, inheritance of national pages, URLs, archive and delete."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText

import pytest

from home.factories import NationalPageFactory
from home.models import NationalPage
from resources.factories import ResourcePageFactory
from resources.models import StepPage
from sites.factories import LocalityFactory
from sites.models import InheritedPage, Locality, LocalityHomePage
from sites.provisioning import DeleteLocality, ProvisioningError, ProvisionLocality, SetLocalityStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def hackney(toolkit):
    return LocalityFactory(name="Hackney", slug="hackney", region="London")


def html(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


class TestProvisioning:
    def test_builds_home_steps_inherited_pages_collection_and_groups(self, hackney, toolkit):
        home = hackney.home_page
        assert home.live and home.slug == "hackney"
        steps = StepPage.objects.child_of(home)
        assert [step.national_step_id for step in steps] == [toolkit["step"].pk]
        assert InheritedPage.objects.child_of(home).get().source_id == toolkit["principles"].pk
        assert hackney.collection.name == "Hackney"
        assert hackney.editors_group.name == "Hackney editors"
        assert hackney.publishers_group.name == "Hackney publishers"
        assert Group.objects.filter(name="National team").exists()

    def test_running_again_with_the_same_arguments_changes_nothing(self, hackney):
        pages, groups = Page.objects.count(), Group.objects.count()
        action = ProvisionLocality(user=None, name="Hackney", slug="hackney", skip_permission_checks=True)
        assert action.execute() == hackney
        assert action.existed
        assert (Page.objects.count(), Group.objects.count()) == (pages, groups)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"name": "Hackney Two", "slug": "hackney"}, "Another locality already uses the address"),
            ({"name": "Admin", "slug": "admin"}, "reserved"),
            ({"name": "Welsh", "slug": "cy"}, "reserved"),
            ({"name": "Principles"}, "already used by a national page"),
            ({"name": "Hosty", "hostname": "http://bad host/"}, "Enter a host name"),
            ({"name": "hackney", "slug": "hackney-two"}, "already exists"),
            ({"name": "Mars", "nation": "Mars"}, "Unknown nation"),
            ({"name": "  "}, "Give the locality a name"),
        ],
    )
    def test_refuses_bad_requests_clearly_and_stores_nothing(self, hackney, kwargs, message):
        counts = (Locality.objects.count(), Page.objects.count(), Collection.objects.count())
        with pytest.raises(ProvisioningError) as error:
            ProvisionLocality(user=None, skip_permission_checks=True, **kwargs).execute()
        assert message in " ".join(error.value.messages)
        assert (Locality.objects.count(), Page.objects.count(), Collection.objects.count()) == counts

    def test_a_failure_half_way_leaves_nothing_behind(self, toolkit, monkeypatch):
        import sites.provisioning as provisioning

        def explode(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(provisioning, "make_approval_workflow", explode)
        counts = (Locality.objects.count(), Page.objects.count(), Group.objects.count(), Collection.objects.count())
        with pytest.raises(RuntimeError):
            ProvisionLocality(user=None, name="Kent", skip_permission_checks=True).execute()
        assert (Locality.objects.count(), Page.objects.count(), Group.objects.count(), Collection.objects.count()) == (
            counts
        )

    def test_create_locality_command(self, toolkit, capsys):
        call_command("create_locality", "Tower Hamlets", "--slug", "tower-hamlets", "--nation", "England")
        assert "Created Tower Hamlets at /en/tower-hamlets/" in capsys.readouterr().out
        call_command("create_locality", "Tower Hamlets", "--slug", "tower-hamlets", "--nation", "England")
        assert "already exists" in capsys.readouterr().out
        with pytest.raises(CommandError, match="Another locality already uses"):
            call_command("create_locality", "Tower Hamlets Two", "--slug", "tower-hamlets")

    def test_only_the_national_team_may_provision(self, toolkit, django_user_model):
        from sites.provisioning import LocalityPermissionError

        editor = django_user_model.objects.create_user("someone", password="pw")
        with pytest.raises(LocalityPermissionError):
            ProvisionLocality(user=editor, name="Kent").execute()
        assert not Locality.objects.filter(name="Kent").exists()


class TestInheritance:
    def test_inherited_page_shows_current_national_content_at_the_same_relative_slug(self, client, hackney):
        page = html(client, "/en/hackney/principles/")
        assert "Context matters for every young person." in page
        assert '<link rel="canonical" href="http://localhost/en/principles/">' in page
        assert 'href="/en/hackney/principles/" aria-current="page"' in page

    def test_national_publish_shows_everywhere_without_locality_action(self, client, hackney, toolkit):
        LocalityFactory(name="Bristol", slug="bristol")
        principles = toolkit["principles"]
        principles.body = [("paragraph", RichText("<p>Updated national wording.</p>"))]
        principles.save_revision().publish()
        assert "Updated national wording." in html(client, "/en/hackney/principles/")
        assert "Updated national wording." in html(client, "/en/bristol/principles/")

    def test_national_drafts_never_show_through(self, client, hackney, toolkit):
        principles = toolkit["principles"]
        principles.body = [("paragraph", RichText("<p>Draft national wording.</p>"))]
        principles.save_revision()
        assert "Draft national wording." not in html(client, "/en/hackney/principles/")

    def test_locality_step_shows_national_guidance_beside_local_content(self, client, hackney, toolkit):
        step = StepPage.objects.child_of(hackney.home_page).get()
        step.body = [("paragraph", RichText("<p>Hackney's own approach.</p>"))]
        step.save_revision().publish()
        page = html(client, "/en/hackney/assessment/")
        assert "Hackney's own approach." in page
        assert "National guidance for this step" in page
        assert "Shared guidance for both tiers." in page
        tier_two = html(client, "/en/hackney/assessment/?tier=two")
        assert "Guidance for contexts." in tier_two
        assert "Guidance for individual work." not in tier_two

    def test_national_page_added_later_appears_in_every_locality(
        self, client, hackney, toolkit, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            new = NationalPageFactory(parent=toolkit["home"], title="Research", slug="research")
        assert InheritedPage.objects.child_of(hackney.home_page).filter(source=new).exists()
        assert "National guidance." in html(client, "/en/hackney/research/")

    def test_unpublishing_national_page_hides_mirrors_but_keeps_local_content(self, client, hackney, toolkit):
        local = ResourcePageFactory(
            parent=StepPage.objects.child_of(hackney.home_page).get(), title="Hackney tip", resource_type="tip"
        )
        toolkit["principles"].unpublish()
        assert client.get("/en/hackney/principles/").status_code == 404
        assert 'href="/en/hackney/principles/"' not in html(client, "/en/hackney/")
        local.refresh_from_db()
        assert local.live
        toolkit["principles"].save_revision().publish()
        assert client.get("/en/hackney/principles/").status_code == 200

    def test_deleting_a_national_page_used_by_localities_is_refused(self, hackney, toolkit):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            toolkit["principles"].delete()
        assert InheritedPage.objects.filter(source=toolkit["principles"]).exists()

    def test_national_content_is_found_once_in_search(self, hackney, toolkit):
        LocalityFactory(name="Bristol", slug="bristol")
        call_command("update_index", verbosity=0)
        results = list(Page.objects.live().search("Principles"))
        assert [page.pk for page in results if page.title == "Principles"] == [toolkit["principles"].pk]

    def test_mirrors_stay_out_of_the_sitemap(self, client, hackney):
        sitemap = client.get("/sitemap.xml").content.decode()
        assert "/en/principles/" in sitemap
        assert "/en/hackney/principles/" not in sitemap

    def test_welsh_inherited_page_shows_the_welsh_national_page(self, client, hackney, toolkit):
        welsh = Locale.objects.create(language_code="cy")
        welsh_principles = toolkit["principles"].copy_for_translation(welsh, copy_parents=True)
        welsh_principles.title = "Egwyddorion"
        welsh_principles.body = [("paragraph", RichText("<p>Mae cyd-destun yn bwysig.</p>"))]
        welsh_principles.save_revision().publish()
        assert toolkit["home"].get_translation(welsh).live
        page = html(client, "/cy/hackney/principles/")
        assert "Mae cyd-destun yn bwysig." in page
        assert '<html lang="cy">' in page
        assert 'href="/cy/hackney/principles/"' in html(client, "/en/hackney/principles/")


class TestUrls:
    def test_locality_is_reachable_on_the_main_site(self, client, hackney):
        page = html(client, "/en/hackney/")
        assert "Hackney" in page
        assert "London" in page
        assert '<a class="site-header__local" href="/en/hackney/">' in html(client, "/en/hackney/principles/")
        assert "site-header__local" not in html(client, "/en/principles/")

    def test_locality_with_its_own_hostname(self, client, toolkit):
        LocalityFactory(name="Kent", slug="kent", hostname="kent.localhost")
        assert Site.objects.filter(hostname="kent.localhost").exists()
        assert "Context matters" in html(client, "/en/principles/", HTTP_HOST="kent.localhost")
        assert "Kent" in html(client, "/en/", HTTP_HOST="kent.localhost")
        assert "Kent" in html(client, "/en/kent/")

    def test_unknown_locality_path_is_the_sites_404(self, client, hackney):
        response = client.get("/en/hackney/no-such-page/")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


class TestArchiveAndDelete:
    def test_archiving_hides_the_locality_and_keeps_everything(self, client, hackney, django_user_model):
        national = django_user_model.objects.create_superuser("national", "n@example.org", "pw")
        pages = Page.objects.descendant_of(hackney.home_page).count()
        SetLocalityStatus(user=national, locality=hackney, status="archived").execute()
        assert client.get("/en/hackney/").status_code == 404
        assert client.get("/en/hackney/assessment/").status_code == 404
        assert "/en/hackney/" not in client.get("/sitemap.xml").content.decode()
        assert Page.objects.descendant_of(hackney.home_page).count() == pages
        SetLocalityStatus(user=national, locality=hackney, status="active").execute()
        assert client.get("/en/hackney/").status_code == 200

    def test_archived_locality_is_not_listed_or_linked(self, client, hackney, toolkit, django_user_model):
        from sites.factories import LocalityIndexPageFactory

        LocalityIndexPageFactory(parent=toolkit["home"])
        step = StepPage.objects.child_of(hackney.home_page).get()
        step.body = [("paragraph", RichText("<p>Local words.</p>"))]
        step.save_revision().publish()
        assert 'href="/en/hackney/assessment/"' in html(client, "/en/assessment/")
        assert 'href="/en/hackney/"' in html(client, "/en/toolkits/")
        national = django_user_model.objects.create_superuser("national", "n@example.org", "pw")
        SetLocalityStatus(user=national, locality=hackney, status="archived").execute()
        assert 'href="/en/hackney/assessment/"' not in html(client, "/en/assessment/")
        assert 'href="/en/hackney/"' not in html(client, "/en/toolkits/")

    def test_delete_needs_confirmation_and_removes_only_that_locality(self, hackney, toolkit):
        bristol = LocalityFactory(name="Bristol", slug="bristol")
        with pytest.raises(ProvisioningError, match="to confirm"):
            DeleteLocality(user=None, locality=hackney, confirmation="", skip_permission_checks=True).execute()
        assert Locality.objects.filter(slug="hackney").exists()
        DeleteLocality(user=None, locality=hackney, confirmation="hackney", skip_permission_checks=True).execute()
        assert not Locality.objects.filter(slug="hackney").exists()
        assert not LocalityHomePage.objects.filter(slug="hackney").exists()
        assert not Group.objects.filter(name__startswith="Hackney").exists()
        assert not Collection.objects.filter(name="Hackney").exists()
        assert NationalPage.objects.filter(pk=toolkit["principles"].pk, live=True).exists()
        assert InheritedPage.objects.child_of(bristol.home_page).exists()
        assert Page.find_problems() == ([], [], [], [], [])


def test_site_toolkits_page_filters_by_nation_and_region(client, toolkit):
    from sites.factories import LocalityIndexPageFactory

    LocalityIndexPageFactory(parent=toolkit["home"])
    LocalityFactory(name="Hackney", slug="hackney", region="London")
    LocalityFactory(name="Swansea", slug="swansea", nation="wales", region="South West Wales")
    everything = html(client, "/en/toolkits/")
    assert "Hackney" in everything and "Swansea" in everything
    wales = html(client, "/en/toolkits/?nation=wales")
    assert "Swansea" in wales and ">Hackney<" not in wales
    london = html(client, "/en/toolkits/?region=London")
    assert ">Hackney<" in london and ">Swansea<" not in london
    junk = html(client, "/en/toolkits/?nation=<script>&region=%00")
    assert "<script>" not in junk and "Swansea" in junk


def test_changing_a_localitys_address_and_hostname_moves_its_pages_and_site(client, hackney):
    hackney.slug = "hackney-borough"
    hackney.hostname = "hackney.localhost"
    hackney.full_clean()
    hackney.save()
    assert "Context matters" in html(client, "/en/hackney-borough/principles/")
    assert client.get("/en/hackney/principles/").status_code == 404
    assert "Context matters" in html(client, "/en/principles/", HTTP_HOST="hackney.localhost")
    hackney.hostname = ""
    hackney.save()
    assert not Site.objects.filter(hostname="hackney.localhost").exists()


def test_a_hostname_already_in_use_is_refused(hackney, toolkit):
    from django.core.exceptions import ValidationError

    LocalityFactory(name="Kent", slug="kent", hostname="kent.localhost")
    hackney.hostname = "kent.localhost"
    with pytest.raises(ValidationError, match="already in use"):
        hackney.full_clean()
