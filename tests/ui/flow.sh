#!/bin/sh
# An evening of reading, article to article: J and K through the list as
# shown, u and p to the next and previous unread, Space at the end going on
# to the next unread with a notice; catch-up of all, a thread or a day,
# with one undo; n going on after a list filter; the related panel kept
# from article to article and across restarts (and set in the config).
# Each walk at 80x24 and at 200x60.
. tests/ui/lib.sh
A=$(pwd)/articles
# The list, newest first (undated last):
#   Il leader (2025-09-03, from its text), Vertice (2023-09-14), Si è
#   concluso (2023-09), then undated: Incontro in Russia, Putin e Kim. All
#   but "Il leader" are one thread.

status() { screen | tail -n 1; }

# fresh_state: a reader that has read nothing yet.
n_state=0
fresh_state() {
	n_state=$((n_state + 1))
	export XDG_STATE_HOME="$TMPD/state$n_state"
}

bullets() { screen | grep -c '•'; }

walk() {
	size=$1
	fresh_state
	start "$size" "$FILO_BIN" "$A"
	expect "$size: list is up" "1/5"
	keys Enter
	expect "$size: the first article opens" "discussioni a Pechino"
	keys J
	expect "$size: J opens the next article of the list" "Vertice Putin – Kim Jong-un: Alleanza"
	keys K
	expect "$size: K the previous one" "discussioni a Pechino"
	keys K
	expect "$size: K at the first says so" "First article of the list"
	keys u
	expect "$size: u opens the next unread (the read ones skipped)" "Si è concluso il viaggio in Russia di Kim Jong-un  "
	keys p
	expect "$size: p the previous unread, round the start" "Putin e Kim: un incontro segreto"
	keys G Space
	expect "$size: Space at (END) goes on to the next unread, and says so" "Next unread: Incontro in Russia"
	case "$(status)" in *"Incontro in Russia: Putin e Kim negoziano"*) ok "$size: and opens it";;
		*) fail "$size: and opens it";; esac
	keys G Space
	expect "$size: at the end of the last unread" "No more unread articles"
	keys h
	expect "$size: h goes back through the articles read" "Putin e Kim: un incontro segreto"
	keys q
	expect "$size: q goes back to the list" "5/5"
	[ "$(bullets)" -eq 0 ] && ok "$size: every article opened is read" || fail "$size: every article opened is read ($(bullets) unread)"

	# catch-up and undo
	keys z
	expect "$size: nothing to undo yet" "No catch-up to undo"
	keys N g N
	expect "$size: two marked unread again" "Marked unread"
	[ "$(bullets)" -eq 2 ] && ok "$size: two unread" || fail "$size: two unread"
	keys A
	expect "$size: A marks all shown read, with the count" "Marked 2 articles read (z undoes)"
	[ "$(bullets)" -eq 0 ] && ok "$size: none unread after A" || fail "$size: none unread after A"
	keys z
	expect "$size: z undoes the catch-up" "Marked 2 articles unread again"
	[ "$(bullets)" -eq 2 ] && ok "$size: the same two unread again" || fail "$size: the same two unread again"
	keys z
	expect "$size: one level of undo" "No catch-up to undo"
	keys j j N
	expect "$size: a third one unread, in the story" "Marked unread"
	[ "$(bullets)" -eq 3 ] && ok "$size: three unread" || fail "$size: three unread"
	keys G M
	expect "$size: M marks the selected article's story read" "Marked 2 articles of this story read"
	case "$(screen | grep 'Il leader nordcoreano')" in *•*) ok "$size: the article outside the story stays unread";;
		*) fail "$size: the article outside the story stays unread";; esac
	[ "$(bullets)" -eq 1 ] && ok "$size: one unread left" || fail "$size: one unread left"
	keys z
	expect "$size: z undoes it" "Marked 2 articles unread again"
	keys G D
	expect "$size: D marks the selected day read (the undated ones)" "Marked 1 article without a date read"
	[ "$(bullets)" -eq 2 ] && ok "$size: the dated ones stay unread" || fail "$size: the dated ones stay unread"
	case "$(screen | grep 'Si è concluso')" in *•*) ok "$size: among them one of the story";;
		*) fail "$size: among them one of the story";; esac
	keys U
	expect "$size: only unread" "Only unread: on"
	keys A
	expect "$size: A in the unread-only list" "Marked 2 articles read"
	expect "$size: leaves nothing" "No article matches"
	keys z
	expect "$size: undo brings them back" "Marked 2 articles unread again"
	keys C-l
	expect "$size: into the unread-only list" "/2 of 5"
	keys U

	# n goes on after a filter
	keys n
	expect "$size: n without a filter says how to give one" "No filter (press / first)"
	keys / putin Enter
	expect "$size: the filter keeps four" "1/4 of 5"
	keys n
	expect "$size: n goes to the next article the filter keeps" "2/4 of 5"
	keys n n n
	expect "$size: and round to the first" "Back at the first match of: putin"
	keys C-l
	expect "$size: at the first" "1/4 of 5"
	keys Escape

	# the related panel: a preference kept from article to article
	keys g j Enter r
	expect "$size: r opens the panel" "Related stories"
	keys 1
	expect "$size: an article opened from the panel has it open" "Related stories"
	keys J
	expect "$size: so has the next one" "Related stories"
	keys q Enter
	expect "$size: and one opened from the list" "Related stories"
	keys Q
	expect "$size: quit" "[exited] 0"
	start "$size" "$FILO_BIN" "$A"
	expect "$size: restart" "1/5"
	keys Enter
	expect "$size: the panel is still open after a restart" "Related stories"
	keys r
	expect_not "$size: r closes it" "Related stories"
	keys Q
	expect "$size: quit again" "[exited] 0"
	start "$size" "$FILO_BIN" "$A"
	expect "$size: restart again" "1/5"
	keys Enter
	expect "$size: the article opens" "min read"
	expect_not "$size: closed stays closed" "Related stories"
	keys Q
	expect "$size: quit a third time" "[exited] 0"
}

walk 80x24
walk 200x60

# The config decides when it says so: open at every start, whatever was
# left last time (the state says closed now).
mkdir -p "$XDG_CONFIG_HOME/filo"
printf 'set related-panel open\n' > "$XDG_CONFIG_HOME/filo/config"
start 80x24 "$FILO_BIN" "$A"
expect "config: list is up" "1/5"
keys Enter
expect "config: set related-panel open opens it" "Related stories"
keys Q
rm "$XDG_CONFIG_HOME/filo/config"
grep -q 'pref	related-panel=closed' "$XDG_STATE_HOME"/filo/*.state &&
	ok "the preference is a line of the state file" || fail "the preference is a line of the state file"
head -n 1 "$XDG_STATE_HOME"/filo/*.state | grep -q '^filo-state 2$' &&
	ok "which is version 2" || fail "which is version 2"
finish
