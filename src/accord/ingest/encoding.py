"""Bytes to text, for files whose encoding nobody told us.

Order of trust: a byte-order mark; strict UTF-8 (the common case, and a
single-byte text almost never happens to be valid UTF-8); mostly-UTF-8 with a few
broken bytes (kept as UTF-8, broken bytes become U+FFFD); Cyrillic single-byte
text, where cp1251, koi8-r and cp866 are told apart by the shape of the letters
(Russian prose is mostly lower case; the wrong code page flips the case); then
charset-normalizer for anything else; finally cp1252, which decodes any byte.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .errors import Unreadable

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# In order of preference when two readings score alike.
_CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866")
# Letters of the Russian, Ukrainian and Belarusian alphabets; other Cyrillic letters in a
# single-byte reading are a sign of the wrong code page.
_COMMON_CYRILLIC = set(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ" "іїєґўІЇЄҐЎ"
)
_NOT_TEXT = "binary content, not text"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    lossy: bool = False  # some bytes could not be decoded and became U+FFFD


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` (an HTTP or <meta> charset) is tried first.

    Raises `Unreadable("binary content, not text")` for data that is not text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return Decoded(text, enc, "\ufffd" in text)
    if declared:
        try:
            name = _codec_name(declared)
            if name != "utf-8" and _valid_utf8_beyond_ascii(data):
                return Decoded(data.decode("utf-8"), "utf-8")  # a mislabelled UTF-8 page
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" not in data[:65536]:
        try:  # valid UTF-8 without NUL bytes is never UTF-16 ("август" would read as CJK)
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    wide = _utf16_without_bom(data)
    if wide is not None:
        return wide
    if _looks_binary(data):
        raise Unreadable(_NOT_TEXT)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if _cyrillic_shaped(data):
        # A detector needs length to tell Cyrillic from another script written the same way.
        guessed = _charset_normalizer(data) if len(data) >= 256 else None
        if (
            guessed is not None
            and len(guessed.text) == len(data)  # a single-byte code page
            and not _mostly_cyrillic(guessed.text)
        ):
            return guessed  # another script written in whole high-byte words (Greek...)
        return _best_cyrillic(data)
    western = _western(data)
    if western is not None:
        return western
    guessed = _charset_normalizer(data)
    if guessed is not None:
        return guessed
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _codec_name(name: str) -> str:
    return codecs.lookup(name.strip().strip("\"'")).name


def _valid_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes that no text encoding produces."""
    if not data:
        return False
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27) or b == 127)
    return controls > len(sample) * 0.05


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: every other byte drawn from very few values (0x00, 0x04...).

    An alphabetic script keeps the high byte of its code points nearly constant; the
    decoded text must also be printable, which rules out zero-padded binary data.
    """
    sample = data[:65536]
    if len(sample) < 8 or len(sample) % 2:
        return None
    for enc, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts: dict[int, int] = {}
        for b in high:
            counts[b] = counts.get(b, 0) + 1
        top = sorted(counts.values(), reverse=True)[:3]
        if sum(top) < len(high) * 0.95:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _printable_share(text) > 0.95:
            return Decoded(text, enc)
    return None


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    return good / len(text)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes: keep the UTF-8 reading, mark the broken bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= 2 and bad * 4 <= good:
        return Decoded(text, "utf-8", lossy=True)
    return None


_HIGH_RUN = re.compile(rb"[\x80-\xff]{2,}")
# cp1252 characters that do not occur in Western prose: a sign the bytes mean something else.
_ODD_WESTERN = set("\u00a4\u00a6\u00a8\u00ac\u00af\u00b8\u00d7\u00f7\u02c6\u02dc\u0192")


def _cyrillic_shaped(data: bytes) -> bool:
    """Single-byte Cyrillic writes whole words in high bytes; Western text has lone accents."""
    high = sum(1 for b in data if b >= 0x80)
    if high < 3:
        return False
    runs = [len(m.group()) for m in _HIGH_RUN.finditer(data)]
    return bool(runs) and max(runs) >= 3 and sum(runs) >= high * 0.6


def _mostly_cyrillic(text: str) -> bool:
    high = [ch for ch in text if ord(ch) > 127]
    cyr = sum(1 for ch in high if "\u0400" <= ch <= "\u04ff")
    return cyr >= len(high) * 0.5


def _western(data: bytes) -> Decoded | None:
    """cp1252 when every non-ASCII byte reads as a Latin letter or common punctuation."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 127]
    odd = sum(1 for ch in high if ch in _ODD_WESTERN or not ch.isprintable() and ch != "\u00a0")
    if odd <= len(high) * 0.1:
        return Decoded(text, "cp1252")
    return None


def _cyrillic_score(text: str) -> float:
    """How much `text` looks like Cyrillic prose: common letters, mostly lower case."""
    high = [ch for ch in text if ord(ch) > 127]
    letters = [ch for ch in high if ch in _COMMON_CYRILLIC]
    if not letters:
        return -1.0
    lower = sum(1 for ch in letters if ch.islower())
    # The ten most frequent letters make up over half of Russian prose in any case.
    frequent = sum(1 for ch in letters if ch.lower() in "оеаинтсрвл")
    return lower / len(letters) + 2 * len(letters) / len(high) + 5 * frequent / len(letters)


def _best_cyrillic(data: bytes) -> Decoded:
    best: tuple[float, str, str] | None = None
    for rank, enc in enumerate(_CYRILLIC_CODEPAGES):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _cyrillic_score(text) - 0.15 * rank  # the common code pages win near-ties
        if best is None or score > best[0]:
            best = (score, enc, text)
    if best is None:  # unreachable: koi8-r and cp866 decode every byte
        return Decoded(data.decode("cp1251", errors="replace"), "cp1251", True)
    return Decoded(best[2], best[1])


def _charset_normalizer(data: bytes) -> Decoded | None:
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data[:200_000]).best()
    except Exception:  # a detector failure must not fail the file
        return None
    if match is None or not match.encoding:
        return None
    try:
        text = data.decode(match.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    if _printable_share(text) < 0.9 or _has_unassigned(text):
        return None
    return Decoded(text, match.encoding)


def _has_unassigned(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cn", "Co") for ch in text[:20000])
