"""Specification of accord.names: when two surface forms name the same person or body.

Every person and organisation here is made up. Rules about languages (ranks,
ordinals, transliteration systems, legal forms) are facts of those languages.
"""

from __future__ import annotations

import dataclasses

import pytest

from accord.names import (
    Match,
    NameForm,
    acronyms_of,
    blocking_keys,
    compare_names,
    find_acronym_definitions,
    parse_name,
    same_name_rule,
    strip_name,
)
from accord.names.compare import _gluing_can_finish

FULL = "Andrey Kurasov"


def same(a: str, b: str, kind: str = "PER") -> Match:
    m = compare_names(a, b, kind)
    assert m.same, (a, b, m)
    return m


def apart(a: str, b: str, kind: str = "PER") -> Match:
    m = compare_names(a, b, kind)
    assert not m.same, (a, b, m)
    return m


# ------------------------------------------------------------------ values


def test_values_are_frozen():
    m = compare_names(FULL, FULL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.same = False  # type: ignore[misc]
    form = parse_name(FULL)
    assert isinstance(form, NameForm)
    with pytest.raises(dataclasses.FrozenInstanceError):
        form.surname = "x"  # type: ignore[misc]


def test_score_is_between_0_and_1_and_rule_is_named():
    for a, b in [(FULL, FULL), (FULL, "Kurasov"), ("Ivan Petrov", "Pavel Petrov")]:
        m = compare_names(a, b)
        assert 0.0 <= m.score <= 1.0 and m.rule


# ----------------------------------------------------------------- persons


def test_exact_name_matches_with_full_score():
    m = same(FULL, "andrey  KURASOV")
    assert m.rule == "exact" and m.score == 1.0


def test_surname_only_is_a_possible_match_with_a_lower_score():
    m = same(FULL, "Kurasov")
    full = compare_names(FULL, "Andrey Andreyevich Kurasov")
    assert m.rule == "surname-only" and m.score < full.score


@pytest.mark.parametrize("short", ["A.A. Kurasov", "A. Kurasov", "Kurasov A.A.", "А. А. Курасов"])
def test_initials_match_the_given_name_and_patronymic(short):
    m = same("Andrey Andreyevich Kurasov", short)
    assert m.rule == "surname+initials"


@pytest.mark.parametrize("titled", ["Lt. Gen. Kurasov", "General Kurasov", "Marshal Kurasov",
                                    "генерал-лейтенант Курасов", "Dr. Kurasov"])
def test_titles_and_ranks_are_not_part_of_the_name(titled):
    assert same(FULL, titled).rule == "surname-only"


def test_doubled_consonant_is_a_spelling_of_the_same_name():
    same(FULL, "General Kurassov")
    assert same("Andrey Kurasov", "Andrey Kurassov").rule == "transliteration"


def test_german_transliteration_w_ss_ow():
    same(FULL, "Kurassow")
    same("Andrej Kurassow", FULL)


@pytest.mark.parametrize("cyr", ["Курасов", "Андрей Курасов", "Курасов Андрей Андреевич"])
def test_cyrillic_is_romanised_in_several_systems(cyr):
    m = same(FULL, cyr)
    assert m.rule in ("transliteration", "surname-only")


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Ilse Varnholt", "Ильза Варнхольт"),  # German -e, voiced s: by sound, not letter by letter
    ("George Quillhart", "Джордж Квиллхарт"),  # a soft English g
    ("Heinrich Varnholt", "Генрих Варнхольт"),  # German ch, Г for h
    ("Charles Quillhart", "Чарльз Квиллхарт"),
    ("James Quillhart", "Джеймс Квиллхарт"),
])
def test_a_given_name_adapted_to_the_other_script_by_sound_is_the_same_name(latin, cyrillic):
    same(latin, cyrillic)


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Frederik Varnholt", "Фрэнк Варнхольт"),  # another name
    ("Ilse Varnholt", "Ольга Варнхольт"),
    ("Maria Varnholt", "Мирра Варнхольт"),  # m-r is too little to go on
])
def test_other_given_names_in_the_other_script_stay_apart(latin, cyrillic):
    apart(latin, cyrillic)


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Elias Coombe", "Элайас Кумб"),  # an English surname written as it sounds: oo, silent e
    ("Elias Coombe", "Элайаса Кумба"),  # ... and inflected
])
def test_a_surname_adapted_by_sound_is_the_same_name_beside_its_given_name(latin, cyrillic):
    same(latin, cyrillic)
    assert blocking_keys(latin, "PER") & blocking_keys(cyrillic, "PER")


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Coombe", "Кумб"),  # a few consonants alone: many surnames share them
    ("E. Coombe", "Кумб"),
    ("Elias Coombe", "Ольга Кумб"),  # the given names differ
])
def test_a_surname_alike_by_sound_alone_is_not_enough(latin, cyrillic):
    apart(latin, cyrillic)


