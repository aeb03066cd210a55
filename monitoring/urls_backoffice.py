"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from monitoring import backoffice_views as views

urlpatterns: list[URLPattern] = [
    path("monitoring/slos/", admin.site.admin_view(views.overview), name="monitoring-overview"),
    path("monitoring/slos/<slug:slug>/", admin.site.admin_view(views.customer), name="monitoring-customer"),
    path(
        "monitoring/customers/<slug:slug>/health/",
        admin.site.admin_view(views.customer_health),
        name="monitoring-customer-health",
    ),
    path(
        "monitoring/customers/<slug:slug>/errors/",
        admin.site.admin_view(views.customer_errors),
        name="monitoring-customer-errors",
    ),
]
