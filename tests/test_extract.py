"""Claims from text: which sentence states which property of whom, and how surely.

Every sentence here is made up; the people and places are fictional.
"""

from datetime import date

import pytest

from accord.extract.claims import extract_claims
from accord.ingest import source_id
from accord.model import EntityRef, Modality, Source, Term, TimeValue
from accord.per_source import annotate_sources


def claims_of(text: str, language: str = "en", published: date | None = None):
    src = Source(id=source_id(text), name="t.txt", location="/t.txt", text=text,
                 language=language, published=published)
    (facts,) = annotate_sources([src])
    return facts.claims


def find(claims, prop, who=None):
    out = [c for c in claims if c.property == prop and (who is None or who in c.subject.text)]
    assert out, f"no {prop} claim among {[(c.property, c.subject.text) for c in claims]}"
    return out


def test_born_in_a_year_is_a_birth_with_its_quote():
    text = "Mirela Oskarsdottir was born in 1884 in Hollin. She later moved to the coast."
    (c,) = find(claims_of(text), "birth")
    assert c.subject.text == "Mirela Oskarsdottir"
    assert isinstance(c.value, TimeValue) and c.value.normalized == "1884"
    assert c.evidence.quote == "Mirela Oskarsdottir was born in 1884 in Hollin."
    assert text[c.evidence.start : c.evidence.end] == c.evidence.quote


def test_a_participle_before_the_clause_gives_the_birth_of_the_clause_subject():
    text = "Quentin Harrow led the guild for years. Born a miller's son in 1853, he joined the guild at age 20."
    claims = claims_of(text)
    (birth,) = find(claims, "birth")
    assert birth.subject.text == "Quentin Harrow" and birth.value.normalized == "1853"


@pytest.mark.parametrize(("text", "prop", "year"), [
    # ways of saying that someone died, each of a name the small tagger does not know
    # as a person's (untagged, or tagged as an organisation)
    ("Ilse Varnholt passed away in 1980.", "death", "1980"),
    ("Ilse Varnholt lost her life in 1943.", "death", "1943"),
    ("Ilse Varnholt committed suicide in 1943.", "death", "1943"),
    ("The painter Ilse Varnholt drowned in 1943.", "death", "1943"),
    ("Ilse Varnholt was killed in action in 1943.", "death", "1943"),
    ("Ilse Varnholt was murdered in Kestrelby in 1943.", "death", "1943"),
    ("Ilse Varnholt was assassinated in 1943.", "death", "1943"),
    ("In 1980, Ilse Varnholt died in Kestrelby.", "death", "1980"),
    ("Born in 1901 in Kestrelby, Ilse Varnholt became a painter.", "birth", "1901"),
    ("Ilse Varnholt, born 3 May 1901, was a painter.", "birth", "1901-05-03"),
    ("Ilse Varnholt, who was born in 1901, painted harbours.", "birth", "1901"),
    ("Ilse Varnholt, who died in 1980, painted harbours.", "death", "1980"),
    ("The painter, Ilse Varnholt, was born in 1901.", "birth", "1901"),
    ("Ilse Varnholt is said to have been born in 1901.", "birth", "1901"),
    ("Ilse Varnholt is believed to have died in 1980.", "death", "1980"),
])
def test_what_only_a_person_does_makes_a_name_a_person_and_dates_it(text, prop, year):
    (c,) = find(claims_of(text), prop)
    assert c.subject.text == "Ilse Varnholt" and c.value.normalized == year


@pytest.mark.parametrize("text", [
    "Ilse Varnholt drowned out the noise in 1943.",  # another verb
    "The Kestrelby Lantern Company passed the test in 1910.",
    "Kestrel Harrow died out in 1950.",  # died out: no one dies
])
def test_the_same_verbs_in_other_senses_date_no_death(text):
    assert not [c for c in claims_of(text) if c.property == "death"]


