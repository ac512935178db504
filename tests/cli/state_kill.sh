#!/bin/sh
# Crash-safety test of the reader state: a writer saving state in a loop
# (tools/state_writer.c, built here against src/state.c) is killed with
# kill -9 at random moments, 100 times; after each kill the state file must
# parse and be exactly the old or the new generation, never a mix, and no
# file may ever have been set aside as damaged.
. "$(dirname "$0")/lib.sh"
KILLS=${KILLS:-100}
N=2000		# articles per generation: ~70 KB, so kills land mid-write
W=$T/state_writer
build_state_writer "$W" || { echo "state_kill: cannot build the writer"; exit 1; }
mkdir "$T/kill"
file=$T/kill/folder.state
inside=0 i=0

gen=$("$W" check "$file" $N) || { echo "state_kill: bad start"; exit 1; }
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	"$W" write "$file" $N > "$T/out" 2> "$T/err" &
	pid=$!
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	sleep "$(printf '0.%03d' $((r % 80 + 1)))"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	status=$?
	if [ $status -ne 137 ]; then
		fail "kill $i" "the writer ended by itself (status $status): $(cat "$T/err")"
		continue
	fi
	last=$(tail -n 1 "$T/out")
	now=$("$W" check "$file" $N 2> "$T/check.err") || {
		fail "kill $i" "state file damaged: $(cat "$T/check.err")"
		continue
	}
	case "$last" in
	"saving "*)	# killed inside a save: the old or the new one
		inside=$((inside + 1))
		g=${last#saving }
		[ "$now" -eq "$g" ] || [ "$now" -eq $((g - 1)) ] ||
			fail "kill $i" "generation $now after a kill while saving $g" ;;
	"saved "*)
		[ "$now" -eq "${last#saved }" ] ||
			fail "kill $i" "generation $now after $last" ;;
	*)
		[ "$now" -eq "$gen" ] || fail "kill $i" "generation $now, before any save it was $gen" ;;
	esac
	gen=$now
done
set -- "$T"/kill/*.corrupt-*
check "no state file was ever set aside as damaged" test ! -e "$1" || echo "       | $*"
temps=$(ls "$T/kill" | grep -c '\.tmp-')
check "at most one temp file left (the last killed writer's)" test "$temps" -le 1 ||
	echo "       | $temps temp files"
# A kill that never lands inside a save would prove nothing.
check "a fifth of the kills landed inside a save" test $inside -ge $((KILLS / 5)) ||
	echo "       | only $inside of $KILLS"
echo "state_kill: $KILLS kills, $inside inside a save, final generation $gen"
summary
