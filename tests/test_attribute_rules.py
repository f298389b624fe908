"""The English model's attribute rules by look-up give what spaCy's attribute ruler gives."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from accord.annotate.attribute_rules import AttributeRules  # noqa: E402
from accord.annotate.nlp import english, english_model_name  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]

# made up, to reach the rules for contractions, auxiliaries, negation, expletives,
# pronoun objects and stray spaces
TRICKY = (
    "I ain't gonna sell it, y'all. Let's wait! There is nothin' left and there were "
    "two carts. She gets it; he got it. I'd've said no, but they don't care and it "
    "isn't so. Give it to me and you.  They have had enough. Do you?\n\n"
    "That which remains, remains.   The miller, who had   gone, came back."
)


def _model_pipeline():
    """The model as loaded, with accord's sentence rule but the model's own ruler."""
    nlp = spacy.load(english_model_name())
    english()  # registers accord's components
    nlp.add_pipe("accord_paragraph_sentences", before="parser")
    return nlp


@pytest.fixture(scope="module")
def both():
    return english(), _model_pipeline()


def _same(texts, fast, slow) -> None:
    for text, a, b in zip(texts, fast.pipe(texts), slow.pipe(texts), strict=True):
        x, y = a.to_array(COLUMNS), b.to_array(COLUMNS)
        assert x.shape == y.shape
        for i, j in zip(*(x != y).nonzero(), strict=True):
            pytest.fail(f"{a[i].text!r} in {text[:40]!r}: column {COLUMNS[j]} "
                        f"{a.vocab.strings[int(x[i, j])]} != {b.vocab.strings[int(y[i, j])]}")


def test_the_pipeline_applies_the_rules_by_look_up(both):
    fast, slow = both
    assert "accord_attribute_rules" in fast.pipe_names
    assert "attribute_ruler" not in fast.pipe_names
    assert fast.pipe_names.index("accord_attribute_rules") == slow.pipe_names.index("attribute_ruler")


def test_every_token_gets_what_the_models_ruler_gives_it(both):
    _same([TRICKY, TRICKY.upper(), "", "   ", "Word."], *both)


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not present")
def test_the_seeds_are_parsed_the_same(both):
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(SEEDS.rglob("*")) if p.suffix in (".txt", ".md") and p.is_file()]
    _same(texts[:30], *both)


def _ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def _doc(nlp, words, tags, deps=None):
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps or ["dep"] * len(words),
               heads=list(range(len(words))))


def test_later_rules_win_and_longer_patterns_set_the_token_they_name():
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "LEMMA": "thing"}},
        {"patterns": [[{"LOWER": "keel"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "over"}, {"TAG": "NN"}, {"LOWER": "sound"}]],
         "attrs": {"LEMMA": "middle"}, "index": -2},
        {"patterns": [[{"LOWER": {"REGEX": "^sou"}, "TAG": {"NOT_IN": ["NN"]}}]],
         "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"DEP": {"IN": ["nsubj"]}}]], "attrs": {"DEP": "subject"}},
    ]
    nlp, ruler = _ruler(patterns)
    rules = AttributeRules.compile(ruler)
    assert rules is not None
    words = ["Over", "keel", "sound", " ", "keel", "boat"]
    tags = ["IN", "NN", "JJ", "_SP", "NN", "NN"]
    deps = ["prep", "nsubj", "amod", "dep", "dobj", "nsubj"]
    mine, spacys = rules(_doc(nlp, words, tags, deps)), ruler(_doc(nlp, words, tags, deps))
    for a, b in zip(mine, spacys, strict=True):
        assert (a.pos_, a.lemma_, str(a.morph), a.dep_) == (b.pos_, b.lemma_, str(b.morph), b.dep_)
    assert mine[1].pos_ == "PROPN" and mine[1].lemma_ == "middle"  # the later rules won
    assert str(mine[2].morph) == "Number=Sing" and mine[5].dep_ == "subject"


@pytest.mark.parametrize("spec", [
    {"SHAPE": "Xxxx"},  # an attribute the rules do not read
    {"LOWER": "keel", "OP": "?"},  # a quantifier
    {"LOWER": {"FUZZY": "keel"}},  # a predicate they do not know
])
def test_patterns_beyond_look_up_leave_the_models_ruler_in_place(spec):
    _nlp, ruler = _ruler([{"patterns": [[spec]], "attrs": {"POS": "NOUN"}}])
    assert AttributeRules.compile(ruler) is None


def test_forgetting_combinations_midway_changes_nothing(both, monkeypatch):
    import accord.annotate.attribute_rules as rules

    fast, slow = both
    monkeypatch.setattr(rules, "MEMO", 3)  # forgotten again and again within one text
    fast.get_pipe("accord_attribute_rules")._memo.clear()  # (nothing known from the tests before)
    _same([TRICKY, TRICKY.upper()], fast, slow)
