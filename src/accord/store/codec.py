"""Values to and from JSON, so claims survive a round trip through any database."""

from __future__ import annotations

from datetime import date
from typing import Any

from accord.model import (
    Anchor,
    Approx,
    Claim,
    EntityRef,
    Evidence,
    Modality,
    Precision,
    Quantity,
    Term,
    TimeValue,
    Value,
)


def value_to_json(v: Value) -> dict[str, Any]:
    if isinstance(v, TimeValue):
        return {"type": "time", "earliest": v.earliest.isoformat(), "latest": v.latest.isoformat(),
                "precision": v.precision.value, "text": v.text, "calendar": v.calendar,
                "anchor": v.anchor.value, "label": v.label}
    if isinstance(v, Quantity):
        return {"type": "quantity", "low": v.low, "high": v.high, "unit": v.unit,
                "approx": v.approx.value, "text": v.text}
    if isinstance(v, Term):
        return {"type": "term", "word": v.word, "text": v.text}
    if isinstance(v, EntityRef):
        return {"type": "entity", "text": v.text, "label": v.label, "start": v.start,
                "end": v.end, "entity_id": v.entity_id}
    raise TypeError(type(v))


# enum members by value: calling the enum class is the slow way, and a build decodes
# every stored claim
_PRECISION = {m.value: m for m in Precision}
_ANCHOR = {m.value: m for m in Anchor}
_APPROX = {m.value: m for m in Approx}
_MODALITY = {m.value: m for m in Modality}


def value_from_json(d: dict[str, Any]) -> Value:
    t = d["type"]
    if t == "time":
        return TimeValue(date.fromisoformat(d["earliest"]), date.fromisoformat(d["latest"]),
                         _PRECISION[d["precision"]], d.get("text", ""), d.get("calendar", "gregorian"),
                         _ANCHOR[d.get("anchor", "absolute")], d.get("label", ""))
    if t == "quantity":
        return Quantity(d["low"], d["high"], d.get("unit", ""), _APPROX[d.get("approx", "exact")],
                        d.get("text", ""))
    if t == "term":
        return Term(d["word"], d.get("text", ""))
    if t == "entity":
        return EntityRef(d["text"], d["label"], d.get("start", -1), d.get("end", -1),
                         d.get("entity_id", ""))
    raise ValueError(t)


def claim_to_row(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "source_id": c.source_id,
        "subject": value_to_json(c.subject),
        "property": c.property,
        "value": value_to_json(c.value),
        "value_text": _value_text(c.value), "value_normalized": c.value.normalized,
        "qualifiers": [[k, value_to_json(v)] for k, v in c.qualifiers],
        "modality": c.modality.value, "attributed_to": c.attributed_to, "version": c.version,
        "quote": c.evidence.quote, "start": c.evidence.start, "end": c.evidence.end,
        "zone": c.evidence.zone,
    }


# the columns `claim_from_values` takes, in its order
CLAIM_COLUMNS = ("id", "source_id", "subject", "property", "value", "qualifiers", "modality",
                 "attributed_to", "version", "quote", "start", "end", "zone")


def claim_from_values(id: str, source_id: str, subject: dict, property: str, value: dict,
                      qualifiers: list, modality: str, attributed_to: str, version: str,
                      quote: str, start: int, end: int, zone: str) -> Claim:
    subj = value_from_json(subject)
    assert isinstance(subj, EntityRef)
    return Claim(
        id=id, source_id=source_id, subject=subj, property=property,
        value=value_from_json(value), evidence=Evidence(source_id, start, end, quote, zone),
        qualifiers=tuple((k, value_from_json(v)) for k, v in qualifiers),
        modality=_MODALITY[modality], attributed_to=attributed_to, version=version,
    )


def _value_text(v: Value) -> str:
    if isinstance(v, Term):
        return v.text or v.word
    return v.text
