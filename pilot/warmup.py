"""What every web process otherwise does on its first requests, done once where the application loads.

gunicorn loads the application in its master and forks the workers from it (gunicorn.conf.py, preload_app): a
worker started to replace one recycled after `max_requests` then has the URL patterns, the translation catalogs
and the busiest pages' compiled templates already, instead of spending its first requests (and a core of a
two-core machine) on them while other users wait. Nothing here opens a connection that a fork would share; the
caller closes any that application start-up opened.
"""

import gc
import logging
import os

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

# The pages every user opens first: the back office's frame and home, the customer's portal and the survey.
WARM_TEMPLATES = (
    "admin/base_site.html",
    "admin/index.html",
    "admin/change_list.html",
    "admin/change_form.html",
    "backoffice/_nav_sidebar.html",
    "backoffice/_home_app_list.html",
    "incidents/backoffice/queue.html",
    "incidents/backoffice/board.html",
    "portal/base.html",
    "tenants/portal/dashboard.html",
    # The home's cards, included by name from a variable (tenants.portal_views.PANEL_MODULES): not loaded with it.
    "monitoring/portal/_panel.html",
    "incidents/portal/_panel.html",
    "pilot/portal/_training_panel.html",
    "feedback/portal/_panel.html",
    "tenants/portal/_status_panel.html",
    "reports/portal/_panel.html",
    "feedback/survey/page.html",
)


def process_warm() -> None:
    """Load the URL patterns of both URL configurations, both languages' catalogs and the busiest templates."""
    for urlconf in (settings.PUBLIC_SCHEMA_URLCONF, settings.ROOT_URLCONF):
        get_resolver(urlconf).reverse_dict  # noqa: B018  # populates the resolver (a property with side effects)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")
    loaded = 0
    for name in WARM_TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:  # a renamed page must not stop the server from starting
            continue
        loaded += 1
    connections.close_all()
    frozen = _heap_freeze()
    logger.info(
        "web process warmed in pid %s: %s templates, %s languages, %s objects frozen",
        os.getpid(),
        loaded,
        len(settings.LANGUAGES),
        frozen,
    )


def _heap_freeze() -> int:
    """Move every object alive now (Django, the URL patterns, the catalogs, the templates: about 220,000) out of
    the cyclic garbage collector's reach, as Python's gc.freeze() documentation advises before forking workers.
    Measured in a warmed process at the design point: each full collection walked them all and held the process
    (all of its threads) for about 110 ms, once every couple of hundred requests; frozen, the same requests had none
    of those pauses. The forked workers also stop writing to the pages they share with the master."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