def test_an_age_is_anchored_on_the_same_persons_birth():
    text = "Born in 1853, Quentin Harrow joined the Weavers Guild at age 20."
    (m,) = find(claims_of(text), "membership")
    assert m.value.earliest.year == 1873 and m.value.text == "at age 20"


def test_a_lifespan_parenthesis_gives_birth_death_and_places():
    text = ("Ottoline Brask (3 May 1850, Fennick, Lowmarsh County – 9 June 1921, Carrow) "
            "was a fictional surveyor.")
    claims = claims_of(text)
    assert find(claims, "birth")[0].value.normalized == "1850-05-03"
    assert find(claims, "death")[0].value.normalized == "1921-06-09"
    place = find(claims, "birth_place")[0]
    assert place.value.text == "Fennick"
    assert [v.text for k, v in place.qualifiers if k == "within"] == ["Lowmarsh County"]
    assert find(claims, "death_place")[0].value.text == "Carrow"


def test_a_name_a_full_date_parenthesis_follows_is_a_person_wherever_it_is_written():
    # the small tagger calls this name an organisation, in the title line and in the
    # sentence alike; the lifespan after it says it is a person's, and the surname
    # alone later is that person
    text = ("Halvard Oskarsen Brinck\n\nHalvard Oskarsen Brinck (3 May 1838 – 19 November "
            "1894) was a chemist.\n\nBrinck was born in Vossmark.")
    (facts,) = annotate_sources([Source(id=source_id(text), name="t.txt", location="/t.txt",
                                        text=text, language="en")])
    assert {m.label for m in facts.parsed.mentions if m.text == "Halvard Oskarsen Brinck"} \
        == {"PER"}
    assert find(facts.claims, "birth")[0].value.normalized == "1838-05-03"
    assert find(facts.claims, "death")[0].value.normalized == "1894-11-19"
    assert find(facts.claims, "birth_place", "Brinck")[0].value.text == "Vossmark"


def test_a_span_of_years_alone_does_not_make_a_name_a_person():
    # "(1871–1932)" is as often the life of an institute or a state as of a person
    text = "The Tessaly Mineral Institute (1871–1932) trained assayers."
    mentions = annotate_sources([Source(id=source_id(text), name="t.txt", location="/t.txt",
                                        text=text, language="en")])[0].parsed.mentions
    assert "PER" not in {m.label for m in mentions if "Tessaly" in m.text}


def test_a_span_of_years_is_a_life_when_the_text_goes_on_about_her():
    text = "Marta Velling (1871–1939) was a painter. She was born in Pärnava."
    claims = claims_of(text)
    assert find(claims, "birth", "Marta Velling")[0].value.normalized == "1871"
    assert find(claims, "death", "Marta Velling")[0].value.normalized == "1939"
    assert find(claims, "birth_place", "Marta Velling")[0].value.text == "Pärnava"


def test_a_span_of_years_of_something_called_it_is_no_life():
    # (the tagger calls this name a place; the years alone do not make it a person)
    text = "Kestrel Vantage (1871–1932) was a shipping line. It carried mail to the islands."
    assert not [c for c in claims_of(text) if c.property in ("birth", "death")]


def test_an_age_at_death_dates_the_death_from_the_same_sources_birth():
    text = "Marta Velling (1871–1939) was a painter. She died in Rigaton at the age of 68."
    ages = [c for c in find(claims_of(text), "death") if c.value.text == "at the age of 68"]
    assert [(c.value.earliest.year, c.value.latest.year) for c in ages] == [(1939, 1940)]


def test_an_age_at_death_without_a_stated_birth_dates_nothing():
    text = "Ottoline Brask was a surveyor. Brask died in Kristhavn, aged 67."
    assert not [c for c in claims_of(text) if c.property == "death"]


def test_a_past_form_joined_to_a_passive_shares_its_voice():
    text = "The Harrow Rowing Club was founded in 1887 and dissolved in 1954."
    assert find(claims_of(text), "dissolution")[0].value.normalized == "1954"


