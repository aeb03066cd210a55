"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from reports import portal_views

urlpatterns: list[URLPattern] = [
    path("reports/<int:pk>/download/", portal_views.report_download, name="reports-portal-download"),
]
