"""Forms of the customer accounts."""

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import get_language

from ops.services import outbox_email_queue

PASSWORD_RESET_KIND = "accounts.password_reset"


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail queued in the outbox: the request never waits on SMTP,
    and a mail server that is down delays the link instead of losing it."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = loader.render_to_string(html_email_template_name, context) if html_email_template_name else ""
        outbox_email_queue(
            kind=PASSWORD_RESET_KIND,
            to=to_email,
            subject=subject,
            body=body,
            html=html,
            language=get_language() or "",
            topic=f"account:{to_email}",
            secret=True,
        )
