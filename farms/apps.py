from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FarmsConfig(AppConfig):
    name = "farms"
    verbose_name = _("Farm set-up")

    def ready(self) -> None:
        from farms.services import farm_snapshot_refresh
        from rollups.services import rollup_refresher_register

        rollup_refresher_register("farms", farm_snapshot_refresh)
