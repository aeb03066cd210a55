"""Creating candidates and moving customers through the pilot's lifecycle."""

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.choices import Region, Status, TechExperience
from tenants.cities import region_for_city
from tenants.constants import (
    RESERVED_SLUGS,
    SELECTED_STATUSES,
    SLUG_PATTERN,
    STATUS_TRANSITIONS,
)
from tenants.models import CustomerStatusChange, PilotCustomer
from tenants.rules import Verdict, diversity_verdict, eligibility_verdict


@dataclass(frozen=True)
class CandidateInput:
    slug: str
    name_en: str
    city: str
    ponds: int
    name_ar: str = ""
    region: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    preferred_language: str = "ar"
    willing: bool = True
    tech_experience: str = TechExperience.BASIC


def slug_errors(slug: str) -> list[str]:
    if not re.fullmatch(SLUG_PATTERN, slug or ""):
        return [
            _(
                "Use 3–30 lowercase letters, digits or hyphens, starting with a letter "
                "and not ending with a hyphen (e.g. 'riyadh')."
            )
        ]
    if slug in RESERVED_SLUGS:
        return [_("'%(slug)s' is reserved; choose another slug.") % {"slug": slug}]
    if PilotCustomer.objects.filter(slug=slug).exists():
        return [_("A customer with slug '%(slug)s' already exists.") % {"slug": slug}]
    return []


def candidate_region(data: CandidateInput) -> str:
    return data.region or region_for_city(data.city) or ""


def candidate_errors(data: CandidateInput) -> dict[str, list[str]]:
    """Every problem with a candidate's data, one list of messages per field."""
    region = candidate_region(data)
    errors: dict[str, list[str]] = {}
    if found := slug_errors(data.slug):
        errors["slug"] = found
    if not data.name_en.strip():
        errors["name_en"] = [_("Give the customer's name.")]
    if data.ponds < 1:
        errors["ponds"] = [_("A farm has at least one pond.")]
    if region not in Region.values:
        errors["region"] = [
            _("Unknown region for city '%(city)s'. Choose one of: %(regions)s.")
            % {"city": data.city, "regions": ", ".join(Region.values)}
        ]
    return errors


def customer_candidate_create(*, data: CandidateInput, by: User | None = None) -> PilotCustomer:
    """Record a candidate farm; refuses bad input with one message per field, saving nothing."""
    region = candidate_region(data)
    if errors := candidate_errors(data):
        raise ValidationError(errors)
    with transaction.atomic():
        customer = PilotCustomer.objects.create(
            slug=data.slug,
            name_en=data.name_en.strip(),
            name_ar=(data.name_ar or data.name_en).strip(),
            city=data.city.strip(),
            region=region,
            ponds=data.ponds,
            contact_name=data.contact_name,
            contact_email=data.contact_email,
            contact_phone=data.contact_phone,
            preferred_language=data.preferred_language,
            willing=data.willing,
            tech_experience=data.tech_experience,
        )
        CustomerStatusChange.objects.create(
            customer=customer, to_status=Status.CANDIDATE, changed_at=customer.created_at, changed_by=by
        )
    return customer


def customer_eligibility(customer: PilotCustomer) -> Verdict:
    return eligibility_verdict(
        ponds=customer.ponds, willing=customer.willing, tech_experience=customer.tech_experience, region=customer.region
    )


def _require_eligible(customer: PilotCustomer) -> None:
    verdict = customer_eligibility(customer)
    if not verdict.ok:
        raise ValidationError(
            {"status": [_("Not eligible for the pilot: %(reasons)s.") % {"reasons": "; ".join(verdict.failures)}]}
        )


def selection_diversity() -> Verdict:
    """Is the set of selected (and later) customers geographically diverse?"""
    regions = PilotCustomer.objects.filter(status__in=SELECTED_STATUSES).values_list("region", flat=True)
    return diversity_verdict(regions)


def customer_status_change(
    *, customer: PilotCustomer, to_status: str, by: User | None = None, note: str = ""
) -> PilotCustomer:
    """Move a customer along its lifecycle under a row lock; every change is recorded with its time."""
    with transaction.atomic():
        locked = PilotCustomer.objects.select_for_update().get(pk=customer.pk)
        if to_status == locked.status:
            return locked
        if to_status not in STATUS_TRANSITIONS[locked.status]:
            raise ValidationError(
                {
                    "status": _("A %(from)s customer cannot become %(to)s.")
                    % {"from": Status(locked.status).label, "to": Status(to_status).label}
                }
            )
        if to_status == Status.SELECTED:
            _require_eligible(locked)
        now = timezone.now()
        CustomerStatusChange.objects.create(
            customer=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_at=now,
            changed_by=by,
            note=note,
        )
        locked.status, locked.status_changed_at = to_status, now
        locked._change_reason = note or f"status → {to_status}"  # type: ignore[attr-defined]  # read by simple_history
        locked._history_user = by  # type: ignore[attr-defined]  # read by simple_history
        locked.save(update_fields=["status", "status_changed_at"])
    customer.refresh_from_db()
    return customer
