"""Back-office admin of the program. Forms run the services' checks, so bad input shows a
message per field and nothing is saved; actions call the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.uploads import upload_validator
from pilot.choices import TrainingTopic
from pilot.models import (
    Attendee,
    BudgetLine,
    ChecklistItem,
    Expense,
    GoDecision,
    Phase,
    Program,
    Risk,
    SuccessCriterion,
    TrainingMaterial,
    TrainingSession,
)
from pilot.selectors import risk_list
from pilot.selectors.scorecard import criterion_target
from pilot.services.budget import budget_line_validate, expense_validate
from pilot.services.criteria import criterion_judgement_apply, criterion_judgement_validate
from pilot.services.program import (
    checklist_item_complete,
    checklist_item_save,
    checklist_item_validate,
    phase_close,
    phase_start,
)
from pilot.services.training import SessionInput, training_session_validate


def _apply_errors(form: forms.ModelForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class UploadCheckedForm(forms.ModelForm):
    """Every file field of the form accepts only allowed types within the size limit (core/uploads.py)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                field.validators.append(upload_validator)


class ServiceCheckedForm(UploadCheckedForm):
    """A model form whose clean() runs a service check (`check(cleaned_data)`)."""

    def check(self, data: dict) -> None:
        raise NotImplementedError

    def clean(self) -> dict:
        data = super().clean()
        try:
            self.check(data)
        except ValidationError as error:
            _apply_errors(self, error)
        return data


class ExpenseForm(ServiceCheckedForm):
    class Meta:
        model = Expense
        fields = ["line", "date", "amount", "note", "receipt"]

    def check(self, data: dict) -> None:
        expense_validate(
            line=data.get("line"), date=data.get("date"), amount=data.get("amount"), exclude_pk=self.instance.pk
        )


