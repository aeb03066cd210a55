"""`make bench`: the design point (bench/design_point.py), served by gunicorn as production does (DEBUG off,
gunicorn.conf.py), under closed-loop load at each concurrency of bench/gates.toml (1 and 20 users).

Every journey is measured against a floor: /healthz on a second gunicorn of its own (one worker, another
port), probed throughout the same run, so the ratio measures the server, not the machine. Prints p50/p95,
errors and each journey's p95 as a multiple of the floor's; exits 1 when a ratio passes its gate.

Environment: BENCH_SCALE (1 = the full design point; 0.1 builds in about a minute), BENCH_DURATION (seconds per
journey and concurrency, default 20), BENCH_WARMUP (seconds of the same load before each, not measured, default 2),
BENCH_JOURNEYS (comma-separated names: only those), BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_PORT (8210; the floor
8211).
"""

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import count
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import design_point
from bench.gates import Gates, Outcome, failures, gates_load, percentile, table

ROOT = design_point.ROOT
PORT = int(os.environ.get("BENCH_PORT", "8210"))
FLOOR_PORT = PORT + 1
# Twenty users at about one request a second each give ~400 samples in 20 s: the p95 is the 20th slowest. In 10 s
# it was the 10th of ~200, and the same code's p95 moved by up to 45 % between two runs.
DURATION = float(os.environ.get("BENCH_DURATION", "20"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
# One numbering for the whole run: a survey link is answered once, by the warm-up or by the measurement.
REQUEST_NUMBERS = count()
PASSWORD = "pilot-demo-2026"  # the demo's (tenants/demo.py)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SURVEY_TOKENS = 2000

from django.db.models import Q  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from bench.feedback_load import ANSWERS  # noqa: E402
from bench.feedback_load import _cleanup as survey_tokens_remove  # noqa: E402
from bench.feedback_load import _setup as survey_tokens_create  # noqa: E402
from incidents.models import ACTIVE_STATUSES, Incident  # noqa: E402
from incidents.services import incident_counts_compact  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402


@dataclass
class Browser:
    """One signed-in user: cookies sent by hand (they are Secure, the bench speaks plain HTTP behind a
    trusted X-Forwarded-Proto as production's ingress does)."""

    host: str
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    port: int = PORT

    def request(self, method: str, path: str, **kwargs: object) -> requests.Response:
        origin = f"https://{self.host}"
        headers = {"Host": self.host, "X-Forwarded-Proto": "https", "Origin": origin, "Referer": f"{origin}/"}
        headers |= self.headers
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, f"http://127.0.0.1:{self.port}{path}", headers=headers, allow_redirects=False, timeout=60, **kwargs
        )
        self.cookies |= dict(response.cookies.items())
        return response

    def form_token(self, path: str) -> str:
        return CSRF_FIELD.search(self.request("GET", path).text).group(1)

    def login(self, path: str, username: str) -> "Browser":
        token = self.form_token(path)
        data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        response = self.request("POST", path, data=data)
        if response.status_code != 302:
            raise RuntimeError(f"login of {username} on {self.host} failed: {response.status_code}")
        return self


@dataclass(frozen=True)
class Journey:
    name: str
    kind: str  # page | api | write: the gate that applies (bench/gates.toml)
    call: Callable[[int], requests.Response]  # the request number → the answer
    ok: tuple[int, ...] = (200,)


def journeys(staff: Browser) -> list[Journey]:
    customer = PilotCustomer.objects.select_related("tenant").get(slug="riyadh")
    portal = Browser("riyadh.localhost").login("/accounts/login/", customer.contact_email)
    key, _ = Token.objects.get_or_create(user_id=staff_user_id())
    api = Browser("localhost", headers={"Authorization": f"Token {key.key}", "Origin": "", "Referer": ""})
    survey_tokens_remove(customer)
    tokens = survey_tokens_create(customer, SURVEY_TOKENS)
    surveyor = Browser("riyadh.localhost")
    survey_csrf = surveyor.form_token(f"/s/{tokens[0]}/")
    incident = Incident.objects.filter(status__in=ACTIVE_STATUSES).order_by("pk").first()
    page = lambda path: lambda n: staff.request("GET", path)  # noqa: E731
    return [
        Journey("program dashboard", "page", page("/admin/")),
        Journey("scorecard", "page", page("/admin/pilot/scorecard/")),
        Journey("feedback dashboard", "page", page("/admin/feedback/dashboard/")),
        Journey("SLO overview", "page", page("/admin/monitoring/slos/")),
        Journey("incidents queue", "page", page("/admin/incidents/queue/")),
        Journey("incident page", "page", page(f"/admin/incidents/{incident.pk}/board/")),
        Journey("budget", "page", page("/admin/pilot/budget/")),
        Journey("reports home", "page", page("/admin/reports/")),
        Journey("API incidents list", "api", lambda n: api.request("GET", "/api/v1/incidents/")),
        Journey("API customers list", "api", lambda n: api.request("GET", "/api/v1/customers/")),
        Journey("customer portal home", "page", lambda n: portal.request("GET", "/")),
        Journey("survey GET", "page", lambda n: surveyor.request("GET", f"/s/{tokens[n % len(tokens)]}/")),
        Journey(
            "survey POST",
            "write",
            lambda n: surveyor.request(
                "POST", f"/s/{tokens[n % len(tokens)]}/", data={**ANSWERS, "csrfmiddlewaretoken": survey_csrf}
            ),
            ok=(302,),
        ),
        Journey(
            "API incident create",
            "write",
            lambda n: api.request(
                "POST",
                "/api/v1/incidents/",
                json=incident_json(n),
            ),
            ok=(201,),
        ),
    ]


def incident_json(n: int) -> dict:
    return {"title": f"Bench load {n}", "category": "ui_issue", "severity": 3, "customers": ["riyadh"]}


def staff_user_id() -> int:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="pm").pk


