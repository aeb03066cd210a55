"""Forms of the reports pages: they shape input only; the rules are in reports.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.choices import ReportLanguage
from reports.constants import NARRATIVE_MAX_LENGTH, NARRATIVE_PARTS
from reports.models import ReportNarrative
from reports.selectors import narrative_field

# English box first, then Arabic, for each part in print order.
NARRATIVE_FIELDS = [narrative_field(part, code) for part in NARRATIVE_PARTS for code in ("en", "ar")]


class NarrativeForm(forms.ModelForm):
    """The final report's written parts, one English and one Arabic box per part."""

    class Meta:
        model = ReportNarrative
        fields = NARRATIVE_FIELDS

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            arabic = name.endswith("_ar")
            field.widget.attrs.update(
                {
                    "rows": 5,
                    "dir": "rtl" if arabic else "ltr",
                    "lang": "ar" if arabic else "en",
                    # The column's width, not Django's 40 characters: the page must fit a phone.
                    "style": "width:100%;box-sizing:border-box",
                }
            )
            field.max_length = NARRATIVE_MAX_LENGTH

    def parts(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(part label, English field, Arabic field) rows, in print order."""
        labels = {
            "executive_summary": _("Executive summary (optional)"),
            "recommendations": _("Recommendations for general release"),
            "future_plan": _("Future-improvement plan"),
            "lessons_learned": _("Lessons learned"),
        }
        return [
            (label, self[narrative_field(part, "en")], self[narrative_field(part, "ar")])
            for part, label in labels.items()
        ]


class PortalRequestForm(forms.Form):
    """A customer's request for its own report: only the language is chosen."""

    language = forms.ChoiceField(label=_("Language"), choices=ReportLanguage.choices)
