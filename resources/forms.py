"""Server-side fences on what an editor's page may reference."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.permissions import policy_registry

from history.forms import ChangeNoteFormMixin


def _references(instance):
    # Wagtail has no public way to list the references of an object that is not
    # saved yet (the form's instance); ReferenceIndex.create_or_update_for_object
    # uses this classmethod for exactly that, and the fence tests in
    # tests/sites/test_permissions.py fail if its behaviour changes.
    return set(ReferenceIndex._extract_references_from_object(instance))


class ScopedReferencesPageForm(ChangeNoteFormMixin, WagtailAdminPageForm):
    """Refuses new references to documents and images the editor may not choose.

    (With ``ChangeNoteFormMixin``: the public change note asked on publish.)

    Choosers only list the editor's own collections, but a crafted POST (a
    document id in a chooser field, a rich text link, a StreamField block)
    would otherwise link another collection's file. References already on
    the page are left alone, so a national link added by the national team
    does not block a locality editor's next edit.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._initial_references = _references(self.instance) if self.instance.pk else set()

    def _post_clean(self):
        super()._post_clean()
        user = self.for_user
        if user is None or user.is_superuser:
            return
        document_policy = policy_registry.get_by_type(get_document_model())
        image_policy = policy_registry.get_by_type(get_image_model())
        policies = {
            ContentType.objects.get_for_model(get_document_model()).pk: (get_document_model(), document_policy),
            ContentType.objects.get_for_model(get_image_model()).pk: (get_image_model(), image_policy),
        }
        wanted = defaultdict(dict)
        for content_type_id, object_id, model_path, _content_path in (
            _references(self.instance) - self._initial_references
        ):
            if content_type_id in policies:
                wanted[content_type_id][object_id] = model_path.split(".", 1)[0]
        for content_type_id, ids in wanted.items():
            model, policy = policies[content_type_id]
            allowed = {
                str(pk)
                for pk in policy.instances_user_has_permission_for(user, "choose")
                .filter(pk__in=[i for i in ids if i.isdigit()])
                .values_list("pk", flat=True)
            }
            for object_id, field_name in ids.items():
                if object_id not in allowed:
                    label = model._meta.verbose_name
                    message = f"You cannot use {label} {object_id} here: it is not in a collection you can choose from."
                    self.add_error(field_name if field_name in self.fields else None, message)
                    self._forget_posted_id(field_name, object_id)

    def _forget_posted_id(self, field_name, object_id):
        """Blank the refused id in the posted data, so the re-rendered chooser
        does not show the title of a document or image the editor may not see."""
        prefix = self.add_prefix(field_name)
        data = self.data.copy()
        for key in list(data):
            if (key == prefix or key.startswith(prefix + "-")) and data.get(key) == object_id:
                data[key] = ""
        self.data = data
