"""Time phrases resolved against the article's date, and publication dates as written."""

from __future__ import annotations

from datetime import date

import pytest

from kgbuild.ingest import DateSpan, publication_date, resolve_date

#: Monday 14 March 2022, the seed article's day.
MONDAY = "2022-03-14"


def day(text: str) -> DateSpan:
    d = date.fromisoformat(text)
    return DateSpan(d, d)


def period(start: str, end: str) -> DateSpan:
    return DateSpan(date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Sunday", day("2022-03-13")),
        ("on Sunday", day("2022-03-13")),
        ("Sunday's", day("2022-03-13")),
        ("late on Saturday night", day("2022-03-12")),
        ("Monday", day("2022-03-14")),  # Monday's paper: that day
        ("last Monday", day("2022-03-07")),
        ("next Friday", day("2022-03-18")),
        ("yesterday", day("2022-03-13")),
        ("last night", day("2022-03-13")),
        ("today", day("2022-03-14")),
        ("tomorrow", day("2022-03-15")),
        ("the day before yesterday", day("2022-03-12")),
        ("three days ago", day("2022-03-11")),
        ("February 24", day("2022-02-24")),
        ("on Feb. 24", day("2022-02-24")),
        ("24 February", day("2022-02-24")),
        ("since the invasion on February 24", day("2022-02-24")),
        ("December 20", day("2021-12-20")),  # in a March paper: the December before
        ("2022-02-24", day("2022-02-24")),
        ("March 3, 2019", day("2019-03-03")),
        ("last week", period("2022-03-07", "2022-03-13")),
        ("this week", period("2022-03-14", "2022-03-20")),
        ("last month", period("2022-02-01", "2022-02-28")),
        ("earlier this month", period("2022-03-01", "2022-03-14")),
        ("later this year", period("2022-03-14", "2022-12-31")),
        ("last year", period("2021-01-01", "2021-12-31")),
        ("at the weekend", period("2022-03-12", "2022-03-13")),
        ("in January", period("2022-01-01", "2022-01-31")),
        ("mid-November", period("2021-11-01", "2021-11-30")),
        ("May 2021", period("2021-05-01", "2021-05-31")),
        ("in 2019", period("2019-01-01", "2019-12-31")),
    ],
)
def test_past_phrases_resolve_against_the_publication_day(phrase, expected):
    assert resolve_date(phrase, MONDAY) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Sunday", day("2022-03-20")),
        ("the weekend", period("2022-03-19", "2022-03-20")),
        ("December 20", day("2022-12-20")),
        ("next month", period("2022-04-01", "2022-04-30")),
    ],
)
def test_future_statements_look_forward(phrase, expected):
    assert resolve_date(phrase, MONDAY, future=True) == expected


def test_without_a_publication_date_only_phrases_with_a_year_resolve():
    assert resolve_date("Sunday") is None
    assert resolve_date("last month") is None
    assert resolve_date("February 24") is None
    assert resolve_date("24 February 2022") == day("2022-02-24")
    assert resolve_date("2019") == period("2019-01-01", "2019-12-31")


@pytest.mark.parametrize("phrase", ["the war", "in the sun", "may", "the 2019 election", "recently",
                                    "for decades", "", "February 30"])
def test_phrases_that_name_no_date_give_none(phrase):
    assert resolve_date(phrase, MONDAY) is None


def test_a_span_knows_whether_it_is_one_day():
    assert day("2022-03-13").day == date(2022, 3, 13)
    assert period("2022-03-07", "2022-03-13").day is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2022-03-14", "2022-03-14"),
        ("2022-03-14T22:10:00Z", "2022-03-14"),
        ("2022-03-14T23:30:00-05:00", "2022-03-14"),  # the day the source states, not UTC's
        ("Mon, 14 Mar 2022 10:00:00 GMT", "2022-03-14"),
        ("14 March 2022", "2022-03-14"),
        ("March 14, 2022", "2022-03-14"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("03/04/2022", None),  # 3 April or 4 March?
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_publication_dates_are_read_in_the_forms_feeds_use(written, iso):
    assert publication_date(written) == iso
