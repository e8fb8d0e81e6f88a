#!/usr/bin/env bash
# Takes the screenshots docs/ and the README show, anew: kpproc serve's search, meeting, person
# and body pages and an exported page, over the seeds and examples, in headless Chromium (the
# browser test's own run, so every screenshot is of a page that passed its checks).
#   docs/screenshots/make.sh [KPPROC]     (default: build/release/bin/kpproc)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
kpproc=${1:-$root/build/release/bin/kpproc}
exec bash "$root/tests/browser/run.sh" check_pages "$kpproc" "$root" "$root/docs/screenshots"
