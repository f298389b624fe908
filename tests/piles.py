"""A pile of small sources written by a test, built into a fresh store."""

from __future__ import annotations

from pathlib import Path

from accord.pipeline import build
from accord.store.db import Store


def built(folder: Path, texts: dict[str, str]) -> Store:
    """Write each (file name, text) into `folder`/pile, build it into `folder`/x.db and
    return the store (the caller reads it)."""
    pile = folder / "pile"
    pile.mkdir(parents=True)
    for name, text in texts.items():
        (pile / name).write_text(text, encoding="utf-8")
    store = Store(str(folder / "x.db"))
    build([str(pile)], store)
    return store
