"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from tenants import portal_views

urlpatterns: list[URLPattern] = [
    path("team/", portal_views.team, name="tenants-portal-team"),
]
