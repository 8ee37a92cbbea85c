"""Model field shapes shared by every app's models.

Here, at the bottom of the dependency direction, because every app may
import `siteinfo` and none of it depends on anything above.
"""

from django.db import models


def optional_link(to, *, on_delete=models.SET_NULL, related_name="+", **options):
    """A foreign key a row may lack (empty in forms and in the database).

    By default the link is cleared when its target goes and is not followed
    backwards; pass ``on_delete=models.PROTECT`` where losing the target
    would lose meaning. It is a plain ``ForeignKey``, so migrations see no
    difference.
    """
    return models.ForeignKey(to, null=True, blank=True, on_delete=on_delete, related_name=related_name, **options)


def system_link(to, related_name, help_text):
    """An optional link the code sets and editors never edit, whose target
    cannot be deleted while something links to it (e.g. a locality's copy to
    the national page it came from)."""
    return optional_link(to, on_delete=models.PROTECT, related_name=related_name, editable=False, help_text=help_text)
