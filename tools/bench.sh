#!/bin/sh
# bench.sh: `make bench`. Generates synthetic archives of 1,000, 10,000 and
# 100,000 articles (tools/gen_corpus.c; kept in $BENCH_DIR, default /tmp,
# and reused), then measures in fresh processes (tools/bench_cache.c): the
# floors (reading every file; reading and parsing every file with libcmark),
# the cold index build, a start from a valid cache, list keystrokes, opening
# an article, search queries and peak memory. Prints one table: the median
# of the runs and their min-max. Never part of `make test`.
#   BENCH_SIZES="1000 10000 100000"  BENCH_RUNS=3 (cold builds of 100,000
#   take the longest: BENCH_RUNS_100K, default 3)
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
BENCH_DIR=${BENCH_DIR:-/tmp}
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-3}
RUNS_100K=${BENCH_RUNS_100K:-3}
tools="$BUILD/bench-tools"
mkdir -p "$tools"
CFLAGS_B="-std=c11 -O2 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Isrc"
make -s BUILD="$BUILD" "$BUILD/libfilo.a" "$BUILD/filo" || exit 1
cc $CFLAGS_B -o "$tools/gen_corpus" tools/gen_corpus.c || exit 1
cc $CFLAGS_B -o "$tools/bench_entity" tools/bench_entity.c "$BUILD/libfilo.a" \
	$(pkg-config --libs ncursesw libcmark sqlite3) -lstemmer -lunistring -lm -pthread || exit 1
cc $CFLAGS_B -o "$tools/bench_cache" tools/bench_cache.c "$BUILD/libfilo.a" \
	$(pkg-config --libs ncursesw libcmark sqlite3) -lstemmer -lunistring -lm || exit 1
export XDG_CACHE_HOME="$BENCH_DIR/filo-bench-cache"
results="$tools/results"
: > "$results"
start=$(date +%s)

# run N MODE DIR RUNS: appends "N key value" lines of each run
run() {
	i=0
	while [ "$i" -lt "$4" ]; do
		"$tools/bench_cache" "$2" "$3" | sed "s/^/$1 /" >> "$results" || exit 1
		i=$((i + 1))
	done
}

# paint N DIR RUNS: the real reader in tmux from exec to its first painted
# list (the FILO_BENCH_PAINT mark), warm cache; "N first_paint_ui seconds".
paint() {
	mark="$(cd "$tools" && pwd)/paint"
	bin="$(cd "$BUILD" && pwd)/filo"
	i=0
	while [ "$i" -lt "$3" ]; do
		rm -f "$mark" "$mark.start"
		sock="filo-bench-$$-$1-$i"	# a fresh server each run: no reuse race
		tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
			"env FILO_BENCH_PAINT=$mark XDG_STATE_HOME=$tools/state LANG=C.UTF-8 TERM=xterm-256color \
			 sh -c 'date +%s.%N > $mark.start; exec $bin $2'"
		w=0
		while [ ! -s "$mark" ] && [ $w -lt 300 ]; do sleep 0.05; w=$((w + 1)); done
		tmux -L "$sock" kill-server 2>/dev/null
		[ -s "$mark" ] && awk -v n="$1" 'NR == FNR { s = $1; next } { printf "%s first_paint_ui %.6f\n", n, $1 - s }' \
			"$mark.start" "$mark" >> "$results"
		i=$((i + 1))
	done
}

