"""What the corpus-wide stages keep of one source, made where it is annotated.

Resolving entities needs the acronyms each text defines, and finding copies needs
each text's LSH sketch. Both are functions of one text, so they are worked out in
the worker that annotates it and stored with it: a rebuild that adds one source
then reads no other text to find acronyms, and only the texts that share a bucket
with the new one to find copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.fingerprint import code_version

# the code the keys come from: independence (the sketch) and names (the definitions)
KEYS_CODE = ("align/independence.py", "names")


@dataclass(frozen=True, slots=True)
class SourceKeys:
    version: str  # `keys_version()` of the code that made them
    definitions: tuple[tuple[str, str], ...]  # (long form, short form), in text order
    sketch: bytes  # `align.independence.Sketch.to_bytes()`


def keys_version() -> str:
    return code_version(*KEYS_CODE)


def source_keys(text: str) -> SourceKeys:
    from accord.align.independence import sketch
    from accord.names import find_acronym_definitions

    definitions = tuple((long, short) for long, short, _s, _e in find_acronym_definitions(text))
    return SourceKeys(keys_version(), definitions, sketch(text).to_bytes())
