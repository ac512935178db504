# lib.sh: helpers for UI tests that drive the real binary in tmux.
# Sourced by tests/ui/*.sh; FILO_BIN is the binary under test.
# Each test runs on its own tmux server (socket), so tests never share state.

: "${FILO_BIN:=$(pwd)/filo}"
NSTART=0
SOCK="filo-test-$$-0"
T="tmux -L $SOCK"
fails=0
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR
TMPD=$(mktemp -d)
export XDG_CACHE_HOME="$TMPD/cache" XDG_STATE_HOME="$TMPD/state" XDG_CONFIG_HOME="$TMPD/config"

cleanup() {
	i=0
	while [ $i -le $NSTART ]; do
		tmux -L "filo-test-$$-$i" kill-server 2>/dev/null
		i=$((i + 1))
	done
	rm -rf "$TMPD"
}
trap cleanup EXIT

# start COLSxROWS COMMAND...: runs the command in a fresh session, on a
# fresh server (reusing a socket races with the old server's exit).
start() {
	size=$1; shift
	$T kill-server 2>/dev/null
	NSTART=$((NSTART + 1))
	SOCK="filo-test-$$-$NSTART"
	T="tmux -L $SOCK"
	$T -f /dev/null new-session -d -s t -x "${size%x*}" -y "${size#*x}" \
		"env TERM=xterm-256color $*; echo '[exited]' \$?; sleep 30"
	$T set-option -t t remain-on-exit on >/dev/null 2>&1
}

screen() { $T capture-pane -p -t t; }
screen_colors() { $T capture-pane -p -e -t t; }
keys() { $T send-keys -t t "$@"; }
resize() { $T resize-window -t t -x "${1%x*}" -y "${1#*x}"; }

# FILO_TEST_TICK: the polling step in seconds (0.1); make valgrind raises
# it, since a binary under valgrind answers keys many times more slowly.
TICK=${FILO_TEST_TICK:-0.1}

# wait_for TEXT: polls the screen until TEXT (a fixed string) shows; this
# is a liveness guard (100 ticks, 10 s), not a speed check.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep "$TICK"
		i=$((i + 1))
	done
	return 1
}

# settle: waits until the screen stops changing (after keys).
settle() {
	prev=""
	i=0
	while [ $i -lt 50 ]; do
		sleep "$TICK"
		cur=$(screen)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
}

ok() { printf '  ok   %s\n' "$1"; }
fail() {
	printf '  FAIL %s\n' "$1"
	printf '%s\n' "---- screen ----" "$(screen)" "----------------"
	fails=$((fails + 1))
}

# expect DESCRIPTION TEXT: the screen shows TEXT now (after waiting for it).
expect() {
	if wait_for "$2"; then ok "$1"; else fail "$1 (missing: $2)"; fi
}

# expect_not DESCRIPTION TEXT: the screen does not show TEXT.
expect_not() {
	settle
	if screen | grep -qF -- "$2"; then fail "$1 (unexpected: $2)"; else ok "$1"; fi
}

# line N: the Nth screen line (1-based).
line() { screen | sed -n "${1}p"; }

finish() {
	[ "$fails" -eq 0 ]
}
