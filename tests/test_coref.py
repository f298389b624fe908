"""Which name a pronoun stands for: the person a paragraph keeps talking about.

Every sentence here is made up; the people and places are fictional.
"""

from dataclasses import replace

from accord.annotate.nlp import parse
from accord.extract.coref import resolve_pronouns, token_mentions
from accord.model import Mention


def antecedents(text: str, relabel: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(pronoun, the name it was resolved to) in text order; `relabel` gives some names
    the label a tagger might have given them by mistake."""
    parsed = parse(text)
    if relabel:
        parsed = replace(parsed, mentions=tuple(
            replace(m, label=relabel.get(m.text, m.label)) for m in parsed.mentions))
    ante = resolve_pronouns(parsed, token_mentions(parsed))
    return [(t.text, ante.get(t.i)[0].text if ante.get(t.i) else "")
            for t in parsed.tokens if t.pos == "PRON" and t.text.lower() in ("he", "she")]


def with_person(text: str, name: str) -> list[tuple[str, str]]:
    """Resolved with `name` tagged as a person, whatever the tagger made of it."""
    parsed = parse(text)
    at = text.index(name)
    others = [m for m in parsed.mentions if m.end <= at or m.start >= at + len(name)]
    mentions = tuple(sorted([*others, Mention(at, at + len(name), name, "PER")],
                            key=lambda m: m.start))
    parsed = replace(parsed, mentions=mentions)
    ante = resolve_pronouns(parsed, token_mentions(parsed))
    return [(t.text, ante.get(t.i)[0].text if ante.get(t.i) else "")
            for t in parsed.tokens if t.pos == "PRON" and t.text.lower() in ("he", "she")]


def test_a_pronoun_subject_keeps_the_paragraph_on_its_person_past_a_name_in_a_side_clause():
    text = ("Tarvo Kellan played the Warden in 1990. He said that Odra Pell does not appear "
            "in the film. He is the tallest actor to play the Warden.")
    got = with_person(text, "Tarvo Kellan")
    assert got[-1] == ("He", "Tarvo Kellan")


def test_a_main_subject_named_like_a_person_but_tagged_otherwise_is_the_antecedent():
    text = ("In 1990, Tarvo Kellan played the Warden in Odra Pell's film. After winning the "
            "role, he said that he read the script twice. He is the tallest actor to play "
            "the Warden.")
    got = antecedents(text, relabel={"Tarvo Kellan": "ORG"})
    assert got and all(name == "Tarvo Kellan" for _p, name in got)


def test_an_organisation_named_as_one_is_never_the_antecedent_of_he():
    text = "Kestrel Motors opened a plant in 1990. He said the plant was large."
    assert antecedents(text, relabel={"Kestrel Motors": "ORG"}) == [("He", "")]


def test_a_person_referred_to_as_she_is_not_the_antecedent_of_he():
    text = ("Mira Valt married Tarvo Kellan in 1990. She was buried at Orvel in 2001. "
            "He died in 1999.")
    got = dict(with_person(text, "Tarvo Kellan"))
    assert got["She"] == "Mira Valt" and got["He"] == "Tarvo Kellan"
