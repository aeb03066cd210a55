"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from incidents import portal_views

urlpatterns: list[URLPattern] = [
    path("incidents/", portal_views.incident_list, name="incidents-portal-list"),
    path("incidents/report/", portal_views.incident_report, name="incidents-portal-report"),
    path("incidents/<int:pk>/", portal_views.incident_detail, name="incidents-portal-detail"),
    path("incidents/<int:pk>/reply/", portal_views.incident_reply, name="incidents-portal-reply"),
    path("incidents/<int:pk>/confirm/", portal_views.incident_confirm, name="incidents-portal-confirm"),
]
