#!/usr/bin/env bash
# Runs every test: unit tests of the rules, HTTP integration tests on real SQLite files and mail folders,
# and browser tests in Debian's chromium (installed by .ci/run; skipped with a clear failure if missing).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Vidnova.slnx --configuration Release --logger "console;verbosity=normal" "$@"
