"""URLs of a customer's domain: the customer portal and the customer's own API. No admin here."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

import feedback.api.urls
import incidents.api.urls
import monitoring.api.urls
import pilot.api.urls
import reports.api.urls
import tenants.api.urls
from pilot.health import healthz
from tenants.api.base import CustomerAPIMixin
from tenants.portal_views import dashboard
from tenants.security import LimitedPasswordResetForm

API_MODULES = [
    tenants.api.urls,
    pilot.api.urls,
    incidents.api.urls,
    feedback.api.urls,
    monitoring.api.urls,
    reports.api.urls,
]
PORTAL_URLCONFS = [
    "tenants.urls_portal",
    "pilot.urls_portal",
    "incidents.urls_portal",
    "feedback.urls_portal",
    "monitoring.urls_portal",
    "reports.urls_portal",
]

router = DefaultRouter()
for module in API_MODULES:
    module.register_customer(router)

urlpatterns = [
    path("", dashboard, name="portal-dashboard"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=LimitedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include([pattern for module in API_MODULES for pattern in module.customer_urlpatterns])),
    path("api/v1/", include(router.urls)),
    # The customer API's own OpenAPI schema, for the customer's signed-in users.
    path(
        "api/v1/schema/",
        SpectacularAPIView.as_view(
            urlconf="pilot.urls_tenant",
            authentication_classes=CustomerAPIMixin.authentication_classes,
            permission_classes=CustomerAPIMixin.permission_classes,
        ),
        name="customer-schema",
    ),
    *[path("", include(urlconf)) for urlconf in PORTAL_URLCONFS],
]
