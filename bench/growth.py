"""Growth: build time and peak memory at 1x, 10x and 100x a corpus.

    python bench/growth.py [--scales 1,10,100] [--jobs 2]

The 1x corpus is the five development seeds (about 42k characters); larger ones
are the seeds varied (`synth.py`: sentences shuffled, names varied), so every
source is new text. The 100x build, 500 sources, dominates the time. Each build runs in a fresh process; peak
resident memory is sampled per stage, for the driver (which streams results into
the store) and for its workers together. A process's resident memory shrinks only as far as
the C allocator gives memory back (the build lets go of the models and trims the
heap before the corpus-wide stage: `engine/memory.py`), so that stage is measured
again on its own:
the same sources annotated into a second database, then resolved and aligned from
scratch in a fresh process (its peak, and what it held when the stage began). That
stage reads the claims a page at a time and keeps the mentions, the name nodes,
their blocks and the matches in a scratch file (the resolver holds an array of node
ids for the clusters, a block at a time and the entities it made); the copy search
writes the pairs it finds into the database, tile by tile (a block of new sources
with itself, then with each block of its partners), and the build reads them back
for a hundred sources at a time. Its peak grows with the corpus only until a tile is
full (in this corpus, where every variant copies its seed's others, about 300x) and
with the band keys it holds (about 16 KB per source); the name caches grow until
they are full (bounded: about 12 MB per process, full between 10x and 100x). A process that
annotates trims its heap after every batch (`engine.unit.work`); without that, the
parser's freed arrays piled up between the objects that stay: one process annotating
the 100x sources in turn held 247 MB after 500 of them, and trimmed 183 MB. Within a
batch it holds spaCy's working memory on top, bounded by what it parses at once
(`annotate.nlp.PIPE_CHARS`: 5,000 characters, some 20-36 MB above what it holds
between batches, where 20,000 took 75 MB). What it holds between batches grows while
its bounded caches fill, then stays: the build's own process, annotating the 100x
sources with one worker, held 190 MB after its 5th batch and 194-195 MB from its
45th (some 180 sources) to its last (189 and 203 MB when every page line, 16k word
hashes and 512 name patterns were kept). Those caches, each bounded: the attribute rules'
token combinations (8,192, about 3 MB), the vocabulary's new strings and lexemes
(freed with spaCy's memory zone every 5,000 strings, `annotate.nlp._Zone`), word
hashes for the copy sketches (4,096, under 1 MB) and the page-furniture verdicts of
short lines (4,096). Page-furniture verdicts for every line (4.5 MB after 260
sources, mostly long prose lines no page repeats) and the patterns made of each
text's names (Python kept 512, 1.4 MB) are no longer kept. So the peak is printed
for each fifth of the sources too: the later fifths of one build are the test of
flat memory, where the scales differ also in what the build's own process does (at
1x its worker annotates everything, and the peak is the model loading). The worker that compares texts for copies maps its large arrays
on their own (`engine.memory.map_large_allocations`), so what a block of that search
frees goes back at once. The resolver's time grows faster than the corpus until
its blocks fill: a name is compared with every other of a block of up to 64 names
(a sorted window beyond), so the pairs compared per name rise with the corpus
towards that bound; the names and the pairs per name are printed beside the time. Note that the varied corpus is
harsh on both: every source shares sentences with the other variants of its seed,
so the pairs of copying sources grow with the square of the scale, and every
variant brings new names; both are printed beside the memory (the copy search holds
the texts a block of new sources shares passages with, and what it found). The extra measurement doubles the annotating: about five
minutes at the defaults. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import child  # noqa: E402
from synth import make_corpus, seed_texts  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="1,10,100")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    seeds = seed_texts()
    if not seeds:
        print("skipped: ../shared/seeds is not present")
        return
    scales = [int(x) for x in args.scales.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in scales:
            pile = Path(tmp) / f"x{k}"
            make_corpus(pile, len(seeds) * k)
            chars = sum(len(p.read_text(encoding="utf-8")) for p in pile.iterdir())
            r = child("build", inputs=[str(pile)], db=str(Path(tmp) / f"x{k}.db"),
                      jobs=args.jobs, batch=4)
            mem = r["memory"]
            # the corpus-wide stage again, alone in a fresh process, over the same sources
            child("annotate", inputs=[str(pile)], db=str(Path(tmp) / f"a{k}.db"),
                  jobs=args.jobs, batch=4)
            alone = child("corpus", db=str(Path(tmp) / f"a{k}.db"), jobs=args.jobs)
            r["alone"] = alone
            rows.append((k, len(seeds) * k, chars, r))
            print(f"{k:>4}x {len(seeds) * k:>5} sources {chars / 1e6:6.2f} M chars: "
                  f"{r['seconds']:7.1f} s (annotate {r['stages'].get('annotate', 0):6.1f} s, "
                  f"resolve+align {r['stages'].get('corpus', 0):5.1f} s) · peak RSS driver "
                  f"{mem.get('annotate', {}).get('driver_mb', 0):5.0f} MB while annotating, "
                  f"{mem.get('corpus', {}).get('driver_mb', 0):5.0f} MB in resolve+align; "
                  f"workers {mem.get('annotate', {}).get('workers_mb', 0):5.0f} MB while "
                  f"annotating, {mem.get('corpus', {}).get('workers_mb', 0):5.0f} MB in "
                  f"resolve+align · "
                  f"{r['claims']} claims, {r['entities']} entities, {r['names']} names "
                  f"({r['name_pairs'] / max(r['names'], 1):.1f} pairs compared per name), "
                  f"{r['copy_pairs']} pairs of copying sources sharing "
                  f"{r['copied_passages']} copied passages",
                  flush=True)
            parts = r["annotate_parts"]
            print(f"{'':>6}peak RSS while annotating, by fifth of the sources: driver "
                  + " / ".join(f"{x['driver_mb']:.0f}" for x in parts) + " MB, workers "
                  + " / ".join(f"{x['workers_mb']:.0f}" for x in parts) + " MB", flush=True)
            am = alone["memory"].get("start", {})
            print(f"{'':>6}resolve+align alone in a fresh process: {alone['seconds']:6.1f} s, "
                  f"peak RSS driver {am.get('driver_mb', 0):5.0f} MB "
                  f"({alone['start_mb']:.0f} MB when it began), workers "
                  f"{am.get('workers_mb', 0):5.0f} MB", flush=True)
    print("\nratios to the previous size (input grows by the scale ratio):")
    for (k0, _n0, c0, a), (k1, _n1, c1, b) in zip(rows, rows[1:], strict=False):
        ann0, ann1 = a["stages"].get("annotate", 0), b["stages"].get("annotate", 0)
        cor0, cor1 = a["stages"].get("corpus", 0), b["stages"].get("corpus", 0)
        m0 = a["memory"].get("annotate", {}).get("driver_mb", 0)
        m1 = b["memory"].get("annotate", {}).get("driver_mb", 0)
        r0 = a["alone"]["memory"].get("start", {}).get("driver_mb", 0)
        r1 = b["alone"]["memory"].get("start", {}).get("driver_mb", 0)
        print(f"{k0}x -> {k1}x (input x{c1 / c0:.1f}): build time x{b['seconds'] / a['seconds']:.1f}, "
              f"annotate x{ann1 / max(ann0, 1e-9):.1f}, resolve+align x{cor1 / max(cor0, 1e-9):.1f}, "
              f"driver memory while annotating x{m1 / max(m0, 1e-9):.2f}, "
              f"in resolve+align (alone) x{r1 / max(r0, 1e-9):.2f}; names "
              f"x{b['names'] / max(a['names'], 1):.1f}, pairs of names compared "
              f"x{b['name_pairs'] / max(a['name_pairs'], 1):.1f}, copied passages "
              + (f"x{b['copied_passages'] / a['copied_passages']:.1f}" if a['copied_passages']
                 else f"{b['copied_passages']} (none before)"))


if __name__ == "__main__":
    main()
