"""Admin wiring for localities: the Localities menu (adding one runs the
provisioning action), the fences around inherited pages and locality homes,
and choosers that stay inside the editor's locality."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, SnippetViewSet

from .models import InheritedPage, Locality, LocalityHomePage, is_national_team
from .provisioning import DeleteLocality, ProvisionLocality, localities_for_user


class LocalityCreateView(CreateView):
    """Adding a locality provisions its whole toolkit in one transaction."""

    def save_instance(self):
        data = self.form.cleaned_data
        profile = {key: data[key] for key in ("population", "geography", "partnership", "operating_model", "status")}
        action = ProvisionLocality(
            user=self.request.user,
            name=data["name"],
            slug=data["slug"],
            nation=data["nation"],
            region=data["region"],
            hostname=data["hostname"],
            profile=profile,
        )
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


def _refuse(request, page, what):
    messages.error(
        request,
        f"“{page.title}” is inherited from the national toolkit and cannot be {what} here. "
        "Its content changes when the national team publishes the national page.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().id)


def _is_protected(request, page):
    """Inherited pages and locality homes are fenced for everyone but superusers."""
    if is_national_team(request.user):
        return False
    return page.specific_class in (InheritedPage, LocalityHomePage)


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "deleted")


@hooks.register("before_move_page")
def refuse_move(request, page, destination):
    if _is_protected(request, page):
        return _refuse(request, page, "moved")


@hooks.register("before_unpublish_page")
def refuse_unpublish(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "unpublished")


@hooks.register("before_copy_page")
def refuse_copy(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "copied")


@hooks.register("before_edit_page")
def refuse_edit_of_inherited(request, page):
    if page.specific_class is InheritedPage and not is_national_team(request.user) and request.method == "POST":
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def choosers_stay_in_the_editors_locality(pages, request):
    """Locality editors choose from their own tree and live national pages;
    other localities' pages (and their draft titles) are never listed."""
    user = request.user
    if is_national_team(user):
        return pages
    own = [locality.home_page for locality in localities_for_user(user).select_related("home_page")]
    locality_homes = LocalityHomePage.objects.all()
    allowed = Page.objects.none()
    for home in own:
        if home is not None:
            allowed = allowed | Page.objects.descendant_of(home, inclusive=True)
    national = Page.objects.live()
    for other in locality_homes:
        national = national.not_descendant_of(other, inclusive=True)
    return pages.filter(pk__in=allowed.values("pk")) | pages.filter(pk__in=national.values("pk"))
