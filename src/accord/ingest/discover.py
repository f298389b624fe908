"""Turning the paths and URLs a user gives into a list of inputs to read.

Folders are walked recursively in sorted order, so two runs over the same folder
see the same inputs in the same order. Each problem (missing path, unsupported
type, unreadable file, symlink loop, file over the size limit) is yielded as an
`IngestError` in place of that input; the walk goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError
from .url import is_url

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf")
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input: `location` is an absolute path or a URL, `name` how reports call it."""

    location: str
    name: str
    size: int | None = None


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def discover(
    inputs: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[InputRef | IngestError]:
    """Yield an `InputRef` for each readable input, an `IngestError` for each problem."""
    if isinstance(inputs, str):
        inputs = [inputs]
    for item in inputs:
        given = os.fspath(item) if isinstance(item, os.PathLike) else str(item)
        if is_url(given):
            yield InputRef(location=given, name=given, size=None)
        elif "://" in given:
            scheme = given.split("://", 1)[0]
            yield IngestError(given, f"unsupported URL scheme {scheme!r} (only http and https)")
        else:
            yield from _path(given, max_bytes)


def _path(given: str, max_bytes: int) -> Iterator[InputRef | IngestError]:
    path = Path(given).expanduser()
    try:
        st = path.stat()
    except OSError as e:
        if path.is_symlink():
            reason = "symlink loop" if e.errno == errno.ELOOP else "broken symbolic link"
            yield IngestError(given, reason)
        else:
            yield IngestError(given, _os_reason(e))
        return
    if path.is_dir():
        found = False
        for item in _walk(path.absolute(), max_bytes):
            found = True
            yield item
        if not found:
            yield IngestError(given, f"no supported files in folder ({' '.join(SUPPORTED)})")
        return
    name = path.name
    if extension(name) not in SUPPORTED:
        yield IngestError(
            name, f"unsupported file type {extension(name) or '(none)'!r} (supported: {' '.join(SUPPORTED)})"
        )
        return
    yield _file(path.absolute(), name, st.st_size, max_bytes)


def _file(path: Path, name: str, size: int, max_bytes: int) -> InputRef | IngestError:
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as e:
        return IngestError(name, _os_reason(e))
    if not regular:  # a named pipe or a device would block or never end
        return IngestError(name, "not a regular file")
    if size > max_bytes:
        return IngestError(name, f"too large: {size} bytes exceeds the limit of {max_bytes} bytes")
    if not os.access(path, os.R_OK):
        return IngestError(name, "permission denied")
    return InputRef(location=str(path), name=name, size=size)


def _walk(root: Path, max_bytes: int) -> Iterator[InputRef | IngestError]:
    """Depth-first, entries sorted by name; hidden entries skipped; loops reported.

    Iterative (a stack of folders being listed), so deep trees cannot exhaust the stack.
    """
    try:
        st = root.stat()
    except OSError as e:  # pragma: no cover - checked by the caller
        yield IngestError(root.name, _os_reason(e))
        return
    Frame = tuple[Iterator[os.DirEntry[str]], str, frozenset[tuple[int, int]]]
    stack: list[Frame] = []
    opened = _open(root, "", root.name)
    if isinstance(opened, IngestError):
        yield opened
        return
    stack.append((opened, "", frozenset({(st.st_dev, st.st_ino)})))
    while stack:
        entries, rel, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        child_rel = f"{rel}/{entry.name}" if rel else entry.name
        try:
            is_dir = entry.is_dir()  # follows symlinks
            est = entry.stat()
        except OSError as e:
            if not entry.is_symlink():
                yield IngestError(child_rel, _os_reason(e))
            elif e.errno == errno.ELOOP:
                yield IngestError(child_rel, "symlink loop")
            elif extension(entry.name) in SUPPORTED:
                yield IngestError(child_rel, "broken symbolic link")
            continue
        if is_dir:
            key = (est.st_dev, est.st_ino)
            if key in ancestors:
                yield IngestError(child_rel, "symlink loop (folder links back to its own parent)")
                continue
            opened = _open(Path(entry.path), child_rel, child_rel)
            if isinstance(opened, IngestError):
                yield opened
                continue
            stack.append((opened, child_rel, ancestors | {key}))
        elif extension(entry.name) in SUPPORTED:
            yield _file(Path(entry.path), child_rel, est.st_size, max_bytes)


def _open(folder: Path, rel: str, label: str) -> Iterator[os.DirEntry[str]] | IngestError:
    try:
        with os.scandir(folder) as it:
            return iter(sorted(it, key=lambda e: e.name))
    except OSError as e:
        return IngestError(label, _os_reason(e))


def _os_reason(e: OSError) -> str:
    if e.errno == errno.ENOENT:
        return "no such file or directory"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ELOOP:
        return "symlink loop"
    return (e.strerror or type(e).__name__).lower()
