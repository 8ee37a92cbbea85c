"""Original sample text for the demo toolkit. Every page says it is sample content."""

SAMPLE_NOTICE = "This is sample content for trying out the toolkit platform. It is not official guidance."

HOME = {
    "title": "Contextual Safeguarding Implementation Toolkit",
    "introduction": (
        "<p>Young people can be harmed in places beyond their families: among peers, at school, "
        "in neighbourhoods and online. This toolkit shows how areas have built safeguarding systems "
        "that respond to those contexts, step by step, so that others can learn from them.</p>"
        f"<p>{SAMPLE_NOTICE}</p>"
    ),
    "video_url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "video_title": "An overview of the toolkit (sample video)",
    "video_transcript": (
        "<p>Narrator: Welcome to the toolkit. In the next few minutes we look at why harm outside "
        "the home needs a response that reaches beyond the family, and how the six steps of the "
        "toolkit help you build one.</p><p>[Music plays]</p>"
        "<p>Narrator: Each step has guidance for work with individual young people and for work "
        "with the places and groups where harm happens.</p>"
    ),
}

NATIONAL_PAGES = [
    {
        "title": "Principles",
        "slug": "principles",
        "summary": "The four principles that shape a contextual response to harm outside the home.",
        "paragraphs": [
            "A contextual system targets the social conditions of abuse, not only the behaviour of "
            "individual young people and their families.",
            "It brings extra-familial contexts into child protection frameworks, builds partnerships "
            "with the people who manage those contexts, and measures success by whether contexts "
            "become safer.",
        ],
        "quote": (
            "We stopped asking only who is at risk, and started asking where, and why there.",
            "A practitioner (sample quote)",
        ),
    },
    {
        "title": "Tiers",
        "slug": "tiers",
        "summary": "Tier 1 works with individual children and families; Tier 2 with the contexts where harm happens.",
        "paragraphs": [
            "Tier 1 changes how practitioners work with individual young people and their families, "
            "so that assessments and plans take account of peers, schools and neighbourhoods.",
            "Tier 2 assesses and plans for the contexts themselves: a park, a school corridor, a "
            "group of friends, an online space.",
        ],
    },
    {
        "title": "Legal framework",
        "slug": "legal-framework",
        "summary": "How statutory guidance and legislation support a contextual approach.",
        "paragraphs": [
            "Statutory safeguarding guidance in each nation recognises that harm can occur outside "
            "the family. This page summarises the duties and powers that support work with contexts.",
            "Always check the current legislation and guidance that applies in your nation.",
        ],
    },
    {
        "title": "Key partners",
        "slug": "key-partners",
        "summary": "The people and organisations who manage the places where young people spend time.",
        "paragraphs": [
            "Schools, youth services, community safety teams, transport providers, retailers, "
            "park wardens and residents all shape the contexts where young people spend their time.",
            "A contextual system brings them into assessment and planning as partners.",
        ],
    },
    {
        "title": "Audit",
        "slug": "audit",
        "summary": "Assess how your current system responds to harm outside the home before you begin.",
        "paragraphs": [
            "Before building a contextual system, review your current response: governance, "
            "strategic documents, practice, and how you listen to young people and practitioners.",
            "The interactive self-assessment will let you rate each area and download a report.",
        ],
    },
]

STEPS = [
    {
        "title": "Referrals and screening",
        "slug": "referrals-and-screening",
        "summary": "Recognising and recording referrals about contexts as well as individuals.",
        "both": "Referral pathways should capture information about where harm is happening, not only who is harmed.",
        "one": "When screening a referral about a young person, record the peer groups, schools and "
        "places named in it.",
        "two": "Create a route for referring a context, such as a park or a school, for assessment.",
        "section": (
            "MASH resources",
            "mash-resources",
            "How a multi-agency safeguarding hub can screen referrals about contexts.",
        ),
    },
    {
        "title": "Assessment",
        "slug": "assessment",
        "summary": "Assessing young people in context, and assessing the contexts themselves.",
        "both": "Good assessments describe the relationships between young people and the places "
        "where they spend time.",
        "one": "Include peer and neighbourhood factors in single assessments.",
        "two": "Use context assessments with partners who know the place: what makes it unsafe, "
        "and what would make it safer.",
    },
    {
        "title": "Planning and review",
        "slug": "planning-and-review",
        "summary": "Plans that change contexts, reviewed with the partners who manage them.",
        "both": "Plans should name actions for the contexts as well as for individuals.",
        "one": "Child protection and child in need plans can include actions for schools and peers.",
        "two": "Context plans are owned by a multi-agency group and reviewed on a set cycle.",
    },
    {
        "title": "Support, help and intervention",
        "slug": "support-help-and-intervention",
        "summary": "Interventions that reach peer groups, schools and neighbourhoods.",
        "both": "Interventions should make contexts safer, not only move young people away from them.",
        "one": "Work with a young person's friendship group, not only with the young person.",
        "two": "Detached youth work, guardianship of public spaces and school climate work.",
    },
    {
        "title": "Monitoring and evaluation",
        "slug": "monitoring-and-evaluation",
        "summary": "Knowing whether contexts are becoming safer.",
        "both": "Measure changes in contexts as well as outcomes for individuals.",
        "one": "Record whether individual plans included contextual actions.",
        "two": "Track whether assessed contexts are reviewed and whether risk reduces.",
    },
    {
        "title": "Policy, strategic engagement, training and commissioning",
        "slug": "policy-strategic-engagement-training-and-commissioning",
        "summary": "Embedding the approach in policy, partnerships, training and commissioning.",
        "both": "A contextual system needs strategic ownership across the safeguarding partnership.",
        "one": "Train practitioners to assess and plan with contexts in mind.",
        "two": "Commission services that can work in public spaces and with groups.",
    },
]

