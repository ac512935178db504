#!/bin/sh
# man.sh: the manual pages pass mandoc's lint without a warning, render with
# man(1), and filo(1) documents every subcommand and option that
# `filo --help` lists. Run from the repository root; FILO_BIN is the binary.
FILO_BIN=${FILO_BIN:-./filo}
fails=0
fail() {
	printf 'FAIL %s\n' "$*"
	fails=$((fails + 1))
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for page in man/filo.1 man/filo.5; do
	if [ ! -f "$page" ]; then
		fail "$page: missing"
		continue
	fi
	mandoc -Tlint -Wwarning "$page" >"$tmp/lint" 2>&1
	[ -s "$tmp/lint" ] && fail "$page: mandoc -Tlint: $(cat "$tmp/lint")"
	# LC_ALL=C: a locale the machine lacks must not make man(1) complain.
	if ! LC_ALL=C MANPAGER=cat MANWIDTH=80 man -l "$page" >"$tmp/out" 2>"$tmp/err"; then
		fail "$page: man -l failed: $(cat "$tmp/err")"
	elif [ -s "$tmp/err" ]; then
		fail "$page: man -l complained: $(cat "$tmp/err")"
	elif ! grep -q '^NAME' "$tmp/out" || ! grep -q 'filo' "$tmp/out"; then
		fail "$page: man -l rendered no NAME section"
	fi
done

# The rendered text of filo(1), without overstrike, for the checks below.
bs=$(printf '\b')
mandoc -Tascii man/filo.1 | sed "s/.$bs//g" >"$tmp/filo1" || fail "mandoc -Tascii man/filo.1"
# section NAME: prints the lines of a section of the rendered page.
section() {
	awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$tmp/filo1"
}
section SYNOPSIS >"$tmp/synopsis"
section COMMANDS >"$tmp/commands"
[ -s "$tmp/synopsis" ] || fail "filo.1: no SYNOPSIS section"
[ -s "$tmp/commands" ] || fail "filo.1: no COMMANDS section"

"$FILO_BIN" --help >"$tmp/help" 2>&1 || fail "$FILO_BIN --help failed"
# Subcommands: the word after "filo" on a usage line, when it is a name.
subcommands=$(sed 's/^usage://' "$tmp/help" |
	awk '$1 == "filo" && $2 ~ /^[a-z][a-z0-9-]*$/ { print $2 }' | sort -u)
[ -n "$subcommands" ] || fail "no subcommand found in '$FILO_BIN --help'"
for cmd in $subcommands; do
	grep -Eq "^ *filo $cmd( |\$)" "$tmp/synopsis" ||
		fail "filo.1: SYNOPSIS lacks 'filo $cmd'"
	grep -Eq "^     $cmd( |\$)" "$tmp/commands" ||
		fail "filo.1: COMMANDS has no entry for '$cmd'"
done
# Options: every -x and --long word of the usage is in the page.
options=$(tr -s ' []|=' '\n\n\n\n\n' <"$tmp/help" | grep -E -- '^--?[a-zA-Z][a-z-]*$' | sort -u)
for opt in $options; do
	grep -Eq -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$tmp/filo1" ||
		fail "filo.1 does not mention option $opt"
done

[ "$fails" -eq 0 ] && echo "man pages ok ($(echo $subcommands | wc -w) subcommands, $(echo $options | wc -w) options)"
[ "$fails" -eq 0 ]
