"""Per-source work: read a batch of inputs, parse them, find times and quantities,
extract claims. A pure function of its inputs (`read_and_annotate`), run by every
engine in its workers; it imports nothing of the store or the corpus-wide stages,
so a worker starts with only what it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from accord.annotate.parse import Parsed
from accord.annotate.quantity import find_quantities
from accord.extract.claims import SourceFacts, extract_claims
from accord.ingest import IngestError, InputRef, read_source
from accord.model import Claim, EntityRef, Mention, Source
from accord.source_keys import source_keys
from accord.timex import find_times


def annotate_sources(sources: Sequence[Source]) -> list[SourceFacts]:
    """Parse a batch (English through one spaCy `pipe` call) and extract claims."""
    from accord.annotate.nlp import parse_english, parse_russian

    # by position, not by id: two inputs with the same text have the same id
    english = [i for i, s in enumerate(sources) if s.language != "ru"]
    parsed = dict(zip(english, parse_english(sources[i].text for i in english), strict=True))
    for i, s in enumerate(sources):
        if s.language == "ru":
            parsed[i] = parse_russian(s.text)
    out = []
    for i, s in enumerate(sources):
        p = parsed[i]
        times = tuple(find_times(s.text, document_date=s.published, language=s.language))
        quantities = tuple(find_quantities(s.text, language=s.language))
        claims = extract_claims(s, p, times, quantities)
        p = _named_by_claims(_places_are_places(p, claims), claims)
        out.append(SourceFacts(s, p, times, quantities, claims, source_keys(s.text)))
    return out


def _places_are_places(p: Parsed, claims: Sequence[Claim]) -> Parsed:
    """A name the text gives as a birth or death place is a place, whatever the tagger
    said (small taggers often call a village a person)."""
    spans = {(c.value.start, c.value.end) for c in claims
             if c.property.endswith("_place") and isinstance(c.value, EntityRef)}
    if not spans:
        return p
    fixed = tuple(replace(m, label="GPE") if (m.start, m.end) in spans and m.label == "PER"
                  else m for m in p.mentions)
    return replace(p, mentions=fixed)


def _named_by_claims(p: Parsed, claims: Sequence[Claim]) -> Parsed:
    """Every name a claim speaks of is a mention, so that the corpus-wide stage resolves
    names from the stored mentions alone, never reading the claims for them (a claim
    can name a span the tagger did not: a place with its province)."""
    have = {(m.start, m.end) for m in p.mentions}
    extra: dict[tuple[int, int], Mention] = {}
    for c in claims:
        for r in c.entity_refs():
            if r.start >= 0 and (r.start, r.end) not in have:
                extra.setdefault((r.start, r.end), Mention(r.start, r.end, r.text, r.label))
    if not extra:
        return p
    mentions = sorted((*p.mentions, *extra.values()), key=lambda m: (m.start, m.end))
    return replace(p, mentions=tuple(mentions))


def read_and_annotate(refs: Sequence[InputRef], max_bytes: int) -> list[SourceFacts | IngestError]:
    """One unit of work for any engine: read a batch of inputs and annotate them."""
    read: list[Source | IngestError] = []
    for ref in refs:
        try:
            read.append(read_source(ref, max_bytes=max_bytes))
        except IngestError as e:
            read.append(e)
        except Exception as e:  # a reader bug must not end the build: report it as that input's error
            read.append(IngestError(ref.name, f"unexpected error: {type(e).__name__}: {e}"))
    sources = [r for r in read if isinstance(r, Source)]
    try:
        done: list[SourceFacts | IngestError] = list(annotate_sources(sources))
    except Exception:  # one bad text must not sink the batch: find it, report it, go on
        done = [_annotate_one(s) for s in sources]
    good = iter(done)
    return [next(good) if isinstance(r, Source) else r for r in read]


def _annotate_one(source: Source) -> SourceFacts | IngestError:
    try:
        return annotate_sources([source])[0]
    except Exception as e:
        return IngestError(source.name, f"cannot annotate ({type(e).__name__}: {e})")
