from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.choices import ReportKind, ReportLanguage
from reports.models import Report
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


class ReportCreateSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=ReportLanguage.choices, error_messages={"invalid_choice": _("Unknown language {input}: use ar or en.")}
    )
    customer = serializers.CharField(required=False, allow_blank=True, default="", help_text=_("Customer slug"))
    kind = serializers.ChoiceField(choices=ReportKind.choices, required=False, help_text=_("Defaults from customer"))
    draft = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Final report only: a draft prints 'to be completed' where the written parts are missing."),
    )

    def validate_customer(self, slug: str) -> PilotCustomer | None:
        if not slug:
            return None
        customer = customer_list_provisioned().filter(slug=slug).first()
        if customer is None:
            raise serializers.ValidationError(_("Unknown customer %(slug)s.") % {"slug": slug})
        return customer

    def validate(self, data: dict) -> dict:
        data.setdefault("kind", ReportKind.CUSTOMER if data.get("customer") else ReportKind.FINAL)
        return data


class ReportOutputSerializer(serializers.ModelSerializer):
    customer = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)  # the final report
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "customer",
            "language",
            "draft",
            "status",
            "progress",
            "error",
            "checksum",
            "size",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "download_url",
        ]

    def get_download_url(self, report: Report) -> str | None:
        return f"/api/v1/reports/{report.pk}/download/" if report.is_done else None


class CustomerReportOutputSerializer(ReportOutputSerializer):
    """A customer sees no staff user names."""

    class Meta(ReportOutputSerializer.Meta):
        fields = [name for name in ReportOutputSerializer.Meta.fields if name != "requested_by"]
