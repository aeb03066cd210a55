"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from monitoring import portal_views

urlpatterns: list[URLPattern] = [
    path("slos/", portal_views.slo_list, name="monitoring-portal-slos"),
]
