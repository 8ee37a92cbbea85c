"""The demo toolkit: national home, five national pages, six steps, a step
section and resources of every type, in English with a Welsh home and
Principles page.

Idempotent: each page is looked up by slug under its parent and created only
when missing, so running it again adds what is missing and never duplicates
or overwrites an editor's changes. One transaction: a failure leaves nothing
half-loaded.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.models import Locale, Page, PageLogEntry, Site
from wagtail.rich_text import RichText

from audit.demo import load_demo_audits
from history.models import ChangeNote
from history.notes import publish_with_note
from home.factories import NationalPageFactory, ToolkitHomePageFactory
from home.models import NationalPage, ToolkitHomePage
from resources.factories import (
    ResourceDocumentFactory,
    ResourcePageFactory,
    StepPageFactory,
    StepSubPageFactory,
    make_pdf,
)
from resources.models import ResourceDocument, ResourceType

from . import demo_content as content
from .adaptation import AdaptNationalPage
from .demo_siteinfo import load_site_information
from .models import InheritedPage, Locality, LocalityIndexPage
from .national_documents import national_collection
from .provisioning import ProvisionLocality
from .welsh_demo import load_welsh_demo

HOME_SLUG = "toolkit"


def silent_mp3(seconds: int = 2) -> bytes:
    """A valid MP3 of silence (MPEG-1 Layer III, 128 kbit/s, 44.1 kHz frames)."""
    frame = b"\xff\xfb\x90\x64" + bytes(413)  # 417-byte frame, all-zero side info = silence
    frames_per_second = 38
    return b"ID3\x03\x00\x00\x00\x00\x00\x00" + frame * (frames_per_second * seconds)


def sample_body(paragraphs, quote=None):
    body = [
        ("callout", {"style": "info", "title": "Sample content", "text": RichText(f"<p>{content.SAMPLE_NOTICE}</p>")})
    ]
    for text in paragraphs:
        body.append(("paragraph", RichText(f"<p>{text}</p>")))
    if quote:
        body.append(("quote", {"quote": quote[0], "attribution": quote[1]}))
    return body


def child_with_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.created = 0

    def get_or_create(self, factory, parent, slug, **fields):
        existing = child_with_slug(parent, slug)
        if existing is not None:
            return existing
        self.created += 1
        return factory(parent=parent, slug=slug, **fields)

    def page_from_spec(self, factory, parent, spec, **fields):
        """``get_or_create`` for a page whose slug, title and summary come from a content spec."""
        return self.get_or_create(factory, parent, spec["slug"], title=spec["title"], summary=spec["summary"], **fields)

    def document(self, title, filename, data, collection=None):
        existing = ResourceDocument.objects.filter(title=title).first()
        if existing:
            return existing
        return ResourceDocumentFactory(
            title=title, file=ContentFile(data, name=filename), collection=collection or self.collection
        )

    @transaction.atomic
    def run(self):
        """Each step adds what is missing of one part of the demo."""
        home = self.national_home()
        for step in (
            self.national_pages,
            self.national_steps,
            self.welsh_pages,
            self.localities,
            self.library_resources,
            self.welsh_localities,
            self.audits,
            self.history_example,
            self.site_information,
        ):
            step(home)
        return home

    def national_home(self):
        """The English national home, served by the default Site, and the national collection."""
        english, _ = Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node()
        self.collection = national_collection()
        home = ToolkitHomePage.objects.filter(locale=english, depth=2).first()
        if home is None:
            infographic = self.document(
                "Contextual Safeguarding infographic (sample)",
                "contextual-safeguarding-infographic.pdf",
                make_pdf(
                    "Contextual Safeguarding: the system on a page (sample)",
                    [
                        content.SAMPLE_NOTICE,
                        "Referrals and screening > Assessment > Planning and review > Support, help and "
                        "intervention > Monitoring and evaluation > Policy, strategic engagement, training "
                        "and commissioning.",
                    ],
                ),
            )
            home = self.get_or_create(
                ToolkitHomePageFactory,
                root,
                HOME_SLUG,
                title=content.HOME["title"],
                introduction=content.HOME["introduction"],
                video_url=content.HOME["video_url"],
                video_title=content.HOME["video_title"],
                video_transcript=content.HOME["video_transcript"],
                infographic=infographic,
                locale=english,
            )
        self.make_default_site(home, root)
        return home

    def national_pages(self, home):
        for spec in content.NATIONAL_PAGES:
            self.page_from_spec(
                NationalPageFactory, home, spec, body=sample_body(spec["paragraphs"], spec.get("quote"))
            )

    def national_steps(self, home):
        """The six steps, each with a resource of every kind; some with a section."""
        for number, spec in enumerate(content.STEPS, start=1):
            step = self.page_from_spec(
                StepPageFactory,
                home,
                spec,
                show_in_menus=True,
                body=sample_body([spec["both"]]),
                tier_one_body=[("paragraph", RichText(f"<p>{spec['one']}</p>"))],
                tier_two_body=[("paragraph", RichText(f"<p>{spec['two']}</p>"))],
            )
            self.step_resources(step, number)
            if "section" in spec:
                self.step_section(step, *spec["section"])

    def step_section(self, step, title, slug, summary):
        section = self.get_or_create(
            StepSubPageFactory,
            step,
            slug,
            title=title,
            summary=summary,
            body=sample_body([summary]),
        )
        self.get_or_create(
            ResourcePageFactory,
            section,
            f"{slug}-screening-checklist",
            title="Screening checklist for contexts (sample)",
            summary="A checklist for screening referrals that name a place or a group. Sample content.",
            tiers="two",
            document=self.document(
                "Screening checklist for contexts (sample)",
                "screening-checklist.pdf",
                make_pdf("Screening checklist for contexts (sample)", [content.SAMPLE_NOTICE]),
            ),
        )

    def site_information(self, home):
        load_site_information(self, home)

    def welsh_localities(self, home):
        """Welsh national steps, every locality's Welsh tree, Swansea's Welsh pages."""
        self.created += load_welsh_demo(home)

    def audits(self, home):
        self.created += load_demo_audits(home, content.SAMPLE_NOTICE)

    def history_example(self, home):
        """Two noted changes to Hackney's Assessment step after its first
        publication, so its public history, a comparison, Hackney's timeline
        and its feed have something to show. Only done once."""

        hackney = Locality.objects.filter(slug="hackney").select_related("home_page").first()
        step = child_with_slug(hackney.home_page, "assessment") if hackney else None
        if step is None or ChangeNote.objects.filter(revision__object_id=str(step.pk)).exists():
            return
        step = step.specific
        for note, paragraph in content.HISTORY_CHANGES:
            step.body.append(("paragraph", RichText(f"<p>{paragraph}</p>")))
            publish_with_note(step, note)
        self.created += 1

    def library_resources(self, home):
        """Local resources for the resource library, search, ZIP and compare demos."""

        for spec in content.LIBRARY_RESOURCES:
            locality = Locality.objects.filter(slug=spec["locality"]).select_related("home_page").first()
            step = child_with_slug(locality.home_page, spec["step"]) if locality and locality.home_page else None
            if step is None:
                continue
            fields = {
                "title": spec["title"],
                "summary": spec["summary"],
                "resource_type": spec["type"],
                "tiers": spec["tiers"],
                "date": datetime.date(2024, 9, 1),
                "document": None,
            }
            if "pdf" in spec:
                fields["document"] = self.document(
                    spec["title"],
                    f"{spec['slug']}.pdf",
                    make_pdf(spec["title"], [content.SAMPLE_NOTICE, *spec["pdf"]]),
                    collection=locality.collection,
                )
            self.get_or_create(ResourcePageFactory, step, spec["slug"], **fields)

    def localities(self, home):

        if child_with_slug(home, "toolkits") is None:
            index = home.add_child(
                instance=LocalityIndexPage(
                    title="Local toolkits",
                    slug="toolkits",
                    show_in_menus=True,
                    introduction=f"<p>Toolkits from areas that built a contextual system. {content.SAMPLE_NOTICE}</p>",
                )
            )
            index.save_revision().publish()
            self.created += 1

        for spec in content.LOCALITIES:
            locality = Locality.objects.filter(slug=spec["slug"]).first()
            if locality is None:
                locality = ProvisionLocality(
                    user=None, name=spec["name"], slug=spec["slug"], nation=spec["nation"], region=spec["region"],
                    hostname=spec["hostname"], profile=spec["profile"], skip_permission_checks=True,
                ).execute()  # fmt: skip
                self.created += 1
                locality_home = locality.home_page
                locality_home.introduction = (
                    f"<p>How {spec['name']} built its Contextual Safeguarding system. {content.SAMPLE_NOTICE}</p>"
                )
                locality_home.save_revision().publish()
                for step_slug, text in spec["guidance"].items():
                    step = locality_home.get_children().filter(slug=step_slug).specific().first()
                    step.body = sample_body([text])
                    step.save_revision().publish()
                    self.get_or_create(
                        ResourcePageFactory,
                        step,
                        f"{spec['slug']}-{step_slug}-tip",
                        title=f"{spec['name']} tip: {step.title} (sample)",
                        resource_type="tip",
                        tiers="two",
                        summary=f"What {spec['name']} learned about this step. Sample content.",
                    )
        self.adapted_example()

    def adapted_example(self):
        """Bristol's Principles page adapted, with a local paragraph, and a
        national update published after it: the drift notice, badge,
        dashboard panel and report all have something to show. Only done the
        first time (never redone after an editor goes back to national)."""

        bristol = Locality.objects.filter(slug="bristol").select_related("home_page").first()
        page = InheritedPage.objects.child_of(bristol.home_page).filter(slug="principles").first() if bristol else None
        if page is None or page.is_adapted or PageLogEntry.objects.filter(page=page, action="sites.adapt").exists():
            return
        page = AdaptNationalPage(user=None, page=page, skip_permission_checks=True).execute()
        page.body.append(("paragraph", RichText(f"<p>In Bristol, {content.ADAPTED_LOCAL_TEXT}</p>")))
        page.save_revision().publish()
        national = NationalPage.objects.get(pk=page.adapted_from_id)
        national.body.append(("paragraph", RichText(f"<p>{content.NATIONAL_UPDATE_TEXT}</p>")))
        national.save_revision().publish()
        self.created += 1

    def step_resources(self, step, number):
        for kind, label, tiers in content.RESOURCE_KINDS:
            title = f"{label}: {step.title} (sample)"
            fields = {
                "title": title,
                "summary": f"A sample {label.lower()} for the {step.title.lower()} step. Sample content.",
                "resource_type": kind,
                "tiers": tiers,
                "date": datetime.date(2023, number, 10 + len(kind)),
            }
            if kind == ResourceType.DOCUMENT:
                fields["document"] = self.document(
                    title,
                    f"{step.slug}-guide.pdf",
                    make_pdf(title, [content.SAMPLE_NOTICE, fields["summary"]]),
                )
            elif kind == ResourceType.VIDEO:
                fields["media_url"] = "https://vimeo.com/76979871"
                fields["transcript"] = "<p>Speaker: This sample video shows how one team approached this step.</p>"
            elif kind == ResourceType.PODCAST:
                fields["document"] = self.document(title, f"{step.slug}-podcast.mp3", silent_mp3())
                fields["transcript"] = "<p>Host: In this sample episode, two practitioners talk about this step.</p>"
            elif kind == ResourceType.TIP:
                fields["summary"] = (
                    "Start with a map of where young people in your area spend their time. Sample content."
                )
            elif kind == ResourceType.LINK:
                fields["external_url"] = "https://www.example.org/contextual-safeguarding-research"
            self.get_or_create(ResourcePageFactory, step, f"{step.slug}-{kind}", **fields)

    def make_default_site(self, home, root):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Contextual Safeguarding Toolkit",
            )
            return
        if site.root_page_id != home.pk:
            previous = site.root_page
            site.root_page = home
            site.site_name = "Contextual Safeguarding Toolkit"
            site.save()
            # Wagtail's migrations make a placeholder "Welcome" page; remove it once replaced.
            if type(previous.specific) is Page and previous.depth == 2 and not previous.get_children().exists():
                previous.delete()

    def welsh_pages(self, home):
        welsh, _ = Locale.objects.get_or_create(language_code="cy")
        welsh_home = ToolkitHomePage.objects.filter(locale=welsh, translation_key=home.translation_key).first()
        if welsh_home is None:
            welsh_home = home.copy_for_translation(welsh)
            welsh_home.title = "Pecyn Cymorth Gweithredu Diogelu Cyd-destunol"
            welsh_home.introduction = (
                "<p>Gall pobl ifanc gael eu niweidio mewn mannau y tu hwnt i'w teuluoedd. "
                "Mae'r pecyn cymorth hwn yn dangos sut mae ardaloedd wedi ymateb.</p>"
                "<p>Cynnwys enghreifftiol yw hwn, nid canllawiau swyddogol.</p>"
            )
            welsh_home.save_revision().publish()
            self.created += 1
        principles = NationalPage.objects.filter(locale=home.locale, slug="principles").child_of(home).first()
        if principles is None:
            return
        if not NationalPage.objects.filter(locale=welsh, translation_key=principles.translation_key).exists():
            welsh_principles = principles.copy_for_translation(welsh)
            welsh_principles.title = "Egwyddorion"
            welsh_principles.summary = "Yr egwyddorion sy'n llywio ymateb cyd-destunol i niwed y tu allan i'r cartref."
            welsh_principles.body = [
                (
                    "callout",
                    {
                        "style": "info",
                        "title": "Cynnwys enghreifftiol",
                        "text": RichText("<p>Cynnwys enghreifftiol yw hwn, nid canllawiau swyddogol.</p>"),
                    },
                ),
                ("paragraph", RichText("<p>Mae system gyd-destunol yn targedu amodau cymdeithasol camdriniaeth.</p>")),
            ]
            welsh_principles.save_revision().publish()
            self.created += 1


def load_demo_toolkit(log=print) -> DemoLoader:
    loader = DemoLoader(log=log)
    loader.run()
    return loader
