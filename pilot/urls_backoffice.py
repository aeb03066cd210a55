"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from pilot import backoffice_views as views

urlpatterns: list[URLPattern] = [
    path("pilot/timeline/", admin.site.admin_view(views.timeline), name="pilot-timeline"),
    path("pilot/budget/", admin.site.admin_view(views.budget), name="pilot-budget"),
    path("pilot/scorecard/", admin.site.admin_view(views.scorecard), name="pilot-scorecard"),
    path(
        "pilot/customers/<slug:slug>/checklists/",
        admin.site.admin_view(views.customer_checklists),
        name="pilot-customer-checklists",
    ),
]
