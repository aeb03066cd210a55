"""The Helm chart, rendered by a pinned Helm (scripts/helm.sh) for staging and production, every manifest
validated offline against the Kubernetes schemas (kubernetes-validate, strict: unknown fields fail)."""

import re
import subprocess
from functools import cache
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.deploy
CHART = ROOT / "infra/helm/pilot-portal"
KUBERNETES = "1.30.0"  # an old supported release: what validates there validates on the newer ones too
STAGING_SECRETS = {
    "secret.values.SECRET_KEY": "staging-key",
    "secret.values.DATABASE_URL": "postgres://pilot@db:5432/pilot",
    "secret.values.REDIS_URL": "redis://redis:6379/0",
}
ENVIRONMENTS = ["staging", "production"]


@cache
def _helm() -> str:
    return subprocess.run([ROOT / "scripts/helm.sh"], check=True, capture_output=True, text=True).stdout.strip()


def _template(environment: str, sets: dict[str, str]) -> subprocess.CompletedProcess:
    values = CHART / f"values-{environment}.yaml"
    command = [_helm(), "template", f"pilot-{environment}", str(CHART), "--values", str(values)]
    command += ["--namespace", f"pilot-{environment}", "--kube-version", KUBERNETES]
    for name, value in sets.items():
        command += ["--set", f"{name}={value}"]
    return subprocess.run(command, capture_output=True, text=True)


@cache
def _render(environment: str) -> tuple[dict, ...]:
    result = _template(environment, STAGING_SECRETS if environment == "staging" else {})
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def _one(environment: str, kind: str, component: str | None = None) -> dict:
    (found,) = [
        doc
        for doc in _render(environment)
        if doc["kind"] == kind
        and (component is None or doc["metadata"]["labels"].get("app.kubernetes.io/component") == component)
    ]
    return found


def _pod(environment: str, component: str) -> dict:
    kind = "Job" if component == "migrate" else "Deployment"
    return _one(environment, kind, component)["spec"]["template"]["spec"]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(environment: str) -> None:
    for doc in _render(environment):
        if doc["apiVersion"].startswith("monitoring.coreos.com/"):
            continue  # a CRD of the Prometheus Operator: not in Kubernetes' schemas (checked below)
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_validation_is_strict() -> None:
    service = {**_one("production", "Service"), "spec": {"ports": [{"port": 80, "targetPortt": "http"}]}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, KUBERNETES, strict=True)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ("staging", {"ConfigMap": 1, "Secret": 1, "Deployment": 3, "Service": 1, "Job": 1, "Ingress": 1}),
        (
            "production",
            {"ConfigMap": 1, "Deployment": 3, "Service": 1, "Job": 1, "Ingress": 1, "HorizontalPodAutoscaler": 2}
            | {"PodDisruptionBudget": 2, "PersistentVolumeClaim": 1},
        ),
    ],
)
def test_the_rendered_objects(environment: str, expected: dict[str, int]) -> None:
    kinds: dict[str, int] = {}
    for doc in _render(environment):
        kinds[doc["kind"]] = kinds.get(doc["kind"], 0) + 1
    assert kinds == expected | {"ServiceMonitor": 1}


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_exactly_one_beat_replaced_not_rolled(environment: str) -> None:
    beat = _one(environment, "Deployment", "beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert "HorizontalPodAutoscaler" not in {
        doc["kind"] for doc in _render(environment) if doc["metadata"]["name"].endswith("-beat")
    }


def test_migrations_run_as_a_hook_before_install_and_upgrade() -> None:
    job = _one("production", "Job", "migrate")
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["scripts/migrate.sh"]
    assert (ROOT / "scripts/migrate.sh").exists()
    config = _one("production", "ConfigMap")["data"]
    assert {item["name"]: item["value"] for item in container["env"]} == config  # the ConfigMap is not there yet


