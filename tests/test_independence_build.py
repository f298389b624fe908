"""Copies do not corroborate: agreement between a text and a copy of it is not agreement
between independent sources (issue #7). Texts are made up."""

from accord.contracts import findings_json
from accord.pipeline import build
from accord.store.db import Store

ENTRY = ("Helen Marsh Entry\n\nThis entry is fictional.\n\n"
         "Helen Marsh was born in 1851 in the marsh town of Fennick, where her father kept "
         "the lighthouse and her mother taught at the harbour school for many years.\n\n"
         "She surveyed the northern coast for the harbour board and drew its first charts.\n")
BLOG = ("Notes on Lighthouses\n\nThis blog post is fictional.\n\n"
        "Our reading this week was about coastal charts and the people who drew them.\n\n"
        "Helen Marsh was born in 1851 in the marsh town of Fennick, where her father kept "
        "the lighthouse and her mother taught at the harbour school for many years.\n\n"
        "We will come back to the charts next week.\n")
LETTER = ("A Letter\n\nThis letter is fictional.\n\n"
          "My aunt Helen Marsh, who was born in 1851, wrote to me about the charts.\n")


def _birth(tmp_path, files):
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "c.db")
    build([str(folder)], Store(db))
    fs = findings_json(Store(db, create=False))["findings"]
    return next(f for f in fs if f["property"] == "birth" and "Marsh" in f["subject"]["name"])


def test_a_pasted_passage_is_no_independent_corroboration(tmp_path):
    f = _birth(tmp_path, {"entry.txt": ENTRY, "blog.txt": BLOG})
    assert f["kind"] == "single"
    assert f["independent_sources"] == 1
    assert "copies" in f["explanation"]


def test_an_independent_third_source_makes_it_an_agreement_of_two(tmp_path):
    f = _birth(tmp_path, {"entry.txt": ENTRY, "blog.txt": BLOG, "letter.txt": LETTER})
    assert f["kind"] == "agree"
    assert f["independent_sources"] == 2
