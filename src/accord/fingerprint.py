"""Which version of the code made something that a rebuild keeps.

A rebuild reuses what earlier builds worked out (each source's sketch and acronym
definitions, the resolver's matching pairs, the corpus-wide results themselves)
only when the code that made it is the code running now. A hand-kept version
number is easily forgotten when a rule changes, so the version is a hash of the
source files that hold the rules: any edit to them makes the next build work
everything out again, which costs time once and never gives a stale answer.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=32)
def code_version(*parts: str) -> str:
    """A hash of the package's `.py` files under each of `parts` (a file or a folder,
    relative to the package; none: the whole package)."""
    files: list[Path] = []
    for part in parts or ("",):
        p = PACKAGE / part
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    h = hashlib.sha1()
    for f in files:
        h.update(str(f.relative_to(PACKAGE)).encode())
        try:
            h.update(f.read_bytes())
        except OSError:  # an installation without sources: its version stands for them
            from accord import __version__

            h.update(__version__.encode())
    return h.hexdigest()
