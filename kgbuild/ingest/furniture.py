"""Tell page furniture (navigation, teasers, prompts) from article text, line by line.

Scraped news pages carry text that is not the article: a breadcrumb, menus, "READ MORE:"
teasers, "[VIDEO]" links to other stories, "Next article..." links, comment or newsletter
prompts, and around the story its credits ("Reporting by ...", "... contributed to this
report"), the writer's contact lines and update stamps. Left in, they become false
statements in the graph ("Kyiv ... said" pulled from a teaser of another story). The
classifier here uses only features that hold on any news site — length, final punctuation,
capitalisation, all-caps tags and prefixes, site-action words, addresses and position on
the page — never strings of one site or one story.

It errs towards keeping: dropping a real sentence loses a fact, keeping a teaser only adds
noise, so the weak (shape and position) rules fire only at the page's top and bottom or in
runs, and a line that reads as a sentence or a quote is only dropped by a strong marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Versioned name of this rule set (habit 4): change the rules, bump the version.
RULESET = "kgbuild.furniture.v2"

#: Menu and section words news sites put in navigation bars and breadcrumbs.
NAV_WORDS = frozenset(
    """
    home news world uk us u.s. politics business sport sports football tech technology
    science health entertainment arts culture lifestyle life style travel money opinion
    opinions comment analysis features video videos live latest local national
    international europe asia africa americas australia middle east weather education
    environment climate markets economy finance property motoring cars food fashion
    celebrity showbiz tv royal royals menu search more sections
    """.split()
)

#: Words that make an all-caps "WORD:" prefix a link teaser even before a full sentence.
TEASER_WORDS = frozenset(
    """
    read more related see also watch listen latest recommended trending popular pics
    photos pictures video gallery live next
    """.split()
)

#: Whole-line labels of page widgets ("Advertisement", "Share", "Most read").
WIDGET_LABELS = frozenset(
    label.strip()
    for label in """
    advertisement, advert, ad, sponsored, sponsored content, share, share this, comments,
    comment, print, email, tweet, copy link, related, related articles, related stories,
    related topics, more stories, most read, most popular, most viewed, recommended,
    trending, read more, read next, more on this story, you may also like, topics, tags,
    menu, search, skip to content, skip to main content, back to top, loading, close,
    listen, watch, exclusive, breaking, breaking news, in pictures, newsletters,
    subscribe, sign in, log in, register, my account, more, see more, also read, read also,
    editor's picks, top stories, latest news, related coverage, related content
    """.split(",")
)

#: Imperatives that open a prompt to act on the site ("Sign up ...", "Please enter ...").
PROMPT_VERBS = frozenset(
    """
    enter sign subscribe share follow click tap log register join download leave post
    add accept manage send like comment support donate visit install enable allow get
    listen watch read
    """.split()
)

#: What such a prompt is about: the site's own features, not the world.
SITE_NOUNS = re.compile(
    r"\b(?:comments?|newsletters?|subscri(?:be|ption|ber)s?|sign[ -]?up|log[ -]?in|"
    r"sign[ -]?in|(?:your|an|a free) account|cookies?|notifications?|alerts|inbox|password|"
    r"your (?:name|email|e-mail|comment|details)|e-?mail address|"
    r"this (?:article|story|page|post|video)|click here|here|below|"
    r"facebook|twitter|instagram|youtube|tiktok|linkedin|whatsapp|telegram|"
    r"(?:our|the) app|our (?:website|site|newsletter|podcast|channel))\b",
    re.IGNORECASE,
)

#: Words that only occur in talk about the site itself, whatever the grammar.
SITE_ONLY = re.compile(
    r"\b(?:(?:we|this (?:web)?site|our (?:web)?site) uses? cookies|accept (?:all )?cookies|"
    r"cookie (?:policy|settings|preferences|consent)|all rights reserved|"
    r"required fields are marked|your email address will not be published|"
    r"comments are closed|already a subscriber|you must be logged in)\b"
    # Accessibility links and menu buttons: "Skip to content", "Open navigation menu".
    r"|^(?:skip|jump)(?: directly)? to (?:the )?(?:main )?(?:content|navigation|site index)"
    r"|^(?:open|close|toggle|show|hide) (?:the )?(?:navigation|menu|search)\b"
    r"|^back to (?:home|top)\b",
    re.IGNORECASE,
)

_OPENING_QUOTES = "\"'“‘«„"
_CLOSING = "\"'”’»)]"
_LIST_MARK = re.compile(r"^(?:[-–—•*·▪►]\s|\d{1,2}[.)]\s)")
_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_TOKEN = re.compile(r"\S+")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)$")
# An all-caps tag closing a teaser: "[VIDEO]", "[ANALYSIS]", "(PICS)".
_BRACKET_TAG = re.compile(r"\[\s*[A-Z][A-Z0-9 &/+'’-]{1,24}\s*\]$")
_PAREN_TAG = re.compile(r"\(\s*([A-Z]{3,12})\s*\)$")
_PAREN_TAG_WORDS = frozenset(
    "VIDEO VIDEOS PICS PHOTOS PICTURES GALLERY WATCH LISTEN POLL LIVE ANALYSIS "
    "OPINION INSIGHT UPDATED EXCLUSIVE LATEST".split()
)
# "READ MORE: ...", "RELATED: ...", "SEE ALSO: ...": a short all-caps prefix and a colon.
_CAPS_PREFIX = re.compile(r"^([A-Z][A-Z'’&]*(?: [A-Z][A-Z'’&]*){0,2})\s*:(?:\s|$)")
_TEASER_PREFIX = re.compile(
    r"^(?:read more|read next|also read|related(?: articles| stories)?|see also|more on this"
    r"(?: story)?|you may also like|most read|recommended|trending|watch|listen|tags|topics|"
    r"sponsored|advertisement)\s*:",
    re.IGNORECASE,
)
# "Most read in world news", "More from Sport": a widget's heading over its links.
_WIDGET_HEADING = re.compile(r"^(?:most (?:read|popular|viewed|shared|watched)|more (?:from|in|on)|"
                             r"latest (?:from|in)|also on|more stories (?:from|in))\b", re.IGNORECASE)
# "Also on example.com Other headline": a teaser naming the site it links to.
_SITE_TEASER = re.compile(r"^(?:also on|more on|read more on|first published on|originally "
                          r"published on)\s+\S+\.[a-z]{2,}\b"
                          r"|^(?:originally|first) published (?:on|by|in) [A-Z][\w .&'’-]{0,40}\.?$",
                          re.IGNORECASE)
# Who helped write it: "Reporting by A; editing by B", "C contributed to this report".
_CREDIT = re.compile(
    r"^\(?(?:additional |further )?(?:reporting|writing|editing|research) by\b"
    r"|\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b"
    r"|\bcontributed reporting\b",
    re.IGNORECASE,
)
# "Updated at 1:23 p.m.", "5:45 AM PST 11/19/2019 by Jane Doe": when, not what.
_TIME_STAMP = re.compile(
    r"^(?:(?:published|updated|last updated|first published|posted)(?: on| at)?\s+"
    r"(?:\d{1,2}[:.]\d\d|\d{1,2}/\d{1,2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d{1,2} [a-z]{3})"
    r"|\d{1,2}:\d\d\s*[ap]\.?m\.?\b)",
    re.IGNORECASE,
)
# An e-mail address, a social handle or a web address: how to reach someone, not news.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\w)@\w{2,}|\bhttps?://\S+|\bwww\.\S+|"
                      r"^[\w-]+(?:\.[\w-]+)+/\S*$")
_CONTACT_OPENERS = re.compile(r"^(?:e-?mail|follow|contact|reach|have a (?:tip|story)|got a (?:tip|story)|"
                              r"send|tweet|write to|you can reach)\b", re.IGNORECASE)
# "Previous article", "Next post": pager links, often glued to the linked headline.
_PAGER = re.compile(r"^(?:previous|prev|next|older|newer)\s?(?:article|post|story|page)",
                    re.IGNORECASE)
# "Home > News > World", "Sport | Tech | Weather": three or more items and separators.
_NAV_SEPARATORS = re.compile(r"\s+[|·•›»>/]\s+|\s*[|·•›»]\s*")
#: A linked headline after an unknown all-caps label is no longer than this.
_TEASER_MAX_WORDS = 14
# The name after "by" must be capitalised: "By the end of the week" is not a byline.
_BYLINE = re.compile(
    r"^(?i:(?:words|written|analysis|story|report|reporting|photos?|pictures|video)\s+)?"
    r"(?i:by)\s+[A-Z]"
)
_TIMESTAMP = re.compile(r"^(?:published|updated|last updated|first published|posted)\b",
                        re.IGNORECASE)
# "SALVADOR, Feb 26 -": a wire dateline opens a story's first sentence, not a headline.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+\w+\.? \d{1,2}\s+[-–—]")
# "© 2023 ..." or "Copyright 2023 ...", not "Copyright law is changing."
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})", re.IGNORECASE)
_VERB_HINTS = frozenset(
    """
    is are was were be been being am has have had do does did will would shall should can
    could may might must said says say told tells added asked warned claimed
    """.split()
)


@dataclass(frozen=True)
class LineShape:
    """The features of one line (or one wrapped paragraph) the rules look at.

    Attributes:
        text: The line, stripped, with runs of whitespace made single spaces.
        words: Its alphabetic words, in order.
        tokens: Its whitespace-separated tokens.
        ends_sentence: It ends with `.`, `!`, `?`, `;`, `,` or `:` (closing quotes and
            brackets aside) and not with an ellipsis.
        ends_ellipsis: It ends with "..." or "…", as truncated teaser links do.
        quoted: It opens with a quotation mark.
        list_item: It opens with a bullet or a list number.
        data: Three tokens or more, a quarter of them with digits (tables, results).
        capital_share: Share of its words of four or more letters that are capitalised.
        has_verb: It holds an auxiliary, a speech verb or an -ed/-ing word.
    """

    text: str
    words: tuple[str, ...]
    tokens: tuple[str, ...]
    ends_sentence: bool
    ends_ellipsis: bool
    quoted: bool
    list_item: bool
    data: bool
    capital_share: float
    has_verb: bool

    @property
    def title_like(self) -> bool:
        """Short, unpunctuated and capitalised like a headline, a menu item or a link.

        Lists, tables and quotes are content even without final punctuation.
        """
        if self.ends_sentence or self.quoted or self.list_item or self.data:
            return False
        if not self.tokens or len(self.words) > 20 or len(self.text) > 160:
            return False
        return not self.text[0].islower()

    @property
    def sentence_like(self) -> bool:
        """A mostly lower-case line with a verb: prose even if its full stop is missing."""
        return len(self.words) >= 7 and self.has_verb and self.capital_share < 0.5


def shape(text: str) -> LineShape:
    """Measure one line or wrapped paragraph.

    >>> shape("Sign up to our newsletter").title_like
    True
    >>> shape("He said it would rain.").ends_sentence
    True
    """
    flat = " ".join(text.split())
    words = tuple(_ALPHA_WORD.findall(flat))
    tokens = tuple(_TOKEN.findall(flat))
    ending = flat.rstrip(_CLOSING + " ")
    ellipsis = bool(_ELLIPSIS.search(ending))
    long_words = [w for w in words if len(w) >= 4]
    capitals = sum(w[0].isupper() for w in long_words)
    numeric = sum(any(c.isdigit() for c in t) for t in tokens)
    lower = [w.lower() for w in words]
    return LineShape(
        text=flat,
        words=words,
        tokens=tokens,
        ends_sentence=bool(ending) and ending[-1] in ".!?;,:" and not ellipsis,
        ends_ellipsis=ellipsis,
        quoted=bool(flat) and flat[0] in _OPENING_QUOTES,
        list_item=bool(_LIST_MARK.match(flat)),
        data=len(tokens) >= 3 and numeric * 4 >= len(tokens),
        capital_share=capitals / len(long_words) if long_words else 0.0,
        has_verb=any(w in _VERB_HINTS or (len(w) > 4 and w.endswith(("ed", "ing"))) for w in lower),
    )


def marker(line: LineShape) -> str | None:
    """Name the strong furniture marker a line carries, if any.

    These markers fire anywhere on the page: no article sentence carries them.
    """
    text = line.text
    if not text:
        return None
    if tag := _teaser_tag(line):
        return tag
    if _teaser_prefix(line):
        return "teaser prefix"
    if _pager_link(line):
        return "pager link"
    if text.lower().rstrip(" :.!") in WIDGET_LABELS:
        return "widget label"
    if line.quoted:
        return None  # quoted speech is content, whatever its words
    if SITE_ONLY.search(text) or (_COPYRIGHT.match(text) and len(line.words) <= 15):
        return "site notice"
    if _site_prompt(line):
        return "site prompt"
    if _SITE_TEASER.match(text) or (_WIDGET_HEADING.match(text) and line.title_like
                                     and len(line.words) <= 6):
        return "widget label"
    if _CREDIT.search(text) and len(line.words) <= 40:
        return "credit line"
    if _TIME_STAMP.match(text) and len(line.words) <= 12:
        return "timestamp"
    if _contact_line(line):
        return "contact line"
    return None


def _contact_line(line: LineShape) -> bool:
    """`Email Jane at jane@example.com or follow her @jane`, `twitter.com/jane`: how to reach a writer.

    An address alone on its line, or one in a short line that opens by asking the reader
    to write, follow or send a tip.
    """
    found = _CONTACT.findall(line.text)
    if not found:
        return False
    if len(line.tokens) <= 2:
        return True
    return bool(_CONTACT_OPENERS.match(line.text)) and len(line.words) <= 40


def _teaser_tag(line: LineShape) -> str | None:
    """An all-caps tag in brackets closing a short line ("... [VIDEO]")."""
    if len(line.text) > 200:
        return None
    if _BRACKET_TAG.search(line.text):
        return "bracket tag"
    match = _PAREN_TAG.search(line.text)
    if match and match.group(1) in _PAREN_TAG_WORDS:
        return "bracket tag"
    return None


def _teaser_prefix(line: LineShape) -> bool:
    """`READ MORE: headline`: an all-caps label and a colon before a link, not a sentence.

    A speaker label before a full sentence ("PUTIN: We will win.") is a transcript and
    "NOTES: Results include ..." is a note, so a label that is not a teaser word only
    counts when what follows is a bare headline.
    """
    if _TEASER_PREFIX.match(line.text):
        return True
    match = _CAPS_PREFIX.match(line.text)
    if not match or len(match.group(1)) < 2:
        return False
    label = {w.lower() for w in match.group(1).split()}
    if label & TEASER_WORDS:
        return True
    linked = shape(line.text[match.end():])
    return linked.title_like and len(linked.words) <= _TEASER_MAX_WORDS and not linked.sentence_like


def _pager_link(line: LineShape) -> bool:
    """`Previous articleDon't you...`, `Next post: ...`: links to the neighbouring story.

    The headline it links to is glued on, set off by a separator, or unpunctuated; a
    sentence that merely starts with "Next story" goes on in lower case.
    """
    match = _PAGER.match(line.text)
    if not match:
        return False
    rest = line.text[match.end():]
    if not rest or rest[0].isupper() or rest[0] in ":»›>|–-":
        return True
    if rest[0].isalpha():
        return False  # "Previous articles ...", "Next pages ..."
    rest = rest.lstrip()
    return bool(rest) and rest[0].isupper() and not line.sentence_like


def _site_prompt(line: LineShape) -> bool:
    """`Please enter your comment!`, `Share this story`: an imperative about the site."""
    if len(line.words) > 15 or not line.words:
        return False
    text = line.text
    if text.lower().startswith("please "):
        text = text[len("please ") :]
    verb, _, rest = text.partition(" ")
    verb = verb.lower().strip(",.!:")
    if verb not in PROMPT_VERBS:
        return False
    # The site noun must follow the verb: "Comment from officials ..." is not a prompt.
    return bool(SITE_NOUNS.search(rest)) or (
        verb in ("sign", "log") and rest.lower().startswith(("up", "in", "out"))
    )


def navigation(line: LineShape) -> bool:
    """A menu bar: every word a section name, or three or more short items set apart."""
    lower = [w.lower() for w in line.words]
    if lower and all(w in NAV_WORDS or w.rstrip(".") in NAV_WORDS for w in lower):
        return True
    items = [i for i in _NAV_SEPARATORS.split(line.text) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


def breadcrumb(line: LineShape, next_text: str | None) -> bool:
    """`Home News Putin covering up...`: section words, then the headline cut short.

    It starts with one to three section words and either ends with an ellipsis or
    repeats the line that follows (the headline).
    """
    words = line.text.split()
    for count in range(1, 4):
        if count >= len(words) or words[count - 1].lower() not in NAV_WORDS:
            break
        rest = " ".join(words[count:])
        if line.ends_ellipsis:
            return True
        if next_text and next_text.startswith(rest.rstrip(".… ")) and len(rest) >= 10:
            return True
    return False


def headline(line: LineShape) -> bool:
    """Looks like a headline: title-like, three words or more, not a dateline or aside."""
    return (
        line.title_like
        and len(line.words) >= 3
        and line.text[0].isalnum()
        and not _DATELINE.match(line.text)
    )


def byline(line: LineShape) -> bool:
    """`By Jane Smith`, `Published 14 March 2022`: who wrote it and when, not the story."""
    if len(line.words) > 12 or line.ends_sentence:
        return False
    return bool(_TIMESTAMP.match(line.text)) or (
        bool(_BYLINE.match(line.text)) and len(line.words) <= 8
    )
