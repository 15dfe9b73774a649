#!/usr/bin/env bash
# Regenerates the README's screenshots from the browser tests, so they never go stale (issue 16): runs the browser
# tests (Debian's chromium, as ./test.sh does), then copies the pictures the README shows from the tests' output.
#   docs/screenshots/update.sh            # run the browser tests, then copy
#   docs/screenshots/update.sh --no-run   # copy what the last test run left
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${1:-}" != "--no-run" ]; then
  ./test.sh --filter "FullyQualifiedName~Vidnova.Tests.Browser"
fi
out=tests/Vidnova.Tests/bin/Release/net10.0/screenshots
# the README's picture        the browser test's screenshot
while read -r picture screenshot; do
  cp "$out/$screenshot.png" "docs/screenshots/$picture.png"
  echo "docs/screenshots/$picture.png ← $screenshot"
done <<'LIST'
portal-status               portal-awaiting-payment
status-live-phone           status-live-390
cabinet-account-phone       cabinet-account-phone
cabinet-bills-phone         bills-phone
reading-form-phone          reading-form-phone
backoffice-application      backoffice-application
backoffice-calendar         backoffice-calendar-1280
backoffice-dunning          backoffice-dunning
backoffice-dunning-case     backoffice-dunning-case
LIST
