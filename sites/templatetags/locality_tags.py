from django import template

from resources.models import StepPage
from toolkits.scope import public_toolkits_at

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
    public_names = public_toolkits_at(homes)
    with_children = set(
        StepPage.objects.filter(pk__in=[local.pk for local in local_steps], numchild__gt=0).values_list("pk", flat=True)
    )
    versions = []
    for home_path, local in sorted(homes.items(), key=lambda item: item[1].title):
        name = public_names.get(home_path)
        has_content = local.pk in with_children or local.body or local.tier_one_body or local.tier_two_body
        if name is not None and has_content:
            versions.append({"locality_name": name, "step": local})
    versions.sort(key=lambda version: version["locality_name"])
    return {"versions": versions, "request": context.get("request")}
