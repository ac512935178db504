#!/usr/bin/env python3
"""eval_import.py: measures `filo import` on the page, text and feed corpus.

Usage: eval_import.py [--filo BIN] [--check MIN] [-v] [--keep DIR]
                      [--timeout SEC] [--lint] [DIR...]

DIRs default to tests/data/pages, tests/data/pages/text and tests/data/feeds
(of this repository). Every file with a sibling NAME.expect is an input
(NAME.html, NAME.txt, NAME.xml, NAME.json...). Each input is imported on its
own into a fresh folder, `BIN import INPUT -o DIR`; filo prints one written
file per line. The written articles are parsed (front matter, then the
CommonMark body) and compared with the expectation, whose format is in
tests/data/pages/README.md (one item) and tests/data/feeds/README.md
(`=== item` blocks).

What is scored
  fields   title, date, source, url, lang: right or wrong per expected
           article, after Unicode NFC and collapsing whitespace (lang also
           lower-cased). An expected article with no written article is
           wrong in every field, even where the expected value is empty.
  body     the written body is cut into blocks: paragraphs, headings, each
           list item, each paragraph of a block quote. Two forms are
           compared, each as a multiset of blocks:
             as written  canonical CommonMark: "## h", "- item", "3. item",
                         "> quote", *em*, **strong**, [text](url);
             plain       the same with every mark removed (heading, list and
                         quote prefixes, emphasis, link syntax: its text).
           recall = expected blocks found / expected blocks;
           precision = written blocks that are expected / written blocks.
           Totals are summed over all blocks (micro average).
  misses   an input whose import fails (non-zero exit with nothing written,
           a crash, a listed file that does not exist) and an expected feed
           item that no article matches count as misses: their fields are
           wrong and their expected blocks count against both recall and
           precision. Nothing is skipped.
  leaks    any output (articles, stdout, stderr) containing a marker of text
           that must never be shown (SCRIPT-LEAK, STYLE-LEAK, NOSCRIPT-LEAK,
           TEMPLATE-LEAK, MUST-NOT-APPEAR, the hostile SECRET marker) is
           counted and listed.

Normalisation, applied to expected and written blocks alike: CommonMark
backslash escapes undone and entity references decoded (they are the same
text to a reader); `_em_`/`__strong__` written as `*em*`/`**strong**`;
`*`/`+` bullets as `-`; `N)` as `N.`; reference links, autolinks and link
titles reduced to `[text](url)`; images dropped (a block of images only is
no block: images are neither required nor penalised); thematic breaks and
link reference definitions are no blocks; NFC; runs of whitespace (NBSP
included) become one space. Quotes and dashes are NOT normalised: an
importer must keep the page's characters.

Matching articles to expectations: by url, then by guid (front-matter key
`guid` or `id`), then by title; what is left is paired in order (written
order is filo's stdout order). Extra articles count only in precision.

Output: one line per input (fields right, plain recall and precision),
-v adds every mismatch (expected vs got, missing and unexpected blocks);
then totals per category (html, text, feed) and overall.

--check MIN exits 1 when an overall total among title, date and source
accuracy, plain recall and plain precision is below MIN (e.g. 0.95), or
when anything leaked; else 0. Exit 2 on usage errors (no filo binary, no inputs).
--lint checks the corpus itself instead of running filo: every expected
block's plain text must occur in the input's own visible text.
--keep DIR keeps the written articles in DIR/<input>/ for inspection.
--timeout SEC gives up on one import after SEC seconds (a miss); default
none.

make eval should call it as `python3 tools/eval_import.py --filo ./filo`;
once the importer passes, `make test` can add `--check 0.95` (issue 13's
bar). Standard library only.
"""
import argparse
import collections
import difflib
import html
import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIRS = ["tests/data/pages", "tests/data/pages/text", "tests/data/feeds"]
FIELDS = ("title", "date", "source", "url", "lang")
CHECKED = ("title", "date", "source")
LEAK_MARKERS = ("SCRIPT-LEAK", "STYLE-LEAK", "NOSCRIPT-LEAK", "TEMPLATE-LEAK",
                "MUST-NOT-APPEAR", "FILO-SECRET-MARKER")
FEED_EXT = {".xml", ".rss", ".atom", ".json"}
TEXT_EXT = {".txt", ".text"}

# ---- expectations ----


