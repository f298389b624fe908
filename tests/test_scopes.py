"""Counts meet only counts of the same thing: the words between a numeral and its
noun say which kind of the thing is counted."""

from accord.contracts import findings_json
from tests.piles import built


def test_counts_of_two_kinds_of_one_thing_never_meet_and_one_kind_conflicts(tmp_path):
    store = built(tmp_path, {
        "a.txt": "The Velmora Quartet has released four studio albums, two live albums and six "
                 "singles.\n",
        "b.txt": "The Velmora Quartet has released three live albums.\n"})
    counts = [f for f in findings_json(store)["findings"] if f["property"] == "count"]
    conflicts = [sorted(c["value"]["normalized"] for c in f["claims"]) for f in counts
                 if f["kind"] == "conflict"]
    assert conflicts == [["2", "3"]]  # the four studio albums stand alone


def test_a_count_is_about_the_clause_subject_even_when_the_tagger_names_nothing(tmp_path):
    # a one-word band name the small tagger does not tag as a name
    store = built(tmp_path, {"a.txt": "Quillfeather has released two live albums.\n",
                             "b.txt": "Quillfeather has released three live albums.\n"})
    conflicts = [f for f in findings_json(store)["findings"]
                 if f["property"] == "count" and f["kind"] == "conflict"]
    assert [f["subject"]["name"] for f in conflicts] == ["Quillfeather"]
    assert sorted(c["value"]["normalized"] for c in conflicts[0]["claims"]) == ["2", "3"]


def test_a_figure_holds_on_its_day_so_two_days_figures_never_meet(tmp_path):
    def report(day: str, value: str) -> str:
        return (f"Harbour Exchange Daily\n\n{day}\n\n"
                f"The Marlow Index currently has a value of {value} points.\n")

    def conflicts(folder: str, a_day: str, b_day: str) -> list[dict]:
        store = built(tmp_path / folder, {"a.txt": report(a_day, "9,310"),
                                          "b.txt": report(b_day, "9,874")})
        return [f for f in findings_json(store)["findings"] if f["kind"] == "conflict"]

    assert conflicts("days", "Tuesday, June 14, 2016", "Friday, June 17, 2016") == []
    [same_day] = conflicts("day", "Tuesday, June 14, 2016", "Tuesday, June 14, 2016")
    assert same_day["subject"]["name"] == "Marlow Index"
    assert same_day["scope"] == "time=2016-06-14"
