"""Welsh in the demo toolkit (called by ``load_demo_data``, idempotent).

National Welsh translations of two steps (the home and Principles are made
by ``DemoLoader.welsh_pages``); every locality's Welsh tree; Swansea's home
and two steps in Welsh; and one of Swansea's Welsh steps left behind an
English update, so the translation report and the editor's notice have
something to show. Sample content, not official guidance.
"""

from django.db import transaction

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Page
from wagtail.rich_text import RichText

from resources.models import StepPage

from .models import Locality
from .welsh import ProvisionWelshTree, welsh_locale

SAMPLE = "<p>Cynnwys enghreifftiol yw hwn, nid canllawiau swyddogol.</p>"

NATIONAL_STEPS = {
    "referrals-and-screening": (
        "Atgyfeiriadau a sgrinio",
        "Sut mae atgyfeiriadau am niwed y tu allan i'r cartref yn cael eu sgrinio.",
        "Mae sgrinio cyd-destunol yn gofyn ble mae'r niwed yn digwydd, nid dim ond i bwy.",
    ),
    "assessment": (
        "Asesu",
        "Asesu cyd-destunau: grwpiau cyfoedion, ysgolion, mannau cyhoeddus a chymdogaethau.",
        "Mae asesiad cyd-destun yn edrych ar y lleoedd a'r perthnasoedd sy'n dylanwadu ar ddiogelwch pobl ifanc.",
    ),
}

SWANSEA_HOME = (
    "Pecyn cymorth Diogelu Cyd-destunol Abertawe",
    "<p>Sut adeiladodd Abertawe ei system Diogelu Cyd-destunol, gyda phartneriaid ledled y ddinas.</p>",
)
SWANSEA_STEPS = {
    "referrals-and-screening": (
        "Atgyfeiriadau a sgrinio",
        "Sut mae drws ffrynt Abertawe yn sgrinio atgyfeiriadau sy'n enwi lle neu grŵp.",
        "Mae tîm y drws ffrynt yn gofyn am y lle a'r grŵp cyfoedion ym mhob atgyfeiriad.",
    ),
    "assessment": (
        "Asesu",
        "Sut mae Abertawe'n asesu cyd-destunau gyda'r ysgolion a'r heddlu.",
        "Mae gweithwyr yn mapio grwpiau cyfoedion ac yn cerdded y mannau y mae pobl ifanc yn eu defnyddio.",
    ),
}
# The Swansea step whose English is updated after its Welsh translation.
BEHIND = "assessment"


def load_welsh_demo(national_home) -> int:
    """Returns how many things were made."""
    locale = welsh_locale()
    if locale is None:
        return 0
    made = 0
    with transaction.atomic():
        for slug, (title, summary, text) in NATIONAL_STEPS.items():
            step = StepPage.objects.child_of(national_home).filter(slug=slug).first()
            if step is not None and step.get_translation_or_none(locale) is None:
                translated = step.copy_for_translation(locale)
                _set_step(translated, title, summary, text)
                made += 1
        for locality in Locality.objects.select_related("home_page"):
            if locality.home_page is not None and locality.home_page.get_translation_or_none(locale) is None:
                ProvisionWelshTree(locality=locality).execute()
                made += 1
        swansea = Locality.objects.filter(slug="swansea").select_related("home_page").first()
        if swansea is not None and swansea.home_page is not None:
            made += _swansea(swansea, locale)
    return made


def _own_page(page):
    """The Welsh page as an ordinary page: an untranslated alias is converted first."""
    if page.alias_of_id:
        ConvertAliasPageAction(page).execute(skip_permission_checks=True)
        page = Page.objects.get(pk=page.pk)
    return page.specific


def _set_step(step, title, summary, text):
    step.title = title
    step.draft_title = title
    step.summary = summary
    step.body = [("callout", _sample_callout()), ("paragraph", RichText(f"<p>{text}</p>"))]
    step.save_revision().publish()


def _sample_callout():
    return {"style": "info", "title": "Cynnwys enghreifftiol", "text": RichText(SAMPLE)}


def _swansea(swansea, locale) -> int:
    home = swansea.home_page.get_translation_or_none(locale)
    if home is None or not home.alias_of_id:
        return 0  # already translated: leave the editors' work alone
    home = _own_page(home)
    home.title, home.draft_title = SWANSEA_HOME[0], SWANSEA_HOME[0]
    home.introduction = SWANSEA_HOME[1] + SAMPLE
    home.save_revision().publish()
    for slug, (title, summary, text) in SWANSEA_STEPS.items():
        english = StepPage.objects.child_of(swansea.home_page).filter(slug=slug).first()
        welsh = english.get_translation_or_none(locale) if english else None
        if welsh is None:
            continue
        _set_step(_own_page(welsh), title, summary, text)
    english = StepPage.objects.child_of(swansea.home_page).filter(slug=BEHIND).first()
    if english is not None:
        english = english.get_latest_revision_as_object()
        english.summary = f"{english.summary} Updated with the schools' safeguarding leads (sample)."
        english.save_revision().publish()
    return 1
