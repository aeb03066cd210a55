from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupsConfig(AppConfig):
    name = "rollups"
    verbose_name = _("Customer summaries")

    def ready(self) -> None:
        # The farm counts are read by rollups itself: farms sits below tenants and may not import the
        # summaries (docs/CONVENTIONS.md); its set-up is written once, at provisioning, and the
        # reconciliation (every 15 minutes) and seed_demo pick it up.
        from rollups.services import farm_snapshot_refresh, rollup_refresher_register

        rollup_refresher_register("farms", farm_snapshot_refresh)
