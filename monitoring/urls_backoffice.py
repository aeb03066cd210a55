"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
