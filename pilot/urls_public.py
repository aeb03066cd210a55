"""URLs of the back office (public schema): admin, staff API, health and metrics."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

import feedback.api.urls
import incidents.api.urls
import monitoring.api.urls
import pilot.api.urls
import reports.api.urls
import tenants.api.urls
from core.api import StaffAPIRootView
from pilot.health import healthz, readyz
from pilot.media import protected_media
from pilot.metrics import metrics

API_MODULES = [
    tenants.api.urls,
    pilot.api.urls,
    incidents.api.urls,
    feedback.api.urls,
    monitoring.api.urls,
    reports.api.urls,
]
BACKOFFICE_URLCONFS = [
    "backoffice.urls_backoffice",
    "tenants.urls_backoffice",
    "pilot.urls_backoffice",
    "incidents.urls_backoffice",
    "feedback.urls_backoffice",
    "monitoring.urls_backoffice",
    "reports.urls_backoffice",
]

router = DefaultRouter()
router.APIRootView = StaffAPIRootView
for module in API_MODULES:
    module.register_staff(router)

admin.site.site_header = "AquaFarm Pilot"
admin.site.site_title = "AquaFarm Pilot"
# templates/registration/ is the customer portal's; the back office renders its own.
admin.site.password_change_template = "admin/password_change_form.html"
admin.site.password_change_done_template = "admin/password_change_done.html"
admin.site.logout_template = "admin/logged_out.html"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("media/<path:name>", admin.site.admin_view(protected_media), name="protected-media"),
    path("api/v1/", include([pattern for module in API_MODULES for pattern in module.staff_urlpatterns])),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(urlconf="pilot.urls_public"), name="schema"),
    # GET only: OPTIONS on an HTML-template view has nothing to describe (it would fail, not answer).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", http_method_names=["get", "head"]),
        name="api-docs",
    ),
    *[path("admin/", include(urlconf)) for urlconf in BACKOFFICE_URLCONFS],
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
