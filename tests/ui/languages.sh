#!/bin/sh
# Every article in its own language: an English article names the United
# States as it spells them, an Italian one "Stati Uniti", and Enter on
# either lists both articles (one entity, keyed across languages).
. tests/ui/lib.sh
A="$TMPD/arts"
mkdir -p "$A"
cat > "$A/en.md" <<'ART'
---
title: Tanker deal signed in Toulouse
date: 2024-01-02
lang: en
---

The United States said on Monday that the tanker would be built in
Toulouse, and that the deal was the largest that the United States had
signed with a European company.
ART
cat > "$A/it.md" <<'ART'
---
title: Accordo sugli aerei cisterna
date: 2024-01-01
---

Gli Stati Uniti hanno detto che l'aereo sarà costruito a Tolosa. Per gli
Stati Uniti è il contratto più grande, e gli Stati Uniti sono soddisfatti.
ART

# walk_to NAME: Tab until the status line names NAME.
walk_to() {
	i=0
	while [ $i -lt 20 ] && ! screen | tail -n 1 | grep -qF "$1"; do
		keys Tab; settle; i=$((i + 1))
	done
}

start 80x24 "$FILO_BIN" "$A"
expect "list is up" "1/2"
keys / T a n k e r Enter Enter
expect "the English article opens" "Tanker deal signed in Toulouse"
expect "it names the United States in English" "The United States said"
walk_to "United States (LOC)"
expect "the cursor names the entity as the article spells it" "United States (LOC)"
expect_not "no Italian name on the English article" "Stati Uniti (LOC)"
keys Enter
expect "Enter lists the articles of the entity" "(LOC): 2 articles"
expect "the English article is listed" "Tanker deal signed in Toulouse"
expect "the Italian article is listed" "Accordo sugli aerei cisterna"
expect "the title names the other spelling" "also United States"
keys h e
expect "the entities view spells it as the article does" "United States"
expect_not "and not in Italian" "Stati Uniti"
keys q
settle
keys q
expect "back to the list" "of 2"
keys Escape
keys / A c c o r d o Enter Enter
expect "the Italian article opens" "Accordo sugli aerei cisterna"
expect "it names the Stati Uniti in Italian" "Gli Stati Uniti hanno detto"
walk_to "Stati Uniti (LOC)"
expect "the cursor names it as this article spells it" "Stati Uniti (LOC)"
keys Enter
expect "Enter lists the same two articles" "Stati Uniti (LOC): 2 articles"
expect "the English one among them" "Tanker deal signed in Toulouse"
expect "and the Italian one" "Accordo sugli aerei cisterna"
keys E / u n i t Enter
expect "the index names it by its most frequent spelling, listing the other" "; also United"
keys Q
expect "Q quits" "[exited] 0"
finish
