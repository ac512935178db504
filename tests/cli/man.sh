#!/bin/sh
# man.sh: the manual pages pass mandoc's lint without a warning, render with
# man(1), and filo(1) documents every subcommand and option that
# `filo --help` lists. Run from the repository root; FILO_BIN is the binary.
. "$(dirname "$0")/lib.sh"

for page in man/filo.1 man/filo.5; do
	if [ ! -f "$page" ]; then
		fail "$page: missing"
		continue
	fi
	mandoc -Tlint -Wwarning "$page" >"$T/lint" 2>&1
	check "$page: mandoc -Tlint says nothing" test ! -s "$T/lint" || cat "$T/lint"
	# LC_ALL=C: a locale the machine lacks must not make man(1) complain.
	if ! LC_ALL=C MANPAGER=cat MANWIDTH=80 man -l "$page" >"$T/man" 2>"$T/err"; then
		fail "$page: man -l failed" "$(cat "$T/err")"
	elif [ -s "$T/err" ]; then
		fail "$page: man -l complained" "$(cat "$T/err")"
	elif ! grep -q '^NAME' "$T/man" || ! grep -q 'filo' "$T/man"; then
		fail "$page: man -l rendered no NAME section"
	else
		ok "$page: man -l renders it"
	fi
done

# The rendered text of filo(1), without overstrike, for the checks below.
bs=$(printf '\b')
mandoc -Tascii man/filo.1 | sed "s/.$bs//g" >"$T/filo1" || fail "mandoc -Tascii man/filo.1"
# section NAME: prints the lines of a section of the rendered page.
section() {
	awk -v s="$1" '/^[A-Z]/ { on = ($0 == s); next } on' "$T/filo1"
}
section SYNOPSIS >"$T/synopsis"
section COMMANDS >"$T/commands"
check "filo.1: a SYNOPSIS section" test -s "$T/synopsis"
check "filo.1: a COMMANDS section" test -s "$T/commands"

"$F" --help >"$T/help" 2>&1
check "filo --help succeeds" test $? -eq 0
# Subcommands: the word after "filo" on a usage line, when it is a name.
subcommands=$(sed 's/^usage://' "$T/help" |
	awk '$1 == "filo" && $2 ~ /^[a-z][a-z0-9-]*$/ { print $2 }' | sort -u)
check "filo --help names subcommands" test -n "$subcommands"
for cmd in $subcommands; do
	check "filo.1: SYNOPSIS has 'filo $cmd'" grep -Eq "^ *filo $cmd( |\$)" "$T/synopsis"
	check "filo.1: COMMANDS has an entry for '$cmd'" grep -Eq "^     $cmd( |\$)" "$T/commands"
done
# Options: every -x and --long word of the usage is in the page.
options=$(tr -s ' []|=' '\n\n\n\n\n' <"$T/help" | grep -E -- '^--?[a-zA-Z][a-z-]*$' | sort -u)
for opt in $options; do
	check "filo.1 mentions option $opt" grep -Eq -- "(^|[^a-z-])$opt([^a-z-]|\$)" "$T/filo1"
done

echo "man pages: $(echo $subcommands | wc -w) subcommands, $(echo $options | wc -w) options"
summary
