# tests/cli/lib.sh: what every command-line test shares. A script starts
#     . "$(dirname "$0")/lib.sh"
# and ends with `summary`. Sourcing it:
#   - moves to the repository root ($ROOT), where tests/run.sh runs them;
#   - sets $F, the binary under test as an absolute path (FILO_BIN, else
#     ./filo), and stops when there is none;
#   - makes $T, a fresh folder removed at exit (also when a test left parts
#     of it unreadable), with XDG_CONFIG_HOME, XDG_CACHE_HOME and
#     XDG_STATE_HOME inside it and FILO_ARTICLES unset, so that no test
#     reads or writes the user's files.
# Cases are counted by ok and fail (which print "  ok   NAME" and
# "  FAIL NAME: WHY"); summary prints "SCRIPT: N cases, N passed, N failed"
# and is true only when none failed. Not a test itself: tests/run.sh skips it.

cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
F=${FILO_BIN:-./filo}
case "$F" in /*) ;; *) F=$ROOT/$F ;; esac
[ -x "$F" ] || { echo "$(basename "$0"): no binary at $F"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/filo-cli-XXXXXX") || exit 2
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
export XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state"
unset FILO_ARTICLES
n=0 pass=0 fails=0

ok() {
	n=$((n + 1)) pass=$((pass + 1))
	printf '  ok   %s\n' "$1"
}

# fail NAME [WHY]
fail() {
	n=$((n + 1)) fails=$((fails + 1))
	printf '  FAIL %s%s\n' "$1" "${2:+: $2}"
}

# check NAME CMD...: the case passes when CMD succeeds; so does check.
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else fail "$name"; return 1; fi
}

# run CMD...: CMD's stdout to $T/out, its stderr to $T/err, its exit
# status to $st. Its input is empty; a hang ends as status 124 (timeout
# after FILO_TEST_TIMEOUT seconds, 30 by default) rather than stopping the
# whole suite.
run() {
	timeout "${FILO_TEST_TIMEOUT:-30}" "$@" > "$T/out" 2> "$T/err" < /dev/null
	st=$?
}

# printed TEXT: the last run printed the fixed TEXT (stdout or stderr).
printed() {
	grep -qF -- "$1" "$T/out" "$T/err"
}

# fail_run NAME WHY: a failed case with the start of what the run printed.
fail_run() {
	fail "$1" "$2"
	sed -n '1,8s/^/       | /p' "$T/out" "$T/err"
}

# expect NAME STATUS TEXT CMD...: CMD exits with STATUS (so no signal and
# no hang) and prints the fixed TEXT on stdout or stderr ("" for anything).
# expect_out and expect_err look for TEXT on stdout or stderr only.
expect() { expect_in "$T/out" "$T/err" "$@"; }
expect_out() { expect_in "$T/out" /dev/null "$@"; }
expect_err() { expect_in /dev/null "$T/err" "$@"; }

expect_in() {
	where1=$1 where2=$2 name=$3 want=$4 text=$5
	shift 5
	run "$@"
	if [ "$st" -ge 124 ]; then
		fail_run "$name" "exit status $st (signal or hang)"
	elif [ "$st" -ne "$want" ]; then
		fail_run "$name" "exit status $st, expected $want"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$where1" "$where2"; then
		fail_run "$name" "missing: $text"
	else
		ok "$name"
	fi
}

# lacks NAME PATTERN CMD...: CMD exits 0 and prints nothing that matches
# PATTERN (grep -E in the C locale, so byte by byte).
lacks() {
	name=$1 pattern=$2
	shift 2
	run "$@"
	if [ "$st" -ne 0 ]; then
		fail_run "$name" "exit status $st"
	elif LC_ALL=C grep -qE -- "$pattern" "$T/out" "$T/err"; then
		fail_run "$name" "output has bytes it must not have"
	else
		ok "$name"
	fi
}

# build_state_writer PATH: compiles tools/state_writer.c (a save, check or
# endless-save driver of the state file) to PATH with $CC (default cc)
# against src/state.c and its few dependencies, so it needs no build tree.
build_state_writer() {
	${CC:-cc} -std=c11 -O2 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -I"$ROOT/src" -o "$1" \
		"$ROOT/tools/state_writer.c" "$ROOT/src/state.c" "$ROOT/src/buf.c" \
		"$ROOT/src/diag.c" "$ROOT/src/strmap.c" "$ROOT/src/text.c" "$ROOT/src/xdg.c" -lunistring
}

# summary: the script's last command.
summary() {
	echo "$(basename "$0" .sh): $n cases, $pass passed, $fails failed"
	[ "$fails" -eq 0 ]
}
