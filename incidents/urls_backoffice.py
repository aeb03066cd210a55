"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from incidents import backoffice_views as views

urlpatterns: list[URLPattern] = [
    path("incidents/queue/", admin.site.admin_view(views.queue), name="incidents-queue"),
    path("incidents/queue/acknowledge/", admin.site.admin_view(views.queue_acknowledge), name="incidents-queue-ack"),
    path("incidents/<int:pk>/board/", admin.site.admin_view(views.board), name="incidents-board"),
    path(
        "incidents/<int:pk>/board/<slug:action>/",
        admin.site.admin_view(views.board_action),
        name="incidents-board-action",
    ),
]