def parse_expect(path):
    """Returns a list of items: {fields..., 'blocks': [...]}."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    multi = any(l.strip() == "=== item" for l in lines)
    items, cur, in_body = [], None, False
    if not multi:
        cur = {"blocks": []}
        items.append(cur)
    for line in lines:
        if multi and line.strip() == "=== item":
            cur = {"blocks": []}
            items.append(cur)
            in_body = False
            continue
        if cur is None:
            continue
        if not in_body:
            if line.strip() == "---":
                in_body = True
            elif ":" in line:
                k, v = line.split(":", 1)
                cur[k.strip().lower()] = v.strip()
        elif line.strip():
            cur["blocks"].append(line)
    for it in items:
        for k in FIELDS + ("guid",):
            it.setdefault(k, "")
    return items


# ---- written articles ----

YAML_ESC = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
            "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"',
            "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}


def yaml_double(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            e = s[i + 1]
            n = {"x": 2, "u": 4, "U": 8}.get(e)
            if n and re.fullmatch(r"[0-9a-fA-F]{%d}" % n, s[i + 2:i + 2 + n]):
                out.append(chr(int(s[i + 2:i + 2 + n], 16)))
                i += 2 + n
                continue
            if e in YAML_ESC:
                out.append(YAML_ESC[e])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def unquote(v):
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return yaml_double(v[1:-1])
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def parse_article(text):
    """(fields, body) of an article file; fields keys lower-cased."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    fields = {}
    if lines and lines[0].rstrip("\r") == "---":
        for i in range(1, min(len(lines), 101)):
            l = lines[i].rstrip("\r")
            if l in ("---", "..."):
                body = "\n".join(lines[i + 1:])
                break
            if not l.strip() or l.lstrip().startswith("#") or ":" not in l:
                continue
            k, v = l.split(":", 1)
            k = k.strip().lower()
            if k and k not in fields:
                fields[k] = unquote(v.strip())
        else:
            body = text
    else:
        body = text
    return fields, body


# ---- CommonMark blocks ----

RE_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
RE_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
RE_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
RE_ITEM = re.compile(r"^( {0,3}|[ \t]+)([-+*]|\d{1,9}[.)])([ \t]+|$)(.*)$")
RE_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
RE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
RE_REFDEF = re.compile(r"^ {0,3}\[([^\]]+)\]:[ \t]*<?([^ \t>]+)>?(?:[ \t]+.*)?$")


