"""gunicorn's configuration wherever the portal is served for real: the image, compose.yaml, the Helm chart, the
system tests and `make bench` (`gunicorn -c gunicorn.conf.py pilot.wsgi`). Each value can be changed by
environment; the command line (`-b`, or GUNICORN_CMD_ARGS) wins over this file.
"""

import multiprocessing
import os

from pilot.logs import logging_config
from pilot.tracing import tracing_enabled


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Processes from the CPUs the container may use (2 × CPUs + 1 is gunicorn's rule), unless WEB_CONCURRENCY says.
workers = _int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1)
# Threads: a slow page (a report download, a long admin list) holds one thread, not the process, so
# /healthz and /readyz still answer and Kubernetes does not restart a busy pod.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
# The portal is loaded once, in the master, and the workers are forked from it (pilot/warmup.py warms it): a
# worker that replaces one recycled after max_requests serves at once, instead of spending 1.5 s of a core on
# importing Django and then loading templates and translations during its first requests, which, on a two-core
# machine, other users' requests waited behind. Off when traces are exported (pilot/tracing.py sets up its exporter
# per process) or with GUNICORN_PRELOAD=off.
preload_app = os.environ.get("GUNICORN_PRELOAD", "off" if tracing_enabled() else "on").lower() in {"1", "true", "on"}
# A request still running after this many seconds is killed with its worker (a stuck query, not a slow page).
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (a rollout, a scale-down) requests in flight get this long to finish; below Kubernetes'
# terminationGracePeriodSeconds (chart: 40 s) so gunicorn, not the kubelet, ends them.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Above the load balancer's idle timeout would leave it reusing closed connections; 5 s suits an ingress in front.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle processes now and then (jittered so they do not all restart at once): bounds slow leaks.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Which proxies may set X-Forwarded-Proto/For (the ingress controller's network in a cluster).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The heartbeat file lives in memory: /tmp is slow on some container file systems and read-only root FS
# leaves only the emptyDir there.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
# The control socket (gunicornc) would be one file in $HOME shared by every instance on a host, and needs a
# writable home; nothing here uses it.
control_socket_disable = True

# Access and error lines through the portal's logging: JSON on stdout unless LOG_FORMAT=text, request id included.
# The default as in settings: text while DEBUG is on (development), JSON otherwise.
_debug = os.environ.get("DEBUG", "on").lower() in {"1", "true", "on", "yes", "y", "ok"}
accesslog = "-"
# A short message; method, path (tokens masked), status, duration, bytes and request id are fields of the line.
access_log_format = "%(m)s %(U)s %(s)s"
logconfig_dict = logging_config(
    log_format=os.environ.get("LOG_FORMAT") or ("text" if _debug else "json"), level=os.environ.get("LOG_LEVEL", "INFO")
)
