from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .fields import optional_link


@register_setting(icon="list-ul")
class FooterSettings(BaseGenericSetting):
    """The footer's links on every public page. One for the whole platform
    (localities share it), changed by the national team (Settings → Footer)."""

    accessibility_page = optional_link(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        help_text=_("The page that says how accessible the site is and how to report a problem."),
    )
    privacy_page = optional_link(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        help_text=_("The page that says what the site keeps: audits, download counts, cookies."),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Where visitors write with questions or problems.")
    )
    about_text = models.CharField(
        _("about the toolkit"),
        max_length=300,
        blank=True,
        default="The Contextual Safeguarding Implementation Toolkit: what each area learned, "
        "published so that others can build on it.",
        help_text=_("One sentence shown at the foot of every page."),
    )

    panels = [
        FieldPanel("about_text"),
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("privacy_page"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("footer")
