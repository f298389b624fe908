"""Which words state which property: a lexicon of English and Russian lemmas.

These are facts about language ("born" states a birth, "расстрелян" an execution
by shooting), never about a topic. `role` says whom the claim is about:
`patient` is the one the event happened to (subject of a passive, object of an
active verb: "X was captured", "they captured X"); `agent` is the grammatical
subject of an active verb ("X joined", "X died"); `object` makes the object the
subject of the claim ("they founded X" is a claim about X's founding).
"""

from __future__ import annotations

from dataclasses import dataclass

# Properties whose event happens once to a subject: two disjoint times conflict.
UNIQUE_PROPERTIES = frozenset(
    {"birth", "death", "manner_of_death", "execution", "founding", "dissolution",
     "birth_place", "death_place", "marriage", "cause_of_death"}
)
# (a marriage is to someone, its scope: one wedding of the same two people)
# Properties that can happen several times (captured twice, two trials): two
# disjoint times are taken as two events unless something else ties them.
REPEATABLE_PROPERTIES = frozenset(
    {"capture", "surrender", "trial", "sentence", "release", "membership", "command",
     "battle", "rank", "award", "event", "count"}
)
PROPERTIES = UNIQUE_PROPERTIES | REPEATABLE_PROPERTIES


@dataclass(frozen=True, slots=True)
class Trigger:
    property: str
    role: str  # patient | agent | object
    manner: str = ""  # a manner of death the word itself states
    needs_passive: bool = False  # only as a passive ("was shot", not "shot a film")
    needs_object: str = ""  # a lemma the trigger needs among its dependants ("take prisoner")
    unless: frozenset[str] = frozenset()  # dependants that make it another verb ("drowned out")
    object_is_value: bool = False  # membership/command: the object is the scope


EN_VERBS: dict[str, tuple[Trigger, ...]] = {
    "bear": (Trigger("birth", "patient", needs_passive=True),),
    "die": (Trigger("death", "agent", unless=frozenset({"out", "down", "off"})),),  # not "died out"
    "perish": (Trigger("death", "agent"),),
    "kill": (Trigger("death", "patient", needs_passive=True),),
    "murder": (Trigger("death", "patient", needs_passive=True),),
    "assassinate": (Trigger("death", "patient", needs_passive=True),),
    "drown": (Trigger("death", "agent", unless=frozenset({"out"})),),
    "pass": (Trigger("death", "agent", needs_object="away"),),  # "passed away"
    "lose": (Trigger("death", "agent", needs_object="life"),),  # "lost his life"
    "commit": (Trigger("death", "agent", needs_object="suicide"),),
    "execute": (Trigger("execution", "patient"),),
    "hang": (Trigger("execution", "patient", manner="hanging", needs_passive=True),),
    "shoot": (Trigger("execution", "patient", manner="shooting", needs_passive=True),),
    "behead": (Trigger("execution", "patient", manner="beheading"),),
    "guillotine": (Trigger("execution", "patient", manner="beheading"),),
    "capture": (Trigger("capture", "patient"),),
    "seize": (Trigger("capture", "patient", needs_passive=True),),
    "arrest": (Trigger("capture", "patient"),),
    "detain": (Trigger("capture", "patient"),),
    "apprehend": (Trigger("capture", "patient"),),
    "take": (Trigger("capture", "patient", needs_object="prisoner"),
             Trigger("capture", "patient", needs_object="captive")),
    "surrender": (Trigger("surrender", "agent"),),
    "try": (Trigger("trial", "patient", needs_passive=True),),
    "sentence": (Trigger("sentence", "patient"),),
    "release": (Trigger("release", "patient"),),
    "free": (Trigger("release", "patient", needs_passive=True),),
    "pardon": (Trigger("release", "patient"),),
    "join": (Trigger("membership", "agent", object_is_value=True),),
    "enlist": (Trigger("membership", "agent", object_is_value=True),),
    "command": (Trigger("command", "agent", object_is_value=True),),
    "lead": (Trigger("command", "agent", object_is_value=True),),
    "head": (Trigger("command", "agent", object_is_value=True),),
    "found": (Trigger("founding", "object"),),
    "establish": (Trigger("founding", "object"),),
    "form": (Trigger("founding", "object"),),
    "create": (Trigger("founding", "object"),),
    "disband": (Trigger("dissolution", "object"),),
    "dissolve": (Trigger("dissolution", "object"),),
    "abolish": (Trigger("dissolution", "object"),),
    "promote": (Trigger("rank", "patient"),),
    "marry": (Trigger("marriage", "agent", object_is_value=True),),  # whom: the scope
    "wed": (Trigger("marriage", "agent", object_is_value=True),),
    "award": (Trigger("award", "patient"),),
    "decorate": (Trigger("award", "patient"),),
}

