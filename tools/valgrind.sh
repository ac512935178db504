#!/bin/sh
# make valgrind: every unit-test program under valgrind's memcheck; fails on
# any memory error or definitely lost block. (The sanitizer suite, make asan,
# covers the command-line and tmux suites too.)
cd "$(dirname "$0")/.." || exit 2
command -v valgrind > /dev/null || { echo "valgrind: not installed"; exit 2; }
BUILD=${BUILD:-build}
fails=0 n=0
for t in "$BUILD"/tests/test_*; do
	case "$t" in *.d) continue ;; esac
	n=$((n + 1))
	if valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
		--error-exitcode=99 "$t" > /dev/null 2> "$BUILD/valgrind.log"; then
		echo "ok   $(basename "$t")"
	else
		fails=$((fails + 1))
		echo "FAIL $(basename "$t")"
		grep -E '==[0-9]+==' "$BUILD/valgrind.log" | head -20
	fi
done
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
