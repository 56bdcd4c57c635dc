"""How one name is written in several ways: the form the variants share.

Shared by resolution within an article (`entities`) and across a corpus (`corpus`).
"""

from __future__ import annotations

#: Words after a company's name that do not change which company it is.
_COMPANY_SUFFIXES = frozenset({"corp", "corporation", "inc", "incorporated", "plc", "ltd", "limited", "llc",
                               "co", "group", "holdings", "sa", "ag", "nv", "gmbh"})
_PERSON_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: Country words written before a national agency's name ("US", "UK", "British" ...).
_COUNTRY_PREFIXES = frozenset({"us", "u.s.", "uk", "u.k.", "american", "british", "french", "german",
                               "japanese", "chinese", "russian", "indian", "canadian", "australian",
                               "italian", "spanish", "irish", "scottish", "welsh"})
#: Words that make a name a public body, so a country word before it only says whose.
_AGENCY_WORDS = frozenset({"commission", "agency", "department", "ministry", "office", "service",
                           "administration", "authority", "bureau", "board", "reserve", "institute",
                           "committee", "council", "court", "police"})


def variant_form(name: str, *, person: bool, nicknames: bool = False, initials: bool = False) -> str:
    """The form two ways of writing one name share: case, dots, hyphens and spaces gone,
    with a company's suffixes, a person's "Jr." and middle initials, and a country word
    before a longer organisation name dropped. "" for a name too short to compare.

    >>> variant_form("U.S.", person=False), variant_form("US", person=False)
    ('us', 'us')
    >>> variant_form("Time Warner", person=False) == variant_form("TimeWarner", person=False)
    True
    >>> variant_form("John R. Smith", person=True, initials=True) == variant_form("John Smith Jr.", person=True)
    True
    >>> variant_form("George W. Bush", person=True) == variant_form("George Bush", person=True)
    False
    """
    words = [w for w in name.replace(",", " ").split() if w]
    if person:
        words = [w for w in words if w.rstrip(".").casefold() not in _PERSON_SUFFIXES]
        if nicknames and words:  # "Jack Smith" / "John Smith", within one article only
            words = [NICKNAMES.get(words[0], words[0])] + words[1:]
        if initials and len(words) > 2:  # "John R. Smith": drop initials between first and last name
            words = [words[0]] + [w for w in words[1:-1] if len(w.rstrip(".")) > 1] + [words[-1]]
        if len(words) < 2:
            return ""  # a lone word is a surname: `_surnames` decides those
    else:
        words = [w for w in words if w.casefold() not in ("&", "and")]  # "Securities & Exchange"
        while len(words) > 1 and words[-1].rstrip(".").casefold() in _COMPANY_SUFFIXES:
            words = words[:-1]
        if len(words) > 2 and words[0].casefold() in _COUNTRY_PREFIXES and any(
                w.casefold() in _AGENCY_WORDS for w in words[1:]):
            words = words[1:]  # "US Securities and Exchange Commission"
    return "".join(c for c in "".join(words).casefold() if c.isalnum())




def middle_initials(name: str) -> tuple[str, ...]:
    """The single-letter middle names of a person's name: "John R. Smith" → ("R",)."""
    words = name.split()
    return tuple(w.rstrip(".") for w in words[1:-1] if len(w.rstrip(".")) == 1)


#: Short forms of given names → the given name: "Jack Smith" and "John Smith" in one
#: article are one person. Written for kgbuild from general knowledge.
NICKNAMES = {
    "Jack": "John", "Johnny": "John", "Bill": "William", "Billy": "William", "Will": "William",
    "Bob": "Robert", "Bobby": "Robert", "Rob": "Robert", "Jim": "James", "Jimmy": "James",
    "Mike": "Michael", "Mick": "Michael", "Tony": "Anthony", "Dick": "Richard", "Rick": "Richard",
    "Tom": "Thomas", "Tommy": "Thomas", "Dave": "David", "Ted": "Edward", "Ed": "Edward",
    "Eddie": "Edward", "Liz": "Elizabeth", "Beth": "Elizabeth", "Kate": "Katherine", "Katie": "Katherine",
    "Joe": "Joseph", "Dan": "Daniel", "Danny": "Daniel", "Steve": "Stephen", "Pete": "Peter",
    "Andy": "Andrew", "Nick": "Nicholas", "Matt": "Matthew", "Jon": "Jonathan", "Tim": "Timothy",
    "Ben": "Benjamin", "Sam": "Samuel", "Chris": "Christopher", "Alex": "Alexander", "Fred": "Frederick",
    "Harry": "Henry", "Jerry": "Gerald", "Larry": "Lawrence", "Ron": "Ronald", "Don": "Donald",
    "Greg": "Gregory", "Jeff": "Jeffrey", "Ken": "Kenneth", "Phil": "Philip", "Ray": "Raymond",
    "Sue": "Susan", "Maggie": "Margaret", "Peggy": "Margaret", "Jenny": "Jennifer", "Penny": "Penelope",
}
