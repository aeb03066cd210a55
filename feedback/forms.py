"""Forms of the portal and back-office pages; the rules stay in the services they call."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.choices import ItemKind
from feedback.constants import TEXT_MAX_CHARS


class FeedbackItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it?"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=TEXT_MAX_CHARS
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
