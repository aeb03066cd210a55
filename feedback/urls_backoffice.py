"""Back-office pages of this app, mounted under /admin/ before the admin site (staff only)."""

from django.contrib import admin
from django.urls import URLPattern, path

from feedback.backoffice_views import dashboards as views
from feedback.backoffice_views import surveys

urlpatterns: list[URLPattern] = [
    path("feedback/dashboard/", admin.site.admin_view(views.dashboard), name="feedback-dashboard"),
    path("feedback/customers/<slug:slug>/", admin.site.admin_view(views.customer_detail), name="feedback-customer"),
    path("feedback/surveys/", admin.site.admin_view(surveys.survey_index), name="feedback-surveys"),
    path("feedback/surveys/new/", admin.site.admin_view(surveys.survey_builder), name="feedback-survey-new"),
    path(
        "feedback/surveys/<slug:slug>/send-round/",
        admin.site.admin_view(surveys.survey_send_round),
        name="feedback-survey-send-round",
    ),
    path(
        "feedback/surveys/<slug:slug>/<slug:key>/publish/",
        admin.site.admin_view(surveys.survey_publish_toggle),
        name="feedback-survey-publish",
    ),
    path("feedback/responses/", admin.site.admin_view(surveys.response_browser), name="feedback-responses"),
]