@pytest.mark.parametrize(("text", "language", "prop", "value"), [
    ("The Harrow Rowing Club was founded in 1887. In 1954 the club was dissolved.", "en",
     "dissolution", "1954"),
    ("Гребной клуб Харроу основан в 1887 году. Клуб был распущен в 1954 году.", "ru",
     "dissolution", "1954"),
])
def test_the_common_noun_of_an_organisations_name_refers_back_to_it(text, language, prop, value):
    (c,) = find(claims_of(text, language), prop)
    assert "Харроу" in c.subject.text or "Harrow" in c.subject.text
    assert c.value.normalized == value


def test_the_noun_of_two_organisations_named_just_before_refers_to_neither():
    text = ("The Harrow Rowing Club and the Kestrel Rowing Club were founded in 1887. "
            "In 1954 the club was dissolved.")
    assert not [c for c in claims_of(text) if c.property == "dissolution"]


def test_a_russian_title_line_is_its_own_sentence():
    text = "Гребной клуб Харроу\n\nГребной клуб Харроу был основан в 1887 году."
    (c,) = find(claims_of(text, "ru"), "founding")
    assert c.evidence.quote == "Гребной клуб Харроу был основан в 1887 году."


@pytest.mark.parametrize(("text", "language", "cause"), [
    ("Ottoline Brask died of pneumonia in Kristhavn in 1894.", "en", "pneumonia"),
    ("Ottoline Brask died in 1894 of a heart attack at her home.", "en", "heart disease"),
    ("Ottoline Brask died from complications in 1894.", "en", "illness"),
    ("Анна Берг умерла от воспаления лёгких в 1894 году.", "ru", "pneumonia"),
    ("Анна Берг умерла от инфаркта в 1894 году.", "ru", "heart disease"),
])
def test_the_cause_a_verb_of_death_governs_is_the_cause_of_death(text, language, cause):
    (c,) = find(claims_of(text, language), "cause_of_death")
    assert c.value.word == cause


def test_a_cause_word_outside_a_death_is_no_cause_of_death():
    text = "Ottoline Brask wrote a report of the stroke that felled the mayor in 1894."
    assert not [c for c in claims_of(text) if c.property == "cause_of_death"]


def test_a_name_governed_by_in_on_a_death_verb_is_its_place_whatever_the_tagger_says():
    text = "Ottoline Brask was a surveyor. Brask died of pneumonia in Kristhavn in 1894."
    (place,) = find(claims_of(text), "death_place")
    assert place.value.text == "Kristhavn" and place.value.label == "GPE"


@pytest.mark.parametrize(("text", "language", "spouse", "year"), [
    ("Ottoline Brask was a surveyor. In 1865 she married Amos Pell.", "en", "Amos Pell", "1865"),
    ("Ottoline Brask married Amos Pell in 1865 in Fennick.", "en", "Amos Pell", "1865"),
    ("Тобиас Берг был инженером. В 1865 году женился на Анне Пелл.", "ru", "Анне Пелл", "1865"),
])
def test_a_marriage_is_dated_and_scoped_by_the_spouse(text, language, spouse, year):
    (c,) = find(claims_of(text, language), "marriage")
    assert c.value.normalized == year
    assert [v.text for k, v in c.qualifiers if k == "object"] == [spouse]


def test_marrying_without_naming_whom_is_no_marriage_claim():
    assert not [c for c in claims_of("Ottoline Brask married in 1865.") if c.property == "marriage"]


