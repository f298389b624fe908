"""Name matching: are two surface forms the same person, organisation or place, and why.

Pure functions over frozen values. Entity resolution (`accord.resolve`) blocks
names with `blocking_keys`, compares the pairs with `same_name_rule` (the verdict
of `compare_names`) and learns
acronyms from `find_acronym_definitions`; every decision carries the rule that
made it.
"""

from .acronyms import acronyms_of, find_acronym_definitions
from .blocking import blocking_keys
from .compare import compare_names, same_name_rule
from .forms import Match, NameForm
from .parse import parse_name, strip_name

__all__ = [
    "Match",
    "NameForm",
    "acronyms_of",
    "blocking_keys",
    "compare_names",
    "find_acronym_definitions",
    "parse_name",
    "same_name_rule",
    "strip_name",
]
