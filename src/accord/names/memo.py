"""How many results each name function remembers.

Parsing, folding and comparing a name are pure and a corpus repeats its names, so
the name functions remember what they worked out (`functools.lru_cache`). Each is
bounded: the corpus-wide stage must not grow with the corpus, and the resolver asks
about the names of one block, then of the next, so the names asked again are the
recent ones. At this size the caches hold about 55 MB when full; eight times as
many entries saved no measurable time in the corpus-wide stage of a 500-source
corpus (bench/growth.py's 100x) and cost its driver 66 MB more.
"""

MEMO = 16384
