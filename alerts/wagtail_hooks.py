"""Admin wiring: each editor's alert frequency, under Account → Notifications
(Wagtail's own account settings, beside its moderation notifications)."""

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from .forms import AlertPreferenceForm
from .models import AlertPreference


class NationalChangeAlertsPanel(BaseSettingsPanel):
    name = "national_change_alerts"
    title = "National guidance changes"
    tab = notifications_tab
    order = 200
    form_class = AlertPreferenceForm

    def get_form(self):
        instance = AlertPreference.objects.filter(user=self.user).first() or AlertPreference(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


@hooks.register("register_account_settings_panel")
def national_change_alerts_panel(request, user, profile):
    return NationalChangeAlertsPanel(request, user, profile)
