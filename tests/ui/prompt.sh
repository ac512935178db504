#!/bin/sh
# The prompts' line editing: Backspace deletes the last grapheme cluster
# whole, as the user sees one character: an e typed with a combining accent,
# a flag (two regional indicators), a ZWJ family emoji.
. tests/ui/lib.sh
A=$(pwd)/articles

# the status line (the prompt) without its trailing blanks
prompt_line() { screen | tail -n 1 | sed 's/ *$//'; }

# expect_prompt DESCRIPTION TEXT: the prompt line is exactly TEXT.
expect_prompt() {
	settle
	got=$(prompt_line)
	if [ "$got" = "$2" ]; then ok "$1"; else fail "$1 (prompt: '$got', want '$2')"; fi
}

start 80x24 "$FILO_BIN" "$A"
expect "the list is up" "1/5"

keys / k i m
expect_prompt "the filter prompt shows what is typed" "Filter: kim"
keys -l "$(printf 'e\314\201')"
expect_prompt "e and a combining acute show as one letter" "$(printf 'Filter: kime\314\201')"
keys BSpace
expect_prompt "one Backspace deletes e with its accent" "Filter: kim"

keys -l "$(printf '\360\237\207\256\360\237\207\271')"
expect_prompt "a flag is typed as two regional indicators" "$(printf 'Filter: kim\360\237\207\256\360\237\207\271')"
keys BSpace
expect_prompt "one Backspace deletes the whole flag" "Filter: kim"

keys -l "$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')"
keys BSpace
expect_prompt "one Backspace deletes a ZWJ family" "Filter: kim"

keys BSpace
expect_prompt "then Backspace deletes single letters" "Filter: ki"
keys Enter
expect "the filter applies what is left" "filter:ki"

keys Q
expect "Q quits" "[exited] 0"
finish