for n in $SIZES; do
	dir="$BENCH_DIR/filo-bench-$n"
	if [ ! -f "$dir/a$(printf '%06d' $((n - 1))).md" ]; then
		echo "bench: writing $n articles to $dir" >&2
		rm -rf "$dir"
		"$tools/gen_corpus" "$n" "$dir" || exit 1
	fi
	cold=$RUNS
	[ "$n" -ge 100000 ] && cold=$RUNS_100K
	fast=$((RUNS + 2))
	echo "bench: $n articles ($(du -sm "$dir" | cut -f1) MB)" >&2
	cat "$dir"/*.md > /dev/null 2>&1 || find "$dir" -name '*.md' -exec cat {} + > /dev/null
	run "$n" read "$dir" "$fast"
	run "$n" parse "$dir" "$RUNS"
	run "$n" index "$dir" "$cold"
	run "$n" warm "$dir" "$fast"
	paint "$n" "$dir" "$fast"
	run "$n" keys "$dir" "$RUNS"
	run "$n" search "$dir" "$RUNS"
done

# The table: per size, median (min-max) of each measure, in ms or MB.
awk -v sizes="$SIZES" '
function fmt(v, unit) {
	if (unit == "MB") return sprintf("%.0f", v)
	if (unit == "x") return sprintf("%.1f", v)
	v *= 1000
	return v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v)
}
function cell(n, k, unit,   m, a, i, j, t, c) {
	c = cnt[n, k]
	if (!c) return "-"
	for (i = 1; i <= c; i++) a[i] = val[n, k, i]
	for (i = 2; i <= c; i++) for (j = i; j > 1 && a[j] < a[j-1]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	med[n, k] = a[int((c + 1) / 2)]
	return fmt(med[n, k], unit) " (" fmt(a[1], unit) "-" fmt(a[c], unit) ")"
}
$2 == "query" { k = "q:" substr($0, index($0, $5)); val[$1, k, ++cnt[$1, k]] = $3; queries[k] = 1; next }
{ val[$1, $2, ++cnt[$1, $2]] = $3 }
END {
	ns = split(sizes, N, " ")
	printf "%-38s", "measure: median (min-max)"
	for (i = 1; i <= ns; i++) printf " | %-22s", N[i] " articles"
	printf "\n"
	nk = split("read=floor: read every file (ms);" \
		"read_parse=floor: read + cmark parse (ms);" \
		"read_parse_cpu=floor: read + parse, CPU (ms);" \
		"index=cold build, filo index (ms);" \
		"index_cpu=cold build, CPU of both threads (ms);" \
		"ratio=cold build / read+parse floor (x);" \
		"ratio_cpu=cold build / floor, CPU (x);" \
		"related=of which related ranking (ms);" \
		"first_paint_ui=reader: exec to first painted list (ms);" \
		"first_paint=first screen from cache (ms);" \
		"full_list=whole list from cache (ms);" \
		"archive=entities+threads from cache (ms);" \
		"check=check every file (ms);" \
		"relist=list rebuilt: back, sort (ms);" \
		"filter_key=filter keystroke, worst (ms);" \
		"open=open an article (ms);" \
		"search_worst=search, slowest query (ms);" \
		"search_worst_cpu=search, slowest query, CPU (ms);" \
		"search_first=search, first in a process (ms);" \
		"rss_mb=peak RSS, reader start (MB);" \
		"rss_cold=peak RSS, cold build (MB)", K, ";")
	for (j = 1; j <= nk; j++) {
		split(K[j], kv, "=")
		unit = kv[2] ~ /\(x\)/ ? "x" : kv[2] ~ /MB/ ? "MB" : "ms"
		printf "%-38s", kv[2]
		for (i = 1; i <= ns; i++) {
			n = N[i]
			if (kv[1] ~ /^ratio/) {
				sfx = kv[1] == "ratio" ? "" : "_cpu"
				cell(n, "index" sfx, "ms"); cell(n, "read_parse" sfx, "ms")
				s = med[n, "read_parse" sfx] ? fmt(med[n, "index" sfx] / med[n, "read_parse" sfx], "x") : "-"
			} else s = cell(n, kv[1], unit)
			printf " | %-22s", s
		}
		printf "\n"
	}
	for (k in queries) {
		printf "%-38s", "search " substr(k, 3, 31)
		for (i = 1; i <= ns; i++) printf " | %-22s", cell(N[i], k, "ms")
		printf "\n"
	}
}' "$results"
# Entity tagging speed on article bodies (one core), the smallest corpus of
# at least 1,000 articles.
for n in $SIZES; do
	"$tools/bench_entity" "$BENCH_DIR/filo-bench-$n" 5 | tail -n 1
	break
done
echo "bench: $(($(date +%s) - start)) s; the articles: $BENCH_DIR/filo-bench-N; time/RSS on $(nproc) cores"
