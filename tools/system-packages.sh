#!/bin/sh
# Usage: system-packages.sh PACKAGE:PATH...  Installs each Debian PACKAGE whose PATH is missing.
set -eu
missing=""
for spec in "$@"; do
    package=${spec%%:*}
    path=${spec#*:}
    [ -x "$path" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages:$missing" >&2
    echo "Install them first: sudo apt-get install$missing" >&2
    exit 1
fi
echo "Installing system packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