@pytest.mark.parametrize(("text", "prop", "value"), [
    # Russian drops the subject pronoun: the verb's ending says it is "he" or "she"
    ("Анна Берг была художницей. Умерла в Феннике в 1921 году.", "death", "1921"),
    ("Тобиас Берг был инженером. В 1871 году умер в Феннике.", "death", "1871"),
    ("Тобиас Берг был инженером. В 1871 году умер в Феннике.", "death_place", "Феннике"),
    ("Анна Берг была художницей. Весной 1920 года была арестована.", "capture", "1920-SP"),
])
def test_a_russian_verb_without_its_subject_speaks_of_the_person_before(text, prop, value):
    (c,) = find(claims_of(text, "ru"), prop)
    assert "Берг" in c.subject.text
    assert (c.value.normalized if prop != "death_place" else c.value.text) == value


def test_an_impersonal_russian_verb_speaks_of_no_one():
    # neuter: "it became known", no person
    text = "Анна Берг была художницей. Стало известно в 1921 году, что мост закрыт."
    assert all("Берг" not in c.subject.text for c in claims_of(text, "ru")
               if c.property != "statement")


def test_a_pronoun_takes_the_subject_of_the_previous_sentence():
    text = ("Helen Marsh met Conrad Beck in the port. She was arrested in March 1899 "
            "by the harbour police.")
    (c,) = find(claims_of(text), "capture")
    assert c.subject.text == "Helen Marsh"
    assert c.value.normalized == "1899-03"


def test_they_after_a_group_naming_a_person_includes_that_person():
    text = ("The court sentenced Amos Pell and four other captains to death. "
            "They were hanged on 4 April 1870.")
    claims = claims_of(text)
    (manner,) = find(claims, "manner_of_death", "Amos Pell")
    assert manner.value == Term("hanging", "hanged")
    assert find(claims, "execution", "Amos Pell")[0].value.normalized == "1870-04-04"


def test_an_execution_also_dates_the_death():
    text = "Amos Pell was executed on 4 April 1870."
    assert find(claims_of(text), "death")[0].value.normalized == "1870-04-04"


def test_a_nominal_trial_takes_the_time_of_its_verb():
    text = "Amos Pell was given a closed trial sometime in March of 1870."
    (c,) = find(claims_of(text), "trial")
    assert c.value.normalized == "1870-03"


def test_a_when_clause_takes_the_time_it_hangs_on():
    text = "Amos Pell was last seen in April of 1870, when he was hanged at dawn."
    assert find(claims_of(text), "execution")[0].value.normalized == "1870-04"


def test_placed_at_the_head_of_a_unit_is_command_of_that_unit():
    text = "In 1868 Amos Pell was placed at the head of the Third Coastal Regiment."
    (c,) = find(claims_of(text), "command")
    assert [v.text for k, v in c.qualifiers if k == "object"] == ["Third Coastal Regiment"]
    assert c.value.normalized == "1868"


def test_joining_an_organisation_is_scoped_by_that_organisation():
    text = "In 1861 Amos Pell joined the Lamplighters Union."
    (c,) = find(claims_of(text), "membership")
    obj = c.qualifier("object")
    assert isinstance(obj, EntityRef) and obj.text == "Lamplighters Union"


def test_attribution_is_kept_on_the_claim():
    text = "According to the ferryman, Amos Pell was arrested in May 1869."
    (c,) = find(claims_of(text), "capture")
    assert c.modality is Modality.ATTRIBUTED
    assert "ferryman" in c.attributed_to


def test_a_hedge_is_kept_on_the_claim():
    text = "Amos Pell was reportedly arrested in May 1869."
    assert find(claims_of(text), "capture")[0].modality is Modality.HEDGED


def test_two_versions_in_one_source_are_marked_disputed():
    text = ("Nobody agrees on the end.\n\nOne version:\n\nAmos Pell was hanged at Carrow.\n\n"
            "Alternative version:\n\nAmos Pell was shot at Fennick.")
    manners = find(claims_of(text), "manner_of_death")
    assert {c.value.word for c in manners} == {"hanging", "shooting"}
    assert {c.modality for c in manners} == {Modality.DISPUTED}
    assert len({c.version for c in manners}) == 2