def test_sound_is_only_heard_across_scripts():
    apart("Ilse Varnholt", "Ilza Varnholt")  # within one script, spelling decides


def test_given_name_and_patronymic_variants():
    m = same("Andrei Andreievich", "Andrey Andreyevich")
    assert m.rule == "given-name-variant"
    assert same("Andrei Andreievich Kurasov", "Andrey Andreyevich Kurasov").rule == "given-name-variant"
    same("Yevgeny Petrov", "Evgeny Petrov")
    same("Dmitriy Petrov", "Dmitry Petrov")


def test_patronymic_present_or_absent():
    assert same("Andrey Andreyevich Kurasov", FULL).rule == "subset"


def test_initial_stands_for_a_given_name():
    same("A. Kurasov", FULL)


@pytest.mark.parametrize("poss", ["Kurasov's", "Kurasov’s", "Andrey Kurasov's"])
def test_possessives_are_dropped(poss):
    same(FULL, poss)


def test_conflicting_given_names_never_merge_on_a_shared_surname():
    assert apart("Ivan Petrov", "Pavel Petrov").rule == "conflicting given names"
    assert apart("I. Petrov", "Pavel Petrov").rule == "conflicting initials"
    assert same("Ivan Petrov", "Petrov").rule == "surname-only"


def test_conflicting_patronymics_never_merge():
    assert apart("Ivan Ivanovich Petrov", "Ivan Sergeyevich Petrov").rule == "conflicting patronymics"


def test_different_surnames_are_different_people():
    assert apart("Ivan Petrov", "Ivan Sidorov").rule == "conflicting surnames"


def test_given_name_alone_is_not_a_match():
    assert apart("Andrey", FULL).rule == "given-name-only"


def test_surname_first_order_is_recognised():
    form = parse_name("Курасов Андрей Андреевич")
    assert form.surname == "kurasov" and form.given == ("andrey",)
    assert same("Kurasov Andrey", FULL)


def test_russian_case_forms_of_a_cyrillic_name():
    assert same("Андрея Курасова", "Андрей Курасов").rule == "inflection"
    same("генерала Курасова", "Андрей Курасов")


def test_feminine_surname_in_latin_letters_is_another_person():
    apart("Anna Kurasova", FULL)
    apart("Kurasova", FULL)


def test_small_spelling_errors_are_tolerated_in_proportion_to_length():
    assert same("Andrey Kurasof", FULL).rule in ("spelling", "transliteration")
    assert same("Andrey Kursaov", FULL).rule == "spelling"  # transposition
    apart("Ivan Petrov", "Ivan Petrovsky")


def test_words_glued_or_split():
    assert same("Andreykurasov", FULL).rule == "joined"
    same("AndreyKurasov", FULL)
    same("Andrey Kura sov", FULL)


def test_digits_typed_for_letters():
    same("Andr3y Kuras0v", FULL)


def test_short_form_of_a_given_name():
    assert same("Alex Kurasov", "Alexander Kurasov").rule == "given-name-variant"


def test_comma_form_surname_first():
    same("Kurasov, Andrey", FULL)
    apart("Kurasov, Ivan", FULL)


def test_order_swapped_is_a_weaker_match():
    m = same("Pavel Marten", "Marten Pavel")
    assert m.rule == "reordered" and m.score < 1.0


def test_father_and_son_are_not_the_same_person():
    assert apart("Farid bin Adil al-Nasiri", "Adil bin Farid al-Nasiri").rule == "conflicting patronymics"


