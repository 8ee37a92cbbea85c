"""What visitors' emails say, in English and Welsh.

Why a table rather than gettext: the project has no translation catalogue
yet (its public pages are translated as Wagtail pages), and emails are the
one place where interface text must be Welsh for Welsh subscribers. One table
keeps every phrase side by side for a translator to review; templates read
``words.<key>``. Welsh phrases should be checked by a Welsh speaker before launch.
"""

WORDING = {
    "en": {
        "toolkit_name": "Contextual Safeguarding Toolkit",
        "national_toolkit": "the national toolkit",
        "locality_toolkit": "{name}'s toolkit",
        "confirm_subject": "Confirm your email updates from {toolkit}",
        "confirm_intro": "Someone, hopefully you, asked for email updates about changes to {toolkit}.",
        "confirm_action": "Confirm your subscription",
        "confirm_expiry": "This link works for {days} days. If you did not ask for this, ignore this email: "
        "nothing will be sent and your address will be deleted.",
        "already_subject": "You already get email updates from {toolkit}",
        "already_intro": "Someone asked to subscribe this address to {toolkit}. "
        "It is already subscribed, so nothing has changed.",
        "digest_subject": "Changes to {toolkit}",
        "digest_intro": "These major changes were published in {toolkit}:",
        "kind_new": "New page",
        "kind_updated": "Updated",
        "kind_unpublished": "Removed",
        "national_guidance": "National guidance",
        "read_page": "Read the page",
        "frequency_immediately": "as soon as a change is published",
        "frequency_daily": "once a day",
        "frequency_weekly": "once a week",
        "why": "You get these emails {frequency} because you subscribed to {toolkit}.",
        "unsubscribe": "Unsubscribe",
        "unsubscribe_text": "Unsubscribe from these emails",
        "privacy": "We keep only your email address and what you follow. "
        "It is deleted as soon as you unsubscribe from everything.",
    },
    "cy": {
        "toolkit_name": "Pecyn Cymorth Diogelu Cyd-destunol",
        "national_toolkit": "y pecyn cymorth cenedlaethol",
        "locality_toolkit": "pecyn cymorth {name}",
        "confirm_subject": "Cadarnhewch eich diweddariadau e-bost gan {toolkit}",
        "confirm_intro": "Gofynnodd rhywun, chi gobeithio, am ddiweddariadau e-bost am newidiadau i {toolkit}.",
        "confirm_action": "Cadarnhewch eich tanysgrifiad",
        "confirm_expiry": "Mae'r ddolen hon yn gweithio am {days} diwrnod. Os na wnaethoch ofyn am hyn, "
        "anwybyddwch yr e-bost hwn: ni fydd dim yn cael ei anfon a bydd eich cyfeiriad yn cael ei ddileu.",
        "already_subject": "Rydych eisoes yn cael diweddariadau e-bost gan {toolkit}",
        "already_intro": "Gofynnodd rhywun am danysgrifio'r cyfeiriad hwn i {toolkit}. "
        "Mae eisoes wedi tanysgrifio, felly nid oes dim wedi newid.",
        "digest_subject": "Newidiadau i {toolkit}",
        "digest_intro": "Cyhoeddwyd y newidiadau mawr hyn yn {toolkit}:",
        "kind_new": "Tudalen newydd",
        "kind_updated": "Diweddarwyd",
        "kind_unpublished": "Tynnwyd",
        "national_guidance": "Canllawiau cenedlaethol",
        "read_page": "Darllenwch y dudalen",
        "frequency_immediately": "cyn gynted ag y cyhoeddir newid",
        "frequency_daily": "unwaith y dydd",
        "frequency_weekly": "unwaith yr wythnos",
        "why": "Rydych yn cael yr e-byst hyn {frequency} oherwydd i chi danysgrifio i {toolkit}.",
        "unsubscribe": "Dad-danysgrifio",
        "unsubscribe_text": "Dad-danysgrifio o'r e-byst hyn",
        "privacy": "Dim ond eich cyfeiriad e-bost a'r hyn rydych yn ei ddilyn rydym yn ei gadw. "
        "Caiff ei ddileu cyn gynted ag y byddwch yn dad-danysgrifio o bopeth.",
    },
}


def words(language: str) -> dict:
    return WORDING.get(language, WORDING["en"])


def toolkit_label(locality, language: str) -> str:
    table = words(language)
    if locality is None:
        return table["national_toolkit"]
    return table["locality_toolkit"].format(name=locality.name)
