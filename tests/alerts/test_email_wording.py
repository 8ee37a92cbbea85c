"""Email wording comes from the Welsh message catalogue, like the rest of the interface."""

from pathlib import Path

from django.conf import settings

import polib

from alerts.wording import PHRASES, words


def test_every_email_phrase_has_its_welsh_in_the_catalogue():
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES" / "django.po"))
    welsh_of = {entry.msgid: entry.msgstr for entry in catalogue if entry.msgctxt == "alert email"}
    english, welsh = words("en"), words("cy")
    assert set(welsh_of) == set(english.values())
    for key in PHRASES:
        assert welsh[key] == welsh_of[english[key]], key
        assert welsh[key] != english[key], key
    assert welsh["confirm_subject"].format(toolkit="pecyn cymorth Abertawe").startswith("Cadarnhewch")
