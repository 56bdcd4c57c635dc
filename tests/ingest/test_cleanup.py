"""Page-furniture removal as a reader of the cleaned text would judge it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import CleanedText, articles_from, clean_text
from kgbuild.types import Article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "ukraine-war-2022-03-14.txt"
SEED_TITLE = (
    "Putin covering up 'thousands' of Russian deaths – FINALLY forced to admit top spy killed"
)

#: A page from an invented site: nav bar, kicker, byline, teaser, prompts, footer links.
OTHER_SITE_PAGE = """\
Home | World | Business | Sport | Culture | Weather
World Europe

Flood barriers hold as river peaks in market town

By Anna Field
Published 3 May 2023

Flood barriers installed last year held overnight as the river reached its highest \
level in a decade, the council said.

About 200 homes were evacuated as a precaution on Tuesday evening.

RELATED: Storm warnings issued for the west coast

"The barriers did exactly what they were built to do," said the council's head of \
emergency planning.

Engineers will inspect the defences once the water drops.

Sign up to our newsletter
Share this story
Follow us on Facebook and Twitter
Related stories
Council approves new flood plan
River levels: what the numbers mean
© 2023 Riverside Chronicle. All rights reserved.
"""

OTHER_SITE_BODY = [
    "Flood barriers installed last year held overnight as the river reached its highest level"
    " in a decade, the council said.",
    "About 200 homes were evacuated as a precaution on Tuesday evening.",
    '"The barriers did exactly what they were built to do," said the council\'s head of'
    " emergency planning.",
    "Engineers will inspect the defences once the water drops.",
]

BBC_LIKE = (
    "Quarterly profits at the media group rose 12% to £300m in the three months to December.\n\n"
    "The firm, which owns two television channels, said advertising sales had recovered. "
    '"It was a strong quarter," chief executive Jane Doe said.\n\n'
    "Analysts had expected a smaller rise.\n\n"
    "In his statement the chairman announced:\n\n"
    "- A new share buyback\n"
    " - Higher dividends\n"
    " - Two new channels\n\n"
    "Shares rose 3% in early trading"
)


@pytest.fixture(scope="module")
def seed() -> CleanedText:
    return clean_text(SEED.read_text(encoding="utf-8"))


def test_seed_headline_becomes_the_title_and_is_not_repeated(seed: CleanedText) -> None:
    assert seed.title == SEED_TITLE
    assert SEED_TITLE not in seed.text
    assert not seed.text.startswith("Putin covering up")


@pytest.mark.parametrize(
    "furniture",
    ["Kyrie Irving", "Truss", "Brexit", "two-bed", "comment", "Croatian capital", "Nets star",
     "Home News"],
)
def test_seed_furniture_is_gone(seed: CleanedText, furniture: str) -> None:
    assert furniture not in seed.text


def test_seed_keeps_every_body_paragraph(seed: CleanedText) -> None:
    page = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(page) if line.startswith("After hiding"))
    end = next(i for i, line in enumerate(page) if line.startswith("“We must hold on"))
    body = [
        line.rstrip()
        for line in page[start : end + 1]
        if line.strip() and "[" not in line and not line.startswith("READ MORE")
    ]
    paragraphs = seed.text.split("\n\n")
    assert paragraphs == body
    assert len(paragraphs) >= 20


@pytest.mark.parametrize(
    "quote",
    [
        "“We must hold on. We must fight. And we will win,” Zelensky said in a late night video"
        " speech.",
        "“I think that we will achieve some results literally in a matter of days.”",
        "“Russia is already beginning to talk constructively,” Ukraine negotiator Podolyak said"
        " in a video online.",
    ],
)
def test_seed_quotes_are_kept_verbatim(seed: CleanedText, quote: str) -> None:
    assert quote in seed.text.split("\n\n")


def test_seed_removed_lines_are_reported(seed: CleanedText) -> None:
    assert len(seed.removed) == 9
    assert any(line.endswith("[VIDEO]") for line in seed.removed)
    assert "Please enter your comment!" in seed.removed


def test_page_from_another_site_is_cleaned() -> None:
    cleaned = clean_text(OTHER_SITE_PAGE)

    assert cleaned.title == "Flood barriers hold as river peaks in market town"
    assert cleaned.text.split("\n\n") == OTHER_SITE_BODY
    for furniture in ("Home |", "World Europe", "Anna Field", "Published", "RELATED",
                      "Storm warnings", "newsletter", "Share this", "Facebook",
                      "Council approves", "River levels", "©"):
        assert furniture not in cleaned.text


def test_clean_bbc_like_text_is_not_altered() -> None:
    cleaned = clean_text(BBC_LIKE)

    assert cleaned.text == BBC_LIKE
    assert cleaned.removed == ()
    assert cleaned.title is None


def test_lists_of_short_lines_in_the_body_are_kept() -> None:
    # Fixtures and tour dates look like link lists; unmarked, they are the story's own.
    text = (
        "The draw for the next round was made on Sunday.\n\n"
        "Newcastle v Chelsea\n\nArsenal v West Ham or Sheffield United\n\n"
        "Burnley v Blackburn\n\nSouthampton v Brentford or Hartlepool"
    )
    assert clean_text(text).text == text


def test_speaker_label_and_unpunctuated_last_sentence_are_kept() -> None:
    text = (
        "The minister was asked about the plan.\n\n"
        "MINISTER: We will publish it next week.\n\n"
        "Halo 2 is out on 9 November in the US and 11 November in the UK"
    )
    assert clean_text(text).text == text


def test_prompts_mentioning_site_words_only_in_passing_are_kept() -> None:
    text = (
        "Comment from officials in the capital was unavailable.\n\n"
        "Share prices fell 4% after the announcement.\n\n"
        "Next story is expected on Monday, the agency said."
    )
    assert clean_text(text).text == text


def test_line_endings_bom_and_trailing_spaces_are_normalised() -> None:
    cleaned = clean_text("\ufeffFirst paragraph here.   \r\n\r\nSecond paragraph here.\r")
    assert cleaned.text == "First paragraph here.\n\nSecond paragraph here."


def test_one_paragraph_per_line_becomes_blank_line_separated() -> None:
    cleaned = clean_text("It rained all day.\nThe river rose by a metre.\nRoads were closed.")
    assert cleaned.text == "It rained all day.\n\nThe river rose by a metre.\n\nRoads were closed."


def test_hard_wrapped_text_is_kept_whole() -> None:
    text = (
        "    SALVADOR, Feb 26 - Showers continued throughout the week in the\n"
        "Bahia cocoa zone, alleviating the drought since early January and\n"
        "improving prospects for the coming harvest, although normal\n"
        "humidity levels have not been restored, the exporter said.\n"
        "    The dry period means the harvest will be late this year.\n"
        "    Arrivals for the week ended February 22 were 155,221 bags of 60\n"
        "kilos making a cumulative total for the season of 5.93 mln against\n"
        "5.81 at the same stage last year."
    )
    cleaned = clean_text(text)

    assert cleaned.removed == ()
    assert cleaned.text.replace("\n\n", "\n") == text
    assert len(cleaned.text.split("\n\n")) == 3


def test_articles_from_wraps_strings_and_passes_articles_through() -> None:
    given = Article(id="mine", text="Kept as it is.\n\nShare this story")
    articles = list(articles_from(["It rained.\n\nShare this story", given, "It snowed."]))

    assert [a.id for a in articles] == ["text-1", "mine", "text-3"]
    assert articles[0].text == "It rained."
    assert articles[1] is given


def test_articles_from_refuses_empty_strings_and_other_types() -> None:
    with pytest.raises(InputError, match="text-2: empty text"):
        list(articles_from(["It rained.", "  "]))
    with pytest.raises(InputError, match="Item 1 is a bytes"):
        list(articles_from([b"It rained."]))  # type: ignore[list-item]


def test_byline_and_date_under_the_headline_are_dropped_but_a_standfirst_is_kept() -> None:
    page = (
        "Council votes to rebuild the old bridge\n\n"
        "By Sam Carter\nUpdated 14 March 2022, 10:31\n\n"
        "The new crossing will open to cyclists and walkers first\n\n"
        "The council voted 31 to 9 on Monday to replace the bridge."
    )
    cleaned = clean_text(page)

    assert cleaned.title == "Council votes to rebuild the old bridge"
    assert cleaned.removed == ("By Sam Carter", "Updated 14 March 2022, 10:31")
    assert cleaned.text.startswith("The new crossing will open to cyclists and walkers first\n\n")


BODY_START = "Flood barriers held overnight as the river reached its highest level in a decade."
BODY_END = "Engineers will inspect the defences once the water drops, the council said."


# Lines of the 60 benchmark pages (../shared/corpora/html) that trafilatura keeps and the
# annotators left out: who helped, how to reach the writer, when it was updated, teasers.
@pytest.mark.parametrize(
    "line",
    [
        "Fox News’ Jessica Napoli contributed to this report.",
        "Keith Bradsher contributed reporting from Hong Kong.",
        "Reporting by Rodrigo Campos; additional reporting by Stephanie Kelly; Editing by Nick Zieminski",
        "(Reporting by Greg Roumeliotis, with reporting by Herb Lash, editing by Martin Howell.)",
        "Additional reporting by Joseph Hudak",
        "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik. Follow us on Twitter @Spacedotcom.",
        "Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com.",
        "paul.takahashi@chron.com",
        "twitter.com/paultakahashi",
        "Updated at 1:23 p.m.",
        "5:45 AM PST 11/19/2019 by Patrick Shanley",
        "Also on rt.com Journalists threatened with sedition arrests as Bolivia purges socialists",
        "Most read in world news",
        "More:",
        "Originally published on Live Science.",
        "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.",
    ],
)
def test_credit_contact_timestamp_and_teaser_lines_are_dropped(line: str) -> None:
    cleaned = clean_text(f"{BODY_START}\n\n{line}\n\n{BODY_END}")

    assert cleaned.text == f"{BODY_START}\n\n{BODY_END}"
    assert cleaned.removed == (line,)


@pytest.mark.parametrize(
    "line",
    [
        "He contributed to the campaign of his rival, the filing showed.",
        "Updated figures for 2019 show the deficit narrowed to 2.1% of output.",
        "Email remains the main way officials reach the public, the report said.",
        "— Governor Kristi Noem (@govkristinoem) November 18, 2019",
        "Reporters were kept outside the building until 9:30 pm.",
        "Most readers of the report will find little new in it, analysts said.",
    ],
)
def test_sentences_that_share_those_words_are_kept(line: str) -> None:
    text = f"{BODY_START}\n\n{line}\n\n{BODY_END}"

    assert clean_text(text).text == text