def split_blocks(text, refs):
    """Raw blocks as (kind, marker, text): kind in p, h, li, q, code."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, para, i = [], [], 0
    cur_item = None  # index in blocks of the open list item

    def close_para():
        nonlocal para
        if para:
            blocks.append(("p", "", " ".join(para)))
        para = []

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            close_para()
            cur_item = None
            i += 1
            continue
        m = RE_FENCE.match(line)
        if m:
            close_para()
            fence, body = m.group(1), []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                body.append(lines[i])
                i += 1
            i += 1
            blocks.append(("code", "", " ".join(body)))
            cur_item = None
            continue
        m = RE_SETEXT.match(line)
        if m and para and cur_item is None:
            blocks.append(("h", "#" if m.group(1)[0] == "=" else "##", " ".join(para)))
            para = []
            i += 1
            continue
        if RE_HR.match(line):
            close_para()
            cur_item = None
            i += 1
            continue
        m = RE_ATX.match(line)
        if m:
            close_para()
            cur_item = None
            blocks.append(("h", m.group(1), m.group(2) or ""))
            i += 1
            continue
        m = RE_QUOTE.match(line)
        if m:
            close_para()
            cur_item = None
            inner = []
            while i < len(lines):
                mq = RE_QUOTE.match(lines[i])
                if mq:
                    inner.append(mq.group(1))
                elif lines[i].strip() and inner and inner[-1].strip():
                    inner.append(lines[i])  # lazy continuation
                else:
                    break
                i += 1
            for k, mk, t in split_blocks("\n".join(inner), refs):
                blocks.append(("q", (k, mk), t))
            continue
        m = RE_REFDEF.match(line)
        if m and not para:
            refs.setdefault(norm_label(m.group(1)), m.group(2))
            i += 1
            continue
        m = RE_ITEM.match(line)
        if m and (not para or m.group(4).strip()):
            close_para()
            marker = m.group(2)
            blocks.append(("li", marker, unbreak(m.group(4))))
            cur_item = len(blocks) - 1
            i += 1
            continue
        if cur_item is not None:  # continuation of a list item
            k, mk, t = blocks[cur_item]
            blocks[cur_item] = (k, mk, t + " " + unbreak(line))
            i += 1
            continue
        para.append(unbreak(line))
        i += 1
    close_para()
    return blocks


def unbreak(line):
    """A line without its hard line break (two spaces or a backslash)."""
    line = line.strip()
    return line[:-1] if line.endswith("\\") and not line.endswith("\\\\") else line


def norm_label(s):
    return " ".join(s.split()).casefold()


def norm_space(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


RE_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# Escaped punctuation is replaced by private-use characters while the marks
# are read, so that "\*" is never taken for emphasis; restored at the end.
PUA = 0xF0000


def protect(s):
    s = re.sub(r"\\([%s])" % re.escape(PUNCT), lambda m: chr(PUA + ord(m.group(1))), s)
    # An entity reference is text too, never a mark.
    return RE_ENTITY.sub(lambda m: "".join(chr(PUA + ord(c)) if c in PUNCT else c
                                           for c in html.unescape("&" + m.group(1))), s)


def restore(s):
    return "".join(chr(ord(c) - PUA) if PUA <= ord(c) < PUA + 128 else c for c in s)


RE_IMG = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
RE_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
RE_REFLINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\[([^\]]*)\]")
RE_SHORTREF = re.compile(r"\[([^\[\]]+)\](?![(\[:])")
RE_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")


def canon_inline(s, refs):
    """Inline text -> (as written, plain)."""
    s = protect(s)
    s = RE_IMG.sub("", s)
    s = re.sub(r"!\[([^\]]*)\]\[[^\]]*\]", "", s)

    def ref(m):
        label = m.group(2) or m.group(1)
        url = refs.get(norm_label(restore(label)))
        return "[%s](%s)" % (m.group(1), url) if url else m.group(0)
    s = RE_REFLINK.sub(ref, s)
    s = RE_SHORTREF.sub(lambda m: "[%s](%s)" % (m.group(1), refs[norm_label(restore(m.group(1)))])
                        if norm_label(restore(m.group(1))) in refs else m.group(0), s)
    s = RE_AUTOLINK.sub(lambda m: "[%s](%s)" % (m.group(1), m.group(1)), s)
    # Links: keep text and destination; destinations are hidden from the
    # emphasis rewriting below (a URL may contain underscores).
    dests = []

    def link(m):
        dests.append(m.group(2))
        return "\x01%s\x02%d\x03" % (m.group(1), len(dests) - 1)
    prev = None
    while prev != s:
        prev = s
        s = RE_LINK.sub(link, s)
    s = re.sub(r"(?<![\w*])__(?=\S)(.+?)(?<=\S)__(?![\w*])", r"**\1**", s)
    s = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"*\1*", s)
    s = re.sub(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", r"***\1***", s)
    written = re.sub(r"\x01(.*?)\x02(\d+)\x03", lambda m: "[%s](%s)" % (m.group(1), dests[int(m.group(2))]), s)
    plain = re.sub(r"\x01(.*?)\x02(\d+)\x03", r"\1", s)
    plain = re.sub(r"(?<!\\)\*+", "", plain)
    plain = re.sub(r"`+", "", plain)
    return norm_space(restore(written)), norm_space(restore(plain))


def canon_blocks(text):
    """Body text -> list of (as written, plain) blocks."""
    refs = {}
    raw = split_blocks(text, refs)
    out = []

    def one(kind, marker, t):
        w, p = canon_inline(t, refs)
        if kind == "h":
            return "#" * len(marker) + " " + w, p
        if kind == "li":
            if marker[0].isdigit():
                return "%d. %s" % (int(marker[:-1]), w), p
            return "- " + w, p
        return w, p

    for kind, marker, t in raw:
        if kind == "q":
            w, p = one(marker[0], marker[1], t)
            w = "> " + w
        else:
            w, p = one(kind, marker, t)
        if p.strip():
            out.append((w, p))
    return out


# ---- running filo ----


def categorise(path):
    ext = os.path.splitext(path)[1].lower()
    if ext in FEED_EXT:
        return "feed"
    if ext in TEXT_EXT:
        return "text"
    return "html"


def find_inputs(dirs):
    found = []
    for d in dirs:
        if not os.path.isdir(d):
            print("eval_import: %s: no such folder" % d, file=sys.stderr)
            continue
        names = sorted(os.listdir(d))
        for n in names:
            if not n.endswith(".expect"):
                continue
            stem = n[:-len(".expect")]
            cands = [m for m in names if m.startswith(stem + ".") and m != n
                     and "." not in m[len(stem) + 1:] and os.path.isfile(os.path.join(d, m))]
            if len(cands) != 1:
                print("eval_import: %s: %d inputs for this expectation (%s)" % (
                    os.path.join(d, n), len(cands), ", ".join(cands) or "none"), file=sys.stderr)
                continue
            found.append((os.path.join(d, cands[0]), os.path.join(d, n)))
    return found


def run_import(filo, inp, outdir, timeout):
    """Returns (articles [(path, text)], error or None, stdout+stderr)."""
    os.makedirs(outdir, exist_ok=True)
    try:
        r = subprocess.run([filo, "import", inp, "-o", outdir], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout or None)
    except subprocess.TimeoutExpired:
        return [], "timed out after %ss" % timeout, ""
    except OSError as e:
        return [], "cannot run %s: %s" % (filo, e), ""
    out = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace")
    arts, problems = [], []
    for line in out.splitlines():
        p = line.strip()
        if not p:
            continue
        if not os.path.isfile(p):
            problems.append("listed file %s does not exist" % p)
            continue
        with open(p, "rb") as f:
            arts.append((p, f.read().decode("utf-8", "replace")))
    error = None
    if r.returncode < 0 or r.returncode >= 128:
        error = "crashed (%s)" % (("signal %d" % -r.returncode) if r.returncode < 0 else "exit %d" % r.returncode)
    elif problems:
        error = "; ".join(problems)
    elif not arts:
        error = "nothing written (exit %d)%s" % (r.returncode, (": " + err.strip().splitlines()[0][:160]) if err.strip() else "")
    return arts, error, out + err


# ---- scoring ----


def field_norm(k, v):
    v = norm_space(v or "")
    return v.lower() if k == "lang" else v


def match_items(expected, written):
    """Pairs expected items with written articles: list of (exp, art or None), extras."""
    pairs = [None] * len(expected)
    free = list(range(len(written)))
    for key in ("url", "guid", "title"):
        for i, e in enumerate(expected):
            if pairs[i] is not None or not e[key]:
                continue
            want = field_norm(key, e[key])
            for j in free:
                f = written[j]["fields"]
                got = f.get(key) or (f.get("id") if key == "guid" else None)
                if got and field_norm(key, got) == want:
                    pairs[i] = j
                    free.remove(j)
                    break
    for i in range(len(expected)):
        if pairs[i] is None and free:
            pairs[i] = free.pop(0)
    return [(e, written[pairs[i]] if pairs[i] is not None else None) for i, e in enumerate(expected)], \
        [written[j] for j in free]


class Score:
    def __init__(self):
        self.n = 0
        self.right = collections.Counter()
        self.exp = collections.Counter()   # expected blocks, by form
        self.found = collections.Counter()  # expected blocks found
        self.wrote = collections.Counter()  # written blocks (+ misses' expected)
        self.good = collections.Counter()   # written blocks that are expected
        self.errors = 0
        self.extra = 0

    def add(self, o):
        self.n += o.n
        for c in ("right", "exp", "found", "wrote", "good"):
            getattr(self, c).update(getattr(o, c))
        self.errors += o.errors
        self.extra += o.extra

    def acc(self, k):
        return self.right[k] / self.n if self.n else 0.0

    def recall(self, form):
        return self.found[form] / self.exp[form] if self.exp[form] else 1.0

    def precision(self, form):
        return self.good[form] / self.wrote[form] if self.wrote[form] else 1.0


def score_pair(e, art, sc, notes):
    sc.n += 1
    exp_blocks = canon_blocks("\n\n".join(e["blocks"]))
    if art is None:
        for form in ("w", "p"):
            sc.exp[form] += len(exp_blocks)
            sc.wrote[form] += len(exp_blocks)
        notes.append("  no article for %r" % e["title"])
        return
    f = art["fields"]
    for k in FIELDS:
        want, got = field_norm(k, e[k]), field_norm(k, f.get(k, ""))
        if want == got:
            sc.right[k] += 1
        else:
            notes.append("  %-6s expected %r\n         got      %r" % (k + ":", want, got))
    got_blocks = canon_blocks(art["body"])
    for form, idx in (("w", 0), ("p", 1)):
        ce = collections.Counter(b[idx] for b in exp_blocks)
        cg = collections.Counter(b[idx] for b in got_blocks)
        both = sum((ce & cg).values())
        sc.exp[form] += len(exp_blocks)
        sc.found[form] += both
        sc.wrote[form] += len(got_blocks)
        sc.good[form] += both
    cg_plain = collections.Counter(b[1] for b in got_blocks)
    cg_written = collections.Counter(b[0] for b in got_blocks)
    got_plain_list = [b[1] for b in got_blocks]
    for w, p in exp_blocks:
        if cg_plain[p] > 0:
            cg_plain[p] -= 1
            if cg_written[w] > 0:
                cg_written[w] -= 1
            else:
                notes.append("  markup differs: expected %s" % short(w))
        else:
            near = difflib.get_close_matches(p, got_plain_list, n=1, cutoff=0.6)
            notes.append("  missing: %s%s" % (short(w), ("\n     near: %s" % short(near[0])) if near else ""))
    exp_plain = collections.Counter(b[1] for b in exp_blocks)
    for w, p in got_blocks:
        if exp_plain[p] > 0:
            exp_plain[p] -= 1
        else:
            notes.append("  unexpected: %s" % short(w))


def short(s, n=150):
    return s if len(s) <= n else s[:n - 1] + "…"


def evaluate(filo, inputs, tmp, keep, timeout, verbose):
    totals = collections.OrderedDict((c, Score()) for c in ("html", "text", "feed"))
    leaks = []
    print("%-44s %-4s %-5s %5s %6s %6s  %s" % ("input", "cat", "items", "TDSUL", "recall", "prec", "status"))
    for k, (inp, exp) in enumerate(inputs):
        cat = categorise(inp)
        expected = parse_expect(exp)
        outdir = os.path.join(tmp, "%03d" % k)
        arts, error, log = run_import(filo, inp, outdir, timeout)
        written = []
        for p, text in arts:
            fields, body = parse_article(text)
            written.append({"path": p, "fields": fields, "body": body})
        name = os.path.relpath(inp, ROOT) if inp.startswith(ROOT) else inp
        for m in LEAK_MARKERS:
            if m in log or any(m in t for _, t in arts):
                leaks.append("%s: %s" % (name, m))
        sc, notes = Score(), []
        if error and not written:
            sc.errors += 1
        pairs, extras = match_items(expected, written)
        for e, a in pairs:
            score_pair(e, a, sc, notes)
        for a in extras:
            nb = len(canon_blocks(a["body"]))
            sc.wrote["w"] += nb
            sc.wrote["p"] += nb
            sc.extra += 1
            notes.append("  extra article %s (%r)" % (a["path"], a["fields"].get("title", "")))
        if error:
            notes.insert(0, "  error: " + error)
        totals[cat].add(sc)
        # one mark per field: +/- for a page, the count right for a feed
        flags = "".join((str(sc.right[f]) if sc.right[f] < 10 else "*") if sc.n > 1
                        else ("+" if sc.right[f] else "-") for f in FIELDS)
        status = "ERROR" if (error and not written) else ("ok" if not error else "warn")
        print("%-44s %-4s %5d %5s %6.2f %6.2f  %s" % (short(name, 44), cat, sc.n, flags,
                                                       sc.recall("p"), sc.precision("p"), status))
        if verbose and notes:
            print("\n".join(notes))
        if keep:
            dst = os.path.join(keep, os.path.basename(inp))
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(outdir, dst)
    return totals, leaks


def print_totals(totals, leaks):
    allsc = Score()
    for sc in totals.values():
        allsc.add(sc)
    rows = [(c, sc) for c, sc in totals.items() if sc.n] + [("all", allsc)]
    print()
    print("%-6s %5s %6s %6s %6s %6s %6s  %-13s %-13s %6s %5s" % (
        "", "items", "title", "date", "source", "url", "lang", "plain R/P", "written R/P", "errors", "extra"))
    for c, sc in rows:
        print("%-6s %5d %6.3f %6.3f %6.3f %6.3f %6.3f  %.3f / %.3f  %.3f / %.3f %6d %5d" % (
            c, sc.n, sc.acc("title"), sc.acc("date"), sc.acc("source"), sc.acc("url"), sc.acc("lang"),
            sc.recall("p"), sc.precision("p"), sc.recall("w"), sc.precision("w"), sc.errors, sc.extra))
    print("leaks: %d" % len(leaks))
    for l in leaks:
        print("  " + l)
    return allsc


# ---- corpus lint ----


class TextOf(html.parser.HTMLParser):
    SKIP = {"script", "style", "template", "noscript", "title", "head"}
    INLINE = {"a", "abbr", "b", "cite", "code", "em", "font", "i", "q", "s", "small",
              "span", "strong", "sub", "sup", "time", "u", "mark"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag not in self.INLINE:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag not in self.INLINE:
            self.out.append(" ")

    def handle_data(self, d):
        if not self.skip:
            self.out.append(d)


def html_text(s):
    p = TextOf()
    p.feed(s)
    p.close()
    return "".join(p.out)


def input_text(path):
    raw = open(path, "rb").read()
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        parts = []

        def walk(v):
            if isinstance(v, dict):
                for x in v.values():
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)
            elif isinstance(v, str):
                parts.append(html_text(v))
        walk(json.loads(raw.decode("utf-8")))
        return " ".join(parts)
    if ext in FEED_EXT:
        root = ET.fromstring(raw)
        return " ".join(html_text(html.unescape(t)) if "<" in t or "&" in t else t
                        for t in root.itertext())
    if ext in TEXT_EXT:
        return raw.decode("utf-8", "replace")
    m = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", raw[:4096], re.I)
    cs = m.group(1).decode() if m else "utf-8"
    return html_text(raw.decode(cs, "replace"))


def lint(inputs):
    bad = 0
    for inp, exp in inputs:
        text = norm_space(input_text(inp))
        for it in parse_expect(exp):
            for w, p in canon_blocks("\n\n".join(it["blocks"])):
                if p not in text:
                    print("%s: block not in the input: %s" % (exp, short(w)))
                    bad += 1
            if it["title"] and norm_space(it["title"]) not in text:
                print("%s: title not in the input: %s" % (exp, it["title"]))
                bad += 1
            if it["date"] and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", it["date"]):
                print("%s: bad date %r" % (exp, it["date"]))
                bad += 1
    print("lint: %d inputs, %d problems" % (len(inputs), bad))
    return 1 if bad else 0


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    ap = argparse.ArgumentParser(description="Measure filo import against the page/text/feed corpus.")
    ap.add_argument("--filo", default=os.path.join(ROOT, "filo"), help="filo binary (default: ./filo of this repository)")
    ap.add_argument("--check", type=float, metavar="MIN", help="exit 1 if title/date/source accuracy or plain recall/precision < MIN")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    ap.add_argument("--keep", metavar="DIR", help="keep the written articles in DIR")
    ap.add_argument("--timeout", type=float, default=0, metavar="SEC", help="give up on one import after SEC seconds (default: never)")
    ap.add_argument("--lint", action="store_true", help="check the corpus against its inputs; filo is not run")
    ap.add_argument("dirs", nargs="*", metavar="DIR")
    a = ap.parse_args()
    dirs = a.dirs or [os.path.join(ROOT, d) for d in DEFAULT_DIRS]
    inputs = find_inputs(dirs)
    if not inputs:
        print("eval_import: no inputs with an .expect in %s" % " ".join(dirs), file=sys.stderr)
        return 2
    if a.lint:
        return lint(inputs)
    filo = a.filo
    if os.sep in filo:
        filo = os.path.abspath(filo)
    if not (shutil.which(filo) or os.access(filo, os.X_OK)):
        print("eval_import: %s: no such program (build it with make filo)" % a.filo, file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="filo-eval-import.")
    try:
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
        totals, leaks = evaluate(filo, inputs, tmp, a.keep, a.timeout, a.verbose)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    allsc = print_totals(totals, leaks)
    if a.check is not None:
        figures = {"title": allsc.acc("title"), "date": allsc.acc("date"), "source": allsc.acc("source"),
                   "plain recall": allsc.recall("p"), "plain precision": allsc.precision("p")}
        low = ["%s %.3f" % (k, v) for k, v in figures.items() if v < a.check]
        if leaks:
            low.append("%d leaks" % len(leaks))
        if low:
            print("check: below %.2f: %s" % (a.check, ", ".join(low)))
            return 1
        print("check: all of title, date, source, plain recall and precision >= %.2f, no leak" % a.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
