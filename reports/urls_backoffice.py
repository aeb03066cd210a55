"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from reports import backoffice_views as views

urlpatterns: list[URLPattern] = [
    path("reports/", admin.site.admin_view(views.reports_home), name="reports-backoffice-home"),
    path(
        "reports/narrative/",
        admin.site.admin_view(views.report_narrative_edit),
        name="reports-backoffice-narrative",
    ),
    path("reports/generate/", admin.site.admin_view(views.report_generate), name="reports-backoffice-generate"),
    path("reports/<int:pk>/status/", admin.site.admin_view(views.report_status), name="reports-backoffice-status"),
    path(
        "reports/<int:pk>/download/",
        admin.site.admin_view(views.report_download),
        name="reports-backoffice-download",
    ),
]
