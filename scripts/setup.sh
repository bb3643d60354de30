#!/usr/bin/env bash
# Installs the system libraries Lagrange links against (Debian/Ubuntu): OpenBLAS and LAPACKE.
# Safe to run again; does nothing when they are already there.
set -euo pipefail
if pkg-config --exists lapacke openblas 2>/dev/null && [ -f /usr/include/lapacke.h ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null