def test_the_staging_secret_exists_before_the_migration_hook() -> None:
    secret = _one("staging", "Secret")
    assert secret["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert int(secret["metadata"]["annotations"]["helm.sh/hook-weight"]) < 0
    assert secret["stringData"] == {key.split(".")[-1]: value for key, value in STAGING_SECRETS.items()}


def test_without_its_secrets_staging_does_not_render() -> None:
    result = _template("staging", {})
    assert result.returncode != 0
    assert "secret.values.SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_ingress_serves_the_back_office_and_every_customer_over_tls(environment: str) -> None:
    ingress = _one(environment, "Ingress")
    domain = _one(environment, "ConfigMap")["data"]["BASE_DOMAIN"]
    assert [rule["host"] for rule in ingress["spec"]["rules"]] == [domain, f"*.{domain}"]
    assert ingress["spec"]["tls"][0]["hosts"] == [domain, f"*.{domain}"]
    assert ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"]
    allowed = _one(environment, "ConfigMap")["data"]["ALLOWED_HOSTS"].split(",")
    assert {domain, f".{domain}", "127.0.0.1"} <= set(allowed)


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("component", ["web", "worker", "beat", "migrate"])
def test_every_pod_runs_non_root_on_a_read_only_root_with_tmp_and_resources(environment: str, component: str) -> None:
    pod = _pod(environment, component)
    (container,) = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    tmp = {mount["name"] for mount in container["volumeMounts"] if mount["mountPath"] == "/tmp"}
    assert [volume for volume in pod["volumes"] if volume["name"] in tmp][0]["emptyDir"]
    assert container["resources"]["requests"] and container["resources"]["limits"]


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_web_serves_gunicorn_with_liveness_and_readiness_probes(environment: str) -> None:
    (container,) = _pod(environment, "web")["containers"]
    assert container["command"] == ["gunicorn", "-c", "gunicorn.conf.py", "pilot.wsgi"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["readinessProbe"]["httpGet"]["httpHeaders"] == [{"name": "Host", "value": "127.0.0.1"}]
    pod = _pod(environment, "web")
    assert pod["terminationGracePeriodSeconds"] > 30  # gunicorn's graceful timeout (gunicorn.conf.py)


def test_production_scales_web_and_workers_and_keeps_them_available() -> None:
    hpas = {
        doc["spec"]["scaleTargetRef"]["name"]: doc["spec"]
        for doc in _render("production")
        if doc["kind"] == "HorizontalPodAutoscaler"
    }
    assert hpas["pilot-production-web"]["minReplicas"] >= 2
    assert set(hpas) == {"pilot-production-web", "pilot-production-worker"}
    pdbs = [doc for doc in _render("production") if doc["kind"] == "PodDisruptionBudget"]
    assert {pdb["spec"]["minAvailable"] for pdb in pdbs} >= {1}
    assert "replicas" not in _one("production", "Deployment", "web")["spec"]  # the HPA owns it


def test_production_takes_its_secrets_from_an_existing_secret() -> None:
    (container,) = _pod("production", "web")["containers"]
    names = [source.get("secretRef", {}).get("name") for source in container["envFrom"]]
    assert "pilot-portal-env" in names
    assert not [doc for doc in _render("production") if doc["kind"] == "Secret"]


def test_the_service_monitor_scrapes_metrics_with_the_token() -> None:
    monitor = _one("production", "ServiceMonitor")
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["path"] == "/metrics" and endpoint["port"] == "http"
    assert endpoint["authorization"]["credentials"] == {"name": "pilot-portal-env", "key": "METRICS_TOKEN"}
    assert monitor["spec"]["selector"]["matchLabels"] == _one("production", "Service")["spec"]["selector"]


def _documented_variables() -> set[str]:
    """The variables of .env.example and of the README's Configuration table."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("\n## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    from_readme = {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}
    return from_readme | set(re.findall(r"\b([A-Z][A-Z0-9_]{2,})=", (ROOT / ".env.example").read_text()))


def test_every_documented_variable_is_in_the_config_map_or_the_secret() -> None:
    documented = _documented_variables() - {"BEAT_INTERVAL_OVERRIDES"}  # demos and tests only
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    (web,) = _pod("production", "web")["containers"]
    in_chart = set(defaults["config"]) | set(defaults["secret"]["values"]) | {item["name"] for item in web["env"]}
    missing = documented - in_chart
    assert not missing, f"add {sorted(missing)} to infra/helm/pilot-portal/values.yaml (config: or secret.values:)"


def test_helm_is_cached_after_the_first_download() -> None:
    assert Path(_helm()).is_relative_to(ROOT / "var")
    second = subprocess.run([ROOT / "scripts/helm.sh", "version", "--short"], capture_output=True, text=True)
    assert second.stdout.startswith("v3.17.3")


def test_an_empty_setting_is_left_out_so_the_portal_s_default_applies() -> None:
    config = _one("production", "ConfigMap")["data"]
    assert "" not in config.values()
    assert "S3_ENDPOINT_URL" not in config  # AWS S3 itself: no endpoint, not an empty one
    assert config["S3_BUCKET"] == "pilot-production-files"


@pytest.mark.parametrize("environment", ENVIRONMENTS)
def test_the_worker_consumes_the_default_queue_and_the_reports_queue(environment: str) -> None:
    (container,) = _pod(environment, "worker")["containers"]
    queues = container["command"][container["command"].index("-Q") + 1]
    assert set(queues.split(",")) == {"celery", "reports"}  # report builds are routed to "reports"
