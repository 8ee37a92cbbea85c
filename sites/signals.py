"""Keep inherited pages in step with national publishing, at a flat cost.

A national page's content is read live by its mirrors, so a publish needs no
copying. Only three things reach the mirror rows: a national page published
for the first time gets a mirror in every locality (in a background task),
and title, slug and live state follow the national page in one UPDATE.
"""

from django.db import transaction
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from django_tasks import task

from home.models import NationalPage

from .models import InheritedPage


@task()
def add_missing_inherited_pages(page_id: int):
    from .provisioning import sync_inherited_pages

    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        sync_inherited_pages(page)


@receiver(page_published)
def national_page_published(sender, instance, **kwargs):
    if not isinstance(instance, NationalPage):
        return
    mirrors = InheritedPage.objects.filter(source=instance)
    mirrors.filter(live=False).update(live=True)
    if mirrors.exclude(title=instance.title).exists():
        mirrors.update(title=instance.title, draft_title=instance.title)
    for mirror in mirrors.exclude(slug=instance.slug):
        # A rename moves the mirror's address too; rare, so per page.
        mirror.slug = instance.slug
        mirror.save(update_fields=["slug", "url_path"], clean=False)
    if not mirrors.exists():
        # First publish of a new national page: the only time localities lack its mirror.
        transaction.on_commit(lambda: add_missing_inherited_pages.enqueue(instance.pk))


@receiver(page_unpublished)
def national_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, NationalPage):
        InheritedPage.objects.filter(source=instance).update(live=False)
