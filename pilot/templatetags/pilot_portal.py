"""Template helpers of the customer's training page."""

from django import template

from pilot.choices import TrainingTopic

register = template.Library()


@register.filter
def topic_labels(topics: list[str]) -> list[str]:
    """The topics' labels in the active language, in the plan's order."""
    return [label for value, label in TrainingTopic.choices if value in set(topics or [])]
