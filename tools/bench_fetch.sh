#!/bin/sh
# bench_fetch.sh: `make bench-fetch`. Times `filo fetch` against newsboat's
# reload of the same feeds file (`newsboat -u urls -c cache.db -x reload`),
# both downloading from one local server (tests/cli/feedserver.py on
# 127.0.0.1; nothing leaves the machine): FEEDS feeds of ITEMS items each,
# RSS 2.0 with content:encoded (about 250 words an item), generated here.
#
# For each round, in turn: filo into an empty folder with no state (every
# feed downloaded and every item written), newsboat with its default
# reload-threads (1) into an empty cache, newsboat with reload-threads
# raised to THREADS; then each again on what it has, when every feed
# answers 304 Not Modified (the request log is checked: every request of
# that run sent a validator). newsboat 2.21 sends its validators only from
# its third reload on (it stores them when it updates a feed it already
# had), so an untimed reload comes between its two timed ones. Prints the
# median of the rounds and their min-max, and checks that each wrote every
# item. Never part of `make test`.
#   BENCH_FEEDS=200 BENCH_ITEMS=50 BENCH_RUNS=5 BENCH_THREADS=16
#   BENCH_DIR=/tmp (work files in BENCH_DIR/filo-bench-fetch)
# newsboat is installed with apt-get when missing (it is only measured
# against, never a dependency of filo).
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd)
BUILD=${BUILD:-build}
FEEDS=${BENCH_FEEDS:-200}
ITEMS=${BENCH_ITEMS:-50}
RUNS=${BENCH_RUNS:-5}
THREADS=${BENCH_THREADS:-16}
W=${BENCH_DIR:-/tmp}/filo-bench-fetch
make -s BUILD="$BUILD" "$BUILD/filo" || exit 1
FILO=$ROOT/$BUILD/filo

if ! command -v newsboat >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "bench-fetch: installing newsboat (to measure against)"
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$sudo apt-get install -y -qq --no-install-recommends newsboat >/dev/null
	command -v newsboat >/dev/null 2>&1 || { echo "bench-fetch: no newsboat" >&2; exit 1; }
fi

rm -rf "$W"
mkdir -p "$W/doc" "$W/home" || exit 1
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null' EXIT

# The feeds: deterministic, so every run measures the same bytes.
python3 - "$W/doc" "$FEEDS" "$ITEMS" <<'EOF' || exit 1
import random, sys
doc, nfeeds, nitems = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(13)
words = ("the of and a to in is was for on that with as by at from it his an be "
         "are were which this have has had not but they their its or been one new "
         "government minister port city council market report week year said "
         "people police court trade union workers company shares bank river "
         "bridge station election vote mayor region north south festival museum "
         "school hospital weather storm harbour ferry airline airport railway").split()
def sentence(n):
    s = " ".join(rnd.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."
for f in range(nfeeds):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           '<channel><title>Bench feed %d</title><link>http://bench.example/%d/</link>'
           '<description>Feed %d</description><language>en</language>' % (f, f, f)]
    for i in range(nitems):
        day = 1 + (f + i) % 28
        paras = "".join("<p>%s %s %s</p>" % (sentence(12), sentence(15), sentence(10))
                        for _ in range(7))
        out.append("<item><title>%s</title><link>http://bench.example/%d/story-%d.html</link>"
                   "<guid isPermaLink=\"false\">bench-%d-%d</guid>"
                   "<pubDate>Mon, %02d Jan 2024 10:%02d:00 GMT</pubDate>"
                   "<description>%s</description>"
                   "<content:encoded><![CDATA[%s]]></content:encoded></item>"
                   % (sentence(8)[:-1], f, i, f, i, day, i % 60, sentence(20), paras))
    out.append("</channel></rss>")
    with open("%s/feed-%03d.xml" % (doc, f), "w") as fh:
        fh.write("\n".join(out) + "\n")
EOF

LOG=$W/requests.log
python3 tests/cli/feedserver.py "$W/doc" --log "$LOG" > "$W/port" 2> "$W/server.err" &
SERVER=$!
tries=0
while [ ! -s "$W/port" ] && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
P=$(cat "$W/port")
[ -n "$P" ] || { echo "bench-fetch: the server did not start" >&2; exit 1; }
f=0
while [ "$f" -lt "$FEEDS" ]; do
	printf 'http://127.0.0.1:%s/feeds/feed-%03d.xml\n' "$P" "$f"
	f=$((f + 1))
done > "$W/urls"
: > "$W/nb-default.conf"
printf 'reload-threads %s\n' "$THREADS" > "$W/nb-threads.conf"
bytes=$(cat "$W"/doc/feed-*.xml | wc -c)

now() { date +%s.%N; }
results=$W/results
: > "$results"

