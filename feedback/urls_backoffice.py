"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from feedback import backoffice_views as views

urlpatterns: list[URLPattern] = [
    path("feedback/dashboard/", admin.site.admin_view(views.dashboard), name="feedback-dashboard"),
    path("feedback/customers/<slug:slug>/", admin.site.admin_view(views.customer_detail), name="feedback-customer"),
]
