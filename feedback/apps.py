from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from feedback.services.rollups import feedback_rollups_rebuild
        from feedback.services.rounds import INVITATION_KIND, invitation_sent_mark
        from ops.services import outbox_after_sent_register
        from rollups.services import rollup_refresher_register

        outbox_after_sent_register(INVITATION_KIND, invitation_sent_mark)
        rollup_refresher_register("feedback", feedback_rollups_rebuild)
