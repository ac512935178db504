#!/bin/sh
# The article's address where scripts read it: the "url:" header line of
# `filo show` (whole, sanitised, only when there is one), the "url" member
# of `filo list --json` and `filo search --json`.
set -u
F=${FILO_BIN:-./filo}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
fails=0
check() {	# check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	if "$@"; then printf '  ok   %s\n' "$d"; else printf '  FAIL %s\n' "$d"; fails=$((fails + 1)); fi
}

URL='https://www.example.com/news/2024/01/02/a-very-long-path-name-for-the-article-about-things.html?utm=1&x="q"'
mkdir "$T/a"
printf -- '---\ntitle: With an address\ndate: 2024-01-02\nsource: Example\nurl: %s\n---\n\nBody text here.\n' \
	"$URL" > "$T/a/with.md"
printf -- '---\ntitle: Without\ndate: 2024-01-01\n---\n\nOther body text.\n' > "$T/a/without.md"
printf -- '---\ntitle: Hostile\ndate: 2023-01-01\nurl: https://e.example/\033]52;c;aGk=\007x\n---\n\nThird body.\n' \
	> "$T/a/hostile.md"

"$F" show with --dir "$T/a" --width 40 > "$T/show"
check "show: the url line follows the meta line" \
	sh -c "sed -n 3p '$T/show' | grep -qxF 'url: $URL'"
check "show: the lines before it are as they were" \
	sh -c "sed -n 1,2p '$T/show' | tr '\n' '|' | grep -qxF 'With an address|2024-01-02 · Example · 1 min read|'"
check "show: then the rule and the body" sh -c "sed -n 4p '$T/show' | grep -q '^─' && sed -n 6p '$T/show' | grep -qx 'Body text here.'"
"$F" show without --dir "$T/a" > "$T/show2"
check "show: no url line without an address" sh -c "! grep -q '^url:' '$T/show2'"
check "show: without an address the header is unchanged" \
	sh -c "sed -n 2,3p '$T/show2' | tr '\n' '|' | grep -q '^2024-01-01 · 1 min read|─'"
"$F" show with --dir "$T/a" --styled > "$T/styled"
check "show --styled: a meta line with the address as a link" \
	sh -c "sed -n 3,4p '$T/styled' | tr '\n' '|' | grep -qF 'meta|url: https://www.example.com/' && grep -q '^  @5+[0-9]* flags=link' '$T/styled'"
"$F" show hostile --dir "$T/a" > "$T/show3"
check "show: escape sequences in the address are not passed on" \
	sh -c "! LC_ALL=C grep -q \"\$(printf '\\033')\" '$T/show3' && grep -qF 'url: https://e.example/^[]52;c;aGk=^Gx' '$T/show3'"

"$F" list "$T/a" --json > "$T/list.json"
check "list --json: valid JSON, one object per article" python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))
assert [x['id'] for x in a] == ['with', 'without', 'hostile'], a
assert a[0]['url'] == sys.argv[2], a[0]
assert a[1]['url'] == ''
assert a[0]['source'] == 'Example' and a[0]['date'] == '2024-01-02' and a[0]['title'] == 'With an address'
assert '\x1b' not in a[2]['url'] and '\x07' not in a[2]['url'], a[2]
" "$T/list.json" "$URL"
"$F" list "$T/a" > "$T/list.tsv"
check "list: the tab-separated lines are unchanged" \
	sh -c "head -n 1 '$T/list.tsv' | grep -qx \"\$(printf 'with\t2024-01-02\tExample\tWith an address')\""
"$F" list "$T/empty-does-not-exist" --json > /dev/null 2>&1
check "list --json of a missing folder fails" test $? -eq 1
mkdir "$T/empty"
check "list --json of an empty folder is []" sh -c "'$F' list '$T/empty' --json | python3 -c 'import json,sys; assert json.load(sys.stdin) == []'"

"$F" search body "$T/a" --json > "$T/search.json"
check "search --json: a url member" python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))['results']
byid = {x['id']: x for x in r}
assert byid['with']['url'] == sys.argv[2], byid
assert byid['without']['url'] == ''
" "$T/search.json" "$URL"
"$F" search body "$T/a" > "$T/search.tsv"
check "search: the tab-separated lines keep five fields" awk -F '\t' 'NF != 5 { exit 1 }' "$T/search.tsv"

[ "$fails" -eq 0 ] && echo "links: all passed" || echo "links: $fails failed"
[ "$fails" -eq 0 ]