EN_NOUNS: dict[str, Trigger] = {
    "birth": Trigger("birth", "poss"),
    "death": Trigger("death", "poss"),
    "execution": Trigger("execution", "poss"),
    "capture": Trigger("capture", "poss"),
    "arrest": Trigger("capture", "poss"),
    "surrender": Trigger("surrender", "poss"),
    "trial": Trigger("trial", "poss"),
    "release": Trigger("release", "poss"),
}

RU_VERBS: dict[str, tuple[Trigger, ...]] = {
    "родиться": (Trigger("birth", "agent"),),
    "умереть": (Trigger("death", "agent"),),
    "скончаться": (Trigger("death", "agent"),),
    "погибнуть": (Trigger("death", "agent"),),
    "убить": (Trigger("death", "patient"),),
    "утонуть": (Trigger("death", "agent"),),
    "покончить": (Trigger("death", "agent", needs_object="себя"),),  # "покончил с собой"
    "застрелить": (Trigger("death", "patient", manner="shooting"),),
    "обезглавить": (Trigger("execution", "patient", manner="beheading"),),
    "казнить": (Trigger("execution", "patient"),),
    "повесить": (Trigger("execution", "patient", manner="hanging"),),
    "расстрелять": (Trigger("execution", "patient", manner="shooting"),),
    "пленить": (Trigger("capture", "patient"),),
    "арестовать": (Trigger("capture", "patient"),),
    "схватить": (Trigger("capture", "patient"),),
    "взять": (Trigger("capture", "patient", needs_object="плен"),),
    "сдаться": (Trigger("surrender", "agent"),),
    "судить": (Trigger("trial", "patient"),),
    "приговорить": (Trigger("sentence", "patient"),),
    "освободить": (Trigger("release", "patient"),),
    "помиловать": (Trigger("release", "patient"),),
    "вступить": (Trigger("membership", "agent", object_is_value=True),),
    "командовать": (Trigger("command", "agent", object_is_value=True),),
    "возглавить": (Trigger("command", "agent", object_is_value=True),),
    "основать": (Trigger("founding", "object"),),
    "создать": (Trigger("founding", "object"),),
    "учредить": (Trigger("founding", "object"),),
    "сформировать": (Trigger("founding", "object"),),
    "расформировать": (Trigger("dissolution", "object"),),
    "распустить": (Trigger("dissolution", "object"),),
    "ликвидировать": (Trigger("dissolution", "object"),),
    "наградить": (Trigger("award", "patient"),),
    "жениться": (Trigger("marriage", "agent", object_is_value=True),),  # "женился на X"
    "выйти": (Trigger("marriage", "agent", needs_object="замуж", object_is_value=True),),
}

RU_NOUNS: dict[str, Trigger] = {
    "рождение": Trigger("birth", "poss"),
    "смерть": Trigger("death", "poss"),
    "казнь": Trigger("execution", "poss"),
    "арест": Trigger("capture", "poss"),
    "суд": Trigger("trial", "poss"),
    "командующий": Trigger("command", "poss", object_is_value=True),
}

# Phrases that put someone in command: "put in charge of X", "placed at the head of X".
EN_COMMAND_NOUNS = frozenset({"charge", "head", "command", "commander", "leadership"})


# what befalls a person only: a name the text says this of is a person's
PERSON_PROPERTIES = frozenset({"birth", "death", "execution", "marriage"})


def says_of_a_person(lemma: str, language: str, passive: bool, dependants: set[str]) -> bool:
    """Does a verb of this lemma, with these dependants' lemmas, say of its grammatical
    subject what befalls only a person? A verb whose trigger speaks of its agent does
    in any voice ("X died", "X passed away"); one that speaks of its patient only as a
    passive ("X was hanged"; in "the court hanged X" the subject is not the one)."""
    return any(trig.property in PERSON_PROPERTIES
               and (not trig.needs_object or trig.needs_object in dependants)
               and not trig.unless & dependants
               and (trig.role == "agent" or (trig.role == "patient" and passive))
               for trig in verb_triggers(lemma, language))


def verb_triggers(lemma: str, language: str) -> tuple[Trigger, ...]:
    table = RU_VERBS if language == "ru" else EN_VERBS
    return table.get(lemma.lower(), ())


def noun_trigger(lemma: str, language: str) -> Trigger | None:
    table = RU_NOUNS if language == "ru" else EN_NOUNS
    return table.get(lemma.lower())
