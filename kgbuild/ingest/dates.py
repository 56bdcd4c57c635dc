"""Dates: an article's publication date as written, and time phrases resolved against it.

`publication_date` reads the date fields of feeds and pages ("2022-03-14T22:10:00Z",
"Mon, 14 Mar 2022 10:00:00 GMT", "14 March 2022"). `resolve_date` turns the time phrase of a
statement ("Sunday", "last month", "February 24") into the days it names, counted from the
day the article was published. Both are pure and rule-based: dateparser would do more, but
is slow to import and guesses where these rules would rather say nothing.

A phrase resolves to a `DateSpan`: one day ("on Sunday", "yesterday", "March 3") or a
period ("last week", "in March", "2019"), first and last day inclusive. `argument_dates`
dates the time arguments of an article's statements; the records carry the result
(`Extraction.argument_dates`), and the graph stage only writes it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Iterable

from kgbuild.types import DateSpan, Modality, Statement

__all__ = ["RULESET", "DateSpan", "argument_dates", "publication_date", "resolve_date"]

#: Versioned name of the resolution rules (habit 4): change them, bump the version.
RULESET = "kgbuild.dates.v1"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        # No abbreviations: "the sun", "wed" and "sat" are words before they are days.
        (("monday",), ("tuesday",), ("wednesday",), ("thursday",), ("friday",),
         ("saturday",), ("sunday",))
    )
    for name in names
}
_NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "several": 3})

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
_DAY_MONTH = re.compile(rf"\b{_DAY}(?:\s+|-)(?:of\s+)?{_MONTH}(?:(?:,?\s+|-){_YEAR}\b)?")
_MONTH_YEAR = re.compile(rf"^{_MONTH}(?:,?\s+{_YEAR})?$")
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_WEEKDAY_PHRASE = re.compile(
    rf"^(?:(?P<which>last|this|next|this past|this coming)\s+)?{_WEEKDAY}{_PART_OF_DAY}$"
)
_RELATIVE_PERIOD = re.compile(
    r"^(?P<which>last|this|next|past|coming|previous|following|earlier this|later this)\s+"
    r"(?P<unit>week|weekend|month|year)$"
)
_AGO = re.compile(r"^(?P<count>\d+|[a-z]+(?: couple of)?)\s+(?P<unit>day|week|month|year)s?\s+ago$")
# Words that narrow a phrase without moving it: "early on Monday", "late last month".
_HEDGES = re.compile(
    r"^(?:(?:on|in|at|during|by|over|from|since|until|till|before|after|around|about|"
    r"as of|as early as|early|late|mid|earlier(?! this)|later(?! this)|the|of)\b[\s-]*)+"
)

#: Month words that alone are more often something else: the verb "may", abbreviations.
_BARE_MONTH_REFUSED = frozenset(name for name in _MONTHS if len(name) <= 4) - {"june", "july"}

_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "day before yesterday": -2, "tomorrow": 1,
    "tomorrow morning": 1, "tomorrow night": 1, "day after tomorrow": 2,
}


def argument_dates(statements: Iterable[Statement], published: date | str | None) -> dict[tuple[int, int], DateSpan]:
    """The days each time argument of `statements` names, by (statement index, argument position).

    Counted from the article's date `published` (`resolve_date`), forward for a statement
    about the future; a time argument that names no day this can place is left out.
    """
    dates: dict[tuple[int, int], DateSpan] = {}
    for statement in statements:
        for position, argument in enumerate(statement.arguments):
            if argument.category != "time":
                continue
            span = resolve_date(argument.value.text, published, future=statement.modality == Modality.FUTURE)
            if span is not None:
                dates[(statement.index, position)] = span
    return dates


def publication_date(value: str | None) -> str | None:
    """A publication date as written in a feed or page, as ISO `YYYY-MM-DD`; None if unreadable.

    Reads ISO 8601 dates and date-times, RFC 2822 ("Mon, 14 Mar 2022 10:00:00 GMT") and
    dates with the month in words ("14 March 2022", "March 14, 2022"). The day is kept as
    the source states it, not moved to UTC; numeric dates such as 03/04/2022 are refused,
    being day-first in one country and month-first in another.

    >>> publication_date("2022-03-14T22:10:00Z"), publication_date("March 14, 2022")
    ('2022-03-14', '2022-03-14')
    >>> publication_date("26-FEB-1987 15:01:01.79")
    '1987-02-26'
    >>> publication_date("03/04/2022") is None
    True
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    for parse in (datetime.fromisoformat, date.fromisoformat):  # 3.10 reads no "Z"
        try:
            parsed = parse(iso)
        except ValueError:
            continue
        return (parsed.date() if isinstance(parsed, datetime) else parsed).isoformat()
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    lower = text.casefold()
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(lower)
        if match and match.group("year"):
            day = _date(int(match.group("year")), _MONTHS[match.group("month")], int(match.group("day")))
            return day.isoformat() if day else None
    return None


