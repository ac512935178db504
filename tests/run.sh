#!/bin/sh
# Runs every test: the unit test programs, then the shell tests (command line
# and tmux-driven UI tests). Ends with "N passed, N failed".
# FILO_BIN and FILO_TESTS pick the binary and unit tests (the asan build).
cd "$(dirname "$0")/.." || exit 2
FILO_BIN=${FILO_BIN:-./filo}
FILO_TESTS=${FILO_TESTS:-build/tests}
export FILO_BIN
FILO_BIN=$(cd "$(dirname "$FILO_BIN")" && pwd)/$(basename "$FILO_BIN")
export FILO_BIN
passed=0 failed=0 failures=""
for t in "$FILO_TESTS"/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue;; esac
	if out=$("$t" 2>&1); then
		passed=$((passed + 1))
		printf 'ok   %s\n' "$(basename "$t")"
	else
		failed=$((failed + 1)); failures="$failures $(basename "$t")"
		printf 'FAIL %s\n%s\n' "$(basename "$t")" "$out"
	fi
done
for t in tests/cli/*.sh tests/ui/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in */lib.sh) continue;; esac	# sourced by the tests beside it
	if out=$(sh "$t" 2>&1); then
		passed=$((passed + 1))
		printf 'ok   %s\n' "$t"
	else
		failed=$((failed + 1)); failures="$failures $t"
		printf 'FAIL %s\n%s\n' "$t" "$out"
	fi
done
[ -n "$failures" ] && printf 'failed:%s\n' "$failures"
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
