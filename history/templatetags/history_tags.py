from django import template

register = template.Library()


@register.filter
def changed_only(comparisons):
    """The comparisons (history.compare.Comparison) whose field changed."""
    return [comparison for comparison in comparisons or [] if comparison.has_changed]
