#!/usr/bin/env bash
# Refreshes docs/console.png, the README's picture of the console: ConsoleScreenshotIT opens a lease
# with a day of usage in headless Chromium (Debian's chromium and chromium-driver) and saves the page.
# Usage: docs/console-screenshot.sh   (from anywhere; a few minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl ledger-service -am verify -Dtest=none -Dit.test=ConsoleScreenshotIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dconsole.screenshot="$PWD/docs/console.png"
echo "wrote docs/console.png"
