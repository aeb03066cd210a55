"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from backoffice import views

urlpatterns: list[URLPattern] = [
    path("language/", admin.site.admin_view(views.language_switch), name="backoffice-language"),
]
