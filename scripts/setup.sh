#!/usr/bin/env bash
# Installs what Lagrange needs on Debian/Ubuntu: OpenBLAS and LAPACKE (linked against), and
# headless Chromium, in which the test suite lays out every kind of report
# (Tests/LagrangeCLITests/BrowserReportTests.swift; those tests are skipped without it).
# Safe to run again; installs only what is missing.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

if ! { pkg-config --exists lapacke openblas 2>/dev/null && [ -f /usr/include/lapacke.h ]; }; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null
fi

# DejaVu Sans: the font whose widths the reports' label placement assumes (SVGChart.textWidth).
if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  $SUDO apt-get update -qq
  # Not fatal: without a browser only the browser layout tests are skipped.
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null ||
    echo "setup: could not install chromium; the report layout tests will be skipped" >&2
fi