RESOURCE_KINDS = [
    ("document", "Practice guide", "one"),
    ("video", "Practitioner video", "two"),
    ("podcast", "Podcast episode", "both"),
    ("tip", "Practice tip", "both"),
    ("link", "Research briefing", "two"),
]

LOCALITIES = [
    {
        "name": "Hackney",
        "slug": "hackney",
        "nation": "england",
        "region": "London",
        "hostname": "hackney.localhost",
        "profile": {
            "population": 260000,
            "geography": "urban",
            "partnership": "A sample partnership of the council, police, health and schools. Sample content.",
            "operating_model": "Context conferences alongside child protection conferences. Sample content.",
        },
        "guidance": {
            "referrals-and-screening": "Our front door records the places named in every referral. Sample content.",
            "assessment": "We assess parks and estates with the partners who manage them. Sample content.",
        },
    },
    {
        "name": "Bristol",
        "slug": "bristol",
        "nation": "england",
        "region": "South West",
        "hostname": "",
        "profile": {
            "population": 470000,
            "geography": "mixed",
            "partnership": "A sample multi-agency partnership across the city. Sample content.",
            "operating_model": "A contextual safeguarding hub linked to the MASH. Sample content.",
        },
        "guidance": {
            "referrals-and-screening": "Referrals about places go to a weekly context panel. Sample content.",
        },
    },
]

LOCALITIES.append(
    {
        "name": "Swansea",
        "slug": "swansea",
        "nation": "wales",
        "region": "South West Wales",
        "hostname": "",
        "profile": {
            "population": 240000,
            "geography": "coastal",
            "partnership": "A sample regional safeguarding board partnership. Sample content.",
            "operating_model": "Contextual planning meetings within the existing strategy meetings. Sample content.",
        },
        "guidance": {
            "assessment": "We added peer and place questions to our assessment framework. Sample content.",
            "support-help-and-intervention": "Detached youth workers joined our context plans. Sample content.",
        },
    }
)

# Resource library: local resources whose PDFs hold phrases a visitor can search
# for ("safe routes walkabout" appears only inside the Hackney PDF), Hackney's
# Tier 2 assessment resources, and Hackney's and Bristol's referral approaches.
LIBRARY_RESOURCES = [
    {
        "locality": "hackney",
        "step": "assessment",
        "slug": "hackney-context-assessment-template",
        "title": "Context assessment template (Hackney, sample)",
        "type": "document",
        "tiers": "two",
        "summary": "The form Hackney uses to assess a park, an estate or a school with its partners. Sample content.",
        "pdf": [
            "Section 3: the safe routes walkabout. Walk the routes young people use at the times they use them, "
            "with the partners who manage those places, and record what makes each route feel unsafe.",
        ],
    },
    {
        "locality": "hackney",
        "step": "assessment",
        "slug": "hackney-peer-group-mapping",
        "title": "Peer group mapping guide (Hackney, sample)",
        "type": "document",
        "tiers": "two",
        "summary": "How Hackney maps peer groups without labelling young people. Sample content.",
        "pdf": ["Draw the group's places and relationships, not a list of names."],
    },
    {
        "locality": "hackney",
        "step": "assessment",
        "slug": "hackney-family-assessment-prompts",
        "title": "Family assessment prompts (Hackney, sample)",
        "type": "document",
        "tiers": "one",
        "summary": "Questions about peers and places for single assessments. Sample content.",
        "pdf": ["Ask where the young person feels safe, and where they do not."],
    },
    {
        "locality": "hackney",
        "step": "referrals-and-screening",
        "slug": "hackney-front-door-screening-guide",
        "title": "Front door screening guide (Hackney, sample)",
        "type": "document",
        "tiers": "both",
        "summary": "How Hackney's front door records the places named in referrals. Sample content.",
        "pdf": ["Every referral names at least one place: record it in the place field."],
    },
    {
        "locality": "bristol",
        "step": "referrals-and-screening",
        "slug": "bristol-context-referral-form",
        "title": "Context referral form (Bristol, sample)",
        "type": "document",
        "tiers": "two",
        "summary": "How partners refer a place or a group to Bristol's weekly context panel. Sample content.",
        "pdf": ["Describe the place, the times of concern and who manages it."],
    },
    {
        "locality": "bristol",
        "step": "referrals-and-screening",
        "slug": "bristol-referral-tip",
        "title": "Ask the referrer where, not only who (Bristol, sample)",
        "type": "tip",
        "tiers": "both",
        "summary": "When a referral names a young person, ask the referrer where the harm happens. Sample content.",
    },
]

# Adapt and drift: Bristol's adapted Principles page and the national update after it.
ADAPTED_LOCAL_TEXT = "the partnership reviews every location of concern together each month. Sample content."
NATIONAL_UPDATE_TEXT = (
    "Updated national guidance: record the places and peer groups you assessed, not only the young people. "
    "Sample content."
)

# Public history demo: changes published, with notes, to Hackney's Assessment step.
HISTORY_CHANGES = [
    (
        "Added the contextual screening questions we ask at the front door",
        "At the front door we now ask where the harm happens: which places, which groups, which times. Sample content.",
    ),
    (
        "Named the weekly panel that reviews contexts",
        "A weekly context panel (police, schools, youth services) reviews every context assessment. Sample content.",
    ),
]
