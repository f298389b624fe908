"""General claim frames that have no verb of their own, or whose value needs reading.

A lifespan parenthesis after an untagged name that opens a paragraph, a process
noun that begins ("production of X began in T") or runs between two dates ("X
production: T1 – T2"), a "Label of X: value" line, a distance from a place, a
dimension adjective with its measure, a rank ("the fifth largest city by area"),
a fact box run into one line ("X details: Distance:<tab>412 km, ..."), a count
and the names listed after its colon, counted doers in either voice ("three
clerks keep it" / "kept by two clerks"), a duration and the years it runs
between.
Every sentence here is made up; the people, places and things are fictional.
"""

import pytest

from accord.align.compare import Relation, describe, relate
from accord.extract.lifespan import lead_names
from accord.extract.measures import read_measure
from accord.model import Mention
from accord.names import compare_names
from tests.test_extract import claims_of, find
from tests.test_statements import findings

LEAD = ("ʿUmār ad-Dīn Qaṣrī II (عمر; 1302–1361), more often called ʿUmār, son of a weaver "
        "of Tarvel, was a fictional poet.")


def test_the_name_a_paragraph_opens_with_before_a_parenthesis_is_a_person():
    (m,) = lead_names(LEAD, [])
    assert (m.text, m.label) == ("ʿUmār ad-Dīn Qaṣrī II", "PER")
    assert LEAD[m.start : m.end] == m.text


def test_a_name_the_tagger_found_is_not_taken_again():
    assert lead_names(LEAD, [Mention(0, 10, LEAD[:10], "PER")]) == []


def test_a_lifespan_after_other_material_in_the_parenthesis_is_birth_and_death():
    claims = claims_of(LEAD)
    (birth,) = find(claims, "birth", "Qaṣrī")
    assert birth.value.normalized == "1302"
    assert find(claims, "death")[0].value.normalized == "1361"
    assert LEAD[birth.evidence.start : birth.evidence.end] == birth.evidence.quote


def test_an_opening_phrase_not_about_a_person_gives_no_lifespan():
    text = "Orvel Canal Company (1802–1860) carried coal and grain across the lowlands."
    assert lead_names(text, []) == []
    assert not [c for c in claims_of(text) if c.property in ("birth", "death")]


def test_an_opening_phrase_with_an_article_gives_no_lifespan():
    text = "The Marrow Reforms (1802–1860) were opposed by his brother and her sister."
    assert lead_names(text, []) == []
    assert not [c for c in claims_of(text) if c.property in ("birth", "death")]


# ------------------------------------------------------------------ phases


def test_a_process_noun_that_began_dates_the_start_of_that_process_for_its_owner():
    text = "Regular production of the Orlen Mark (K4) Dalvik Coupe began in April 1971."
    (c,) = find(claims_of(text), "production_start")
    assert c.subject.text == "Orlen Mark (K4) Dalvik Coupe"
    assert c.value.normalized == "1971-04"
    assert text[c.evidence.start : c.evidence.end] == c.evidence.quote


def test_a_process_noun_that_ended_dates_its_end():
    text = "Construction of the Velmarsk Bridge ended in 1936 after many delays."
    (c,) = find(claims_of(text), "construction_end")
    assert c.subject.text == "Velmarsk Bridge" and c.value.normalized == "1936"


def test_a_process_without_a_named_owner_gives_no_phase():
    text = "Work began in April 1971 on the northern bank."
    assert not [c for c in claims_of(text) if c.property.endswith(("_start", "_end"))]


def test_a_label_line_with_an_interval_gives_start_and_end():
    text = "Production of the Orlen Mark (K4) Dalvik Coupe: May 1971 – August 1980\n"
    claims = claims_of(text)
    (start,) = find(claims, "production_start")
    (end,) = find(claims, "production_end")
    assert start.subject.text == end.subject.text == "Orlen Mark (K4) Dalvik Coupe"
    assert (start.value.normalized, end.value.normalized) == ("1971-05", "1980-08")
    assert start.evidence.quote.startswith("Production of the Orlen Mark")


