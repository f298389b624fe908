"""Named mentions beyond the tagger: a person named in full is then called by the
surname alone, and that bare surname is a mention of a person."""

from accord.annotate.mentions import names_repeated, people_throughout, surname_echoes
from accord.annotate.nlp import parse_english
from accord.model import Mention


def _echoes(text: str, full: str, label: str = "PER") -> list[str]:
    start = text.index(full)
    got = surname_echoes(text, [Mention(start, start + len(full), full, label)])
    return [text[m.start:m.end] for m in got]


def test_a_later_bare_surname_is_a_mention_of_a_person():
    text = "Orlen Vask was born in 1890. Vask was shot in 1931, and Vask's papers burned."
    assert _echoes(text, "Orlen Vask") == ["Vask", "Vask"]


def test_a_russian_surname_is_found_in_its_cases():
    text = "Орлен Васк родился в 1890 году. Васка расстреляли, о Васке забыли."
    assert _echoes(text, "Орлен Васк") == ["Васка", "Васке"]


def test_no_echo_of_a_common_word_a_date_or_a_part_of_a_longer_name():
    assert _echoes("Ada Baker arrived. Baker left; the baker stayed.", "Ada Baker") == []
    assert _echoes("Talin Oblast August was tagged. In August it rained.",
                   "Talin Oblast August") == []
    assert _echoes("Orlen Books wrote it. Hippocrene Books printed it. Books came.",
                   "Orlen Books") == ["Books"]


def test_only_people_echo_and_only_after_the_full_name():
    assert _echoes("Vask was first. Orlen Vask came.", "Orlen Vask") == []
    assert _echoes("Northern Vask Company grew. Vask sold it.", "Northern Vask Company", "ORG") == []


def test_a_surname_opening_the_next_sentence_is_an_echo():
    text = "Ilse Danner was born in Tarn Province. Danner was arrested in 1889."
    assert _echoes(text, "Ilse Danner") == ["Danner"]


def _people(text: str) -> list[str]:
    return [m.text for m in next(parse_english([text])).mentions if m.label == "PER"]


def test_an_untagged_name_that_was_born_or_died_is_a_person():
    assert _people("Ilse Danner was born in 1852. Danner was arrested in 1889.") == [
        "Ilse Danner", "Danner"]


def test_one_word_or_a_subject_any_thing_can_be_is_not_made_a_person():
    assert _people("Danner was born in 1852.") == []
    assert _people("Tarn Province lies north of the bay.") == []


def test_a_name_of_several_words_found_once_is_found_wherever_it_is_written():
    text = "Harrow Rowing Club\n\nHarrow Rowing Club was founded in 1887; the Harrow Rowing"
    found = names_repeated(text, [Mention(0, 18, "Harrow Rowing Club", "ORG")])
    assert [(m.start, m.text, m.label) for m in found] == [(20, "Harrow Rowing Club", "ORG")]


def test_a_name_a_text_uses_for_a_person_is_that_person_in_its_title_line_too():
    mentions = [Mention(0, 12, "Ilse Danner", "ORG"), Mention(14, 25, "Ilse Danner", "PER"),
                Mention(40, 44, "Ford", "ORG"), Mention(50, 54, "Ford", "PER")]
    assert [m.label for m in people_throughout(mentions)] == ["PER", "PER", "ORG", "PER"]
