"""Customer-portal pages of this app, mounted at the root of a customer domain."""

from django.urls import URLPattern, path

from pilot import portal_views as views

urlpatterns: list[URLPattern] = [
    path("training/", views.training, name="pilot-training"),
    path("training/materials/<int:pk>/", views.material_download, name="pilot-training-material"),
    path("training/documents/<slug:kind>/<slug:language>/", views.document_download, name="pilot-training-document"),
]