def test_two_sources_dating_the_start_of_one_process_differently_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Regular production of the Orlen Mark (K4) Dalvik Coupe began in April 1971.",
        "b.txt": "Production of the Orlen Mark (K4) Dalvik Coupe: May 1971 – August 1980",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["property"] == "production_start"
    assert {c["value"]["text"] for c in f["claims"]} == {"April 1971", "May 1971"}


def test_a_start_inside_the_stated_month_is_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Regular production of the Orlen Mark (K4) Dalvik Coupe began on 3 May 1971.",
        "b.txt": "Production of the Orlen Mark (K4) Dalvik Coupe: May 1971 – August 1980",
    })
    assert not [f for f in found if f["kind"] == "conflict"]
    assert [f for f in found if f["property"] == "production_start"][0]["kind"] == "refines"


# ------------------------------------------------------------------ measures


def test_a_measure_is_the_range_its_rounding_allows_in_the_base_unit():
    (m,) = [read_measure("1.87 m", 0)]
    assert m.dimension == "length" and m.value.unit == "m"
    assert m.value.low == pytest.approx(1.865) and m.value.high == pytest.approx(1.875)


def test_feet_and_inches_in_words_and_in_primes_are_one_length():
    words = read_measure("5 ft 2 in (1.57 m)", 0)
    primes = read_measure("5' 2\"", 0)
    assert words.value.text == "5 ft 2 in (1.57 m)"  # the conversion is part of the quote
    assert words.value.low == pytest.approx(primes.value.low)
    assert relate(words.value, read_measure("1.57 m", 0).value) is not Relation.DISJOINT


def test_neighbouring_figures_to_the_inch_are_different_heights():
    assert relate(read_measure("5' 2\"", 0).value, read_measure("5 ft 3 in", 0).value) \
        is Relation.DISJOINT


def test_a_round_figure_is_good_to_half_its_last_digit():
    m = read_measure("80 km", 0)
    assert (m.value.low, round(m.value.high)) == (75000, 85000)


def test_about_allows_five_percent_or_the_rounding_whichever_is_wider():
    about_37 = read_measure("37 miles", 0, approx=True)
    about_39 = read_measure("39 miles", 0, approx=True)
    exact_39 = read_measure("39 miles", 0)
    assert relate(about_37.value, about_39.value) is not Relation.DISJOINT
    assert relate(read_measure("37 miles", 0).value, exact_39.value) is Relation.DISJOINT
    assert relate(about_37.value, read_measure("70 km", 0, approx=True).value) \
        is Relation.DISJOINT


def test_areas_in_hectares_acres_and_squared_units_compare():
    ha = read_measure("2.2 hectares (5.4 acres)", 0)
    km2 = read_measure("0.022 km²", 0)
    assert ha.dimension == km2.dimension == "area"
    assert relate(ha.value, km2.value) is not Relation.DISJOINT
    assert read_measure("12 sq mi", 0).dimension == "area"


def test_a_word_after_a_number_is_no_unit():
    assert read_measure("5 in the morning", 0) is None
    assert read_measure("12 apples", 0) is None


def test_an_explanation_states_the_range_a_measure_was_read_as():
    text = describe(read_measure("80 km", 0, approx=True).value)
    assert text.startswith("80 km") and "75" in text and "85 km" in text and "rounding" in text


# ------------------------------------------------------------------ distances


def test_a_distance_from_a_place_is_scoped_by_that_place():
    text = "Korvenna is a small town in the hills. It lies about 12 miles (19 km) east of Talbridge."
    (c,) = find(claims_of(text), "distance")
    assert c.subject.text == "Korvenna"
    assert c.qualifier("object").text == "Talbridge"
    assert c.value.text == "about 12 miles (19 km)"
    assert text[c.evidence.start : c.evidence.end] == c.evidence.quote


def test_distances_from_one_place_that_cannot_both_be_true_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Korvenna lies about 12 miles (19 km) east of Talbridge.",
        "b.txt": "Korvenna is located roughly 30 km north-east of Talbridge.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["property"] == "distance"
    assert "allowing for rounding" in f["explanation"]


