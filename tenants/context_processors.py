from django.http import HttpRequest


def current_customer(request: HttpRequest) -> dict:
    """The customer whose domain serves this page (None on the back office)."""
    return {"customer": getattr(request, "customer", None)}
