"""The Localities menu of the admin: adding a locality runs the provisioning
action, deleting one runs the deletion action."""

from django.core.exceptions import ValidationError

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, SnippetViewSet

from .models import Locality
from .provisioning import DeleteLocality, ProvisionLocality


class LocalityCreateView(CreateView):
    """Adding a locality provisions its whole toolkit in one transaction."""

    def save_instance(self):
        data = self.form.cleaned_data
        profile = {key: data[key] for key in ("population", "geography", "partnership", "operating_model", "status")}
        action = ProvisionLocality.from_fields(data, user=self.request.user, profile=profile)
        return action.execute()

    def form_valid(self, form):
        self.form = form
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, field_errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)


class LocalityDeleteView(DeleteView):
    """Deleting removes the locality's tree, collection and groups through the action."""

    def delete_action(self):
        DeleteLocality(user=self.request.user, locality=self.object, confirmation=self.object.slug).execute()


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = "Localities"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "nation", "region", "status"]
    list_filter = ["nation", "status"]
    search_fields = ["name", "region"]
    add_view_class = LocalityCreateView
    delete_view_class = LocalityDeleteView


register_snippet(LocalityViewSet)


@hooks.register("register_log_actions")
def register_locality_log_actions(actions):
    actions.register_action("sites.provision", "Provision locality", "Provisioned locality")
    actions.register_action("sites.archive", "Archive locality", "Archived locality")
    actions.register_action("sites.restore", "Restore locality", "Restored locality")
    actions.register_action("sites.delete", "Delete locality", "Deleted locality")
