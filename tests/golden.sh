#!/bin/sh
# Checks the golden dumps tests/golden/*.out against tests/golden/*.md, or
# with --update rewrites them for review (git diff tests/golden). The render
# unit test does the work; BUILD picks its build directory.
cd "$(dirname "$0")/.." || exit 2
case "$1" in
--update|'') ;;
*)	echo "usage: sh tests/golden.sh [--update]" >&2
	exit 2;;
esac
BUILD=${BUILD:-build}
make BUILD="$BUILD" "$BUILD/tests/test_render" >/dev/null || exit 2
if [ "$1" = --update ]; then
	FILO_GOLDEN_UPDATE=1 "$BUILD/tests/test_render" || exit 1
	echo "golden files rewritten: review them with git diff tests/golden"
else
	"$BUILD/tests/test_render"
fi
