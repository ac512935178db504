#!/bin/sh
# Builds the libFuzzer targets in tools/fuzz/ with clang (ASan + UBSan)
# against the project's sources, then runs each for RUNS executions with
# its seed corpus tests/fuzz/TARGET/. Prints per target: executions, time,
# and "no crash" or the crash (its reproducer is kept in tests/fuzz/TARGET/).
#
#     sh tools/fuzz.sh [RUNS] [TARGET...]     (RUNS default 10000000)
#
# FUZZ_MAX_TIME=SECONDS stops each target after that long even when RUNS
# were not reached (the line then shows how many ran).
# FUZZ_CMP=0 builds without comparison tracing (trace-cmp), in
# build-fuzz-nocmp/: the sanitizers stay, the fuzzer no longer learns from
# the operands of comparisons, and the slow targets (render, import,
# search) run 2-3 times as many executions per second. Both builds grow
# the same corpora in build-fuzz/corpus/.
# FUZZ_MAX_LEN=BYTES caps the inputs (libFuzzer's -max_len; by default it
# grows them to 4096): a search query is typed on one line, and at 512
# bytes the search target keeps its pace where longer queries slow it 8x.
# FUZZ_JOBS=N runs N processes per target on one corpus, each with RUNS/N
# executions (one per core: render needs hours for 10 million on one).
# The line then gives their total; each process logs to build-fuzz*/T.K.log.
# Curses files (ui.c, view_*.c) and main.c are left out: no target needs
# them. Work files: build-fuzz/ (objects, targets, grown corpora, logs).
# Exit status: 0 when no target crashed, 1 otherwise, 2 when it cannot build.
cd "$(dirname "$0")/.." || exit 2
RUNS=${1:-10000000}
[ $# -gt 0 ] && shift
B=build-fuzz
CORPUS=build-fuzz/corpus
COV=""
if [ "${FUZZ_CMP:-1}" = 0 ]; then
	B=build-fuzz-nocmp
	COV="-fno-sanitize-coverage=trace-cmp"
fi
CLANG=${CLANG:-clang}

if ! command -v "$CLANG" >/dev/null 2>&1; then
	if command -v apt-get >/dev/null 2>&1; then
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		echo "fuzz: installing clang"
		$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			$sudo apt-get install -y -qq --no-install-recommends clang >/dev/null
	fi
	command -v "$CLANG" >/dev/null 2>&1 || { echo "fuzz: clang not found" >&2; exit 2; }
fi

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
PKG=$(pkg-config --cflags ncursesw libcmark sqlite3 libxml-2.0 jansson libcurl 2>/dev/null |
	tr ' ' '\n' | grep -v -e '^-D_XOPEN_SOURCE' -e '^-D_DEFAULT_SOURCE' | tr '\n' ' ')
CFLAGS="-std=c11 -g -O2 -fno-omit-frame-pointer -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	-DFILO_VERSION=\"fuzz\" -Isrc -I$B $PKG"
LIBS="$(pkg-config --libs libcmark sqlite3 libxml-2.0 jansson libcurl 2>/dev/null) -lstemmer -lunistring -lm"

mkdir -p "$B/obj" "$CORPUS" || exit 2
printf '#define FILO_DATADIR "/nonexistent-filo-fuzz"\n' > "$B/datadir.h"

# The library: rebuilt per file when its source or any header is newer.
newest_h=$(ls -t src/*.h | head -n 1)
sh tools/embed.sh $(ls src/lexicon/*.txt | sort) $(ls themes/*.theme | sort) > "$B/lexicon_data.c.new" || exit 2
cmp -s "$B/lexicon_data.c.new" "$B/lexicon_data.c" || mv "$B/lexicon_data.c.new" "$B/lexicon_data.c"
rm -f "$B/lexicon_data.c.new"
objs=""
for src in src/*.c "$B/lexicon_data.c"; do
	case "$src" in src/main.c|src/ui.c|src/view_*.c) continue ;; esac
	obj="$B/obj/$(basename "$src" .c).o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_h" -nt "$obj" ]; then
		# A module no target links (or one half-written) need not stop
		# the others: a target that needs it fails to link, and says so.
		$CLANG $CFLAGS -Wno-overlength-strings $SAN -fsanitize=fuzzer-no-link $COV \
			-c -o "$obj" "$src" 2>"$B/obj/compile.err" || {
			echo "fuzz: $src does not compile (left out):" >&2
			head -n 3 "$B/obj/compile.err" >&2
			rm -f "$obj"
			continue
		}
	fi
	objs="$objs $obj"
done
rm -f "$B/libfilo-fuzz.a"
ar rcs "$B/libfilo-fuzz.a" $objs || exit 2

targets="$*"
[ -n "$targets" ] || targets=$(for f in tools/fuzz/*.c; do basename "$f" .c; done)

# One libFuzzer process; FUZZ_JOBS of them share the corpus directory and
# pick up each other's new inputs (libFuzzer's -reload), each running its
# share of RUNS. The grown corpus goes to build-fuzz; tests/fuzz/ holds the
# seeds and any crash reproducer (artifact_prefix), kept as regression tests.
fuzz_one() {
	"$B/fuzz-$1" -runs="$2" -max_total_time="${FUZZ_MAX_TIME:-0}" \
		${FUZZ_MAX_LEN:+-max_len="$FUZZ_MAX_LEN"} \
		-timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="tests/fuzz/$1/" \
		"$CORPUS/$1" "tests/fuzz/$1" > "$3" 2>&1
}

JOBS=${FUZZ_JOBS:-1}
# What a log says when a target failed: the first such line is the result.
CRASH='^==[0-9]+==ERROR|runtime error|deadly signal|ALARM|out-of-memory|leak'
crashed=0
printf '%-8s %12s %9s  %s\n' target executions seconds result
for t in $targets; do
	$CLANG $CFLAGS $SAN -fsanitize=fuzzer $COV -o "$B/fuzz-$t" "tools/fuzz/$t.c" \
		"$B/libfilo-fuzz.a" $LIBS || { echo "fuzz: cannot build target $t" >&2; exit 2; }
	mkdir -p "$CORPUS/$t" "tests/fuzz/$t"
	start=$(date +%s)
	logs="" pids="" rc=0
	k=1
	while [ "$k" -le "$JOBS" ]; do
		log="$B/$t.log"
		[ "$JOBS" -gt 1 ] && log="$B/$t.$k.log"
		fuzz_one "$t" $((RUNS / JOBS)) "$log" &
		pids="$pids $!" logs="$logs $log"
		k=$((k + 1))
	done
	for p in $pids; do
		wait "$p" || rc=1
	done
	secs=$(( $(date +%s) - start ))
	execs=0
	for log in $logs; do
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
		execs=$((execs + ${n:-0}))
	done
	if [ $rc -eq 0 ]; then
		result="no crash"
	else
		crashed=1
		log=$(grep -l -E "$CRASH" $logs | head -n 1)
		log=${log:-$(echo $logs | cut -d' ' -f1)}
		what=$(grep -m 1 -E "$CRASH" "$log")
		file=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
		result="CRASH: ${what:-exit $rc} (reproducer: ${file:-none}; log: $log)"
	fi
	printf '%-8s %12s %9s  %s\n' "$t" "${execs:-?}" "$secs" "$result"
done
exit $crashed
