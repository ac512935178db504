#!/bin/sh
# make valgrind: the whole suite under valgrind's memcheck.
#  1. every unit-test program, directly under valgrind;
#  2. the command-line and tmux suites (tests/run.sh) with every run of
#     filo under valgrind, through a wrapper given as FILO_BIN. Each filo
#     process writes its own log; the suites keep their own assertions (the
#     wrapper leaves exit statuses alone) and the logs are checked after.
# Fails on any memory error or definitely lost block, or a failed test.
#     sh tools/valgrind.sh [unit|suites]      (both by default)
# The tmux suites poll every FILO_TEST_TICK seconds (1 here, 0.1 normally)
# and the bad-input cases wait FILO_TEST_TIMEOUT seconds (600, else 30):
# valgrind runs filo 20-50 times more slowly.
cd "$(dirname "$0")/.." || exit 2
command -v valgrind > /dev/null || { echo "valgrind: not installed"; exit 2; }
BUILD=${BUILD:-build}
ROOT=$(pwd)
what=${1:-all}
VGOPTS="-q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
fails=0 n=0

unit_tests() {
	for t in "$BUILD"/tests/test_*; do
		case "$t" in *.d) continue ;; esac
		n=$((n + 1))
		if valgrind $VGOPTS --error-exitcode=99 "$t" > /dev/null 2> "$BUILD/valgrind.log"; then
			echo "ok   $(basename "$t")"
		else
			fails=$((fails + 1))
			echo "FAIL $(basename "$t")"
			grep -E '==[0-9]+==' "$BUILD/valgrind.log" | head -20
		fi
	done
}

suites() {
	vg=$ROOT/$BUILD/valgrind
	rm -rf "$vg"
	mkdir -p "$vg/logs" "$vg/no-unit-tests" || exit 2
	# A copy: a rebuild during the long run must not change the binary.
	cp "$BUILD/filo" "$vg/filo.bin" || exit 2
	cat > "$vg/filo" <<-EOF
	#!/bin/sh
	exec valgrind $VGOPTS --log-file="$vg/logs/%p.log" "$vg/filo.bin" "\$@"
	EOF
	chmod +x "$vg/filo"
	n=$((n + 1))
	if FILO_BIN="$vg/filo" FILO_TESTS="$vg/no-unit-tests" FILO_TEST_TICK=1 \
		FILO_TEST_TIMEOUT=600 sh tests/run.sh > "$vg/suites.log" 2>&1; then
		tail -n 1 "$vg/suites.log"
	else
		fails=$((fails + 1))
		echo "FAIL the suites under valgrind:"
		grep -E '^(FAIL|  FAIL)' "$vg/suites.log" | head -20
		tail -n 1 "$vg/suites.log"
	fi
	runs=$(ls "$vg/logs" | wc -l)
	dirty=$(find "$vg/logs" -type f -size +0 | wc -l)
	n=$((n + 1))
	if [ "$dirty" -eq 0 ]; then
		echo "ok   $runs runs of filo under valgrind: no error, no leak"
	else
		fails=$((fails + 1))
		echo "FAIL $dirty of $runs runs of filo reported errors or leaks, e.g.:"
		find "$vg/logs" -type f -size +0 | head -n 3 | while read -r f; do
			echo "  $f"; head -n 15 "$f" | sed 's/^/    /'
		done
	fi
}

case $what in
unit) unit_tests ;;
suites) suites ;;
*) unit_tests; suites ;;
esac
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
