"""Words of installed apps that ship no Arabic, listed so makemessages keeps them in this app's
catalogue (backoffice/locale); gettext finds a translation in any installed catalogue."""

from django.utils.translation import gettext_noop

THIRD_PARTY_STRINGS = [
    # django-celery-beat (the schedule is visible read-only to program managers)
    gettext_noop("Periodic Tasks"),
    gettext_noop("periodic tasks"),
    gettext_noop("clocked"),
    gettext_noop("crontabs"),
    gettext_noop("intervals"),
    gettext_noop("solar events"),
]
