"""Made-up words and sentences for tests that need many distinct texts: no language,
no topic, reproducible from a seeded `random.Random`."""

from __future__ import annotations

import random

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "in", "ta", "bri", "om"]


def made_up_words(rng: random.Random, n: int) -> list[str]:
    """Up to `n` words of one to three syllables, sorted."""
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
                   for _ in range(n)})


def made_up_sentence(rng: random.Random, words: list[str], shortest: int, longest: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(shortest, longest))).capitalize() + "."
