#!/usr/bin/env bash
# Installs what the browser tests need from the system when this machine can (root with apt-get),
# and says plainly what will be skipped when it cannot. Called by `make test`.
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "make test: installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "make test: /usr/bin/chromium is missing and cannot be installed here;" \
    "the browser tests will be skipped (install Debian's chromium package to run them)"
fi
exit 0