@pytest.mark.parametrize(("text", "language"), [
    ("Amos Pell was born either in 1851 or in 1852.", "en"),
    ("Amos Pell was born in 1851 or 1852 at Carrow.", "en"),
    ("Анна Берг родилась в 1851 или 1852 году.", "ru"),
])
def test_two_times_offered_in_one_sentence_are_two_disputed_versions(text, language):
    births = find(claims_of(text, language), "birth")
    assert sorted(c.value.normalized for c in births) == ["1851", "1852"]
    assert {c.modality for c in births} == {Modality.DISPUTED}
    assert len({c.version for c in births}) == 2


@pytest.mark.parametrize(("text", "manner"), [
    ("Amos Pell was executed by firing squad in 1943.", "shooting"),  # a generic verb's phrase
    ("Amos Pell was executed by hanging in 1943.", "hanging"),
    ("Amos Pell died of pneumonia in 1980.", "natural causes"),  # a cause on a verb of death
    ("Amos Pell was hanged in 1943.", "hanging"),
])
def test_the_manner_of_a_death_is_read_from_the_phrase_that_states_it(text, manner):
    (c,) = find(claims_of(text), "manner_of_death")
    assert c.subject.text == "Amos Pell" and c.value.word == manner


def test_a_firing_squad_nobody_faced_is_no_manner_of_death():
    assert not [c for c in claims_of("Amos Pell watched the firing squad drill in 1943.")
                if c.property == "manner_of_death"]


def test_times_joined_by_and_are_not_versions():
    births = find(claims_of("Amos Pell was born in 1851 and died in 1900."), "birth")
    assert [(c.value.normalized, c.modality) for c in births] == [("1851", Modality.ASSERTED)]


def test_a_negated_statement_is_marked_negated():
    text = "Amos Pell was not executed in 1870."
    claims = [c for c in claims_of(text) if c.property == "execution"]
    assert all(c.modality is Modality.NEGATED for c in claims)


def test_a_date_in_a_parenthesis_does_not_date_the_main_verb():
    text = "His sister Ada Pell (born 1851) outlived him by forty years."
    claims = claims_of(text)
    assert [c.value.normalized for c in claims if c.property == "birth"] == ["1851"]
    assert not [c for c in claims if c.property == "event"]
    assert not [c for c in claims if c.property == "count"]  # forty years is a duration


def test_counts_carry_what_they_count_and_the_verb():
    text = "In 1869 the Lamplighters Union recruited about 4,000 new members."
    (c,) = find(claims_of(text), "count")
    assert c.value.low == 4000 and c.value.approx.value == "about"
    assert c.qualifier("unit").word == "member"
    assert c.qualifier("verb").word == "recruit"


def test_what_a_count_counts_keeps_the_words_that_narrow_it():
    text = "The Velmora Quartet has released four studio albums, two live albums and six singles."
    counted = {c.value.low: c.qualifier("unit").word for c in find(claims_of(text), "count")}
    assert counted == {4: "studio album", 2: "live album", 6: "single"}


def test_words_before_the_numeral_or_about_the_figure_do_not_narrow_a_count():
    text = "The Velmora Quartet recruited an estimated 300 new members in 1921."
    (c,) = find(claims_of(text), "count")
    assert c.qualifier("unit").word == "member"


def test_a_russian_count_names_its_noun_by_the_lemma_with_its_narrowing_adjective():
    # the numeral governs the noun's case: "два альбома", "двенадцать альбомов"
    for text in ("Квартет «Велмора» выпустил два концертных альбома.",
                 "Квартет «Велмора» выпустил 12 концертных альбомов."):
        (c,) = [c for c in claims_of(text, "ru") if c.property == "count"]
        assert c.qualifier("unit").word == "концертный альбом"


