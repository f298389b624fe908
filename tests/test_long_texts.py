"""A long text is parsed a piece at a time, so that spaCy's working memory follows
the piece, not the text (a book-length PDF needs no more than an article), and the
pieces join into one parse of the whole text. The stories are made up."""

import pytest

from accord.annotate import nlp
from accord.annotate.nlp import parse_english, text_pieces

PARAGRAPH = ("Orla Vennick was born in Tarrowby in 1871. She trained as a surveyor and "
             "drew the first map of the Lessing marshes. In 1902 she moved to Calderhythe, "
             "where she taught at the school of the river guild for twenty years.")


def _book(paragraphs: int) -> str:
    return "\n\n".join(f"Chapter {k}. {PARAGRAPH}" for k in range(paragraphs)) + "\n"


def test_a_text_shorter_than_the_limit_is_one_piece():
    assert text_pieces("Short text.\n\nTwo paragraphs.", 100) == [(0, "Short text.\n\nTwo paragraphs.")]
    assert text_pieces("", 100) == [(0, "")]


def test_pieces_cover_the_text_and_end_after_a_blank_line():
    text = _book(30)
    pieces = text_pieces(text, 1000)
    assert len(pieces) > 3
    assert "".join(p for _at, p in pieces) == text
    for at, piece in pieces:
        assert text[at:at + len(piece)] == piece
        assert len(piece) <= 1000
    for _at, piece in pieces[:-1]:
        assert piece.endswith("\n\n")  # the blank line stays with the paragraph before it


def test_a_paragraph_longer_than_the_limit_is_cut_after_a_sentence_then_after_a_space():
    one_paragraph = " ".join([PARAGRAPH] * 20)
    pieces = text_pieces(one_paragraph, 500)
    assert "".join(p for _at, p in pieces) == one_paragraph
    assert all(p.rstrip().endswith(".") for _at, p in pieces[:-1])
    no_stops = "word " * 400
    pieces = text_pieces(no_stops, 333)
    assert "".join(p for _at, p in pieces) == no_stops
    assert all(p.endswith(" ") and len(p) <= 333 for _at, p in pieces[:-1])
    assert text_pieces("x" * 50, 20) == [(0, "x" * 20), (20, "x" * 20), (40, "x" * 10)]


def test_a_long_paragraph_is_cut_where_a_sentence_surely_ends():
    """Not after an abbreviation or an initial, which the piece after it would start a
    sentence with, when a sure sentence end is there to cut at."""
    text = ("The survey began on 3 Feb. 1902 and ended in the spring. The guild paid for it. "
            "Its report was signed by O. Vennick and sent on 9 Mar. 1903 to the board.  ")
    cut = nlp._last_cut(text[:-1])
    assert text[:cut].endswith("paid for it. ")
    assert nlp._last_cut("A first line and no stop at all, then more words") == len(
        "A first line and no stop at all, then more ")


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(nlp, "PIPE_CHARS", 900)


def test_a_long_text_parsed_in_pieces_is_one_parse_of_the_whole(small_pieces):
    text = _book(12)
    assert len(text_pieces(text, nlp.PIPE_CHARS)) > 2
    parsed = next(parse_english([text]))
    toks = parsed.tokens
    assert [t.i for t in toks] == list(range(len(toks)))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:], strict=False))
    # sentences tile the tokens in order, and every head lies in its token's sentence
    assert [s.first for s in parsed.sentences[1:]] == [s.last for s in parsed.sentences[:-1]]
    assert len(parsed.sentences) == 12 * 4
    for s in parsed.sentences:
        assert all(s.first <= toks[i].head < s.last for i in range(s.first, s.last))
    # a name is found in every chapter, the last pieces' included, at its own offsets
    names = [m for m in parsed.mentions if m.text == "Orla Vennick"]
    assert len(names) == 12
    assert all(text[m.start:m.end] == "Orla Vennick" for m in names)


def _whole_and_in_pieces(monkeypatch, texts):
    monkeypatch.setattr(nlp, "PIPE_CHARS", 10**9)
    whole = list(parse_english(texts))
    monkeypatch.setattr(nlp, "PIPE_CHARS", 700)
    return whole, list(parse_english(texts))


def test_a_text_parsed_in_pieces_is_parsed_as_the_whole_is(monkeypatch):
    """Each piece is parsed with a few words of the text either side of it, and its
    first word starts a sentence: the tokens, their tags and heads, the sentences and
    the names come out as from the whole text at once, at the pieces' edges too."""
    one_paragraph = " ".join(f"In {1900 + k} Orla Vennick wrote to Tam Birrell from "
                             f"Calderhythe. {PARAGRAPH}" for k in range(6))
    texts = [_book(9), one_paragraph, "Orla Vennick.\n\n" + _book(5)]
    whole, pieces = _whole_and_in_pieces(monkeypatch, texts)
    assert all(len(text_pieces(t, 350)) > 3 for t in texts)
    for w, p in zip(whole, pieces, strict=True):
        assert p.tokens == w.tokens
        assert p.sentences == w.sentences
        assert p.mentions == w.mentions
        assert p.mentions  # (names at pieces' edges included)


def test_a_run_without_spaces_longer_than_a_piece_is_cut_inside_and_still_tiled(small_pieces):
    """A piece cut inside a word gets no context on that side (the word would be one
    token across the cut): every character is in exactly one piece's tokens."""
    text = "Orla Vennick wrote " + "x" * 2000 + " and signed it. " + PARAGRAPH
    toks = next(parse_english([text])).tokens
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:], strict=False))
    assert "".join(t.text for t in toks) == "".join(text.split())


def test_texts_in_pieces_and_whole_texts_come_back_in_order(small_pieces):
    texts = ["A short note on Orla Vennick.", _book(6), "", "Another short note."]
    parsed = list(parse_english(texts))
    assert len(parsed) == len(texts)
    for text, p in zip(texts, parsed, strict=True):
        assert all(text[t.start:t.end] == t.text for t in p.tokens)
        assert (p.tokens[-1].end if p.tokens else 0) <= len(text)
    assert parsed[2].tokens == ()


RU_PARAGRAPH = ("Орла Венник родилась в Тарроуби в 1871 году. Она училась на землемера и "
                "составила первую карту болот Лессинга. В 1902 году Орла Венник переехала "
                "в Калдерхайт, где двадцать лет преподавала в школе речной гильдии.")


def test_a_long_russian_paragraph_is_parsed_in_pieces_at_its_own_offsets(small_pieces):
    text = " ".join([RU_PARAGRAPH] * 12)  # one paragraph, as a PDF gives a chapter
    assert len(text_pieces(text, nlp.PIPE_CHARS)) > 2
    parsed = nlp.parse_russian(text)
    toks = parsed.tokens
    assert [t.i for t in toks] == list(range(len(toks)))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [s.first for s in parsed.sentences[1:]] == [s.last for s in parsed.sentences[:-1]]
    names = [m for m in parsed.mentions if m.text == "Орла Венник"]
    assert len(names) == 24
    assert all(text[m.start:m.end] == m.text for m in parsed.mentions)
