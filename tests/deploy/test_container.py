"""The image and the single-host deployment, checked as far as a machine without a container engine allows:
the Dockerfile through Docker's own parser (the `dockerfile` package wraps BuildKit's), compose.yaml as data,
Prometheus' configuration with promtool."""

import re
import shutil
import subprocess
from pathlib import Path

import dockerfile
import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.deploy
APP_SERVICES = {"migrate", "web-1", "web-2", "worker", "beat"}
LONG_RUNNING = {"web-1", "web-2", "worker", "postgres", "redis", "minio", "prometheus"}


def _instructions() -> list[dockerfile.Command]:
    return list(dockerfile.parse_file(str(ROOT / "Dockerfile")))


def _stages() -> list[list[dockerfile.Command]]:
    stages: list[list[dockerfile.Command]] = []
    for instruction in _instructions():
        if instruction.cmd == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(instruction)
    return stages


def _compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def _run_lines(stage: list[dockerfile.Command]) -> str:
    return "\n".join(" ".join(i.value) for i in stage if i.cmd == "RUN")


def test_the_image_is_built_in_two_stages_from_python_3_11_slim_bookworm() -> None:
    (arg,) = [i for i in _instructions() if i.cmd == "ARG" and i.value[0].startswith("PYTHON_IMAGE=")]
    build, runtime = _stages()
    assert arg.value[0] == "PYTHON_IMAGE=python:3.11-slim-bookworm"
    assert build[0].value == ("${PYTHON_IMAGE}", "AS", "build")
    assert runtime[0].value == ("${PYTHON_IMAGE}", "AS", "runtime")
    assert any(i.cmd == "COPY" and "--from=build" in i.flags for i in runtime)


def test_the_runtime_has_weasyprint_s_libraries_and_the_noto_fonts_of_the_setup_script() -> None:
    setup = (ROOT / "scripts/setup.sh").read_text()
    weasyprint_line = re.search(r"\n\s+(libpango[^\n]+)", setup).group(1).split()
    runtime_runs = _run_lines(_stages()[1])
    assert "fonts-noto-core" in weasyprint_line
    for package in weasyprint_line:
        assert package in runtime_runs
    assert "gettext" not in runtime_runs  # build tools stay in the build stage


def test_static_files_and_translations_are_made_at_build() -> None:
    build_runs = _run_lines(_stages()[0])
    assert "manage.py collectstatic --noinput" in build_runs
    assert "manage.py compilemessages" in build_runs


def test_the_container_runs_as_a_numeric_non_root_user() -> None:
    (user,) = [i for i in _stages()[1] if i.cmd == "USER"]
    uid = user.value[0].split(":")[0]
    assert uid.isdigit() and int(uid) != 0
    assert f"--uid {uid}" in _run_lines(_stages()[1])


def test_the_image_serves_gunicorn_with_the_config_file_and_checks_healthz() -> None:
    runtime = _stages()[1]
    (cmd,) = [i for i in runtime if i.cmd == "CMD"]
    (healthcheck,) = [i for i in runtime if i.cmd == "HEALTHCHECK"]
    assert cmd.value == ("gunicorn", "-c", "gunicorn.conf.py", "pilot.wsgi")
    assert "http://127.0.0.1:8000/healthz" in " ".join(healthcheck.value)


def test_the_build_context_leaves_out_local_state_and_copies_what_exists() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "var", "tests"} <= set(ignored)
    for instruction in _stages()[0]:
        if instruction.cmd == "COPY":
            assert (ROOT / instruction.value[0]).exists()


def test_compose_runs_the_portal_s_processes_and_its_services() -> None:
    services = _compose()["services"]
    assert APP_SERVICES | {"postgres", "redis", "minio", "prometheus"} <= set(services)
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(images) == 1  # one image, five roles
    assert services["web-1"].get("command") is None  # the image's gunicorn
    assert services["worker"]["command"][:4] == ["celery", "-A", "pilot", "worker"]
    worker = services["worker"]["command"]
    assert worker[worker.index("-Q") + 1] == "celery,reports"  # report builds have their own queue
    assert services["beat"]["command"][:4] == ["celery", "-A", "pilot", "beat"]
    assert "replicas" not in services["beat"].get("deploy", {})  # exactly one beat
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_compose_migrates_once_before_anything_serves() -> None:
    services = _compose()["services"]
    assert services["migrate"]["command"] == ["scripts/migrate.sh"]
    assert services["migrate"]["restart"] == "no"
    assert (ROOT / "scripts/migrate.sh").stat().st_mode & 0o111
    for name in APP_SERVICES - {"migrate"}:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_compose_services_have_healthchecks() -> None:
    services = _compose()["services"]
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"], name
    assert "/readyz" in " ".join(services["web-1"]["healthcheck"]["test"])
    assert services["beat"]["healthcheck"] == {"disable": True}


def test_compose_configures_production_and_requires_its_secrets() -> None:
    services = _compose()["services"]
    environment = services["web-1"]["environment"]
    assert environment["DEBUG"] == "off"
    assert environment["LOG_FORMAT"] == "json"
    assert environment["DATABASE_URL"].startswith("postgres://pilot:${POSTGRES_PASSWORD:?")
    assert environment["DATABASE_URL"].endswith("@postgres:5432/pilot")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert environment["S3_ENDPOINT_URL"] == "http://minio:9000"
    assert environment["WEB_CONCURRENCY"]
    assert services["worker"]["environment"]["SECRET_KEY"] == environment["SECRET_KEY"]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool comes with Debian's prometheus (setup.sh)")
def test_the_prometheus_configuration_is_valid() -> None:
    config = ROOT / "infra/prometheus/prometheus.yml"
    mounted = [volume for volume in _compose()["services"]["prometheus"]["volumes"] if volume.startswith("./")]
    assert Path(mounted[0].split(":")[0]).name == config.name
    subprocess.run(["promtool", "check", "config", "--syntax-only", str(config)], check=True, capture_output=True)
