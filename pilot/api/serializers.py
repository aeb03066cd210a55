"""Input and output serializers of the program's staff API (one per direction and purpose)."""

from rest_framework import serializers

from core.uploads import upload_validator
from pilot.choices import CriterionStatus, Recommendation, TrainingStatus, TrainingTopic
from pilot.models import BudgetLine, ChecklistItem, Expense, Risk, SuccessCriterion, TrainingSession


class MoneyField(serializers.DecimalField):
    # Wider than the 12 stored digits so that a total of data stored before the budget checks
    # existed is still shown, not a 500; input beyond the limits is refused by the services, per field.
    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_digits=20, decimal_places=2, **kwargs)


class TotalField(serializers.DecimalField):
    """A computed amount (sums, forecasts over the pilot's length): not bound by an input's 12 digits."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_digits=None, decimal_places=2, read_only=True, **kwargs)


# --- phases and checklists ---
class ChecklistRowSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField()
    title = serializers.CharField()
    kind = serializers.CharField()
    customer = serializers.CharField(source="customer.slug", read_only=True, allow_null=True)
    due_date = serializers.DateField()
    done_at = serializers.DateTimeField()
    done_by = serializers.CharField()
    evidence = serializers.CharField()

    def get_id(self, row: object) -> int | None:
        return row.item.pk if row.item else None


class PhaseRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(help_text="exclusive")
    status = serializers.CharField()
    calendar_state = serializers.CharField()
    progress_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    late_items = serializers.IntegerField()
    total_items = serializers.IntegerField()
    done_items = serializers.IntegerField()
    owner_team = serializers.CharField()
    expected_outcome = serializers.CharField()
    checklist = ChecklistRowSerializer(many=True)


class PhaseCloseSerializer(serializers.Serializer):
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = [
            "id",
            "phase",
            "kind",
            "customer",
            "code",
            "title_en",
            "title_ar",
            "owner",
            "due_date",
            "done_at",
            "done_by",
            "evidence_note",
            "evidence_file",
        ]
        read_only_fields = ["done_at", "done_by"]
        extra_kwargs = {"evidence_file": {"validators": [upload_validator]}}


class ChecklistCompleteSerializer(serializers.Serializer):
    done = serializers.BooleanField(default=True)
    evidence_note = serializers.CharField(required=False, allow_blank=True, default="")


# --- training ---
class TrainingSessionOutputSerializer(serializers.ModelSerializer):
    customer = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    trainer = serializers.CharField(source="trainer.get_username")
    ends_at = serializers.DateTimeField()
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "customer",
            "starts_at",
            "ends_at",
            "duration_minutes",
            "trainer",
            "location",
            "topics",
            "status",
            "materials",
            "notes",
            "attendees",
        ]

    def get_attendees(self, session: TrainingSession) -> dict:
        return {"invited": session.invited, "attended": session.present}


class TrainingSessionInputSerializer(serializers.Serializer):
    customer = serializers.SlugField()
    starts_at = serializers.DateTimeField()
    trainer = serializers.CharField(help_text="username of a staff user")
    duration_minutes = serializers.IntegerField(min_value=15, max_value=600, default=120)
    topics = serializers.ListField(child=serializers.ChoiceField(choices=TrainingTopic.choices), default=list)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=TrainingStatus.choices, default=TrainingStatus.SCHEDULED)
    materials = serializers.ListField(child=serializers.IntegerField(), default=list)


class AttendanceSerializer(serializers.Serializer):
    present = serializers.ListField(child=serializers.IntegerField(), help_text="ids of attendees who came")


# --- budget ---
class BudgetLineSerializer(serializers.ModelSerializer):
    amount = MoneyField()

    class Meta:
        model = BudgetLine
        fields = ["id", "name_en", "name_ar", "category", "amount", "recurrence", "start_date", "end_date"]


class ExpenseSerializer(serializers.ModelSerializer):
    amount = MoneyField()

    class Meta:
        model = Expense
        fields = ["id", "line", "date", "amount", "note", "receipt"]
        extra_kwargs = {"receipt": {"validators": [upload_validator]}}


class BudgetLineRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="line.pk")
    name = serializers.CharField()
    category = serializers.CharField()
    recurrence = serializers.CharField()
    amount = TotalField()
    planned_total = TotalField()
    planned_to_date = TotalField()
    actual_to_date = TotalField()
    forecast_at_end = TotalField()
    variance = TotalField()
    forecast_variance = TotalField()
    alert = serializers.BooleanField()


class BudgetSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    currency = serializers.CharField()
    lines = BudgetLineRowSerializer(many=True)
    planned_total = TotalField()
    planned_to_date = TotalField()
    actual_to_date = TotalField()
    forecast_at_end = TotalField()
    variance = TotalField()
    alert = serializers.BooleanField()
    threshold_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    monthly_recurring = TotalField()
    one_time_total = TotalField()
    months = TotalField()


# --- risks ---
class RiskSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(read_only=True)
    likelihood = serializers.IntegerField(min_value=1, max_value=5)
    impact = serializers.IntegerField(min_value=1, max_value=5)

    class Meta:
        model = Risk
        fields = [
            "id",
            "key",
            "category",
            "title_en",
            "title_ar",
            "mitigation_en",
            "mitigation_ar",
            "owner",
            "likelihood",
            "impact",
            "score",
            "status",
            "review_date",
            "incidents",
        ]


# --- success criteria ---
class CriterionRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="criterion.pk")
    key = serializers.CharField()
    group = serializers.CharField()
    name = serializers.CharField()
    target = serializers.CharField()
    value = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    status = serializers.CharField()
    source = serializers.CharField()
    evidence = serializers.CharField()


class ScorecardSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    rows = CriterionRowSerializer(many=True)
    recommendation = serializers.CharField()
    rationale = serializers.CharField()
    conditions = serializers.ListField(child=serializers.CharField())


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SuccessCriterion
        fields = [
            "id",
            "key",
            "group",
            "title_en",
            "title_ar",
            "target",
            "target_ar",
            "source",
            "comparison",
            "threshold",
            "at_risk_margin",
            "judged_status",
            "evidence",
            "judged_at",
        ]
        read_only_fields = ["judged_status", "evidence", "judged_at"]


class JudgeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CriterionStatus.choices)
    evidence = serializers.CharField(allow_blank=True, default="")


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Recommendation.choices)
    note = serializers.CharField(allow_blank=True)
    signed_name = serializers.CharField(allow_blank=True)


class DecisionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    decision = serializers.CharField()
    recommendation = serializers.CharField()
    note = serializers.CharField()
    signed_name = serializers.CharField()
    decided_by = serializers.CharField(source="decided_by.get_username")
    decided_at = serializers.DateTimeField()
