"""The one place that knows a staff member's language (pages, and e-mails sent to them)."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from backoffice.models import StaffProfile

# Cached on the user object for the request, so each page reads the profile once.
_CACHE_ATTR = "_staff_language"


def staff_language_chosen(user: AbstractBaseUser | AnonymousUser | None) -> str | None:
    """The language this staff member picked with the switch; None when they never did."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, _CACHE_ATTR):
        chosen = StaffProfile.objects.filter(user=user).values_list("language", flat=True).first()
        setattr(user, _CACHE_ATTR, chosen)
    return getattr(user, _CACHE_ATTR)


def staff_language(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """The language to write to this staff member in (pages and e-mails): their choice, else the site's."""
    return staff_language_chosen(user) or settings.LANGUAGE_CODE


def staff_language_set(*, user: AbstractBaseUser, language: str) -> StaffProfile:
    """Remember the staff member's choice; refused for a language the portal does not speak."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose Arabic or English.")]})
    profile, _created = StaffProfile.objects.update_or_create(user=user, defaults={"language": language})
    setattr(user, _CACHE_ATTR, language)
    return profile
