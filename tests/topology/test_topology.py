"""20 clients for a minute through nginx over the main journeys while one gunicorn instance and one Celery
worker are killed (SIGKILL) half way and restarted: nothing acknowledged is lost and nothing is done twice."""

import datetime as dt
import email.utils
import os
import queue
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import requests
from django.utils import timezone
from django_tenants.utils import tenant_context

from feedback.models import Contact, Invitation, Response
from feedback.services.rounds import survey_round_open
from feedback.tokens import token_for
from incidents.models import Incident, IncidentEvent
from ops.models import OutgoingMessage
from tests.conftest import PASSWORD
from tests.feedback.conftest import VALID
from tests.system.conftest import Staff
from tests.topology.conftest import Topology, wait_for

pytestmark = pytest.mark.topology
CLIENTS = 20
SECONDS = float(os.environ.get("TOPOLOGY_SECONDS", "60"))
SURVEY_INVITATIONS = 400
TITLE = "Topology load"


@dataclass
class Tally:
    """What the clients saw; lists are appended from many threads (list.append is atomic in CPython)."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    incidents: list[int] = field(default_factory=list)  # ids answered with 201
    answers: list[int] = field(default_factory=list)  # invitation ids answered with 302

    def call(self, send: Callable[[], requests.Response], expected: tuple[int, ...]) -> requests.Response | None:
        started = time.monotonic()
        try:
            response = send()
        except requests.RequestException as exc:
            self.errors.append(type(exc).__name__)
            return None
        finally:
            self.latencies.append(time.monotonic() - started)
        if response.status_code not in expected:
            self.errors.append(str(response.status_code))
            return None
        return response

    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(len(ordered) * 0.95) - 1] if ordered else 0.0


def _invitations(customer) -> queue.Queue:
    with tenant_context(customer.tenant):
        Contact.objects.bulk_create(
            Contact(name=f"Farmer {n}", email=f"farmer{n}@farm.example", language="en")
            for n in range(SURVEY_INVITATIONS)
        )
        survey_round_open(now=timezone.now())
        tokens: queue.Queue = queue.Queue()
        for invitation in Invitation.objects.all():
            tokens.put((invitation.pk, token_for(invitation.token_nonce)))
    return tokens


def _admin_cookies(topology: Topology, staff: Staff) -> dict[str, str]:
    session = requests.Session()
    page = session.get(topology.url("/admin/login/"), headers={"Host": "localhost"}, timeout=30)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    form = {"username": staff.manager.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    session.post(topology.url("/admin/login/"), data=form, headers={"Host": "localhost"}, timeout=30)
    assert "sessionid" in session.cookies, "the program manager could not log in"
    return session.cookies.get_dict()


def _report_incident(topology: Topology, staff: Staff, session: requests.Session, tally: Tally) -> None:
    reported_at = (timezone.now() - dt.timedelta(minutes=20)).isoformat()  # late: a breach is due at once
    body = {"title": TITLE, "category": "system_down", "severity": 1, "customers": ["alpha"]}
    body["reported_at"] = reported_at
    url = topology.url("/api/v1/incidents/")
    response = tally.call(lambda: session.post(url, json=body, headers=staff.headers(), timeout=30), (201,))
    if response is not None:
        tally.incidents.append(response.json()["id"])


def _answer_survey(topology: Topology, tokens: queue.Queue, session: requests.Session, tally: Tally) -> None:
    try:
        invitation_id, token = tokens.get_nowait()
    except queue.Empty:  # every link answered: this client idles rather than spin
        time.sleep(0.5)
        return
    url, headers = topology.url(f"/s/{token}/"), {"Host": f"alpha.localhost:{topology.port}"}
    page = tally.call(lambda: session.get(url, headers=headers, timeout=30), (200,))
    if page is None:
        return
    form = {**VALID, "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]}
    if tally.call(lambda: session.post(url, data=form, headers=headers, timeout=30, allow_redirects=False), (302,)):
        tally.answers.append(invitation_id)


def _read(topology: Topology, staff: Staff, session: requests.Session, tally: Tally) -> None:
    tally.call(lambda: session.get(topology.url("/api/v1/incidents/"), headers=staff.headers(), timeout=30), (200,))
    for path in ("/admin/incidents/queue/", "/admin/feedback/dashboard/"):
        tally.call(lambda p=path: session.get(topology.url(p), headers={"Host": "localhost"}, timeout=30), (200,))


def _client(until: float, journey: Callable[[requests.Session], None], cookies: dict) -> None:
    session = requests.Session()
    session.cookies.update(cookies)  # only the readers' (a session cookie would make the API ask for CSRF)
    while time.monotonic() < until:
        journey(session)


def _kill_and_restart(topology: Topology) -> float:
    """Returns when the worker was killed (epoch seconds)."""
    topology.kill("web1")
    killed_at = time.time()
    topology.kill("worker1")
    topology.start_worker("worker1")
    topology.start_gunicorn("web1")
    return killed_at


def test_twenty_clients_for_a_minute_lose_and_double_nothing_while_a_web_and_a_worker_die(
    topology: Topology, staff: Staff, tenant_a
) -> None:
    tokens = _invitations(tenant_a)
    # The invitations' e-mails went out in this process (eager Celery): only what the topology owes counts.
    before = OutgoingMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    topology.extra_env["API_THROTTLE_USER"] = "100000/minute"  # 20 clients share one staff token here
    for name in ("worker1", "worker2"):
        topology.start_worker(name)
    topology.start_beat()
    topology.start_gunicorn("web1")
    topology.start_gunicorn("web2")
    topology.start_nginx()
    cookies = _admin_cookies(topology, staff)

    tally = Tally()
    journeys = [
        lambda s: _report_incident(topology, staff, s, tally),
        lambda s: _answer_survey(topology, tokens, s, tally),
        lambda s: _read(topology, staff, s, tally),
    ]
    started = time.monotonic()
    until = started + SECONDS
    clients = [
        threading.Thread(target=_client, args=(until, journeys[n % 3], cookies if n % 3 == 2 else {}), daemon=True)
        for n in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(SECONDS / 2)
    killed_at = _kill_and_restart(topology)
    for client in clients:
        client.join(timeout=SECONDS + 60)
    elapsed = time.monotonic() - started

    _drain(tally)
    requests_made, errors = len(tally.latencies), len(tally.errors)
    print(
        f"\ntopology: {requests_made} requests in {elapsed:.0f} s by {CLIENTS} clients, {errors} errors "
        f"({errors / max(requests_made, 1):.2%}: {dict(Counter(tally.errors))}), p95 {tally.p95() * 1000:.0f} ms; "
        f"{len(tally.incidents)} incidents and {len(tally.answers)} survey answers acknowledged"
    )
    _assert_nothing_lost(tally, tenant_a)
    _assert_nothing_doubled(topology, before, killed_at)
    assert tally.incidents and tally.answers, "the load did not exercise both writes"
    assert errors / max(requests_made, 1) < 0.05, "more than 5% of requests failed"


def _drain(tally: Tally) -> None:
    """Waits for the effects of every write: each incident's breach and every outbox message out."""

    def breached() -> bool:
        with_breach = IncidentEvent.objects.filter(incident_id__in=tally.incidents, kind="breach", clock="response")
        return with_breach.values("incident_id").distinct().count() == len(set(tally.incidents))

    wait_for("every incident's breach", breached, timeout=90, every=1)
    wait_for("an empty outbox", lambda: not OutgoingMessage.objects.exclude(status="sent").exists(), timeout=90)


