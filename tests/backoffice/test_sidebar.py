"""The back-office sidebar is rendered once and reused (backoffice/sidebar.py): what it shows must still follow
the page, the user's permissions, the language and the attention counts."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from backoffice import sidebar
from backoffice.navigation import COUNTS_CACHE_KEY
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh() -> None:
    sidebar._RENDERED.clear()
    for language in ("ar", "en"):
        cache.delete(f"{COUNTS_CACHE_KEY}:{language}")


def _sidebar(client: TenantClient, path: str, **headers: str) -> str:
    page = client.get(path, **headers).content.decode()
    start = page.index('id="toggle-nav-sidebar"')
    return page[start : page.index("</nav>\n", page.index('id="nav-filter"'))]


def _current_models(html: str) -> list[str]:
    return re.findall(r'<tr class="model-(\w+) current-model">', html)


def test_each_page_marks_its_own_model_as_current(pm_client: TenantClient) -> None:
    assert _current_models(_sidebar(pm_client, "/admin/pilot/risk/")) == ["risk"]
    assert _current_models(_sidebar(pm_client, "/admin/pilot/expense/")) == ["expense"]
    assert _current_models(_sidebar(pm_client, "/admin/pilot/budget/")) == []
    assert _current_models(_sidebar(pm_client, "/admin/pilot/risk/add/")) == ["risk"]


def test_it_is_rendered_once_for_pages_that_show_the_same_sidebar(pm_client: TenantClient) -> None:
    first = _sidebar(pm_client, "/admin/pilot/budget/")
    assert len(sidebar._RENDERED) == 1
    assert _sidebar(pm_client, "/admin/pilot/scorecard/") == first
    assert len(sidebar._RENDERED) == 1  # reused, not rendered again


def test_someone_with_fewer_permissions_never_gets_anothers_sidebar(
    pm_client: TenantClient, support_client: TenantClient
) -> None:
    manager = _sidebar(pm_client, "/admin/incidents/queue/")
    support = _sidebar(support_client, "/admin/incidents/queue/")
    assert 'href="/admin/pilot/risk/add/"' in manager  # support staff only read the plan
    assert 'href="/admin/pilot/risk/"' in support and 'href="/admin/pilot/risk/add/"' not in support


def test_a_permission_granted_shows_in_the_sidebar_at_the_next_page(
    support_client: TenantClient, support_engineer
) -> None:
    assert 'href="/admin/pilot/risk/add/"' not in _sidebar(support_client, "/admin/incidents/queue/")
    group = Group.objects.create(name="risk keepers")
    group.permissions.add(Permission.objects.get(codename="add_risk"))
    support_engineer.groups.add(group)
    assert 'href="/admin/pilot/risk/add/"' in _sidebar(support_client, "/admin/incidents/queue/")


def test_new_attention_counts_show_once_their_minute_is_over(pm_client: TenantClient, tenant_a) -> None:
    assert 'title="S1"' not in _sidebar(pm_client, "/admin/pilot/budget/")
    incident_make(tenant_a, severity=1)
    for language in ("ar", "en"):
        cache.delete(f"{COUNTS_CACHE_KEY}:{language}")  # the counts' own minute (backoffice.navigation) is over
    assert 'title="S1">S1&nbsp;1</span>' in _sidebar(pm_client, "/admin/pilot/budget/")


def test_each_language_gets_its_own_sidebar(pm_client: TenantClient) -> None:
    english = _sidebar(pm_client, "/admin/pilot/budget/", HTTP_ACCEPT_LANGUAGE="en")
    arabic = _sidebar(pm_client, "/admin/pilot/budget/", HTTP_ACCEPT_LANGUAGE="ar")
    assert ">Budget</a>" in english
    assert ">Budget</a>" not in arabic and ">الميزانية</a>" in arabic


def _home_apps(client: TenantClient, path: str) -> str:
    page = client.get(path).content.decode()
    return page[
        page.index('<div id="content-main">') : page.index('id="content-related"')
        if 'id="content-related"' in page
        else None
    ]


def test_the_home_page_and_each_app_index_list_their_own_apps(pm_client: TenantClient) -> None:
    home, pilot = _home_apps(pm_client, "/admin/"), _home_apps(pm_client, "/admin/pilot/")
    assert 'class="app-pilot module' in home and 'class="app-incidents module' in home
    assert 'class="app-pilot module' in pilot and 'class="app-incidents module' not in pilot
    assert _home_apps(pm_client, "/admin/") == home  # the reused rendering is the same page


def test_the_home_page_lists_only_what_its_reader_may_change(
    pm_client: TenantClient, support_client: TenantClient
) -> None:
    assert 'href="/admin/pilot/risk/add/"' in _home_apps(pm_client, "/admin/")
    support = _home_apps(support_client, "/admin/")
    assert 'href="/admin/pilot/risk/"' in support and 'href="/admin/pilot/risk/add/"' not in support