def test_particles_do_not_make_a_difference_or_a_match():
    same("Adil al-Nasiri", "Adil Nasiri")
    apart("Farid al-Nasiri", "Adil al-Nasiri")


def test_vowel_variants_of_transliterated_arabic_names():
    assert same("Jalal Nasiri", "Jelel Nasiri").rule == "spelling"
    apart("Salim Nasiri", "Sulaiman Nasiri")


def test_han_or_hangul_syllable_changed_is_another_name():
    apart("王小明", "王小朋")
    same("王小明", "王小明")


def test_initials_alone_are_not_enough():
    apart("A.K.", FULL)


@pytest.mark.parametrize("a,b", [
    ("Andrey Kurasov", "Kurasov"), ("Ivan Petrov", "Pavel Petrov"), ("Kurasov A.A.", FULL),
    ("Andrey Kursaov", FULL), ("Second Coastal Army", "2nd Coastal Army"),
])
def test_compare_is_symmetric(a, b):
    kind = "ORG" if "Army" in a else "PER"
    assert compare_names(a, b, kind) == compare_names(b, a, kind)


# ------------------------------------------------------- organisations, places


def test_ordinals_written_as_words_or_digits():
    assert same("Second Coastal Army", "2nd Coastal Army", "ORG").rule == "ordinal"
    same("First Northern Front", "1st Northern Front", "ORG")
    same("Twenty-First Rifle Corps", "21st Rifle Corps", "ORG")
    same("2-я береговая армия", "Вторая береговая армия", "ORG")


def test_different_numbers_are_different_units():
    assert apart("20th Army", "2nd Army", "ORG").rule == "different number"
    apart("5th Rifle Corps", "Rifle Corps", "ORG")
    apart("Coastal Army II", "Coastal Army III", "ORG")


def test_acronym_of_the_long_name():
    assert same("Northern Liberation Army", "NLA", "ORG").rule == "acronym"


def test_acronym_of_a_foreign_name_is_not_known_without_a_definition():
    assert "SOA" in acronyms_of("Severnaya Osvoboditel'naya Armiya")
    assert apart("Northern Liberation Army", "SOA", "ORG").rule == "acronym mismatch"


def test_near_misses_with_another_head_noun_stay_apart():
    for other in ("Northern Liberation Committee", "Northern Liberation Movement"):
        assert apart("Northern Liberation Army", other, "ORG").rule == "different head noun"
    apart("Trans-Atlantic Shipping Company", "Trans-Atlantic Shipping Union", "ORG")
    apart("Northern Liberation Committee", "Northern Liberation Movement", "ORG")


def test_abbreviated_legal_form_is_the_same_body():
    same("Northern Railway Company", "Northern Railway Co.", "ORG")
    same("Kestrel Trading Limited", "Kestrel Trading Ltd", "ORG")
    same("Kestrel Trading Aktiengesellschaft", "Kestrel Trading AG", "ORG")
    same("OOO Kestrel", "Kestrel Limited Liability Company", "ORG")
    same("ООО «Кестрел»", "OOO Kestrel", "ORG")


def test_conflicting_legal_forms_are_different_bodies():
    assert apart("Kestrel Trading AG", "Kestrel Trading GmbH", "ORG").rule == "conflicting legal forms"


def test_articles_and_possessives_in_organisation_names():
    same("the Blue Army", "Blue Army", "ORG")
    apart("Kurasov's army", "Blue Army", "ORG")


def test_transliterated_organisation_name():
    m = same("Северная освободительная армия", "Severnaya Osvoboditelnaya Armiya", "ORG")
    assert m.rule == "transliteration"


def test_translated_organisation_name_is_out_of_scope():
    apart("Северная освободительная армия", "Northern Liberation Army", "ORG")


def test_glued_words_in_organisation_names():
    same("Goodwill Trading", "Good Will Trading", "ORG")
    same("van der Meer Shipping", "Vandermeer Shipping", "ORG")


def test_acronym_of_a_run_of_words():
    same("U.S. Department of Roads", "United States Department of Roads", "ORG")


def test_alternative_names_separated_by_a_slash():
    same("Kestrel Union/Blue Army", "Blue Army", "ORG")


