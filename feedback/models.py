"""Models of the feedback app. Every table lives in the customer's own schema: the schema *is* the
customer, so no row points at the public PilotCustomer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory
from core.names import BilingualNameMixin
from feedback.choices import ItemKind, ItemSource, ItemStatus, Language, QuestionKind


class Contact(models.Model):
    """A person of the customer who receives the weekly survey, in their language."""

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ARABIC)
    active = models.BooleanField(_("receives surveys"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Feature(BilingualNameMixin, models.Model):
    """A feature offered in the pilot; the feature-usage checklist and adoption are built on these."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")


class Survey(BilingualNameMixin, models.Model):
    """A questionnaire; published surveys are sent in the weekly rounds."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ar = models.CharField(_("title (Arabic)"), max_length=200)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_ar = models.TextField(_("introduction (Arabic)"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def intro(self) -> str:
        return self.localized("intro")


class Question(BilingualNameMixin, models.Model):
    """One question of a survey. `options` holds the choices of single/multiple-choice questions as
    `[{"value": ..., "en": ..., "ar": ...}]`; the features checklist reads the Feature table instead."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_ar = models.CharField(_("question (Arabic)"), max_length=300)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    # Free-text answers to this question become feedback items of this kind (blank: they do not).
    item_kind = models.CharField(
        _("creates feedback items of kind"), max_length=20, choices=ItemKind.choices, blank=True
    )
    history = TenantAwareHistory()

    class Meta:
        ordering = ["survey", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique")]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.localized("text")


class SurveyRound(models.Model):
    """One weekly sending of a survey. Answers may change until `closes_at`."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="rounds")
    week_start = models.DateField(_("week starting"))
    opened_at = models.DateTimeField(_("opened at"))
    closes_at = models.DateTimeField(_("closes at"))
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-week_start"]
        constraints = [models.UniqueConstraint(fields=["survey", "week_start"], name="round_week_unique")]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")

    def __str__(self) -> str:
        return f"{self.survey.key} {self.week_start}"


class Invitation(models.Model):
    """One contact's link to one round. The link's token is never stored: `token_hash` (SHA-256) finds
    the invitation, and the token is re-derived from `token_nonce` with the SECRET_KEY when a reminder
    repeats the link (see feedback/tokens.py). High-volume and written by the sender only: no history."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_nonce = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "contact"], name="invitation_once_per_round")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.round} → {self.contact.email}"


class Response(models.Model):
    """The one response of an invitation (the one-to-one is the database's guarantee)."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    submitted_at = models.DateTimeField(_("submitted at"))
    updated_at = models.DateTimeField(_("updated at"))
    revisions = models.PositiveSmallIntegerField(_("revisions"), default=1)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.invitation}"


class Answer(models.Model):
    """One answer of a response: `score` for scales, `choices` for choice questions, `text` for free text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.SmallIntegerField(_("score"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["response", "question__order"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="answer_once_per_question")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question.key}: {self.score if self.score is not None else self.choices or self.text}"


class CheckIn(models.Model):
    """Notes of a weekly check-in interview with the customer (plan 3.3)."""

    week_start = models.DateField(_("week starting"))
    held_at = models.DateTimeField(_("held at"))
    interviewer = models.CharField(_("interviewer"), max_length=120)
    interviewees = models.CharField(_("interviewees"), max_length=255)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"))
    problems = models.TextField(_("problems"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.week_start}: {self.interviewees}"


class FeedbackItem(models.Model):
    """A feature request, pain point, problem report or suggestion. `votes` counts the people behind it:
    merging a duplicate adds its votes here. `incident_ids` are ids of public incidents (no FK across
    schemas)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=ItemSource.choices)
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.NEW)
    votes = models.PositiveIntegerField(_("votes"), default=1)
    incident_ids = models.JSONField(_("linked incidents"), default=list, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    answer = models.OneToOneField(Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="item")
    checkin = models.ForeignKey(CheckIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["-votes", "-created_at"]
        indexes = [models.Index(fields=["kind", "status"], name="feedback_item_kind_status")]
        verbose_name = _("feedback item")
        verbose_name_plural = _("feedback items")

    def __str__(self) -> str:
        return self.title


class FeedbackVote(models.Model):
    """One person behind one item: at most one row per (item, user), so a second click removes it.
    No history table: the row's existence is the whole record, and FeedbackItem.votes keeps the count."""

    item = models.ForeignKey(FeedbackItem, on_delete=models.CASCADE, related_name="vote_rows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_votes")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="feedback_vote_one_per_person")]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.item_id}"
