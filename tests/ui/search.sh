#!/bin/sh
# Archive search in the reader: S, results with snippets, accent- and
# case-insensitive matching, opening at the match, n inside the article.
. tests/ui/lib.sh
A=$(pwd)/articles

start 80x24 "$FILO_BIN" "$A"
expect "list is up" "1/5"
keys S c i t t a Enter
expect "citta finds città" "Search: citta - 2 articles"
expect "a snippet shows the match in context" "città"
keys j Enter
expect "Enter opens the article at the match" "citta 1/2"
keys n
expect "n continues inside it" "citta 2/2"
keys h
expect "h returns to the results" "Search: citta"
keys o
expect "o orders the results by date" "by date"
keys q S P E C H I N O Enter
expect "PECHINO finds Pechino" "Search: PECHINO - 1 article"
keys q S '"' l e a d e r ' ' n o r d c o r e a n o '"' ' ' '-' p e c h i n o Enter
expect "a phrase with an exclusion" "Search: \"leader nordcoreano\" -pechino - 4 articles"
keys q S k i m o n Enter
expect "no match inside a word (kimon is not kimono)" "Search: kimon - 0 articles"
keys q S e n t i t y : S h o i g u Enter
expect "entity: filters by entity" "Search: entity:Shoigu - 2 articles"
keys Q
expect "quit" "[exited] 0"
finish
