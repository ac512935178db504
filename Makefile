# filo: a terminal news reader. Plain make; see README.md.
.SUFFIXES:

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
DATADIR   = $(PREFIX)/share/filo
BUILD    ?= build

PKG_CONFIG ?= pkg-config
PKGS       = ncursesw libcmark sqlite3 libxml-2.0 jansson libcurl
ifeq ($(origin CC),default)
CC         = cc
endif
CFLAGS    ?= -O2 -g
WARN       = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DFILO_VERSION='"$(VERSION)"' \
             -Isrc -I$(BUILD) $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# libstemmer (Snowball) ships no pkg-config file
LIBS       = $(PKG_LIBS) -lstemmer -lunistring -lm -pthread

# Every src/*.c but main.c goes into a static library that the binary and
# each unit test link against, so a new module needs no Makefile edit.
SRC     = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ     = $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/lexicon_data.o
LEXICON = $(sort $(wildcard src/lexicon/*.txt)) $(sort $(wildcard themes/*.theme))
TESTS   = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

all: filo

filo: $(BUILD)/filo
	cp $(BUILD)/filo filo

$(BUILD)/filo: $(BUILD)/main.o $(BUILD)/libfilo.a
	$(CC) $(ALL_CFLAGS) -o $@ $(BUILD)/main.o $(BUILD)/libfilo.a $(LDFLAGS) $(LIBS)

$(BUILD)/libfilo.a: $(OBJ)
	rm -f $@
	ar rcs $@ $(OBJ)

# Where the installed themes and articles live, as a header that changes only
# when PREFIX or DATADIR does, so `make install PREFIX=...` rebuilds what
# depends on it and nothing else.
$(BUILD)/datadir.h: FORCE | $(BUILD)
	@printf '#define FILO_DATADIR "%s"\n' '$(DATADIR)' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@
	@rm -f $@.tmp

$(OBJ) $(BUILD)/main.o: | $(BUILD)/datadir.h

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Lexicons are plain text in src/lexicon/; they are compiled into the binary
# so an installed filo needs no data path to recognise entities. Made every
# time and replaced only when it differs: a lexicon renamed or removed
# changes no file's time, only the list.
$(BUILD)/lexicon_data.c: FORCE | $(BUILD)
	sh tools/embed.sh $(LEXICON) > $@.tmp
	cmp -s $@.tmp $@ || mv $@.tmp $@
	rm -f $@.tmp

$(BUILD)/lexicon_data.o: $(BUILD)/lexicon_data.c
	$(CC) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(BUILD)/libfilo.a | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(BUILD)/libfilo.a $(LDFLAGS) $(LIBS)

$(BUILD):
	mkdir -p $(BUILD)

# Installs whatever build and test tools are missing (Debian/apt-get).
deps:
	@sh tools/deps.sh

test: deps
	$(MAKE) filo unit-tests
	sh tests/run.sh

unit-tests: $(TESTS)

# The whole suite again, under AddressSanitizer and UBSan, in its own tree.
asan: deps
	$(MAKE) BUILD=build-asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
		LDFLAGS='-fsanitize=address,undefined' build-asan/filo unit-tests-asan
	FILO_BIN=build-asan/filo FILO_TESTS=build-asan/tests ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh

unit-tests-asan: $(TESTS)

run: deps filo
	./filo articles

golden: filo unit-tests
	sh tests/golden.sh --update

# The reader's figures, then filo fetch against newsboat's reload (both
# from a local server); bench-fetch runs only the second.
bench: deps filo
	sh tools/bench.sh
	sh tools/bench_fetch.sh

bench-fetch: deps filo
	sh tools/bench_fetch.sh

eval: deps filo
	sh tools/eval.sh

# The whole suite under valgrind (memcheck, leaks): the unit tests, then the
# command-line and tmux suites with every run of filo under valgrind.
valgrind: deps
	$(MAKE) filo unit-tests
	BUILD=$(BUILD) sh tools/valgrind.sh

# Fuzz targets (clang libFuzzer); FUZZ_RUNS executions each.
FUZZ_RUNS ?= 10000000
fuzz: deps
	sh tools/fuzz.sh $(FUZZ_RUNS)

install: $(BUILD)/filo
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)/articles
	cp $(BUILD)/filo $(DESTDIR)$(BINDIR)/filo
	cp man/filo.1 $(DESTDIR)$(MANDIR)/man1/filo.1
	cp man/filo.5 $(DESTDIR)$(MANDIR)/man5/filo.5
	cp themes/*.theme $(DESTDIR)$(DATADIR)/themes/
	cp articles/*.md $(DESTDIR)$(DATADIR)/articles/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/filo $(DESTDIR)$(MANDIR)/man1/filo.1 $(DESTDIR)$(MANDIR)/man5/filo.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan filo

FORCE:

.PHONY: FORCE valgrind fuzz all filo deps test unit-tests unit-tests-asan asan run golden bench bench-fetch eval install uninstall clean

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
