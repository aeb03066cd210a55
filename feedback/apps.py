from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        from feedback.services.rounds import INVITATION_KIND, invitation_sent_mark
        from ops.services import outbox_after_sent_register

        outbox_after_sent_register(INVITATION_KIND, invitation_sent_mark)