def test_a_count_says_in_what_it_holds_but_not_its_time_or_a_set_phrase():
    def extent(text):
        (c,) = find(claims_of(text), "count")
        return c.qualifier("extent").word if c.qualifier("extent") else ""

    assert extent("During the first campaign the Tarnish Guard captured 4,000 soldiers.") \
        == "first campaign"
    assert extent("In all, the Tarnish Guard captured 12,000 soldiers during the war.") \
        == "total; war"
    assert extent("In 1880 the Quillhaven Pilots Guild trained 450 pilots.") == ""
    assert extent("In fact, the Quillhaven Pilots Guild trained 450 pilots.") == ""


def test_a_village_said_to_lie_in_a_province_is_within_it():
    text = "Ilse Danner was born in 1852 in Marrowick, a village of Tarn Province."
    (c,) = find(claims_of(text), "birth_place")
    assert c.value.text == "Marrowick" and c.qualifier("within").text == "Tarn Province"


def test_a_generic_dated_action_is_an_event_claim():
    text = "In 1866 Amos Pell bought the schooner from the Lamplighters Union."
    (c,) = find(claims_of(text), "event")
    assert c.qualifier("verb").word == "buy"
    assert c.value.normalized == "1866"


@pytest.mark.parametrize("text,prop,value", [
    ("Анна Берг родилась 3 мая 1850 года в Феннике.", "birth", "1850-05-03"),
    ("Анна Берг была арестована в марте 1899 года.", "capture", "1899-03"),
    ("Анна Берг умерла в 1921 году.", "death", "1921"),
    ("Анна Берг была убита в 1921 году.", "death", "1921"),
    ("Анна Берг утонула в 1921 году.", "death", "1921"),
    ("Анна Берг покончила с собой в 1921 году.", "death", "1921"),
    ("Анна Берг была застрелена в 1921 году.", "manner_of_death", "shooting"),
    ("Анна Берг была обезглавлена в 1921 году.", "execution", "1921"),
    ("Анна Берг родилась около 1850 года.", "birth", "1850~"),
])
def test_russian_sentences_give_the_same_properties(text, prop, value):
    (c,) = find(claims_of(text, "ru"), prop)
    assert "Анна Берг" in c.subject.text
    assert c.value.normalized == value


def test_a_russian_name_the_tagger_misses_is_a_person_when_it_is_born():
    (c,) = find(claims_of("Амос Пелл родился около 1901 года.", "ru"), "birth")
    assert c.subject.text == "Амос Пелл" and c.subject.label == "PER"


def test_claims_from_a_bibliography_are_not_made():
    src_text = ("Amos Pell was arrested in 1869.\n\nFurther Reading\n\n"
                "Brask, Ottoline. Amos Pell was born in 1840. Fennick Press, 1901.")
    from accord.ingest import build_source

    src = build_source(src_text, name="t.txt", location="/t.txt", format="txt")
    (facts,) = annotate_sources([src])
    assert not [c for c in facts.claims if c.property == "birth"]
    assert extract_claims  # the public entry point exists


def test_places_written_in_a_row_are_a_containment_chain():
    text = "Amos Pell was born in 1840 in Fennick, Lowmarsh County."
    place = find(claims_of(text), "birth_place")[0]
    assert place.value.text == "Fennick"
    assert [v.text for k, v in place.qualifiers if k == "within"] == ["Lowmarsh County"]


def test_the_title_noun_refers_to_the_last_person_introduced_with_that_title():
    text = ("General Helen Marsh reached the fort in 1870. Nobody expected the winter. "
            "The general was captured in January 1871.")
    (c,) = find(claims_of(text), "capture")
    assert c.subject.text.endswith("Helen Marsh")


def test_a_lifespan_read_as_one_interval_is_still_birth_and_death():
    claims = claims_of("Ottoline Brask (3 May 1850 – 9 June 1921) was a fictional surveyor.")
    assert find(claims, "birth")[0].value.normalized == "1850-05-03"
    assert find(claims, "death")[0].value.normalized == "1921-06-09"