def test_a_distance_and_its_rounded_restatement_are_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Korvenna lies about 12 miles (19 km) east of Talbridge.",
        "b.txt": "Korvenna is located roughly 20 km north of Talbridge.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


def test_distances_from_two_different_places_never_meet(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Korvenna lies about 12 miles (19 km) east of Talbridge.",
        "b.txt": "Korvenna is located roughly 60 km south of Marrowick.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


def test_a_person_has_no_distance_from_a_place():
    text = "Edda Brandvoll walked 30 km north of Talbridge in one day."
    assert not [c for c in claims_of(text) if c.property == "distance"]


# ------------------------------------------------------------------ dimensions


@pytest.mark.parametrize("text, prop", [
    ("The Harl Spire is 212 metres tall.", "height"),
    ("The Orvik Canal is 41 km long and carries barges.", "length"),
])
def test_a_dimension_adjective_names_the_property_of_its_measure(text, prop):
    (c,) = find(claims_of(text), prop)
    assert c.value.unit == "m"


def test_a_dimension_adjective_that_does_not_fit_the_unit_gives_nothing():
    text = "The Harl Spire is 212 kg tall."
    assert not [c for c in claims_of(text) if c.property == "height"]


def test_a_named_height_in_feet_and_one_in_metres_compare_by_length(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Brannoch Oaksley height is 6 ft 4 in (1.93 m).",
        "b.txt": "Brannoch Oaksley's height is 1.93 m.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]
    assert [f for f in found if f["property"] == "height"]


@pytest.mark.parametrize("text", [
    "Tollen Harbour has a breakwater 300 metres long.",
    "Мост Орвика длиной 41 км соединяет два берега.",
])
def test_a_measure_of_another_noun_is_not_the_subjects(text):
    lang = "ru" if not text.isascii() else "en"
    assert not [c for c in claims_of(text, lang) if c.property == "length"]


def test_a_russian_distance_from_a_place_is_read_the_same_way():
    text = "Город Вельск находится в 20 км к северу от Архангельска."
    (c,) = find(claims_of(text, "ru"), "distance")
    assert c.qualifier("object").text == "Архангельска" and c.value.text == "20 км"


# ------------------------------------------------------------------ ranks


def rankings(text: str) -> dict[str, float]:
    return {c.property: c.value.low for c in claims_of(text) if c.property.startswith("ranking")}


def test_an_ordinal_superlative_is_a_rank_in_the_list_the_sentence_draws():
    got = rankings("In terms of area, Vellmark is the ninth largest city in Orsland.")
    assert got == {"ranking: largest city in orsland by area (present)": 9}


def test_coordinated_ranks_share_their_place_but_not_their_measure():
    got = rankings("Vellmark is the 12th largest city in Orsland and 4th largest city by area.")
    assert got == {"ranking: largest city in orsland (present)": 12,
                   "ranking: largest city in orsland by area (present)": 4}


def test_a_coordinated_rank_with_a_place_of_its_own_keeps_it():
    got = rankings("Vellmark is the second largest city in Orsland and the largest city on "
                   "the northern coast.")
    assert got == {"ranking: largest city in orsland (present)": 2,
                   "ranking: largest city on northern coast (present)": 1}


def test_a_clause_that_narrows_the_list_is_part_of_it():
    got = rankings("Brannoch Oaksley is the tallest actor to play the Warden.")
    assert list(got) == ["ranking: tallest actor to play warden (present)"]


def test_one_of_the_largest_is_no_rank():
    assert rankings("Vellmark is one of the largest cities in Orsland.") == {}


def test_two_ranks_in_one_list_conflict_and_ranks_in_two_lists_do_not(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "In terms of area, Vellmark is the ninth largest city in Orsland.",
        "b.txt": "Vellmark is the 12th largest city in Orsland and 4th largest city by area.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["property"] == "ranking: largest city in orsland by area (present)"
    assert {c["value"]["text"] for c in f["claims"]} == {"ninth", "4th"}


def test_a_rank_of_the_past_and_one_of_the_present_are_two_lists(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Vellmark was the second largest city in Orsland.",
        "b.txt": "Vellmark is the ninth largest city in Orsland.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


# ------------------------------------------------------------------ areas


def test_an_area_before_a_noun_and_an_area_covered_are_one_statement(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The 2.2 hectares (5.4 acres) walled herb garden in the Tarnow valley was "
                 "planted in 1820.",
        "b.txt": "The walled herb garden in the Tarnow valley covered an area of about 3 "
                 "hectares (7.4 acres).",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["scope"] == "have area \u00b7 attr:m2"
    assert "allowing for rounding" in f["explanation"]


def test_an_area_within_rounding_of_another_is_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The 2.2 hectares (5.4 acres) walled herb garden in the Tarnow valley was "
                 "planted in 1820.",
        "b.txt": "The walled herb garden in the Tarnow valley covered an area of about 2.3 "
                 "hectares.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


def test_areas_of_two_different_things_never_meet(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The 2.2 hectares (5.4 acres) walled herb garden in the Tarnow valley was "
                 "planted in 1820.",
        "b.txt": "The old stone quarry near Pellick covered an area of about 9 hectares.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


def test_an_area_of_a_named_subject_is_its_area():
    text = "Orvik Park covers an area of 30 hectares."
    (c,) = find(claims_of(text), "area")
    assert c.subject.text == "Orvik Park" and c.value.unit == "m2"


@pytest.mark.parametrize("text", ["paid 12 pounds", "a budget of £5 m", "cost $3 m"])
def test_money_is_no_measure(text):
    at = next(i for i, ch in enumerate(text) if ch.isdigit())
    assert read_measure(text, at) is None


def test_a_weight_in_lb_is_a_mass():
    assert read_measure("220 lb", 0).dimension == "mass"


# ------------------------------------------------------------------ boxes run into one line

RALLY_BOX = ("1932 Orvel Rally details: Dates:\t3–5 May 1932,  Stages:\t4,  "
             "Distance:\t412 km (256 mi),  Winner:\t Edda Brandvoll\n")


def test_rows_of_a_box_run_into_one_line_are_attributes_of_the_name_heading_it():
    claims = claims_of(RALLY_BOX)
    (dist,) = find(claims, "distance")
    assert dist.subject.text == "1932 Orvel Rally"
    assert dist.value.unit == "m" and dist.value.low <= 412_000 <= dist.value.high
    assert dist.value.text == "412 km (256 mi)"
    assert RALLY_BOX[dist.evidence.start : dist.evidence.end] == dist.evidence.quote
    assert find(claims, "stage")[0].value.low == 4


def test_a_row_holding_a_name_gives_no_attribute():
    assert not [c for c in claims_of(RALLY_BOX) if c.property == "winner"]


def test_a_citation_mark_inside_a_figure_is_no_part_of_it():
    text = "1932 Orvel Rally details Stages:\t4 Distance:\t1,204[3] km (748 mi)\n"
    (dist,) = find(claims_of(text), "distance")
    assert dist.value.low <= 1_204_000 <= dist.value.high


@pytest.mark.parametrize("text", [
    "the rally details: Stages:\t4,  Distance:\t412 km\n",  # no name heads the rows
    "The 1932 Orvel Rally was long. Distance:\t412 km\n",  # one row in prose is no box
    "1932 Orvel Rally details: Stages: 4, Distance: 412 km\n",  # a colon without a tab
])
def test_rows_without_a_named_heading_or_without_a_box_shape_give_nothing(text):
    assert not [c for c in claims_of(text) if c.property in ("distance", "stage")]


def test_a_table_cell_line_and_a_box_that_differ_on_a_distance_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Stage,\tDistance | 1,\t190 km | 2,\t222 km || Total distance of 1932 Orvel "
                 "Rally:\t398 km (247 mi)",
        "b.txt": RALLY_BOX,
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["property"] == "distance"
    assert {c["value"]["text"] for c in f["claims"]} == {"398 km (247 mi)", "412 km (256 mi)"}


def test_a_distance_in_another_unit_within_rounding_is_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Total distance of 1932 Orvel Rally:\t256 mi\n",
        "b.txt": RALLY_BOX,
    })
    assert not [f for f in found if f["kind"] == "conflict"]
    assert [f for f in found if f["property"] == "distance"]


def test_an_event_name_with_or_without_the_word_for_its_kind_is_one_name():
    assert compare_names("1932 Orvel", "1932 Orvel Rally", "ORG").same
    assert not compare_names("1932 Orvel", "1933 Orvel Rally", "ORG").same


# ------------------------------------------------------------------ a count and its list


def test_a_count_whose_list_after_the_colon_falls_short_is_the_source_contradicting_itself(
        tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The Orvel valley holds four small towns: Arlen, Vesk, Tolm. The valley is green.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert {c["value"]["normalized"] for c in f["claims"]} == {"4", "3"}
    assert "contradicts itself" in f["explanation"] and "lists 3" in f["explanation"]
    assert all(c["quote"].startswith("The Orvel valley holds four") for c in f["claims"])


def test_a_list_the_sentence_splitter_cut_off_at_the_colon_is_still_the_list():
    text = ("In Vellmark College, the following six prizes have been founded: Arlen Prize in "
            "Poetry, Vesk Prize in Music, Tolm Prize in Law, Brenn Prize in Art, Oda Prize in "
            "Botany")
    got = [c for c in claims_of(text) if c.qualifier("relation") is not None
           and c.qualifier("relation").word == "enumerate"]
    assert sorted(c.value.low for c in got) == [5, 6]
    assert all(c.evidence.quote.endswith("Oda Prize in Botany") for c in got)


def test_the_figure_of_a_slip_still_makes_its_own_statement():
    claims = claims_of("The Orvel valley holds four small towns: Arlen, Vesk, Tolm.")
    relations = {c.qualifier("relation").word for c in claims if c.property == "statement"}
    assert {"enumerate", "hold town"} <= relations


@pytest.mark.parametrize("text", [
    "The Orvel valley holds three small towns: Arlen, Vesk, Tolm.",        # as many as counted
    "The Orvel valley holds two towns: Arlen, Upper Vale, Tolm.",          # a name's own comma
    "The Orvel valley holds at least four towns: Arlen, Vesk, Tolm.",      # a loose count
    "The Orvel valley holds nine towns, including: Arlen, Vesk, Tolm.",    # a selection
    "The Orvel valley holds four towns: Arlen, Vesk, Tolm, etc.",          # an open list
    "The Orvel valley grows four crops: barley, oats, rye.",               # not names
    "In 1920 the valley held 12 towns and 3 mills: Arlen, Vesk.",          # which count?
])
def test_a_list_that_fits_its_count_or_cannot_be_checked_is_no_slip(text):
    assert not [c for c in claims_of(text) if c.qualifier("relation") is not None
                and c.qualifier("relation").word == "enumerate"]


# ------------------------------------------------------------------ how many do one thing


def _agent_claims(text):
    return [c for c in claims_of(text) if c.property == "statement"
            and c.qualifier("role").word.startswith("by:")]


def test_counted_doers_in_front_of_the_verb_give_the_passive_frame_of_what_they_act_on():
    text = "Only the three clerks who keep the old ledger of Varnholm know its code."
    (c, *_) = [c for c in _agent_claims(text) if c.qualifier("relation").word == "keep"]
    assert c.subject.text == "old ledger varnholm" and c.subject.label == "TOPIC"
    assert c.qualifier("role").word == "by:clerk" and c.value.normalized == "3"
    assert text[c.evidence.start : c.evidence.end] == c.evidence.quote


def test_a_count_said_in_the_active_and_in_the_passive_voice_is_one_statement(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Only the three clerks who keep the old ledger of Varnholm know its code.",
        "b.txt": "The old ledger of Varnholm is kept by two clerks.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["property"] == "statement" and f["scope"] == "keep \u00b7 by:clerk"
    assert {c["value"]["normalized"] for c in f["claims"]} == {"3", "2"}
    assert "another value" in f["explanation"]


def test_a_reduced_relative_counts_the_doers_of_the_noun_it_hangs_on(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "Vellmark cheese is cured with the brine mixture prepared by four monks.",
        "b.txt": "Six monks prepare the brine mixture.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert {c["value"]["normalized"] for c in f["claims"]} == {"4", "6"}


@pytest.mark.parametrize("b", [
    "The old ledger of Varnholm is kept by two scribes.",        # other doers
    "The old ledger of Varnholm is read by two clerks.",         # another act
    "The old ledger of Varnholm is kept by three clerks.",       # the same figure
])
def test_other_doers_another_act_or_the_same_figure_is_no_conflict(tmp_path, b):
    found = findings(tmp_path, {
        "a.txt": "Only the three clerks who keep the old ledger of Varnholm know its code.",
        "b.txt": b,
    })
    assert not [f for f in found if f["kind"] == "conflict"]


def test_counts_of_doers_at_two_stated_times_are_no_conflict(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "In 1990 three clerks kept the old ledger of Varnholm.",
        "b.txt": "In 2004 the old ledger of Varnholm was kept by two clerks.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


@pytest.mark.parametrize("text", [
    "The clerks who keep the old ledger of Varnholm know its code.",   # doers not counted
    "One clerk keeps the old ledger of Varnholm.",                     # no plural count
    "Three clerks of Varnholm were sent home.",                        # nothing acted on
    "Three clerks of Varnholm slept.",
])
def test_no_agent_count_without_counted_doers_and_what_they_act_on(text):
    assert not _agent_claims(text)


def test_two_counts_of_doers_by_measure_units_still_need_shared_context(tmp_path):
    found = findings(tmp_path, {
        "a.txt": "The old canal of Varnholm was lengthened by two kilometres.",
        "b.txt": "The old canal of Varnholm was lengthened by five kilometres.",
    })
    assert not [f for f in found if f["kind"] == "conflict"]


# ------------------------------------------------------------------ a duration and its years


def test_a_duration_that_does_not_fit_the_years_it_runs_between_is_a_self_contradiction(
        tmp_path):
    found = findings(tmp_path, {
        "a.txt": "After them the house of Orvel ruled the valley for 52 years from 910 to 880 BC.",
    })
    (f,) = [f for f in found if f["kind"] == "conflict"]
    assert f["scope"] == "span \u00b7 duration"
    assert {c["value"]["normalized"] for c in f["claims"]} == {"52", "30"}
    assert "contradicts itself" in f["explanation"] and "910 to 880 BC" in f["explanation"]
    assert all(c["quote"].startswith("After them the house of Orvel") for c in f["claims"])


def test_a_duration_with_its_years_in_brackets_is_checked_the_same_way():
    claims = claims_of("The Orvel mill ran for 31 years (1810–1850) on the west bank.")
    got = [c for c in claims if c.qualifier("relation") is not None
           and c.qualifier("relation").word == "span"]
    assert sorted(c.value.low for c in got) == [31, 40]


@pytest.mark.parametrize("text", [
    "The house of Orvel ruled the valley for 40 years, from 1310 to 1350.",   # fits
    "The house of Orvel ruled the valley for 41 years, from 1310 to 1350.",   # both end years
    "The house of Orvel ruled the valley for 30 years from 910 to 880 BC.",   # counts down
    "The Orvel guild met for 19 years from 10 BC to 10 AD.",                  # across the era
    "The house of Orvel ruled the valley for four years between 1310 and 1350.",  # a window
    "The house of Orvel ruled the valley for about 52 years from 1310 to 1350.",  # loose
    "The house of Orvel ruled the valley for 52 years from 1310.",            # no end year
    "The house of Orvel ruled the valley for 52 years; from 1310 to 1350 it paid tribute.",
])
def test_a_duration_that_fits_or_is_no_stretch_between_two_years_is_no_slip(text):
    assert not [c for c in claims_of(text) if c.qualifier("relation") is not None
                and c.qualifier("relation").word == "span"]
