"""A customer's own starting data, kept in its schema (plan 1.3: farms, ponds, accounts, tax)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import TenantAwareHistory


class Farm(models.Model):
    """A fish farm of the customer."""

    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    city = models.CharField(_("city"), max_length=60)
    history = TenantAwareHistory()

    def __str__(self) -> str:
        return self.name_en


class Pond(models.Model):
    """A pond of a farm; the pilot counts 1–5 per farm."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="pond_set")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=60)
    history = TenantAwareHistory()

    class Meta:
        ordering = ["farm", "number"]
        constraints = [models.UniqueConstraint(fields=["farm", "number"], name="pond_number_unique")]

    def __str__(self) -> str:
        return self.name


class LedgerAccount(models.Model):
    """One account of the customer's chart of accounts."""

    class Kind(models.TextChoices):
        ASSET = "asset", _("Asset")
        LIABILITY = "liability", _("Liability")
        EQUITY = "equity", _("Equity")
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"


class TaxProfile(models.Model):
    """The tax set-up for the customer's region (VAT and zakat, ZATCA)."""

    region = models.CharField(_("region"), max_length=20)
    vat_rate = models.DecimalField(_("VAT rate %"), max_digits=5, decimal_places=2, default=Decimal("15.00"))
    zakat_applicable = models.BooleanField(_("zakat applicable"), default=True)
    e_invoicing_required = models.BooleanField(_("e-invoicing (FATOORA) required"), default=True)
    history = TenantAwareHistory()

    def __str__(self) -> str:
        return f"{self.region}: VAT {self.vat_rate}%"
