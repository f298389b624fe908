"""Verdicts: how claims about one thing become agree / conflict / refines / single / disputed."""

from datetime import date

from accord.align.compare import PlaceIndex, Relation, relate
from accord.align.findings import build_findings, judge
from accord.model import (
    Approx,
    Claim,
    EntityRef,
    Evidence,
    Modality,
    Precision,
    Quantity,
    Term,
    TimeValue,
    Verdict,
)


def year(y: int) -> TimeValue:
    return TimeValue(date(y, 1, 1), date(y, 12, 31), Precision.YEAR, str(y))


def month(y: int, m: int) -> TimeValue:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return TimeValue(date(y, m, 1), date.fromordinal(nxt.toordinal() - 1), Precision.MONTH, f"{y}-{m}")


def day(y: int, m: int, d: int) -> TimeValue:
    return TimeValue(date(y, m, d), date(y, m, d), Precision.DAY, f"{y}-{m}-{d}")


def summer(y: int) -> TimeValue:
    return TimeValue(date(y, 6, 1), date(y, 8, 31), Precision.SEASON, f"summer {y}")


def claim(source: str, value, prop: str = "birth", modality=Modality.ASSERTED, version: str = "",
          zone: str = "body", start: int = 0, obj: str = "") -> Claim:
    quals = (("object", EntityRef(obj, "ORG", entity_id=obj)),) if obj else ()
    return Claim(id=f"{source}-{prop}-{start}-{value.normalized}", source_id=source,
                 subject=EntityRef("Ada Quill", "PER", 0, 9, "e1"), property=prop, value=value,
                 evidence=Evidence(source, start, start + 10, "a sentence", zone),
                 qualifiers=quals, modality=modality, version=version)


def test_different_years_from_two_sources_conflict():
    kind, why, n = judge([claim("a", year(1900)), claim("b", year(1901))])
    assert kind is Verdict.CONFLICT
    assert "1900" in why and "1901" in why and n == 2


def test_a_day_inside_a_month_refines_it_and_is_no_conflict():
    kind, _, _ = judge([claim("a", day(1942, 7, 12)), claim("b", month(1942, 7))])
    assert kind is Verdict.REFINES


def test_a_month_inside_a_season_refines_it():
    assert relate(month(1942, 7), summer(1942)) is Relation.NARROWER
    assert judge([claim("a", month(1942, 7)), claim("b", summer(1942))])[0] is Verdict.REFINES


def test_equal_values_from_two_sources_agree():
    assert judge([claim("a", year(1930)), claim("b", year(1930))])[0] is Verdict.AGREE


def test_one_source_alone_is_single():
    assert judge([claim("a", year(1930))])[0] is Verdict.SINGLE


def test_copies_of_one_text_do_not_corroborate_each_other():
    origins = {"a": "a", "b": "a"}
    kind, why, n = judge([claim("a", year(1930)), claim("b", year(1930))],
                         origin_of=lambda c: origins[c.source_id])
    assert kind is Verdict.SINGLE and n == 1 and "copies" in why


def test_two_versions_in_one_source_are_disputed_not_a_self_contradiction():
    hanged = claim("a", Term("hanging", "hanged"), "manner_of_death", Modality.DISPUTED, "1")
    shot = claim("a", Term("shooting", "shot"), "manner_of_death", Modality.DISPUTED, "2", start=50)
    assert judge([hanged, shot])[0] is Verdict.DISPUTED


def test_a_source_reporting_both_versions_does_not_conflict_with_either():
    both = [claim("a", Term("hanging", "hanged"), "manner_of_death", Modality.DISPUTED, "1"),
            claim("a", Term("shooting", "shot"), "manner_of_death", Modality.DISPUTED, "2", start=9)]
    other = claim("b", Term("hanging", "hanged"), "manner_of_death")
    assert judge([*both, other])[0] is Verdict.DISPUTED


def test_hanged_against_shot_across_sources_conflicts():
    a = claim("a", Term("hanging", "hanged"), "manner_of_death")
    b = claim("b", Term("shooting", "shot"), "manner_of_death")
    assert judge([a, b])[0] is Verdict.CONFLICT


def test_generic_execution_is_compatible_with_a_specific_manner():
    a = claim("a", Term("execution", "executed"), "manner_of_death")
    b = claim("b", Term("hanging", "hanged"), "manner_of_death")
    assert judge([a, b])[0] is Verdict.REFINES


def test_an_illness_is_compatible_with_a_named_one_and_two_named_ones_conflict():
    ill = claim("a", Term("illness", "of a long illness"), "cause_of_death")
    pneumonia = claim("b", Term("pneumonia", "of pneumonia"), "cause_of_death")
    heart = claim("c", Term("heart disease", "of a heart attack"), "cause_of_death")
    assert judge([ill, pneumonia])[0] is Verdict.REFINES
    assert judge([pneumonia, heart])[0] is Verdict.CONFLICT


def test_text_against_its_own_footnote_is_a_conflict_within_one_source():
    text = claim("a", year(1905), "release")
    note = claim("a", year(1906), "release", zone="footnote", start=400)
    kind, why, _ = judge([text, note])
    assert kind is Verdict.CONFLICT
    assert "footnote" in why


def test_repeatable_events_at_distant_times_are_separate_events_not_a_conflict():
    claims = [claim("a", year(1942), "capture"), claim("b", month(1942, 7), "capture"),
              claim("c", day(1945, 5, 12), "capture")]
    found = build_findings(claims)
    kinds = sorted(f.kind.value for f in found)
    assert kinds == ["refines", "single"]


def test_unique_events_at_distant_times_conflict():
    claims = [claim("a", year(1900), "death"), claim("b", year(1946), "death")]
    (f,) = build_findings(claims)
    assert f.kind is Verdict.CONFLICT


def test_membership_claims_meet_only_within_the_same_organisation():
    claims = [claim("a", year(1919), "membership", obj="army"),
              claim("b", year(1930), "membership", obj="party")]
    found = build_findings(claims)
    assert sorted(f.kind.value for f in found) == ["single", "single"]


def test_negated_claims_are_not_compared():
    claims = [claim("a", year(1900), "death"),
              claim("b", year(1946), "death", modality=Modality.NEGATED)]
    (f,) = build_findings(claims)
    assert f.kind is Verdict.SINGLE


def test_approximate_quantities_tolerate_small_differences():
    about = Quantity(9000, 9000, "soldier", Approx.ABOUT, "about 9,000")
    exact = Quantity(8600, 8600, "soldier", Approx.EXACT, "8,600")
    far = Quantity(20000, 20000, "soldier", Approx.EXACT, "20,000")
    assert relate(exact, about) is Relation.NARROWER
    assert relate(far, about) is Relation.DISJOINT


def test_open_bounds_more_than():
    more = Quantity(45000, None, "person", Approx.MORE_THAN, "more than 45,000")
    assert relate(Quantity(50000, 50000), more) is Relation.NARROWER
    assert relate(Quantity(40000, 40000), more) is Relation.DISJOINT


def test_places_in_a_stated_containment_refine_each_other():
    village = EntityRef("Little Ford", "GPE", entity_id="v")
    county = EntityRef("Marsh County", "GPE", entity_id="c")
    places = PlaceIndex({"v": frozenset({"c"})})
    assert relate(village, county, places) is Relation.NARROWER
    assert relate(village, county) is Relation.DISJOINT
