from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotConfig(AppConfig):
    name = "pilot"
    verbose_name = _("Pilot program")

    def ready(self) -> None:
        # Data flows down: monitoring's phase-aligned SLO windows read the program's phases through
        # this calendar, handed over here rather than by monitoring importing the layer above it.
        from monitoring.selectors import phase_calendar_set
        from pilot.selectors import phase_list

        phase_calendar_set(lambda as_of: phase_list(as_of=as_of))
