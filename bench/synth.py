"""Larger corpora for the scale benchmarks, made by varying real text.

Each generated source is one of the development seeds (`../shared/seeds`) with its
sentences shuffled inside each paragraph and some of its names varied, so that a
100x corpus has 100x as much distinct text for the parser, and the resolver and the
aligner see many entities that share some names and not others, as in a real
pile. The text is written to a temporary folder and never committed (the seeds are
not ours to copy).

Names are varied by rule, not from a list: a capitalised word that does not start a
sentence is, in a given variant, kept (so sources still meet on shared names),
respelled (one of a few fixed spellings per name, as real piles have), or replaced by
a new made-up name (another entity), the same way throughout that source. A corpus
thus grows in entities as a real pile does, rather than in ever more spellings of
the same few names.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])")
NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}")
VOWELS = "aeiou"
CONSONANTS = "bdfgklmnprstvz"
CALENDAR = {"January", "February", "March", "April", "June", "July", "August", "September",
            "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
            "Friday", "Saturday", "Sunday"}  # dates must stay dates
SPELLING = 0.3  # of the names varied: respelled (same entity); the rest are new entities
RESPELLINGS = 3  # a name has at most this many other spellings in the whole corpus


def seed_texts() -> list[str]:
    """The seeds' raw texts, or [] when ../shared/seeds is not here."""
    if not SEEDS.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _respell(name: str, j: int) -> str:
    """One of a few fixed other spellings of a name (one vowel changed)."""
    rng = random.Random(f"{name}|{j}")
    inner = [i for i, ch in enumerate(name) if ch in VOWELS and i > 0]
    if not inner:
        return name + rng.choice(VOWELS)
    i = rng.choice(inner)
    return name[:i] + rng.choice([v for v in VOWELS if v != name[i]]) + name[i + 1:]


def _fresh(name: str, rng: random.Random) -> str:
    """A new pronounceable name of about the same length: another entity."""
    out = rng.choice(CONSONANTS).upper()
    while len(out) < len(name):
        out += rng.choice(VOWELS) + rng.choice(CONSONANTS)
    return out[: max(len(name), 4)]


def _vary_name(name: str, rng: random.Random) -> str:
    if rng.random() < SPELLING:
        return _respell(name, rng.randrange(RESPELLINGS))
    return _fresh(name, rng)


def variant(text: str, k: int, *, keep: float = 1.0, share: float = 0.5) -> str:
    """Variant k of one text: sentences shuffled within paragraphs (a fraction `keep`
    of them kept), and each name kept with probability `share`, else varied."""
    rng = random.Random(k)
    names = sorted(set(NAME.findall(text)) - CALENDAR)
    mapping = {n: n if rng.random() < share else _vary_name(n, rng) for n in names}
    paragraphs = []
    for para in text.split("\n\n"):
        sents = SENTENCE.split(para.strip())
        rng.shuffle(sents)
        if keep < 1.0 and len(sents) > 1:
            sents = sents[: max(1, round(len(sents) * keep))]
        paragraphs.append(" ".join(sents))
    out = "\n\n".join(p for p in paragraphs if p)
    if mapping:
        out = re.sub(r"\b(" + "|".join(map(re.escape, names)) + r")\b",
                     lambda m: mapping[m.group(1)], out)
    return out + "\n"


def make_corpus(dest: Path, n: int, *, keep: float = 1.0, start: int = 0) -> list[Path]:
    """Write n sources into dest (variant 0 of a seed is the seed itself)."""
    seeds = seed_texts()
    if not seeds:
        raise SystemExit("../shared/seeds is not present: nothing to vary")
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        seed, k = seeds[i % len(seeds)], i // len(seeds)
        text = seed if k == 0 and keep >= 1.0 else variant(seed, i, keep=keep)
        path = dest / f"v{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out
