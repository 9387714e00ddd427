#!/usr/bin/env bash
# Installs what the project needs, only when missing: Debian packages, then a local
# virtualenv (.venv) with the pinned requirements. Usage: scripts/setup.sh build|test
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"

# WeasyPrint needs Pango/HarfBuzz; tests need Chromium, poppler (pdffonts, pdftotext,
# pdftoppm) and zbar (decodes the QR codes for real).
pkgs=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig)
# The HTML test runs the Nu Html Checker (vnu.jar, from the npm registry), which needs Java.
if [ "$what" = "bench" ]; then
  pkgs+=(hugo)  # the ceiling of the site part in `make bench` (scripts/bench_peers.py)
fi
if [ "$what" = "test" ]; then
  pkgs+=(chromium poppler-utils zbar-tools)
  command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Cài gói hệ thống còn thiếu: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi

VNU_VERSION=26.9.27
if [ "$what" = "test" ] && [ ! -f .tools/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm install --prefix .tools --no-audit --no-fund --silent "vnu-jar@$VNU_VERSION" >/dev/null
fi
