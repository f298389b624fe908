"""Handing memory a process no longer uses back to the system.

Python returns its small-object arenas when they empty, but what it took from the C
allocator for larger objects (a parser's arrays, a page of claims, pickled batches)
stays in that allocator's heap when freed, to be reused, and the process's resident
memory never shrinks. After annotating, the build's own process held some 80 MB
of free heap that way (measured: 211 MB resident, 127 MB after a trim). glibc's
`malloc_trim` gives the free pages back; elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import gc


def give_back() -> None:
    """Collect garbage, then return the C heap's free pages to the system (glibc)."""
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return  # not glibc: nothing to do
    trim(0)