def resolve_date(
    text: str, published: date | str | None = None, *, future: bool = False
) -> DateSpan | None:
    """The days a time phrase names, counted from the article's publication date.

    Weekdays and periods without a year are taken as the nearest such day or period before
    the article was published, the way news reports past events, or after it when the
    statement speaks of the future (`future=True`: "talks will resume on Monday").

    Args:
        text: The phrase as written: "Sunday", "on Monday night", "last month",
            "February 24", "2022-02-24", "three days ago".
        published: The article's date (a `date` or ISO string); without it only phrases
            that carry their own year resolve.
        future: The statement is about the future.

    Returns:
        The day or period, or None when the phrase names no date this can place.

    >>> resolve_date("Sunday", "2022-03-14")
    DateSpan(start=datetime.date(2022, 3, 13), end=datetime.date(2022, 3, 13))
    >>> resolve_date("last month", "2022-03-14")
    DateSpan(start=datetime.date(2022, 2, 1), end=datetime.date(2022, 2, 28))
    >>> resolve_date("Monday") is None  # no publication date to count from
    True
    """
    anchor = _anchor(published)
    phrase = _normalise(text)
    if not phrase:
        return None
    for rule in (_explicit_day, _month_or_year):
        span = rule(phrase, anchor, future)
        if span:
            return span
    if anchor is None:
        return None
    for rule in (_day_word, _weekday, _relative_period, _ago):
        span = rule(phrase, anchor, future)
        if span:
            return span
    return None


def _anchor(published: date | str | None) -> date | None:
    if isinstance(published, date):
        return published
    if published:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None
    return None


def _normalise(text: str) -> str:
    """Lower-case, single-spaced, without final punctuation or leading prepositions."""
    phrase = " ".join(text.casefold().replace("’", "'").split()).strip(" .,;:!?")
    phrase = re.sub(r"'s$", "", phrase)  # "Sunday's"
    return _HEDGES.sub("", phrase).strip()


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _one(day: date | None) -> DateSpan | None:
    return DateSpan(day, day) if day else None


def _explicit_day(phrase: str, anchor: date | None, future: bool) -> DateSpan | None:
    """`2022-02-24`, `February 24`, `Feb. 24, 2022`, `24 February`: anywhere in the phrase."""
    if match := _ISO.search(phrase):
        return _one(_date(int(match["year"]), int(match["month"]), int(match["day"])))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(phrase)
        if not match:
            continue
        month, day = _MONTHS[match["month"]], int(match["day"])
        if match["year"]:
            return _one(_date(int(match["year"]), month, day))
        if anchor is None:
            return None
        return _one(_nearest_year(lambda year: _date(year, month, day), anchor, future))
    return None


def _month_or_year(phrase: str, anchor: date | None, future: bool) -> DateSpan | None:
    """`March`, `March 2022`, `2019`: the whole month or year."""
    if match := _YEAR_ONLY.match(phrase):
        year = int(match["year"])
        return DateSpan(date(year, 1, 1), date(year, 12, 31))
    match = _MONTH_YEAR.match(phrase)
    if not match or (not match["year"] and match["month"] in _BARE_MONTH_REFUSED):
        return None
    month = _MONTHS[match["month"]]
    if match["year"]:
        return _month(int(match["year"]), month)
    if anchor is None:
        return None
    first = _nearest_year(lambda year: date(year, month, 1), anchor.replace(day=1), future)
    return _month(first.year, month) if first else None


