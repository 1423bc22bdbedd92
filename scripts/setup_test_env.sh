#!/usr/bin/env bash
# System packages the test suite needs beyond Python: nothing yet for the foundation.
# Later parts (browser tests, nginx) add their Debian packages here; it installs them
# with apt-get when running as root and otherwise prints how to install them.
set -euo pipefail
exit 0
