#!/usr/bin/env bash
# System packages psychoed needs on Debian: WeasyPrint's pango and fonts for PDFs; for the tests
# (--browser) Chromium and nginx (the staff-only publishing recipe is tested with it); for
# `make audit` (--audit) Chromium, which Lighthouse drives, and a headless Java for the Nu HTML
# Checker. Installs only what is missing, so it is cheap to re-run.
set -euo pipefail

want=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils)
# npm fetches the pinned browser assets (reveal.js, iframe-worker); skip it where node is already there.
command -v npm >/dev/null 2>&1 || want+=(npm)
case "${1:-}" in
  --browser) want+=(chromium nginx-light zbar-tools) ;;  # zbarimg reads the handouts' QR codes back (tests/test_qr.py)
  --audit) want+=(chromium default-jre-headless) ;;
esac

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
