from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The 13 administrative regions of Saudi Arabia (geographic diversity is judged on these)."""

    RIYADH = "riyadh", _("Riyadh Region")
    MAKKAH = "makkah", _("Makkah Region")
    MADINAH = "madinah", _("Madinah Region")
    EASTERN = "eastern", _("Eastern Province")
    QASSIM = "qassim", _("Qassim Region")
    ASIR = "asir", _("Asir Region")
    TABUK = "tabuk", _("Tabuk Region")
    HAIL = "hail", _("Hail Region")
    NORTHERN_BORDERS = "northern_borders", _("Northern Borders Region")
    JAZAN = "jazan", _("Jazan Region")
    NAJRAN = "najran", _("Najran Region")
    BAHA = "baha", _("Al Bahah Region")
    JOUF = "jouf", _("Al Jouf Region")


class Status(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SELECTED = "selected", _("Selected")
    PROVISIONED = "provisioned", _("Provisioned")
    TRAINING = "training", _("Training")
    LIVE = "live", _("Live")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TechExperience(models.TextChoices):
    NONE = "none", _("None")
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class OnboardingStepCode(models.TextChoices):
    """The plan's section 1.3 (preparing the pilot data), in order."""

    TENANT_CREATED = "tenant_created", _("Separate tenant created")
    INITIAL_DATA = "initial_data", _("Initial data: farms, ponds, users")
    CHART_OF_ACCOUNTS = "chart_of_accounts", _("Chart of accounts configured")
    TAX_PROFILE = "tax_profile", _("Tax profile for the region configured")
