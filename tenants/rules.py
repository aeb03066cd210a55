"""The plan's selection criteria (section 1.1) as pure functions: verdicts that explain themselves."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tenants.choices import Region, TechExperience
from tenants.constants import DIVERSITY_MIN_REGIONS, PILOT_MAX_PONDS, PILOT_MIN_PONDS


@dataclass(frozen=True)
class Check:
    ok: bool
    reason: str


@dataclass(frozen=True)
class Verdict:
    """A yes/no answer with one reason per criterion, met or not."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(check.reason for check in self.checks)

    @property
    def failures(self) -> tuple[str, ...]:
        return tuple(check.reason for check in self.checks if not check.ok)


def _ponds_check(ponds: int | None) -> tuple[bool, str]:
    # The admin's add page asks for a verdict before anything is typed: no pond count yet.
    if ponds is None:
        return False, _("the pond count is not known yet")
    if PILOT_MIN_PONDS <= ponds <= PILOT_MAX_PONDS:
        return True, _("%(ponds)s ponds is within the pilot's %(min)s–%(max)s")
    return False, _("%(ponds)s ponds is outside the pilot's %(min)s–%(max)s")


KNOWN_REGIONS = frozenset(Region.values)  # Region.values builds its list anew at each call


def eligibility_verdict(*, ponds: int | None, willing: bool, tech_experience: str, region: str) -> Verdict:
    """Eligible when every criterion holds; each reason names a criterion met or failed."""
    return _eligibility_verdict_in(get_language(), ponds, willing, tech_experience, region)


# Verdicts are immutable and depend on these values alone, of which customers share few combinations: each is
# worked out and translated once per process and language, not for every row of every list (a fifth of the staff
# API's 50-customer page was these five translations per row).
@lru_cache(maxsize=1024)
def _eligibility_verdict_in(
    language: str | None, ponds: int | None, willing: bool, tech_experience: str, region: str
) -> Verdict:
    checks = [
        _ponds_check(ponds),
        (willing, _("willing to take part") if willing else _("has not agreed to take part")),
        (
            tech_experience != TechExperience.NONE,
            _("has basic technical experience")
            if tech_experience != TechExperience.NONE
            else _("lacks basic technical experience"),
        ),
        (region in KNOWN_REGIONS, _("region is known") if region in KNOWN_REGIONS else _("region is unknown")),
    ]
    params = {"ponds": ponds, "min": PILOT_MIN_PONDS, "max": PILOT_MAX_PONDS}
    return Verdict(checks=tuple(Check(ok=ok, reason=reason % params) for ok, reason in checks))


def diversity_verdict(regions: Iterable[str]) -> Verdict:
    """Diverse when the selection spans min(size, DIVERSITY_MIN_REGIONS) distinct regions."""
    regions = list(regions)
    distinct = sorted(set(regions))
    needed = min(len(regions), DIVERSITY_MIN_REGIONS)
    ok = bool(regions) and len(distinct) >= needed
    labels = ", ".join(str(Region(r).label) for r in distinct if r in Region.values)
    if not regions:
        reason = _("no customer is selected yet")
    elif ok:
        reason = _("%(count)s selected customers span %(distinct)s regions (%(labels)s)")
    else:
        reason = _("%(count)s selected customers span only %(distinct)s region(s) (%(labels)s); %(needed)s needed")
    params = {"count": len(regions), "distinct": len(distinct), "labels": labels, "needed": needed}
    return Verdict(checks=(Check(ok=ok, reason=reason % params),))
