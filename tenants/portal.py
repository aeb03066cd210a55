"""The pilot-status card on the customer's portal dashboard."""

from django.http import HttpRequest

from tenants.models import OnboardingStep


def panel(request: HttpRequest) -> dict | None:
    customer = request.customer
    steps = list(OnboardingStep.objects.filter(customer=customer).order_by("pk"))
    return {"template": "tenants/portal/_status_panel.html", "customer": customer, "steps": steps}
