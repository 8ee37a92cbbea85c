from django import template

from resources.models import StepPage
from sites.models import Locality, LocalityStatus

register = template.Library()


@register.inclusion_tag("sites/tags/local_versions.html", takes_context=True)
def local_versions(context, step):
    """Links from a national step to the same step in every active locality
    that has written something for it (guidance or resources)."""
    if step.national_step_id is not None:
        return {"versions": []}
    local_steps = list(StepPage.objects.filter(national_step=step).live().public())
    if not local_steps:
        return {"versions": []}
    homes = {step.path[: -step.steplen]: step for step in local_steps}
    localities = {
        locality.home_page.path: locality
        for locality in Locality.objects.filter(status=LocalityStatus.ACTIVE, home_page__path__in=list(homes))
        .select_related("home_page")
        .only("name", "slug", "home_page__path")
    }
    with_children = set(
        StepPage.objects.filter(pk__in=[local.pk for local in local_steps], numchild__gt=0).values_list("pk", flat=True)
    )
    versions = []
    for home_path, local in sorted(homes.items(), key=lambda item: item[1].title):
        locality = localities.get(home_path)
        has_content = local.pk in with_children or local.body or local.tier_one_body or local.tier_two_body
        if locality is not None and has_content:
            versions.append({"locality": locality, "step": local})
    versions.sort(key=lambda version: version["locality"].name)
    return {"versions": versions, "request": context.get("request")}
