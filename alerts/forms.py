from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AlertPreference, SubscriptionFrequency


class SubscribeForm(forms.Form):
    """A visitor's address and how often to hear. Django's EmailField refuses
    newlines and anything longer than 254 characters, so an address can never
    carry a header into an email."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address like name@example.org."),
            "required": _("Enter your email address."),
            "max_length": _("An email address is at most 254 characters: check the one you entered."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often do you want emails?"),
        choices=SubscriptionFrequency.choices,
        initial=SubscriptionFrequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often you want emails."),
            "invalid_choice": _("Choose one of the options."),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AlertPreferenceForm(forms.ModelForm):
    class Meta:
        model = AlertPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
