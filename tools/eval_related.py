#!/usr/bin/env python3
"""eval_related.py: measures related-story ranking on real news by "twins".

Each Wikinews document of a CoNLL-style file (token<TAB>label, a blank line
between sentences) is cut in two halves that alternate its sentences; a good
ranking puts each half's twin first among all the other halves.

  eval_related.py split TSV DIR     writes DIR/NNNNa.md and DIR/NNNNb.md
  eval_related.py score DIR OUT     reads `filo related --all DIR -n 5`
                                    output and prints twin@1 and twin@5
  eval_related.py baseline DIR      the same figures for plain TF-IDF cosine

The articles are written only to DIR (a temporary folder): the annotated
corpus is licensed for measuring, and nothing made from it may be kept.
Labels are never read: entities come from filo's own recogniser.
"""
import math
import os
import re
import sys
from collections import Counter, defaultdict

END = set('.!?;:»"”…)')
TITLE_MAX_TOKENS = 20
MIN_BODY = 4
HEADING_MAX_TOKENS = 3
NO_SPACE_BEFORE = set(',.;:!?)]}»”%…')
NO_SPACE_AFTER = set('([{«“')


def read_sentences(path):
    sents, cur = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line:
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cur.append(line.split('\t')[0])
    if cur:
        sents.append(cur)
    return sents


def detokenise(tokens):
    out = ''
    for t in tokens:
        glue = (not out or t[0] in NO_SPACE_BEFORE or out[-1] in NO_SPACE_AFTER
                or out[-1] in "'’")
        out += t if glue else ' ' + t
    return out


def is_title(tokens):
    """A short sentence without final punctuation opens a document."""
    return len(tokens) <= TITLE_MAX_TOKENS and tokens[-1] not in END


def title_flags(sents):
    """Titles; a title's place prefix ("Mosca:") is cut off as a sentence
    of its own by the corpus's sentence splitter and joins the title."""
    flags = [is_title(s) for s in sents]
    for i in range(len(sents) - 1):
        s = sents[i]
        if flags[i + 1] and s[-1] == ':' and len(s) <= TITLE_MAX_TOKENS:
            flags[i] = True
    return flags


def documents(sents):
    """Lists of body sentences, one list per document. Section headings
    (title-like but of at most HEADING_MAX_TOKENS tokens: "Storia", "Le
    ricerche") neither open a document nor join its body; documents of
    fewer than MIN_BODY sentences are left out, since their halves would
    be a sentence or two. Titles are dropped: either half could claim them."""
    docs = []
    for s, title in zip(sents, title_flags(sents)):
        if title and len(s) > HEADING_MAX_TOKENS:
            docs.append([])
        elif not title and docs:
            docs[-1].append(detokenise(s))
    return [d for d in docs if len(d) >= MIN_BODY]


def write_half(path, sentences):
    title = sentences[0].replace('\n', ' ')
    body = '\n'.join(sentences)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('---\ntitle: %s\ndate:\n---\n\n%s\n' % (title, body))


def split(tsv, outdir):
    os.makedirs(outdir, exist_ok=True)
    docs = documents(read_sentences(tsv))
    for i, d in enumerate(docs):
        write_half(os.path.join(outdir, '%04da.md' % i), d[0::2])
        write_half(os.path.join(outdir, '%04db.md' % i), d[1::2])
    print('eval: %d Wikinews documents, %d halves' % (len(docs), 2 * len(docs)))


def twin(doc_id):
    return doc_id[:-1] + ('b' if doc_id.endswith('a') else 'a')


def half_ids(outdir):
    return sorted(f[:-3] for f in os.listdir(outdir) if f.endswith('.md'))


def report(name, ids, ranked):
    at1 = sum(1 for i in ids if ranked.get(i, [])[:1] == [twin(i)])
    at5 = sum(1 for i in ids if twin(i) in ranked.get(i, [])[:5])
    n = len(ids) or 1
    print('%s: twin@1 %.3f  twin@5 %.3f  (%d halves)' %
          (name, at1 / n, at5 / n, len(ids)))


def score(outdir, results):
    ranked = defaultdict(list)
    with open(results, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 3:
                ranked[parts[0]].append(parts[1])
    report('filo related', half_ids(outdir), ranked)


def words(path):
    with open(path, encoding='utf-8') as f:
        text = f.read().split('---', 2)[2]
    return re.findall(r'\w+', text.lower())


def baseline(outdir):
    """Plain TF-IDF cosine over lower-cased words: the figure to beat."""
    ids = half_ids(outdir)
    tf = {i: Counter(words(os.path.join(outdir, i + '.md'))) for i in ids}
    df = Counter(w for c in tf.values() for w in c)
    n = len(ids)
    vec = {}
    for i, c in tf.items():
        v = {w: k * math.log(n / df[w]) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vec[i] = {w: x / norm for w, x in v.items()}
    post = defaultdict(list)
    for i, v in vec.items():
        for w, x in v.items():
            post[w].append((i, x))
    ranked = {}
    for i, v in vec.items():
        acc = Counter()
        for w, x in v.items():
            for j, y in post[w]:
                if j != i:
                    acc[j] += x * y
        ranked[i] = [j for j, _ in acc.most_common(5)]
    report('tf-idf baseline', ids, ranked)


def main(argv):
    if len(argv) == 4 and argv[1] == 'split':
        split(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == 'score':
        score(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == 'baseline':
        baseline(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
