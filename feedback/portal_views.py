"""The customer's own feedback page on its portal: raise a request or suggestion, vote on others."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from feedback.forms import PortalItemForm
from feedback.models import FeedbackItem
from feedback.selectors import feedback_item_ids_voted, feedback_item_list
from feedback.services.items import feedback_item_create, feedback_item_vote_add, feedback_item_vote_remove
from tenants.http import posted_id


@login_required
@require_http_methods(["GET", "POST"])
def item_list(request: HttpRequest) -> HttpResponse:
    """Raise a request or suggestion, say "me too" (`vote`) or take it back (`unvote`). Problems are
    reported on the incidents' *report a problem* form, the portal's only one."""
    form = PortalItemForm(request.POST or None)
    if request.method == "POST" and ("vote" in request.POST or "unvote" in request.POST):
        return _vote(request)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_item_create(**form.cleaned_data, created_by=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you, we have received it."))
            return HttpResponseRedirect(request.path)
    context = {"form": form, "items": feedback_item_list()[:100], "voted": feedback_item_ids_voted(user=request.user)}
    return render(request, "feedback/portal/items.html", context, status=400 if form.errors else 200)


def _vote(request: HttpRequest) -> HttpResponse:
    adding = "vote" in request.POST
    item = get_object_or_404(FeedbackItem, pk=posted_id(request.POST.get("vote" if adding else "unvote", "")))
    if not adding:
        feedback_item_vote_remove(item=item, user=request.user)
        messages.success(request, _("Your vote is removed."))
        return HttpResponseRedirect(request.path)
    try:
        feedback_item_vote_add(item=item, user=request.user)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("Thank you, your vote is counted."))
    return HttpResponseRedirect(request.path)
