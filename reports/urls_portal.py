"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
