"""Errors of ingest.

Every problem with one input becomes one `IngestError` that names the input and
says why in one line, so a run over thousands of files reports each bad file and
goes on with the rest. Pure helpers raise `Unreadable` (they do not know the
file's name); the readers turn it into an `IngestError`.
"""

from __future__ import annotations


class IngestError(Exception):
    """One input could not be read: `str(e)` is "NAME: REASON" on one line."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)  # args kept so the error pickles across processes
        self.name = name
        self.reason = " ".join(str(reason).split())  # always a single line

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"

    def __repr__(self) -> str:
        return f"IngestError({self.name!r}, {self.reason!r})"


class Unreadable(ValueError):
    """Raised by the pure parts: the content cannot become text; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
