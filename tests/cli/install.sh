#!/bin/sh
# make install / uninstall into a temporary prefix: the installed filo finds
# its bundled articles and themes, the man pages are there, and uninstall
# removes everything it put. Builds in a tree of its own.
set -u
. "$(dirname "$0")/lib.sh"
P="$T/prefix"
make -s BUILD="$T/build" PREFIX="$P" install > "$T/log" 2>&1
check "make install succeeds" test $? -eq 0 || cat "$T/log"
check "binary installed" test -x "$P/bin/filo"
check "filo(1) installed" test -f "$P/share/man/man1/filo.1"
check "filo(5) installed" test -f "$P/share/man/man5/filo.5"
check "themes installed" test -f "$P/share/filo/themes/dark.theme"
(cd "$T" && "$P/bin/filo" list) > "$T/list" 2>&1
check "the installed filo lists its bundled articles" test "$(wc -l < "$T/list")" -eq 5
mkdir -p "$XDG_CONFIG_HOME/filo"
echo 'set theme solarized-dark' > "$XDG_CONFIG_HOME/filo/config"
(cd "$T" && "$P/bin/filo" check) > "$T/check" 2>&1
check "the installed filo finds its themes and articles" grep -q '^5 articles, 0 problems$' "$T/check"
make -s BUILD="$T/build" PREFIX="$P" uninstall > "$T/log" 2>&1
check "make uninstall succeeds" test $? -eq 0
check "uninstall leaves nothing behind" test -z "$(find "$P" -type f)"
summary
