"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from reports import portal_views

urlpatterns: list[URLPattern] = [
    path("reports/", portal_views.reports_page, name="reports-portal-list"),
    path("reports/request/", portal_views.report_request, name="reports-portal-request"),
    path("reports/<int:pk>/status/", portal_views.report_status, name="reports-portal-status"),
    path("reports/<int:pk>/download/", portal_views.report_download, name="reports-portal-download"),
]