def test_spelling_error_in_an_organisation_word_but_not_in_an_acronym():
    same("Kestrell Shipping Company", "Kestrel Shipping Company", "ORG")
    apart("KXT Shipping", "KXB Shipping", "ORG")


def test_places_compare_like_organisations():
    same("Smolensk", "Смоленск", "LOC")
    apart("North Harbour", "South Harbour", "LOC")


# ------------------------------------------------------------- parse, strip


def test_parse_name_splits_a_person_by_role():
    f = parse_name("Lt. Gen. Andrey Andreyevich Kurasov")
    assert f.titles == ("lt", "gen")
    assert f.given == ("andrey",) and f.patronymic == "andreyevich" and f.surname == "kurasov"
    assert f.tokens == ("andrey", "andreyevich", "kurasov") and f.script == "latin"
    assert parse_name("A.A. Kurasov").initials == ("a", "a")


def test_parse_name_romanises_cyrillic():
    f = parse_name("Андрей Андреевич Курасов")
    assert f.script == "cyrillic" and f.tokens == ("andrey", "andreevich", "kurasov")


def test_parse_name_of_an_organisation_keeps_the_legal_form_apart():
    f = parse_name("Kestrel Shipping Co., Ltd.", "ORG")
    assert f.legal_forms == ("ltd", "co") and f.kind == "ORG"


@pytest.mark.parametrize("raw,clean", [
    ("Lt. Gen. Kurasov's", "Kurasov"),
    ("General Kurassov", "Kurassov"),
    ("«Kurasov»,", "Kurasov"),
    ("Mr. A.A. Kurasov.", "A.A. Kurasov"),
    ("генерала Курасова", "Курасова"),
    ("Northern Railway Co.", "Northern Railway Co."),
    ("General Transport Company", "General Transport Company"),
    ("Kurasovs'", "Kurasovs"),
])
def test_strip_name(raw, clean):
    assert strip_name(raw) == clean


def test_strip_name_keeps_titles_of_organisations_when_told_the_kind():
    assert strip_name("General Kestrel", kind="ORG") == "General Kestrel"
    assert strip_name("General Kestrel", kind="PER") == "Kestrel"


# ------------------------------------------------------------------ acronyms


def test_acronyms_of_an_english_name():
    assert acronyms_of("Northern Liberation Army") == {"NLA"}
    assert {"TASC", "TSC"} <= acronyms_of("Trans-Atlantic Shipping Company")
    assert "NLA" in acronyms_of("the Army of Northern Liberation") or "ANL" in acronyms_of(
        "the Army of Northern Liberation")


def test_acronyms_of_a_cyrillic_name_in_both_alphabets():
    acr = acronyms_of("Северная освободительная армия")
    assert {"SOA", "СОА"} <= acr


def test_a_single_word_has_no_acronym_unless_written_as_one():
    assert acronyms_of("Kestrel") == frozenset()
    assert acronyms_of("NLA") == {"NLA"}


@pytest.mark.parametrize("text,long_,short", [
    ("Then the Northern Liberation Army (NLA) moved.", "Northern Liberation Army", "NLA"),
    ("The NLA (Northern Liberation Army) moved.", "Northern Liberation Army", "NLA"),
    ("The SOA (from Severnaya Osvoboditelnaya Armiya) moved.", "Severnaya Osvoboditelnaya Armiya", "SOA"),
    ("The Northern Liberation Army, known as the NLA, moved.", "Northern Liberation Army", "NLA"),
    ("The Northern Liberation Army, or NLA, moved.", "Northern Liberation Army", "NLA"),
    ("Северная освободительная армия (СОА) выступила.", "Северная освободительная армия", "СОА"),
])
def test_find_acronym_definitions(text, long_, short):
    defs = find_acronym_definitions(text)
    assert any(lf == long_ and sf == short and text[s:e] == short for lf, sf, s, e in defs), defs


def test_definition_explained_by_the_romanised_name_also_names_the_english_one():
    text = "the Northern Liberation Army (SOA, from Severnaya Osvoboditelnaya Armiya) fought"
    longs = {lf for lf, sf, _, _ in find_acronym_definitions(text) if sf == "SOA"}
    assert longs == {"Northern Liberation Army", "Severnaya Osvoboditelnaya Armiya"}