# timed NAME PHASE CMD...: appends "NAME PHASE SECONDS CPU" to the
# results: wall-clock seconds, and the command's own CPU seconds (user +
# system, from /usr/bin/time) as a second figure that a loaded machine
# disturbs less ("-" without /usr/bin/time).
timed() {
	name=$1 phase=$2
	shift 2
	cpu=-
	t0=$(now)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$W/time.out" "$@" > "$W/last.out" 2> "$W/last.err"
	else
		"$@" > "$W/last.out" 2> "$W/last.err"
	fi || { echo "bench-fetch: $name failed:" >&2; tail -n 5 "$W/last.err" >&2; exit 1; }
	t1=$(now)
	[ -x /usr/bin/time ] && cpu=$(awk '{ printf "%.3f", $1 + $2 }' "$W/time.out")
	awk -v a="$t0" -v b="$t1" -v k="$name $phase" -v c="$cpu" \
		'BEGIN { printf "%s %.3f %s\n", k, b - a, c }' >> "$results"
}

# all_conditional NAME: every request since the log was emptied sent a
# validator (so the server answered 304).
all_conditional() {
	n=$(awk -F '\t' '$2 != "-" || $3 != "-"' "$LOG" | wc -l)
	[ "$n" -eq "$FEEDS" ] && [ "$(wc -l < "$LOG")" -eq "$FEEDS" ] ||
		{ echo "bench-fetch: $1: $n of $(wc -l < "$LOG") requests conditional" >&2; exit 1; }
}

nb_reload() { newsboat -C "$W/nb-$1.conf" -u "$W/urls" -c "$W/nb-$1.db" -x reload; }
# Items newsboat stored in a cache file.
nb_items() {
	python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from rss_item").fetchone()[0])' "$1"
}

export HOME="$W/home"
r=1
while [ "$r" -le "$RUNS" ]; do
	rm -rf "$W/filo-out" "$W/filo-cache" "$W"/nb-*.db*
	XDG_CACHE_HOME="$W/filo-cache" timed filo cold "$FILO" fetch --feeds "$W/urls" "$W/filo-out"
	n=$(ls "$W/filo-out" | wc -l)
	[ "$n" -eq $((FEEDS * ITEMS)) ] || { echo "bench-fetch: filo wrote $n articles" >&2; exit 1; }
	: > "$LOG"
	XDG_CACHE_HOME="$W/filo-cache" timed filo warm "$FILO" fetch --feeds "$W/urls" "$W/filo-out"
	grep -q "; $FEEDS not modified, 0 failed" "$W/last.out" || { echo "bench-fetch: filo's second fetch was not all 304" >&2; exit 1; }
	all_conditional filo
	for cfg in default threads; do
		timed "newsboat-$cfg" cold newsboat -C "$W/nb-$cfg.conf" -u "$W/urls" -c "$W/nb-$cfg.db" -x reload
		n=$(nb_items "$W/nb-$cfg.db")
		[ "$n" -eq $((FEEDS * ITEMS)) ] || { echo "bench-fetch: newsboat ($cfg) stored $n items" >&2; exit 1; }
		nb_reload "$cfg" > /dev/null 2>&1	# stores the validators (untimed)
		: > "$LOG"
		timed "newsboat-$cfg" warm newsboat -C "$W/nb-$cfg.conf" -u "$W/urls" -c "$W/nb-$cfg.db" -x reload
		all_conditional "newsboat ($cfg)"
	done
	r=$((r + 1))
done

echo "bench-fetch: $FEEDS feeds x $ITEMS items ($(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }') MiB of RSS) from 127.0.0.1, $RUNS rounds, $(nproc) cores"
echo "(cold: empty folder or cache, every item written; warm: again, every feed answering 304)"
awk -v threads="$THREADS" '
	{ k = $1 " " $2; v[k, ++n[k]] = $3; c[k, n[k]] = $4; if (!(k in seen)) { seen[k] = 1; order[++no] = k } }
	# median of the values of k in array x (v: wall, c: CPU); lo and hi set
	function median(k, wall,   i, j, t, a, m) {
		m = n[k]
		for (i = 1; i <= m; i++) a[i] = wall ? v[k, i] : c[k, i]
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		lo = a[1]; hi = a[m]
		return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
	}
	END {
		printf "%-36s %-5s %9s  %-12s %8s  %s\n", "tool", "run", "median s", "min-max s", "CPU s", "min-max"
		for (i = 1; i <= no; i++) {
			k = order[i]; split(k, p, " ")
			name = p[1] == "filo" ? "filo fetch" : p[1] == "newsboat-default" ? "newsboat reload (reload-threads 1)" : "newsboat reload (reload-threads " threads ")"
			med[k] = median(k, 1); l = lo; h = hi
			printf "%-36s %-5s %9.2f  %-12s", name, p[2], med[k], sprintf("%.2f-%.2f", l, h)
			if (c[k, 1] == "-") { printf " %8s\n", "-"; continue }
			cm[k] = median(k, 0)
			printf " %8.2f  %.2f-%.2f\n", cm[k], lo, hi
		}
		for (ph = 1; ph <= 2; ph++) {
			phase = ph == 1 ? "cold" : "warm"
			f = med["filo " phase]
			printf "filo, %s: %.1fx as fast as newsboat with reload-threads 1, %.1fx as fast with reload-threads %s", \
				phase, med["newsboat-default " phase] / f, med["newsboat-threads " phase] / f, threads
			if (cm["filo " phase] > 0)
				printf " (CPU: %.1fx, %.1fx less)", cm["newsboat-default " phase] / cm["filo " phase], cm["newsboat-threads " phase] / cm["filo " phase]
			printf "\n"
		}
	}' "$results"
