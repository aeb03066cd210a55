"""The customer's pilot dashboard: one card per app, each app filling its own."""

from importlib import import_module

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tenants.forms import OutboxPasswordResetForm
from tenants.http import posted_id
from tenants.roles import CUSTOMER_ADMIN
from tenants.services.team import customer_member_add, customer_member_deactivate

# Cards in display order; each module has `panel(request) -> dict | None`. The home answers "Is AquaFarm
# working for us?" first: service status, open incidents, next training, open survey, then the rest.
PANEL_MODULES = (
    "monitoring.portal",
    "incidents.portal",
    "pilot.portal",
    "feedback.portal",
    "tenants.portal",
    "reports.portal",
)


def _panels(request: HttpRequest) -> list[dict]:
    panels = (import_module(name).panel(request) for name in PANEL_MODULES)
    return [panel for panel in panels if panel is not None]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/portal/dashboard.html", {"panels": _panels(request)})


@login_required
@permission_required("auth.view_user", raise_exception=True)
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    """The customer admin's page: who has an account and who receives the surveys (members: 403).
    POST `add` (an e-mail: a member account and a set-password e-mail) or `deactivate` (a member's id)."""
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            _team_change(request)
        except ValidationError as error:
            errors = error.message_dict
        else:
            return HttpResponseRedirect(request.path)
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    admins = set(users.filter(groups__name=CUSTOMER_ADMIN).values_list("pk", flat=True))
    context = {"users": users, "admin_ids": admins, "errors": errors}
    return render(request, "tenants/portal/team.html", context, status=400 if errors else 200)


def _team_change(request: HttpRequest) -> None:
    if not request.user.has_perms(["auth.add_user", "auth.change_user"]):
        raise PermissionDenied
    if "deactivate" in request.POST:
        user = get_object_or_404(get_user_model(), pk=posted_id(request.POST["deactivate"]), is_active=True)
        customer_member_deactivate(user=user, by=request.user)
        messages.success(request, _("The account is deactivated."))
        return
    user = customer_member_add(email=request.POST.get("email", ""))
    form = OutboxPasswordResetForm({"email": user.email})
    if form.is_valid():  # Django's reset e-mail is the set-password link (one-time, on this domain)
        form.save(request=request, use_https=request.is_secure())
    messages.success(request, _("The account is created; a link to set its password is on its way."))
