#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright drives it through
# executable_path; Playwright's own browser download does not work offline).
set -eu
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
