"""Sample audits for the demo toolkit: the self-assessment and the system
review under the national Audit page, linked from its body.

Called by ``sites.demo`` (``manage.py load_demo_data``). Idempotent: pages
are looked up by slug and created only when missing; the Audit page's body
gets its links once.
"""

from wagtail.rich_text import RichText

from home.models import NationalPage
from resources.models import ResourcePage, StepPage

from .factories import AuditPageFactory, audit_item, audit_section

REFERRALS = "referrals-and-screening"
ASSESSMENT = "assessment"
PLANNING = "planning-and-review"
SUPPORT = "support-help-and-intervention"
MONITORING = "monitoring-and-evaluation"
POLICY = "policy-strategic-engagement-training-and-commissioning"

# (section title, introduction, [(kind, text, step slug or None)])
SELF_ASSESSMENT = [
    (
        "Governance",
        "Who leads the response to harm outside the home, and where decisions are made.",
        [
            ("checklist", "A named senior lead is responsible for the response to harm outside the home.", POLICY),
            ("checklist", "A multi-agency group oversees work with parks, schools and other contexts.", POLICY),
            ("statement", "Partners outside children's social care share decisions about contexts.", PLANNING),
        ],
    ),
    (
        "Strategic documents",
        "Whether your strategies, policies and procedures recognise harm beyond families.",
        [
            ("checklist", "The safeguarding partnership's strategy names extra-familial harm.", POLICY),
            ("statement", "Procedures say how to refer, assess and plan for a context, not only a child.", REFERRALS),
        ],
    ),
    (
        "Observations of practice",
        "What you see when you watch meetings, read case files and sit with teams.",
        [
            ("statement", "Assessments describe the peers, schools and places in a young person's life.", ASSESSMENT),
            ("statement", "Plans include actions for the places where harm happens.", PLANNING),
            ("checklist", "Screening records the contexts named in a referral.", REFERRALS),
        ],
    ),
    (
        "Engagement with young people and practitioners",
        "How you listen to the people who know the contexts best.",
        [
            ("statement", "Young people's views shape how contexts are assessed and made safer.", SUPPORT),
            ("checklist", "Practitioners have been asked what helps and hinders work with contexts.", MONITORING),
        ],
    ),
    (
        "Dissemination",
        "How learning travels across the partnership.",
        [
            ("checklist", "Training on contextual safeguarding is open to partners beyond social care.", POLICY),
            ("statement", "Practitioners know where to find the toolkit and local guidance.", None),
        ],
    ),
    (
        "Action planning",
        "Turning what the audit shows into a plan.",
        [
            ("checklist", "There is an action plan with owners and dates for the areas rated red.", MONITORING),
            ("statement", "The partnership reviews progress against the plan at least twice a year.", MONITORING),
        ],
    ),
]

SYSTEM_REVIEW = {
    REFERRALS: [
        "Referrals about a place or a group can be made and are recorded.",
        "Screening decisions consider the contexts named in a referral.",
    ],
    ASSESSMENT: [
        "Assessments of young people include peer, school and neighbourhood factors.",
        "Contexts are assessed with the partners who manage them.",
    ],
    PLANNING: [
        "Plans for contexts have named owners and review dates.",
        "Meetings about contexts include partners from outside social care.",
    ],
    SUPPORT: [
        "Interventions aim to change contexts, not only young people's behaviour.",
        "Young people and families are offered support that reaches beyond the home.",
    ],
    MONITORING: [
        "Success is measured by whether contexts become safer.",
        "Learning from reviews changes practice.",
    ],
    POLICY: [
        "Commissioned services can work with contexts.",
        "Training reaches every partner who manages a context.",
    ],
}

LINK_MARKER = "Take the interactive audit"


def load_demo_audits(home, sample_notice: str) -> int:
    """Create the two sample audits under the national Audit page; returns how many pages were made."""
    national_audit = NationalPage.objects.child_of(home).filter(slug="audit").first()
    if national_audit is None:
        return 0
    steps = {step.slug: step for step in StepPage.objects.child_of(home)}
    created = 0

    def resources_for(step):
        if step is None:
            return []
        return list(ResourcePage.objects.child_of(step).filter(resource_type__in=["document", "tip"]).order_by("slug"))

    def existing(slug):
        return national_audit.get_children().filter(slug=slug).specific().first()

    self_assessment = existing("self-assessment")
    if self_assessment is None:
        sections = []
        for title, introduction, items in SELF_ASSESSMENT:
            section_items = []
            for kind, text, step_slug in items:
                step = steps.get(step_slug)
                section_items.append(audit_item(text, kind=kind, step=step, resources=resources_for(step)[:1]))
            sections.append(audit_section(title, section_items, introduction=introduction))
        self_assessment = AuditPageFactory(
            parent=national_audit,
            title="Self-assessment audit",
            slug="self-assessment",
            summary="Rate your current response to harm outside the home, section by section.",
            introduction=(
                "<p>Work through each section with colleagues from across the partnership. Rate each "
                "checklist item and statement red, amber or green, and add notes on the evidence.</p>"
                f"<p>{sample_notice}</p>"
            ),
            sections=sections,
        )
        created += 1

    system_review = existing("system-review")
    if system_review is None:
        sections = []
        for step_slug, statements in SYSTEM_REVIEW.items():
            step = steps.get(step_slug)
            if step is None:
                continue
            items = [audit_item(text, kind="statement", resources=resources_for(step)[:1]) for text in statements]
            sections.append(audit_section(step.title, items, introduction=step.summary, step=step))
        system_review = AuditPageFactory(
            parent=national_audit,
            title="System review (traffic-light) tool",
            slug="system-review",
            summary="Rate each toolkit step of your system red, amber or green.",
            introduction=(
                "<p>For each step of the toolkit, rate how well each statement describes your system "
                f"today.</p><p>{sample_notice}</p>"
            ),
            sections=sections,
        )
        created += 1

    body = national_audit.body
    if LINK_MARKER not in str(body.raw_data):
        body.append(
            (
                "paragraph",
                RichText(
                    f"<h3>{LINK_MARKER}</h3><ul>"
                    f'<li><a linktype="page" id="{self_assessment.pk}">Self-assessment audit</a>: '
                    "rate governance, strategy, practice, engagement, dissemination and action planning.</li>"
                    f'<li><a linktype="page" id="{system_review.pk}">System review (traffic-light) tool</a>: '
                    "rate each toolkit step.</li></ul>"
                    "<p>No account is needed and no personal data is asked for. Answers are saved as you go, "
                    "and you can download a PDF or CSV report.</p>"
                ),
            )
        )
        national_audit.body = body
        national_audit.save_revision().publish()
    return created
