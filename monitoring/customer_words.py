"""What a farmer reads when monitoring opens an incident: plain words in both languages, no SRE terms.

SLOs that measure the same requests (availability and error rate both count failed requests) are one
*problem group*: their alerts for one customer and window open one incident, under one title.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from monitoring.choices import SloKey

# SLO key -> the problem group whose alerts share one incident.
PROBLEM_GROUP: dict[str, str] = {
    SloKey.AVAILABILITY: "requests",
    SloKey.ERROR_RATE: "requests",
    SloKey.LATENCY: "speed",
    SloKey.DATA_ACCURACY: "data",
}
GROUP_TITLE: dict[str, Promise] = {
    "requests": _("AquaFarm is not working reliably: some pages or saves fail"),
    "speed": _("AquaFarm is slower than usual"),
    "data": _("Some figures in AquaFarm may be shown incorrectly"),
}
GROUP_FIRST_UPDATE: dict[str, Promise] = {
    "requests": _(
        "Our monitoring noticed that some of your requests to AquaFarm are failing. Our team is working on it; "
        "if a save fails, please try again in a few minutes. We will post each step here."
    ),
    "speed": _(
        "Our monitoring noticed that AquaFarm answers more slowly than usual for you. Our team is working on it; "
        "your data is safe. We will post each step here."
    ),
    "data": _(
        "Our monitoring noticed that some figures may be shown incorrectly. Our team is checking your data; "
        "we will post each step here."
    ),
}


@dataclass(frozen=True)
class CustomerWords:
    group: str
    title_en: str
    title_ar: str
    update_en: str
    update_ar: str


def _both(text: Promise) -> tuple[str, str]:
    with translation.override("en"):
        english = str(text)
    with translation.override("ar"):
        arabic = str(text)
    return english, arabic


def customer_words(*, slo_key: str) -> CustomerWords:
    """The customer-facing title and first update of an alert's incident, in English and Arabic."""
    group = PROBLEM_GROUP.get(slo_key, slo_key)
    title_en, title_ar = _both(GROUP_TITLE.get(group, GROUP_TITLE["requests"]))
    update_en, update_ar = _both(GROUP_FIRST_UPDATE.get(group, GROUP_FIRST_UPDATE["requests"]))
    return CustomerWords(group=group, title_en=title_en, title_ar=title_ar, update_en=update_en, update_ar=update_ar)
