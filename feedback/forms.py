"""Forms of the portal and back-office pages; the rules stay in the services they call."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.choices import CUSTOMER_ITEM_KINDS, ItemKind, QuestionKind
from feedback.constants import TEXT_MAX_CHARS


class FeedbackItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=TEXT_MAX_CHARS
    )


class PortalItemForm(FeedbackItemForm):
    """The portal's: no "problem report" kind (problems go to the incidents' report form) and no default."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[("", "—"), *CUSTOMER_ITEM_KINDS],
    )


class CheckInForm(forms.Form):
    week_start = forms.DateField(label=_("Week starting"), widget=forms.DateInput(attrs={"type": "date"}))
    held_at = forms.DateTimeField(label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    interviewer = forms.CharField(label=_("Interviewer"), max_length=120)
    interviewees = forms.CharField(label=_("Interviewees"), max_length=255)
    satisfaction = forms.IntegerField(label=_("Satisfaction (1–5)"), min_value=1, max_value=5)
    problems = forms.CharField(
        label=_("Problems"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT_MAX_CHARS
    )
    suggestions = forms.CharField(
        label=_("Suggestions"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT_MAX_CHARS
    )


class SurveyBuilderForm(forms.Form):
    """A survey of the program manager's own; feedback.services.surveys.survey_create checks the rest."""

    key = forms.SlugField(label=_("Key"), max_length=40, help_text=_("Letters, digits and hyphens, e.g. mobile-app"))
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=200)
    intro_en = forms.CharField(
        label=_("Introduction (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    intro_ar = forms.CharField(
        label=_("Introduction (Arabic)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    customers = forms.MultipleChoiceField(label=_("Customers"), widget=forms.CheckboxSelectMultiple)
    publish = forms.BooleanField(label=_("Publish now (joins the next round)"), required=False, initial=True)

    def __init__(self, *args: object, customers: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["customers"].choices = customers
        self.fields["intro_ar"].widget.attrs["dir"] = self.fields["title_ar"].widget.attrs["dir"] = "rtl"


class QuestionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_en = forms.CharField(label=_("Question (English)"), max_length=300)
    text_ar = forms.CharField(
        label=_("Question (Arabic)"), max_length=300, widget=forms.TextInput(attrs={"dir": "rtl"})
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    options = forms.CharField(
        label=_("Options (choice questions: one per line, value | English | Arabic)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_options(self) -> tuple[dict, ...]:
        return tuple(option_line_parse(line) for line in self.cleaned_data["options"].splitlines() if line.strip())


def option_line_parse(line: str) -> dict:
    """`value | English | Arabic` → {"value", "en", "ar"}; a missing part stays empty (the service says so)."""
    parts = [part.strip() for part in line.split("|")] + ["", ""]
    return {"value": parts[0], "en": parts[1], "ar": parts[2]}


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2, min_num=1, validate_min=True, max_num=30)
