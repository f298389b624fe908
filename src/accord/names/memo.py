"""How many results each name function remembers, and forgetting them all.

Parsing, folding and comparing a name are pure and a corpus repeats its names, so
the name functions remember what they worked out (`remembered`: a bounded
`functools.lru_cache`). Each is bounded: the corpus-wide stage must not grow with the
corpus, and the resolver asks about the names of one block, then of the next, so the
names asked again are the recent ones, the more so as it compares the blocks of
one name's keys one after another (`resolve.resolver._comparing_order`). At this
size the caches hold about 12 MB when full (a quarter of the 47 MB measured with
four times the entries). On the 100x corpus of bench/growth.py (14,500 names) four
times as many entries cost the driver of the corpus-wide stage 30 MB more and saved
2% of the comparing time with 2 jobs (15% with one); eight times more saved nothing.

The resolver works out every name's blocking keys in one pass, each name once, then
compares the names block by block in another: what the first pass remembered (each
name parsed) serves the second for the names it asked about last, and for every name
of a corpus of fewer than MEMO names (the resolver took 3.3 s instead of 3.8 s over
the 2,181 names of the 60-source throughput corpus, when it forgot between the
passes). Full, the caches are still much of what the corpus-wide stage holds, and of
no use past the second pass: the resolver `forget`s when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

MEMO = 4096

_REMEMBERING: list[Any] = []


def remembered(fn: Callable) -> Callable:
    """`fn` remembering its last MEMO results, forgotten by `forget`."""
    cached = lru_cache(maxsize=MEMO)(fn)
    _REMEMBERING.append(cached)
    return cached


def forget() -> None:
    """Let go of everything the name functions remember (in this process)."""
    for cached in _REMEMBERING:
        cached.cache_clear()
