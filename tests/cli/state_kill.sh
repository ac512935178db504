#!/bin/sh
# Crash-safety test of the reader state: a writer saving state in a loop
# (tools/state_writer.c, built here against src/state.c) is killed with
# kill -9 at random moments, 100 times; after each kill the state file must
# parse and be exactly the old or the new generation, never a mix, and no
# file may ever have been set aside as damaged.
cd "$(dirname "$0")/../.." || exit 2
CC=${CC:-cc}
KILLS=${KILLS:-100}
N=2000		# articles per generation: ~70 KB, so kills land mid-write
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
W=$tmp/state_writer
$CC -std=c11 -O2 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc -o "$W" \
	tools/state_writer.c src/state.c src/buf.c src/diag.c src/strmap.c src/text.c src/xdg.c \
	-lunistring || { echo "state_kill: cannot build the writer"; exit 1; }
mkdir "$tmp/state"
file=$tmp/state/folder.state
fails=0 inside=0 i=0
fail() { echo "FAIL kill $i: $*"; fails=$((fails + 1)); }

gen=$("$W" check "$file" $N) || { echo "state_kill: bad start"; exit 1; }
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	"$W" write "$file" $N > "$tmp/out" 2> "$tmp/err" &
	pid=$!
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	sleep "$(printf '0.%03d' $((r % 80 + 1)))"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	status=$?
	if [ $status -ne 137 ]; then
		fail "the writer ended by itself (status $status): $(cat "$tmp/err")"
		continue
	fi
	last=$(tail -n 1 "$tmp/out")
	now=$("$W" check "$file" $N 2> "$tmp/check.err") || {
		fail "state file damaged: $(cat "$tmp/check.err")"
		continue
	}
	case "$last" in
	"saving "*)	# killed inside a save: the old or the new one
		inside=$((inside + 1))
		g=${last#saving }
		[ "$now" -eq "$g" ] || [ "$now" -eq $((g - 1)) ] ||
			fail "generation $now after a kill while saving $g" ;;
	"saved "*)
		[ "$now" -eq "${last#saved }" ] ||
			fail "generation $now after $last" ;;
	*)
		[ "$now" -eq "$gen" ] || fail "generation $now, before any save it was $gen" ;;
	esac
	gen=$now
done
set -- "$tmp"/state/*.corrupt-*
[ -e "$1" ] && fail "a state file was set aside as damaged: $*"
temps=$(ls "$tmp/state" | grep -c '\.tmp-')
[ "$temps" -le 1 ] || fail "$temps stale temp files (one at most: the last killed writer's)"
# A kill that never lands inside a save would prove nothing.
[ $inside -ge $((KILLS / 5)) ] || fail "only $inside of $KILLS kills landed inside a save"
echo "state_kill: $KILLS kills, $inside inside a save, final generation $gen, $fails failures"
[ $fails -eq 0 ]
