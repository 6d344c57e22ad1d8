#!/bin/sh
# The Debian/Ubuntu packages `make run` and `make test` need beyond python3. Called by both targets:
# `scripts/system-deps.sh run` (PDF reports: Pango and a font) or `scripts/system-deps.sh test` (also
# gettext, Chromium for the browser tests, LibreOffice for the Word test, redis-server for the shared
# cache test). Missing packages are installed when running as root with apt-get; otherwise the script
# stops at once with the one command to run. SYSTEM_DEPS=skip skips the check (other systems).
set -eu

purpose="${1:-test}"
python="${PYTHON:-python3}"
venv="${VENV:-.venv}"
[ "${SYSTEM_DEPS:-}" = "skip" ] && exit 0

has_lib() {
  for ldconfig in ldconfig /sbin/ldconfig /usr/sbin/ldconfig; do
    if command -v "$ldconfig" >/dev/null 2>&1; then
      "$ldconfig" -p 2>/dev/null | grep -q "$1" && return 0
      return 1
    fi
  done
  return 1
}

missing=""
need() {  # need PACKAGE PROBE...: the package is missing when the probe fails
  package="$1"; shift
  "$@" >/dev/null 2>&1 || missing="$missing $package"
}

probe() {
  # The virtualenv needs ensurepip (Debian's python3-venv) until .venv exists.
  need python3-venv sh -c "[ -x '$venv/bin/python' ] || '$python' -c 'import ensurepip, venv'"
  # WeasyPrint (PDF reports) loads Pango and HarfBuzz' subsetter; the report's text falls back to DejaVu.
  need libpango-1.0-0 has_lib libpango-1.0.so.0
  need libpangoft2-1.0-0 has_lib libpangoft2-1.0.so.0
  need libharfbuzz-subset0 has_lib libharfbuzz-subset.so.0
  need fonts-dejavu-core test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  if [ "$purpose" = "test" ]; then
    need gettext command -v msgfmt                      # the translation catalogue tests
    need chromium test -x /usr/bin/chromium             # Playwright's browser tests (tests/browser/)
    need libreoffice-writer-nogui command -v soffice    # the Word report opens without a repair prompt
    need redis-server command -v redis-server           # rate limits in a shared Redis (when none runs)
  fi
}

probe
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for 'make $purpose':$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || echo "apt-get update failed; trying the install with the lists at hand" >&2
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
  missing=""
  probe
  [ -z "$missing" ] && exit 0
  echo "Still missing after apt-get install:$missing" >&2
  exit 1
fi

echo "" >&2
echo "'make $purpose' needs these system packages, which are missing:$missing" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "Install them with:" >&2
  echo "" >&2
  echo "    sudo apt-get install -y --no-install-recommends$missing" >&2
else
  echo "Install the equivalent packages of your system (Debian names above), or set SYSTEM_DEPS=skip." >&2
fi
echo "" >&2
exit 1
