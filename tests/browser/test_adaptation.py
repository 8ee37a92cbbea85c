"""Browser: a visitor on a locality's adapted page that is behind national
reads the notice, follows it to what changed, and both pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from sites.adaptation import AdaptNationalPage
from sites.models import InheritedPage
from tests.browser.conftest import assert_no_axe_violations, committed
from tests.sites.conftest import publish_national, replace_text


@pytest.fixture
def behind_national(request, national, localities):
    return committed(request, "adaptation/behind_national", lambda: build_behind_national(national, localities))


def build_behind_national(national, localities):
    """Hackney's Principles adapted, then the national page published twice."""
    page = InheritedPage.objects.child_of(localities[0].home_page).get()
    AdaptNationalPage(user=None, page=page, skip_permission_checks=True).execute()
    publish_national(national, replace_text(1, "Work with places and the peer groups young people spend time in."))
    publish_national(national, lambda blocks: blocks.pop(2))
    return page


def test_visitor_reads_the_notice_and_sees_what_changed(live_server, page, behind_national):
    page.goto(f"{live_server.url}/en/hackney/principles/")
    notice = page.get_by_role("complementary", name="Local version of national guidance")
    expect(notice).to_contain_text("Adapted from national guidance of")
    expect(notice).to_contain_text("The national guidance has been updated since")
    assert_no_axe_violations(page)

    notice.get_by_role("link", name="see what changed in the national guidance").click()
    expect(page).to_have_url(f"{live_server.url}/en/hackney/principles/national-changes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed in the national guidance")
    expect(page.locator("ins").first).to_contain_text("added:")
    expect(page.locator("del").first).to_contain_text("removed:")
    assert_no_axe_violations(page)