def test_brackets_that_are_not_definitions_are_ignored():
    assert find_acronym_definitions("Kurasov (born 1901) and the Blue Army (XYZ) met.") == []


# ------------------------------------------------------------------ blocking


@pytest.mark.parametrize("a,b,kind", [
    (FULL, "Kurasov", "PER"), (FULL, "A.A. Kurasov", "PER"), (FULL, "Курасов", "PER"),
    (FULL, "Kurassow", "PER"), (FULL, "Andrey Kursaov", "PER"), (FULL, "AndreyKurasov", "PER"),
    ("Андрей Курасов", "генерала Курасова", "PER"), ("Jalal Nasiri", "Jelel Nasiri", "PER"),
    ("Northern Liberation Army", "NLA", "ORG"), ("Second Coastal Army", "2nd Coastal Army", "ORG"),
    ("Good Will Trading", "Goodwill Trading", "ORG"),
    ("Elan Tolsen", "Eran Tolsen", "ORG"),  # four letters, the second one changed
])
def test_names_that_match_share_a_blocking_key(a, b, kind):
    assert compare_names(a, b, kind).same
    assert blocking_keys(a, kind) & blocking_keys(b, kind)


def test_initials_and_numbers_alone_are_no_blocking_keys():
    assert blocking_keys("A.K.") == frozenset()
    assert all(not k.endswith(":2") for k in blocking_keys("2nd Coastal Army", "ORG"))


def test_definition_with_the_romanised_name_before_the_acronym():
    text = "The Northern Liberation Army (Severnaya osvoboditelnaya armiya, SOA) fought."
    longs = {lf for lf, sf, _, _ in find_acronym_definitions(text) if sf == "SOA"}
    assert longs == {"Northern Liberation Army", "Severnaya osvoboditelnaya armiya"}


@pytest.mark.parametrize(("left", "can"), [
    ((0, 0), True), ((1, 0), False), ((1, 1), False), ((2, 1), True), ((1, 3), True),
    ((2, 2), False), ((3, 3), True), ((4, 1), False), ((4, 2), True)])
def test_gluing_can_only_finish_when_runs_of_two_or_three_words_meet_one_word(left, can):
    assert _gluing_can_finish(*left) is can


def test_the_resolver_verdict_is_the_full_comparison_verdict_with_its_rule():
    words = ["Blue", "Star", "Bluestar", "Northern", "Lantern", "Company", "Co.", "2nd", "Second",
             "Coastal", "Army", "Kestrel", "Union", "U.S.", "United", "States", "Shipping", "BSC",
             "Rifle", "Corps", "Harbour", "Works", "Harbor", "Lanturn", "береговая", "армия",
             "Elan", "Eran", "Ret", "Red", "Tolsen", "13th", "II", "Third", "1941", "Brigade"]
    import random

    rng = random.Random(5)
    names = {" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(300)}
    names |= {"Blue Star Shipping", "Bluestar Shipping", "United States Army", "U.S. Army",
              "Northern Lantern Company", "Northern Lanturn Co.", "Kestrel Union/Blue Army"}
    assert same_name_rule("Blue Star Shipping", "Bluestar Shipping", "ORG") == "joined"
    assert same_name_rule("U.S. Army", "United States Army", "ORG") == "acronym"
    assert same_name_rule("Second Coastal Army", "2nd Coastal Army", "ORG") == "ordinal"
    assert same_name_rule("Northern Lantern Company", "Northern Liberation Company", "ORG") is None
    assert same_name_rule("13th Coastal Army", "Second Coastal Army", "ORG") is None
    assert same_name_rule("Coastal Rifle Brigade II", "Coastal Rifle Brigade", "ORG") is None
    assert same_name_rule("Third Rifle Brigade", "3rd Rifle Brigade", "ORG") == "ordinal"
    names = sorted(names)
    for kind in ("ORG", "PER", "LOC"):
        for a in names[::3]:
            for b in names[1::3]:
                m = compare_names(a, b, kind)
                assert same_name_rule(a, b, kind) == (m.rule if m.same else None), (a, b, kind)

