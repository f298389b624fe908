"""The JSON contracts other tools read: findings, timeline, entities (DESIGN.md §5).

Field names here are a public interface: fields may be added, never removed or
renamed.
"""

from __future__ import annotations

from typing import Any

from accord.model import Claim, Entity, EntityRef, Finding, TimeValue, Value
from accord.store.db import Store, StoredSource


class Views:
    """Everything a view needs from one database, loaded once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.sources: dict[str, StoredSource] = {s.id: s for s in store.sources()}
        self.entities: dict[str, Entity] = {e.id: e for e in store.entities()}

    def source_json(self, sid: str) -> dict[str, Any]:
        s = self.sources.get(sid)
        if s is None:
            return {"id": sid, "name": sid, "title": ""}
        return {"id": s.id, "name": s.name, "title": s.title}

    def subject_json(self, eid: str, fallback: str = "") -> dict[str, Any]:
        e = self.entities.get(eid)
        if e is None:
            return {"id": eid, "name": fallback, "aliases": []}
        aliases = sorted({a.text for a in e.aliases} - {e.name})
        return {"id": e.id, "name": e.name, "aliases": aliases}


def value_json(v: Value) -> dict[str, Any]:
    out: dict[str, Any] = {"text": v.text if not hasattr(v, "word") else (v.text or v.word),
                           "normalized": v.normalized}
    if isinstance(v, TimeValue):
        out.update(earliest=v.earliest.isoformat(), latest=v.latest.isoformat(),
                   precision=v.precision.value, calendar=v.calendar, anchor=v.anchor.value)
    if isinstance(v, EntityRef) and v.entity_id:
        out["entity"] = v.entity_id
    return out


def claim_json(views: Views, c: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": views.source_json(c.source_id),
        "value": value_json(c.value),
        "quote": c.evidence.quote,
        "start": c.evidence.start,
        "end": c.evidence.end,
        "modality": c.modality.value,
        "zone": c.evidence.zone,
        "claim": c.id,
    }
    if c.attributed_to:
        out["attributed_to"] = c.attributed_to
    if c.version:
        out["version"] = c.version
    if c.qualifiers:
        out["qualifiers"] = {k: value_json(v) for k, v in c.qualifiers}
    return out


def finding_json(views: Views, f: Finding) -> dict[str, Any]:
    subject_name = f.claims[0].subject.text if f.claims else ""
    out: dict[str, Any] = {
        "id": f.id,
        "kind": f.kind.value,
        "subject": views.subject_json(f.subject_id, subject_name),
        "property": f.property,
        "claims": [claim_json(views, c) for c in f.claims],
        "explanation": f.explanation,
        "independent_sources": f.independent_sources,
    }
    if f.scope:
        out["scope"] = " ".join(
            views.entities[w].name if w in views.entities else w for w in f.scope.split()
        )
    return out


def findings_json(store: Store, kinds: list[str] | None = None,
                  include_single: bool = True) -> dict[str, Any]:
    views = Views(store)
    fs = store.findings(kinds)
    if not include_single:
        fs = [f for f in fs if f.kind.value != "single"]
    return {"findings": [finding_json(views, f) for f in fs]}


def timeline_events(store: Store) -> list[dict[str, Any]]:
    views = Views(store)
    events = []
    claims = sorted(store.all_claims(), key=lambda c: c.property == "statement")
    dated: set[tuple[str, int, str]] = set()
    for c in claims:
        t = c.value if isinstance(c.value, TimeValue) else None
        if t is None:
            continue
        key = (c.source_id, c.evidence.start, t.normalized)
        if c.property == "statement" and key in dated:
            continue  # a typed claim or an event of that sentence already has this date
        dated.add(key)
        events.append((t.earliest, t.latest, c.source_id, c.evidence.start, {
            "time": {"text": t.text, "normalized": t.normalized, "earliest": t.earliest.isoformat(),
                     "latest": t.latest.isoformat(), "precision": t.precision.value,
                     "calendar": t.calendar},
            "subject": views.subject_json(c.subject.entity_id, c.subject.text),
            "property": c.property,
            "source": views.source_json(c.source_id),
            "quote": c.evidence.quote,
            "start": c.evidence.start,
            "end": c.evidence.end,
            "modality": c.modality.value,
        }))
    events.sort(key=lambda e: e[:4])
    return [e[4] for e in events]


def timeline_json(store: Store) -> dict[str, Any]:
    return {"events": timeline_events(store)}


def entities_json(store: Store) -> dict[str, Any]:
    views = Views(store)
    out = []
    for e in views.entities.values():
        srcs = sorted({s for a in e.aliases for s in a.sources})
        out.append({
            "id": e.id, "name": e.name, "type": e.type,
            "aliases": sorted({a.text for a in e.aliases}),
            "sources": [views.source_json(s) for s in srcs],
            "merges": [{"alias": a.text, "rule": a.rule, "sources": list(a.sources)}
                       for a in e.aliases],
        })
    out.sort(key=lambda x: (-len(x["sources"]), x["name"]))
    return {"entities": out}
