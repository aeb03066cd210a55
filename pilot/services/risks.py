"""Writes of the risk register."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pilot.models import Risk


def risk_save(*, risk: Risk) -> Risk:
    """Create or update a risk; likelihood and impact are 1–5 (score = their product)."""
    errors = {
        name: [_("Enter a whole number from 1 to 5.")]
        for name in ("likelihood", "impact")
        if not isinstance(getattr(risk, name), int) or not 1 <= getattr(risk, name) <= 5
    }
    if errors:
        raise ValidationError(errors)
    risk.full_clean(exclude=["incidents"])
    risk.save()
    return risk
