"""Handing memory a process no longer uses back to the system.

Python returns its small-object arenas when they empty, but what it took from the C
allocator for larger objects (a parser's arrays, a page of claims, pickled batches)
stays in that allocator's heap when freed, to be reused, and the process's resident
memory never shrinks. After annotating, the build's own process held some 80 MB
of free heap that way (measured: 211 MB resident, 127 MB after a trim). glibc's
`malloc_trim` gives the free pages back; elsewhere this does nothing.

A process that annotates batch after batch keeps growing that way too: the parser's
working arrays of one batch are freed between live objects that stay, and the next
batch's do not fit the holes. One process annotating the 500 sources of the 100x
growth corpus in batches of four held 247 MB at the end; trimmed after every batch,
183 MB (155 MB after its first batch; part of the rest is its bounded caches
filling), at about 2 ms a trim, under a thousandth of a batch's time. (Making the
large arrays bypass the heap, `mallopt(M_MMAP_THRESHOLD)`, held as little but was
slower: every batch faulted its arrays' pages in afresh.)

A worker that turns to comparing texts for copies (`engine.local.without_models`)
does map its large arrays (`map_large_allocations`): that search makes and frees
arrays of tens of megabytes block after block, and glibc raises its threshold for
mapping an allocation to the size of each mapped one it frees, so the next ones come
from the heap and stay there. Over the 500 sources of the 100x growth corpus the
search rose 126 MB above where it began without, 89 MB with, and took 5-9% longer
(17.3-18.3 s against 19.2-20.8 s, run in turn), time that the build's own process
spends resolving names meanwhile.
"""

from __future__ import annotations

import ctypes
import gc


def give_back() -> None:
    """Collect garbage, then return the C heap's free pages to the system: before a
    stage that needs much memory (a full collection takes a tenth of a second)."""
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Return the C heap's free pages to the system (glibc; elsewhere nothing): after
    each batch a process annotates."""
    if _TRIM is not None:
        _TRIM(0)


def map_large_allocations() -> None:
    """From now on, every allocation of MAPPED_BYTES or more is mapped on its own and
    unmapped when freed (glibc; elsewhere nothing), so that it goes back to the system
    at once: for a process whose remaining work makes and frees large arrays."""
    if _MALLOPT is not None:
        _MALLOPT(_M_MMAP_THRESHOLD, MAPPED_BYTES)


MAPPED_BYTES = 128 * 1024  # glibc's own threshold before it starts raising it
_M_MMAP_THRESHOLD = -3


def _glibc(name: str):
    """glibc's function `name`, or None where the C library is another."""
    try:
        return getattr(ctypes.CDLL(None), name)
    except (AttributeError, OSError):
        return None


_TRIM = _glibc("malloc_trim")
_MALLOPT = _glibc("mallopt")
