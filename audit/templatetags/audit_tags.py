from django import template

register = template.Library()


@register.simple_tag
def item_state(item, answers, posted, errors=None):
    """What an item's fields show: what was just posted (when it was refused), else the saved answer."""
    if item.id in posted:
        rating, notes = posted[item.id]
    else:
        answer = answers.get(item.id)
        rating, notes = (answer.rating, answer.notes) if answer else ("", "")
    return {"rating": rating, "notes": notes, "error": (errors or {}).get(item.id, "")}