def test_an_unclosed_born_parenthesis_is_a_birth():
    claims = claims_of("Ottoline Brask (born 3 May 1850 is a fictional surveyor.")
    assert find(claims, "birth")[0].value.normalized == "1850-05-03"


def test_fact_box_lines_speak_of_the_main_person():
    text = ("Ottoline Brask\n\nBorn:\t3 May 1850\nDied:\t9 June 1921\n\n"
            "Ottoline Brask surveyed the marsh. Brask later taught.")
    claims = claims_of(text)
    assert find(claims, "birth", "Brask")[0].value.normalized == "1850-05-03"
    assert find(claims, "death", "Brask")[0].value.normalized == "1921-06-09"


def test_a_fact_box_flattened_onto_its_heading_line_speaks_of_the_name_heading_it():
    claims = claims_of("Ottoline Brask Born\t3 May 1850\nOccupation\tSurveyor\n")
    [birth] = find(claims, "birth")
    assert (birth.subject.text, birth.value.normalized) == ("Ottoline Brask", "1850-05-03")
    assert birth.evidence.quote.startswith("Ottoline Brask Born")


def test_founded_is_a_founding_even_when_lemmatised_as_find():
    text = "The Lamplighters Union was founded in 1861 by harbour workers."
    assert find(claims_of(text), "founding")[0].value.normalized == "1861"


def test_a_short_aside_may_stand_between_a_name_and_its_lifespan():
    claims = claims_of("Ottoline Brask, also spelt Otteline Brask, (3 May 1850 – 9 June 1921) "
                       "was a fictional surveyor.")
    assert find(claims, "death")[0].value.normalized == "1921-06-09"


def test_to_found_is_a_founding():
    text = "Helen Marsh went on to found the Lamplighters Union in 1861."
    assert find(claims_of(text), "founding")[0].value.normalized == "1861"


@pytest.mark.parametrize("text,prop,value", [
    ("The Lamplighters Union has a membership of 652,723.", "member", "652723"),
    ("Fennick, with a population of 5,000, lies on the marsh.", "population", "5000"),
    ("The population of Fennick was 5,000 in 1900.", "population", "5000"),
])
def test_a_noun_naming_a_number_of_something_is_an_attribute(text, prop, value):
    (c,) = find(claims_of(text), prop)
    assert c.value.normalized == value


def test_a_noun_naming_a_measure_is_an_attribute_in_the_base_unit():
    (c,) = find(claims_of("Helen Marsh's height is 180 cm."), "height")
    assert c.value.text == "180 cm" and c.value.unit == "m"
    assert c.value.low <= 1.80 <= c.value.high  # the range its rounding allows


def test_fact_box_lines_give_attributes_of_the_main_subject():
    text = ("Lamplighters Union\n\nMembers:\t4,000\nFounded:\t1861\n\n"
            "The Lamplighters Union is a fictional union.")
    claims = claims_of(text)
    assert find(claims, "members")[0].value.normalized == "4000"
    assert find(claims, "founded")[0].value.normalized == "1861"


def test_having_n_members_and_a_membership_of_n_are_one_property():
    a = find(claims_of("The Lamplighters Union has 4,000 members."), "member")
    b = find(claims_of("The Lamplighters Union has a membership of 4,100."), "member")
    assert a[0].value.low == 4000 and b[0].value.low == 4100


def test_a_relative_clause_speaks_of_the_noun_it_hangs_on():
    text = "My aunt Helen Marsh, who was born in 1851, wrote about the charts."
    assert find(claims_of(text), "birth")[0].subject.text == "Helen Marsh"


def test_a_count_without_its_own_time_is_scoped_by_the_date_of_its_source():
    text = "The Lamplighters Union recruited about 4,000 new members."
    (c,) = find(claims_of(text, published=date(1901, 5, 2)), "count")
    assert c.qualifier("time").normalized == "1901-05-02"
