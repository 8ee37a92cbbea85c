"""A step as part of a journey: previous and next step, and where else to
look for it (tips, updates, how localities compare).

The previous/next links follow the GOV.UK Design System's pagination for a
sequence of pages; the chosen tier travels with them, so a Tier 2
practitioner stays on Tier 2 from step to step.
"""

from urllib.parse import urlencode

from django import template

from ..models import StepPage

register = template.Library()


def _with_tier(url, tier):
    return f"{url}?{urlencode({'tier': tier})}" if url and tier else url


def _neighbour(step, number, tier, request):
    if step is None:
        return None
    return {"page": step, "number": number, "url": _with_tier(step.get_url(request), tier)}


@register.inclusion_tag("tags/step_journey.html", takes_context=True)
def step_journey(context, step, tier=None):
    request = context["request"]
    siblings = StepPage.objects.sibling_of(step).live().public().order_by("path")
    steps = list(siblings.only("id", "title", "path", "url_path"))
    position = next((index for index, sibling in enumerate(steps) if sibling.pk == step.pk), None)
    previous_step = steps[position - 1] if position else None
    next_step = steps[position + 1] if position is not None and position + 1 < len(steps) else None
    toolkit_home = step.get_parent()
    national_step = step if step.depth == 3 else step.live_national_step()
    toolkit_url = toolkit_home.get_url(request)
    # The national home in the visitor's language (Welsh visitors stay under /cy/).
    national_url = national_step.get_parent().localized.get_url(request) if national_step else None
    slug = national_step.slug if national_step else step.slug
    return {
        "number": position + 1 if position is not None else None,
        "count": len(steps),
        "previous": _neighbour(previous_step, position, tier, request),
        "next": _neighbour(next_step, (position or 0) + 2, tier, request),
        "tips_url": f"{toolkit_url}tips/?{urlencode({'step': slug})}" if national_step else None,
        "updates_url": f"{toolkit_url}updates/?{urlencode({'step': step.slug})}",
        "compare_url": f"{national_url}compare/{slug}/" if national_url else None,
        "request": request,
    }
