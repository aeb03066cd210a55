"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from feedback import portal_views, views

urlpatterns: list[URLPattern] = [
    path("s/<str:token>/", views.survey_page, name="feedback-survey"),
    path("s/<str:token>/done/", views.survey_done, name="feedback-survey-done"),
    path("feedback/", portal_views.item_list, name="feedback-items"),
]