def _assert_nothing_lost(tally: Tally, customer) -> None:
    stored = set(Incident.objects.filter(pk__in=tally.incidents).values_list("pk", flat=True))
    assert stored == set(tally.incidents), f"lost incidents: {set(tally.incidents) - stored}"
    with tenant_context(customer.tenant):
        answered = set(Response.objects.filter(invitation_id__in=tally.answers).values_list("invitation_id", flat=True))
    assert answered == set(tally.answers), f"lost survey answers: {set(tally.answers) - answered}"


def _assert_nothing_doubled(topology: Topology, before: int, killed_at: float) -> None:
    breaches = Counter(
        IncidentEvent.objects.filter(incident__title=TITLE, kind="breach").values_list("incident_id", "clock")
    )
    assert breaches and max(breaches.values()) == 1, "an incident was breached twice on one clock"
    owed = Counter(OutgoingMessage.objects.filter(channel="email", pk__gt=before).values_list("recipient", "subject"))
    mails = topology.mails()
    delivered = Counter(_mail_key(mail) for mail in mails)
    assert not owed - delivered, f"e-mails never sent: {owed - delivered}"
    # At-least-once, as SMTP allows (README, outbox): a message handed to the mail server at the instant its
    # worker is SIGKILLed, before the "sent" mark commits, goes out again. Only such a message may be doubled.
    doubled = delivered - owed
    sent_at_kill = {_mail_key(mail) for mail in mails if abs(_mail_time(mail) - killed_at) <= KILL_WINDOW_SECONDS}
    unexplained = {key: n for key, n in doubled.items() if n > 1 or key not in sent_at_kill}
    assert not unexplained, f"e-mails sent twice: {unexplained}"


KILL_WINDOW_SECONDS = 3  # the Date header has whole seconds


def _mail_key(mail) -> tuple[str, str]:
    return mail["To"], mail["Subject"].replace("\n", "").replace("\r", "")


def _mail_time(mail) -> float:
    sent = email.utils.parsedate_to_datetime(mail["Date"])  # naive for Django's "-0000": it is UTC
    return (sent if sent.tzinfo else sent.replace(tzinfo=dt.UTC)).timestamp()
