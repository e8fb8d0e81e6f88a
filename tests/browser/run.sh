#!/usr/bin/env bash
# Runs one of the browser-side checks, after checking what it needs is there.
#   run.sh check_pages KPPROC SOURCE_DIR SCREENSHOT_DIR   pages in Chromium (check_pages.mjs)
#   run.sh load KPPROC SOURCE_DIR [CLIENTS SECONDS P99_MS] kpproc serve under load (load.mjs)
# `bash .ci/setup test` installs Node.js and Chromium from Debian and these scripts' two npm
# packages (npm ci here); nothing is downloaded while the tests run.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
what=${1:?usage: run.sh check_pages|load KPPROC SOURCE_DIR ...}
shift
command -v node >/dev/null || { echo "Node.js is not installed (apt-get install nodejs)"; exit 1; }
if [ ! -d "$here/node_modules/puppeteer-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
    echo "tests/browser/node_modules is missing: run 'npm ci --prefix tests/browser'"; exit 1
fi
if [ "$what" = check_pages ] && ! command -v chromium >/dev/null; then
    echo "Chromium is not installed (apt-get install chromium)"; exit 1
fi
exec node "$here/$what.mjs" "$@"