class BudgetLineForm(ServiceCheckedForm):
    class Meta:
        model = BudgetLine
        fields = ["name_en", "name_ar", "category", "amount", "recurrence", "start_date", "end_date"]

    def check(self, data: dict) -> None:
        budget_line_validate(
            amount=data.get("amount"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            recurrence=data.get("recurrence") or "",
            exclude_pk=self.instance.pk,
        )


class ChecklistItemForm(ServiceCheckedForm):
    class Meta:
        model = ChecklistItem
        fields = [
            "phase",
            "kind",
            "customer",
            "code",
            "order",
            "title_en",
            "title_ar",
            "owner",
            "due_date",
            "evidence_note",
            "evidence_file",
        ]

    def check(self, data: dict) -> None:
        checklist_item_validate(due_date=data.get("due_date"))


class TrainingSessionForm(ServiceCheckedForm):
    topics = forms.MultipleChoiceField(
        label=_("topics"), choices=TrainingTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = TrainingSession
        fields = [
            "customer",
            "starts_at",
            "duration_minutes",
            "trainer",
            "location",
            "topics",
            "status",
            "materials",
            "notes",
        ]

    def check(self, data: dict) -> None:
        if not all(data.get(name) for name in ("customer", "starts_at", "trainer", "duration_minutes")):
            return  # the field errors already say what is missing
        fields = {name: data[name] for name in ("customer", "starts_at", "trainer", "duration_minutes", "status")}
        session = SessionInput(**fields, topics=data.get("topics") or [])
        training_session_validate(data=session, exclude_pk=self.instance.pk)


class SuccessCriterionForm(ServiceCheckedForm):
    class Meta:
        model = SuccessCriterion
        fields = [
            "key",
            "group",
            "order",
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
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_ar"].required = True  # typed targets must read in Arabic too

    def check(self, data: dict) -> None:
        criterion_judgement_validate(
            source=data.get("source", ""), status=data.get("judged_status", ""), evidence=data.get("evidence", "")
        )


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "start_date", "weeks", "currency", "budget_alert_pct"]
    fields = ["name", "start_date", "weeks", "currency", "budget_alert_pct"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One program, created on first read (program_get); no query here, since the admin asks
        # on every page for its navigation.
        return False


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    form = ChecklistItemForm
    extra = 0
    fields = ["title_en", "title_ar", "kind", "customer", "owner", "due_date", "done_at", "done_by", "evidence_note"]
    readonly_fields = ["done_at", "done_by"]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "first_week", "last_week", "owner_team", "status", "closed_at"]
    readonly_fields = ["status", "closed_at", "closed_by", "override_reason"]
    inlines = [ChecklistItemInline]
    actions = ["start_phases", "close_phases"]

    @admin.action(description=_("Start the phase"), permissions=["change"])
    def start_phases(self, request: HttpRequest, queryset: QuerySet[Phase]) -> None:
        self._apply(request, queryset, lambda phase: phase_start(phase=phase))

    @admin.action(description=_("Close through the gate (checklist done)"), permissions=["change"])
    def close_phases(self, request: HttpRequest, queryset: QuerySet[Phase]) -> None:
        self._apply(request, queryset, lambda phase: phase_close(phase=phase, by=request.user))

    def _apply(self, request: HttpRequest, queryset: QuerySet[Phase], change: callable) -> None:
        for phase in queryset:
            try:
                change(phase)
            except ValidationError as error:
                self.message_user(request, f"{phase}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%s: done") % phase, messages.SUCCESS)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SimpleHistoryAdmin):
    form = ChecklistItemForm
    list_display = ["title", "phase", "kind", "customer", "owner", "due_date", "is_late", "done_at", "done_by"]
    list_filter = ["phase", "kind", "customer"]
    list_select_related = ["phase", "customer", "owner", "done_by"]
    search_fields = ["title_en", "title_ar", "code"]
    readonly_fields = ["done_at", "done_by"]
    actions = ["mark_done", "mark_open"]

    @admin.display(description=_("late"), boolean=True)
    def is_late(self, obj: ChecklistItem) -> bool:
        return obj.done_at is None and obj.due_date < timezone.localdate()

    def save_model(self, request: HttpRequest, obj: ChecklistItem, form: forms.ModelForm, change: bool) -> None:
        checklist_item_save(item=obj)

    @admin.action(description=_("Mark done"), permissions=["change"])
    def mark_done(self, request: HttpRequest, queryset: QuerySet[ChecklistItem]) -> None:
        for item in queryset:
            checklist_item_complete(item=item, by=request.user)

    @admin.action(description=_("Mark not done"), permissions=["change"])
    def mark_open(self, request: HttpRequest, queryset: QuerySet[ChecklistItem]) -> None:
        for item in queryset:
            checklist_item_complete(item=item, by=request.user, done=False)


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 1
    fields = ["name", "email", "role", "attended"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    form = TrainingSessionForm
    list_display = ["customer", "starts_at", "duration_minutes", "trainer", "status"]
    list_filter = ["status", "customer"]
    list_select_related = ["customer", "trainer"]
    filter_horizontal = ["materials"]
    inlines = [AttendeeInline]


class TrainingMaterialForm(UploadCheckedForm):
    class Meta:
        model = TrainingMaterial
        fields = ["title_en", "title_ar", "kind", "file", "url"]


@admin.register(TrainingMaterial)
class TrainingMaterialAdmin(SimpleHistoryAdmin):
    form = TrainingMaterialForm
    list_display = ["title", "kind", "file", "url"]
    list_filter = ["kind"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    form = BudgetLineForm
    list_display = ["name", "category", "amount", "recurrence", "start_date", "end_date"]


@admin.register(Expense)
class ExpenseAdmin(SimpleHistoryAdmin):
    form = ExpenseForm
    list_display = ["date", "line", "amount", "note", "receipt"]
    list_filter = ["line"]
    list_select_related = ["line"]
    date_hierarchy = "date"


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "category", "likelihood", "impact", "score", "status", "owner", "review_date"]
    list_filter = ["category", "status"]
    search_fields = ["title_en", "title_ar", "key"]
    autocomplete_fields = ["incidents"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Risk]:
        return risk_list()

    @admin.display(description=_("score"), ordering="score")
    def score(self, obj: Risk) -> int:
        return obj.score


@admin.register(SuccessCriterion)
class SuccessCriterionAdmin(SimpleHistoryAdmin):
    form = SuccessCriterionForm
    list_display = ["title", "group", "target_text", "source", "judged_status", "judged_by_name"]
    list_filter = ["group", "source"]
    readonly_fields = ["judged_by", "judged_at"]

    @admin.display(description=_("target"), ordering="target")
    def target_text(self, obj: SuccessCriterion) -> str:
        """The target in the reader's language, as on the scorecard."""
        return format_html("<bdi>{}</bdi>", criterion_target(obj))

    @admin.display(description=_("judged by"), ordering="judged_by")
    def judged_by_name(self, obj: SuccessCriterion) -> str:
        return format_html('<span translate="no">{}</span>', obj.judged_by) if obj.judged_by else "—"

    def save_model(self, request: HttpRequest, obj: SuccessCriterion, form: forms.ModelForm, change: bool) -> None:
        if {"judged_status", "evidence"} & set(form.changed_data):
            criterion_judgement_apply(criterion=obj, status=obj.judged_status, evidence=obj.evidence, by=request.user)
        super().save_model(request, obj, form, change)


@admin.register(GoDecision)
class GoDecisionAdmin(SimpleHistoryAdmin):
    list_display = ["decided_at", "decision", "recommendation", "signed_name", "decided_by"]
    readonly_fields = ["decision", "recommendation", "note", "signed_name", "decided_by", "decided_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # recorded on the scorecard page, beside the recommendation it confirms
