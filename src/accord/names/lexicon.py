"""Closed word lists of the languages involved: titles, ranks, particles, legal forms.

These are facts about English, Russian, German, French, Arabic naming and company
law, not about any subject: nothing here names a person, an organisation or a place.
All entries are ascii-folded lowercase (Cyrillic ones are kept in Cyrillic and
matched before romanisation).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as running text (easier to read and extend than a literal)."""
    return frozenset(text.split())


# --------------------------------------------------------------- titles and ranks
# Leading words that are not part of a person's name. Multi-word ranks
# ("lieutenant general", "lt. gen.") are sequences of these.
TITLES: frozenset[str] = words("""
mr mrs ms miss mx dr doctor prof professor sir dame lord lady rev reverend fr father
herr frau fraulein monsieur mme madame mlle mademoiselle signor signora senor senora don dona
gen general generals lt lieut lieutenant col colonel maj major capt captain cpt cmdr cdr commander
comdr adm admiral vadm radm brig brigadier sgt sergeant cpl corporal pvt private spc ens ensign
marshal marshall field fm commissar comrade cmde commodore cadet officer chief warrant
generalleutnant generaloberst generalmajor generalfeldmarschall feldmarschall oberst oberstleutnant
hauptmann leutnant rittmeister obergruppenfuhrer gruppenfuhrer brigadefuhrer standartenfuhrer
obersturmbannfuhrer sturmbannfuhrer hauptsturmfuhrer general-leutnant
president pres vice premier chancellor minister prime secretary chairman chairwoman chair
governor gov senator sen representative rep ambassador amb deputy mayor judge justice
king queen prince princess tsar czar tsarina emperor empress duke duchess count countess baron
baroness archbishop bishop metropolitan patriarch pope saint st
sheikh shaikh shaykh sheik mullah mulla maulvi mawlawi mawlana haji hajji hadji
prasident kanzler
""")

# Russian titles and ranks (nominative stems; any case ending is accepted after them).
RU_TITLES: frozenset[str] = words("""
господин госпожа гражданин гражданка товарищ тов г-н г-жа генерал генерал-лейтенант
генерал-майор генерал-полковник генерал-фельдмаршал фельдмаршал маршал полковник подполковник
майор капитан лейтенант старший младший сержант рядовой ефрейтор адмирал вице-адмирал
контр-адмирал комиссар комдив комкор командарм комбриг президент председатель премьер министр
командующий командир начальник академик профессор доктор генерал-полковника
""")

RU_CASE_ENDINGS: tuple[str, ...] = ("", "а", "у", "ом", "ем", "е", "ы", "и", "ой", "ого", "ому",
                                    "ым", "ам", "ами", "ах", "ов", "ей", "я", "ю")

# Trailing words that qualify a person's name without being part of it.
PERSON_SUFFIXES: frozenset[str] = words("jr jnr sr snr ii iii iv phd md esq")

# Name particles: never enough to tell two people apart, never conflict.
PARTICLES: frozenset[str] = words("""
al el ul ur ud ad as ash at az an ar bin ibn ben bint binti ould
de da di del della dos das du des van von der den ter ten zu la le lo y
""")
# Particles that introduce a father's name: the next token is a patronymic.
PATRONYMIC_PARTICLES: frozenset[str] = words("bin ibn ben bint binti ould")

# East Slavic patronymic endings (romanised, after spelling folding is NOT applied).
PATRONYMIC_ENDINGS: tuple[str, ...] = (
    "ovich", "evich", "ovitch", "evitch", "ovych", "evych", "ovic", "evic", "ovna", "evna",
    "ichna", "ivna", "ievich", "yevich", "ovicz", "owitsch", "ewitsch", "ovitsch", "evitsch",
)
RU_PATRONYMIC_ENDINGS: tuple[str, ...] = ("ович", "евич", "ьич", "ична", "овна", "евна", "інічна",
                                          "ійович", "ович", "йович", "івна", "ьевич")

# Surname endings that reveal surname-first order ("Курасов Андрей").
SURNAME_ENDINGS: tuple[str, ...] = ("ov", "ev", "ova", "eva", "sky", "ski", "skiy", "skii",
                                    "skaya", "enko", "shvili", "dze", "yan", "ian")
RU_SURNAME_ENDINGS: tuple[str, ...] = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ина", "ына",
                                       "ский", "цкий", "ская", "цкая", "енко", "ук", "юк")

# ------------------------------------------------------------ organisations
STOPWORDS: frozenset[str] = words("""
the a an of and for in on at to by with from de la le les des du der die das den und et y e
di da del do dos
""")
RU_STOPWORDS: frozenset[str] = words("и в во на по для при с со к от")

# Words that can be present or absent without naming another body: a group's word for
# itself, and the word for the kind of an event its name may be written with or without
# ("the Orvel Rally" / "the Orvel").
DESIGNATORS: frozenset[str] = words("""
group groups holding holdings gruppe groupe grupo
race rally regatta marathon tournament festival
""")
VESSEL_PREFIXES: frozenset[str] = words("mv ms mt ss sv fv mts hms uss rms my lng")

