"""The survey contacts on the customer's team page (tenants' portal shell). A template tag, so that the
shell, which sits below the apps in the layers, shows feedback's part without importing feedback."""

from django import template
from django.db.models import QuerySet

from feedback.models import Contact
from feedback.selectors import contact_list

register = template.Library()


@register.inclusion_tag("feedback/portal/_team_contacts.html")
def survey_contacts() -> dict[str, QuerySet[Contact]]:
    return {"contacts": contact_list()}
