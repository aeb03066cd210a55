from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    CSAT = "csat", _("Satisfaction (1–5)")
    NPS = "nps", _("Recommendation (0–10)")
    CES = "ces", _("Effort (1–7)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")
    FEATURES = "features", _("Features used")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class ItemKind(models.TextChoices):
    FEATURE_REQUEST = "feature_request", _("Feature request")
    PAIN_POINT = "pain_point", _("Pain point")
    PROBLEM = "problem", _("Problem report")
    SUGGESTION = "suggestion", _("Improvement suggestion")


# What a customer may raise from the portal or its API: problems go to the incidents' report form, which
# starts the support clock (an item of kind "problem" would wait unseen by it).
CUSTOMER_ITEM_KINDS = [(value, label) for value, label in ItemKind.choices if value != ItemKind.PROBLEM]


class ItemSource(models.TextChoices):
    PORTAL = "portal", _("Customer portal")
    SURVEY = "survey", _("Survey")
    CHECKIN = "checkin", _("Check-in")


class ItemStatus(models.TextChoices):
    NEW = "new", _("New")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged into another")