# Common abbreviations of organisation words.
ABBREVIATIONS: dict[str, str] = {
    "intl": "international", "int": "international", "natl": "national", "assn": "association",
    "assoc": "association", "dept": "department", "govt": "government", "univ": "university",
    "inst": "institute", "mfg": "manufacturing", "bros": "brothers", "svcs": "services",
    "mgmt": "management", "tech": "technology", "ry": "railway", "rly": "railway",
    "organisation": "organization", "labour": "labor", "centre": "center",
}

# Legal forms: phrase (space-separated ascii words) -> (code, family).
# Families: G (generic: compatible with all), L (private limited), J (joint-stock/public),
# P (partnership), N (non-profit). Two forms conflict when both are non-generic and
# their families differ (an AG is not the GmbH of the same name).
LEGAL_FORMS: dict[str, tuple[str, str]] = {}


def _add(family: str, code: str, *phrases: str) -> None:
    for p in (code, *phrases):
        LEGAL_FORMS[p] = (code, family)


_add("G", "co", "company", "compagnie", "cie", "companhia", "compania", "kompaniya")
_add("G", "corp", "corporation", "korporatsiya", "korporatsiia")
_add("G", "inc", "incorporated")
_add("G", "pt", "perseroan terbatas")
_add("G", "na", "national association")
_add("L", "ltd", "limited", "limitada", "ltda")
_add("L", "llc", "l l c", "limited liability company", "limited liability co")
_add("L", "gmbh", "gesellschaft mit beschrankter haftung")
_add("L", "bv", "besloten vennootschap", "bvba")
_add("L", "sarl", "s a r l", "societe a responsabilite limitee")
_add("L", "srl", "s r l", "societatea cu raspundere limitata", "societa a responsabilita limitata")
_add("L", "sl", "sociedad limitada")
_add("L", "spzoo", "sp z oo", "sp z o o", "spolka z ograniczona odpowiedzialnoscia")
_add("L", "sro", "s r o", "spolecnost s rucenim omezenym")
_add("L", "ooo", "obshchestvo s ogranichennoi otvetstvennostiu",
     "obshchestvo s ogranichennoy otvetstvennostyu", "o o o")
_add("L", "tov", "tovarystvo z obmezhenoiu vidpovidalnistiu")
_add("L", "pty", "proprietary")
_add("L", "pte", "private limited")
_add("L", "kft")
_add("L", "ab", "aktiebolag")
_add("L", "oy", "osakeyhtio")
_add("J", "jsc", "joint stock company", "joint stock co", "joint-stock company", "ao",
     "aktsionernoe obshchestvo", "aktsionernoye obshchestvo")
_add("J", "ojsc", "open joint stock company", "oao", "otkrytoe aktsionernoe obshchestvo")
_add("J", "cjsc", "closed joint stock company", "zao", "zakrytoe aktsionernoe obshchestvo")
_add("J", "pjsc", "public joint stock company", "pao", "publichnoe aktsionernoe obshchestvo")
_add("J", "ag", "aktiengesellschaft")
_add("J", "plc", "public limited company", "p l c")
_add("J", "sa", "s a", "societe anonyme", "sociedad anonima", "sociedade anonima",
     "sa de cv", "s a de c v")
_add("J", "nv", "naamloze vennootschap")
_add("J", "spa", "societa per azioni")
_add("J", "se", "societas europaea")
_add("J", "as", "a s", "aktieselskab", "aksjeselskap", "asa")
_add("J", "kk", "kabushiki kaisha")
_add("P", "lp", "limited partnership", "l p")
_add("P", "llp", "limited liability partnership", "l l p")
_add("P", "kg", "kommanditgesellschaft")
_add("N", "ano", "avtonomnaya nekommercheskaya organizatsiya")
_add("N", "ev", "eingetragener verein")

# Russian abbreviations written in Cyrillic, matched before romanisation.
RU_LEGAL_FORMS: dict[str, str] = {
    "ооо": "ooo", "оао": "ojsc", "зао": "cjsc", "пао": "pjsc", "ао": "jsc", "ано": "ano",
    "тов": "tov", "пат": "pjsc", "прат": "cjsc",
}

# Long single-word legal forms, recognised with a typo or truncated at the end of a name.
FUZZY_LEGAL_WORDS: tuple[str, ...] = ("aktiengesellschaft", "corporation", "incorporated",
                                      "company", "limited")

# Words that mark an organisation rather than a person (used only to decide whether a
# leading "General"/"President" is a title when the kind of name is not known).
ORG_WORDS: frozenset[str] = words("""
army armies corps division front regiment brigade battalion fleet staff command committee
council party ministry government bank company corporation union league movement society
association institute university school hospital church office agency service services
bureau court assembly congress parliament republic motors electric dynamics mills works
hotel railway airlines
армия корпус дивизия фронт полк бригада батальон флот штаб комитет совет партия министерство
""")
