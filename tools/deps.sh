#!/bin/sh
# Installs the Debian packages filo needs to build and test, when missing.
# Does nothing when everything is present. Uses sudo when not root.
pkgs="gcc make pkg-config libncurses-dev libunistring-dev libcmark-dev libsqlite3-dev libxml2-dev libjansson-dev libcurl4-openssl-dev libstemmer-dev tmux mandoc man-db python3"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
command -v apt-get >/dev/null 2>&1 || {
	echo "filo: missing packages:$missing (no apt-get here: install them by hand)" >&2
	exit 1
}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "filo: installing$missing"
$sudo apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