def _no_pause() -> float:
    return 0.0


def _closed_loop(
    journey: Journey,
    users: int,
    pause: Callable[[], float] = _no_pause,
    duration: float = DURATION,
    warmup: float = 0.0,
) -> tuple[list[float], int]:
    """`users` threads, each sending its next request `pause()` seconds after the last one answered, for
    `warmup` + `duration` seconds; only requests sent after the warm-up are counted. Each user starts after
    one pause of its own, as people arrive one by one: started together, twenty users would all wait on the
    same first wave, which is a start-up artefact, not the load."""
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    counted_from = time.monotonic() + warmup
    stop = counted_from + duration

    def user() -> None:
        time.sleep(pause())
        while time.monotonic() < stop:
            sent = time.monotonic()
            started = time.perf_counter()
            try:
                status = journey.call(next(REQUEST_NUMBERS)).status_code
            except requests.RequestException:
                status = 0
            if sent >= counted_from:
                with lock:
                    timings.append((time.perf_counter() - started) * 1000)
                    errors[0] += status not in journey.ok
            time.sleep(max(0.0, min(pause(), stop - time.monotonic())))

    threads = [threading.Thread(target=user) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors[0]


def _floor_probe(stop: threading.Event, timings: list[float], port: int = FLOOR_PORT) -> None:
    floor = Browser("localhost", port=port)
    while not stop.is_set():
        started = time.perf_counter()
        floor.request("GET", "/healthz")
        timings.append((time.perf_counter() - started) * 1000)
        stop.wait(0.05)


def measure(journey: Journey, users: int, gates: Gates) -> Outcome:
    """The journey's p95 against the floor's, after WARMUP seconds of the same load left out: a gunicorn
    process's first request of a page loads its templates and translations, once per process and deploy, and
    with five processes those first requests alone made a one-user p95."""
    pause = lambda: gates.pause_s(users=users, draw=random.random())  # noqa: E731
    floor: list[float] = []
    stop = threading.Event()
    prober = threading.Thread(target=_floor_probe, args=(stop, floor))
    prober.start()
    try:
        timings, errors = _closed_loop(journey, users, pause, warmup=WARMUP)
    finally:
        stop.set()
        prober.join()
    return Outcome(
        journey=journey.name,
        kind=journey.kind,
        users=users,
        requests=len(timings),
        errors=errors,
        p50_ms=percentile(timings, 50),
        p95_ms=percentile(timings, 95),
        floor_p95_ms=percentile(floor, 95),
    )


def gunicorn(port: int, **env: str) -> subprocess.Popen:
    """gunicorn as production runs it (gunicorn.conf.py, DEBUG off), access log off for the bench."""
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "pilot.wsgi", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        # The staff API's per-user rate limit (1200/minute) is a guard against scripts, tested in tests/security;
        # the bench's one API user sends more than that on purpose (back to back, three API journeys).
        env={**os.environ, "DEBUG": "false", "LOG_LEVEL": "WARNING", "API_THROTTLE_USER": "1000000/minute", **env},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not start")


WEB_TIERS = {
    "gunicorn.conf.py (gthread)": {},
    "2 sync workers (before)": {"GUNICORN_CMD_ARGS": "--worker-class sync --workers 2"},
}
SLOW_PAGE, SLOW_PATH, SLOW_USERS = "feedback dashboard", "/admin/feedback/dashboard/", 10


def web_tier_check(staff: Browser) -> list[str]:
    """/healthz p95 on the serving gunicorn itself while SLOW_USERS users load a slow page, for the shipped
    configuration and for the 2 sync workers of issue 17 (ports PORT+2, PORT+3)."""
    lines = []
    for offset, (label, env) in enumerate(WEB_TIERS.items(), start=2):
        server = gunicorn(PORT + offset, **env)
        user = replace(staff, port=PORT + offset)
        probe: list[float] = []
        stop = threading.Event()
        prober = threading.Thread(target=_floor_probe, args=(stop, probe, PORT + offset))
        try:
            prober.start()
            slow = Journey(SLOW_PAGE, "page", lambda n, user=user: user.request("GET", SLOW_PATH))
            timings, _errors = _closed_loop(slow, SLOW_USERS)
        finally:
            stop.set()
            prober.join()
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        lines.append(
            f"{label:28s} {SLOW_PAGE} p95 {percentile(timings, 95):6.0f} ms at {SLOW_USERS} users; "
            f"/healthz on the same server p95 {percentile(probe, 95):6.0f} ms, max {max(probe, default=0):6.0f} ms"
        )
    return lines


def _bench_rows_remove() -> None:
    """What the load wrote (incidents created by API), so that re-runs measure the same data set; the incident
    counts' changes folded, as beat does every 5 minutes in production (the bench runs no beat)."""
    Incident.objects.filter(Q(title__startswith="Bench load ")).delete()
    incident_counts_compact()


def main() -> int:
    design_point.build()
    _bench_rows_remove()  # an interrupted run's, too
    gates = gates_load()
    servers = [gunicorn(PORT), gunicorn(FLOOR_PORT, WEB_CONCURRENCY="1", GUNICORN_THREADS="1")]
    outcomes = []
    try:
        staff = Browser("localhost").login("/admin/login/", "pm")
        chosen = [name.strip() for name in os.environ.get("BENCH_JOURNEYS", "").split(",") if name.strip()]
        planned = [journey for journey in journeys(staff) if not chosen or journey.name in chosen]
        for users in gates.users:
            for journey in planned:
                outcomes.append(measure(journey, users, gates))
                print(table(outcomes[-1:], gates).splitlines()[-1], flush=True)
        tiers = web_tier_check(staff)
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        _bench_rows_remove()
    print("\nweb tier: a slow page must not hold /healthz up")
    for line in tiers:
        print(f"  {line}")
    print(
        f"\n{len(outcomes)} measurements, {DURATION:g} s each, BENCH_SCALE={design_point.SCALE:g}, "
        f"think time {gates.think_s:g} s (x0.5-1.5) between a user's requests when users > 1\n"
    )
    print(table(outcomes, gates))
    problems = failures(outcomes, gates)
    for problem in problems:
        print(f"GATE: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