def _nearest_year(make, anchor: date, future: bool) -> date | None:
    """The day in the year around `anchor` on the side the statement speaks of.

    A past statement takes the latest such day no more than a week after the article
    (a report may name tomorrow's date); a future one the first no more than a week before.
    """
    slack = timedelta(days=7)
    candidates = [d for d in (make(anchor.year - 1), make(anchor.year), make(anchor.year + 1)) if d]
    if future:
        later = [d for d in candidates if d >= anchor - slack]
        return min(later) if later else None
    earlier = [d for d in candidates if d <= anchor + slack]
    return max(earlier) if earlier else None


def _day_word(phrase: str, anchor: date, future: bool) -> DateSpan | None:
    """`today`, `yesterday`, `last night`, `tomorrow`."""
    if phrase in _DAY_WORDS:
        return _one(anchor + timedelta(days=_DAY_WORDS[phrase]))
    return None


def _weekday(phrase: str, anchor: date, future: bool) -> DateSpan | None:
    """`Sunday`, `last Monday`, `next Friday night`: the nearest such day."""
    match = _WEEKDAY_PHRASE.match(phrase)
    if not match:
        return None
    weekday, which = _WEEKDAYS[match["weekday"]], match["which"] or ""
    ahead = (weekday - anchor.weekday()) % 7
    behind = (anchor.weekday() - weekday) % 7
    if which in ("next", "this coming"):
        return _one(anchor + timedelta(days=ahead or 7))
    if which in ("last", "this past"):
        return _one(anchor - timedelta(days=behind or 7))
    # "on Monday" in Monday's paper is that day, in either tense.
    return _one(anchor + timedelta(days=ahead) if future else anchor - timedelta(days=behind))


def _relative_period(phrase: str, anchor: date, future: bool) -> DateSpan | None:
    """`last week`, `this month`, `next year`, `earlier this month`, `the weekend`."""
    if phrase == "weekend":
        return _weekend("", anchor, future)
    match = _RELATIVE_PERIOD.match(phrase)
    if not match:
        return None
    which, unit = match["which"], match["unit"]
    if unit == "weekend":
        return _weekend(which, anchor, future)
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    span = _period(anchor, unit, step)
    if which == "earlier this":
        return DateSpan(span.start, min(anchor, span.end))
    if which == "later this":
        return DateSpan(max(anchor, span.start), span.end)
    return span


def _weekend(which: str, anchor: date, future: bool) -> DateSpan:
    """`the weekend` is the last one in a past statement, the coming one in a future one."""
    in_weekend = anchor.weekday() >= 5
    if which in ("last", "past", "previous"):
        step = -1
    elif which in ("next", "coming", "following"):
        step = 1 if in_weekend else 0
    elif which == "this" or in_weekend or future:
        step = 0
    else:
        step = -1
    return _period(anchor, "weekend", step)


def _period(anchor: date, unit: str, step: int) -> DateSpan:
    """The week, weekend, month or year holding `anchor`, moved by `step` of them."""
    if unit == "year":
        year = anchor.year + step
        return DateSpan(date(year, 1, 1), date(year, 12, 31))
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return _month(index // 12, index % 12 + 1)
    monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
    if unit == "weekend":
        return DateSpan(monday + timedelta(days=5), monday + timedelta(days=6))
    return DateSpan(monday, monday + timedelta(days=6))


def _ago(phrase: str, anchor: date, future: bool) -> DateSpan | None:
    """`three days ago`, `2 weeks ago`, `a year ago`."""
    match = _AGO.match(phrase)
    if not match:
        return None
    count_text = match["count"]
    count = int(count_text) if count_text.isdigit() else _NUMBERS.get(count_text)
    if count is None:
        return None
    unit = match["unit"]
    if unit == "day":
        return _one(anchor - timedelta(days=count))
    return _period(anchor, unit, -count)


def _month(year: int, month: int) -> DateSpan:
    following = date(year + month // 12, month % 12 + 1, 1)
    return DateSpan(date(year, month, 1), following - timedelta(days=1))
