"""Saved web pages → articles: the main text and what the page says about the article.

The body comes from trafilatura (Barbaresi, ACL 2021 demos), which led the extractors measured on
60 real news pages (`benchmarks/ingest.py`), run with `favor_precision`; its lines then go
through the same furniture classifier as plain text, which drops the teaser links and
prompts that sit inside article markup ("READ MORE: ...", "Follow us on ..."). The
teasers a page sets inside its article markup — a list of links to related stories after a
paragraph, headline links with a "MORE" link inside one — are taken out of the page's tree
before that (`remove_teasers`). The page's metadata (JSON-LD, Open Graph, `<meta>` and
`<link rel=canonical>`) gives the headline, authors, publication date, site name and
canonical URL.

trafilatura is imported on first use, so `import kgbuild` stays quick.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from kgbuild.errors import InputError
from kgbuild.ingest.authors import author_names
from kgbuild.ingest.cleanup import clean_text
from kgbuild.ingest.dates import publication_date
from kgbuild.types import Article

#: What reads the pages, recorded in the benchmark table.
EXTRACTOR = "trafilatura (favor_precision) + kgbuild.teasers.v1 + kgbuild.furniture.v2"

_TAG = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|article|script)\b",
                  re.IGNORECASE)
# " - SpaceNews.com", " | Reuters", " – TechCrunch": the site's name after the headline.
_TITLE_SUFFIX = re.compile(r"^(?P<headline>.+?)\s+[-|–—:•]\s+(?P<site>[^-|–—:•]{2,60})$")


def html_article(raw: bytes, article_id: str, origin: str) -> Article:
    """Read a saved page into an article with its metadata.

    Args:
        raw: The page's bytes; the encoding is read from the page (meta charset) or
            detected.
        article_id: Id of the article (the file name without suffixes).
        origin: Where the page came from, for messages.

    Returns:
        The article: body without page furniture, headline, authors, date, site name and
        canonical URL as far as the page gives them.

    Raises:
        InputError: The bytes are not an HTML page, or no article text is found in it
            (a page of scripts, a bare menu, a cut-off download).
    """
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{origin}: binary file (contains NUL bytes); expected an HTML page")
    if not raw.strip():
        raise InputError(f"{origin}: empty file")
    if not _TAG.search(raw[:200_000]):
        raise InputError(f"{origin}: not an HTML page (no HTML tags found); "
                         f"give a saved web page, or rename a plain-text article to .txt")
    document = _extract(raw, origin)
    body = (document.text or "").strip() if document is not None else ""
    if not body:
        raise InputError(f"{origin}: no article text found in the page (only scripts, menus "
                         f"or too little text); skipped")
    cleaned = clean_text(body)
    if not cleaned.text:
        raise InputError(f"{origin}: no article text left after removing page furniture; skipped")
    url = _web_url(document.url)
    site = _site_name(document.sitename, url)
    title = _headline(document.title, site) or cleaned.title
    text = _without_headline(cleaned.text, title)
    if cleaned.title and title != cleaned.title:
        text = f"{cleaned.title}\n\n{text}"  # a heading inside the body, not the headline
    if not text:
        raise InputError(f"{origin}: no article text left after removing page furniture; skipped")
    return Article(
        id=article_id,
        text=text,
        title=title,
        url=url,
        date=publication_date(document.date),
        source=site,
        origin=origin,
        authors=author_names(document.author),
    )


def _extract(raw: bytes, origin: str):
    """trafilatura's document for a page (None when it finds no main text)."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        # They log every page they find too short as a warning; kgbuild reports that itself.
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from trafilatura.utils import load_html

    try:
        tree = load_html(raw)
        if tree is not None:
            remove_teasers(tree)
        return trafilatura.bare_extraction(
            tree if tree is not None else raw, favor_precision=True, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, deduplicate=False,
        )
    except Exception as error:  # a third-party parser on arbitrary bytes: report, never crash
        raise InputError(f"{origin}: cannot be parsed as HTML ({type(error).__name__}: {error}); "
                         f"skipped") from error


#: The text of a link that leads on to another story: "MORE", "Read more »", "See more".
_MORE_LINK = re.compile(r"^(?:(?:read|see|view|show)\s+)?more(?:\s+(?:stories|news|here))?$", re.IGNORECASE)
#: What may separate the links of a teaser: white space, bars, bullets, dashes, commas, arrows.
_LINK_SEPARATORS = re.compile(r"[\s|·•,;:\-–—»›→…]*")
_INLINE = {"span", "em", "strong", "small", "b", "i", "font", "sup", "sub"}


def remove_teasers(tree) -> int:
    """Take out of a page's tree the teasers it embeds in article text; returns how many.

    Two shapes, both links to other stories that would otherwise be read as sentences:

    - a list whose every item is one link and nothing else (the "related stories" list
      after a paragraph, which text extraction glues onto it as "- Headline - Headline");
    - a "more" link ("MORE", "Read more") after a headline link, set inside a paragraph
      (a hover card on a name, an inline teaser): the smallest inline element holding the
      two and only links and separators goes, or, with no such element, the two links.
      A "more" link with no link before it ("learn more about ...") is text and stays.

    >>> from lxml import html
    >>> page = html.fromstring("<html><body><p>Anna Berg<span><a href='/a'>Berg wins vote</a> | "
    ...                        "<a href='/b'>Berg resigns</a> <a href='/p'>MORE</a></span> said on "
    ...                        "Monday that she would stay.</p></body></html>")
    >>> remove_teasers(page), page.text_content()
    (1, 'Anna Berg said on Monday that she would stay.')
    >>> page = html.fromstring("<html><body><p>Learn <a href='/m'>more</a> about it.</p></body></html>")
    >>> remove_teasers(page), page.text_content()
    (0, 'Learn more about it.')
    """
    removed = 0
    for listing in list(tree.iter("ul", "ol")):
        items = [child for child in listing if child.tag == "li"]
        if len(items) >= 2 and all(_only_one_link(item) for item in items):
            listing.drop_tree()
            removed += 1
    for link in list(tree.iter("a")):
        if link.getparent() is None or not _MORE_LINK.match(_text(link).strip(" .»›→…")):
            continue
        holder = link.getparent()
        while holder is not None and holder.tag in _INLINE and not _only_links(holder):
            holder = holder.getparent()
        before = link.getprevious()
        if holder is not None and holder.tag in _INLINE and sum(1 for _ in holder.iter("a")) >= 2:
            holder.drop_tree()
        elif before is not None and before.tag == "a" and _LINK_SEPARATORS.fullmatch(before.tail or ""):
            before.drop_tree()  # a "more" link alone ("learn more about ...") is left: it is text
            link.drop_tree()
        else:
            continue
        removed += 1
    return removed


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _only_one_link(item) -> bool:
    links = [link for link in item.iter("a") if _text(link)]
    return len(links) == 1 and _text(item) == _text(links[0])


def _only_links(element) -> bool:
    """Whether an element's text is the text of its links and separators between them."""
    text = element.text_content()
    for link in element.iter("a"):
        text = text.replace(link.text_content(), " ", 1)
    return any(True for _ in element.iter("a")) and bool(_LINK_SEPARATORS.fullmatch(text))


def _without_headline(text: str, title: str | None) -> str:
    """The body less paragraphs that repeat the headline (pages print it twice).

    >>> _without_headline("Storm hits coast\\n\\nThe pier was destroyed.", "Storm hits coast")
    'The pier was destroyed.'
    """
    if not title:
        return text
    key = _words(title)
    return "\n\n".join(p for p in text.split("\n\n") if _words(p) != key)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _headline(title: str | None, site: str | None) -> str | None:
    """The page title less the site name pages append to it ("... - SpaceNews.com").

    >>> _headline("NASA adds five companies - SpaceNews.com", "SpaceNews.com")
    'NASA adds five companies'
    >>> _headline("Ukraine war: what we know", "BBC News")
    'Ukraine war: what we know'
    """
    if not title or not title.strip():
        return None
    title = " ".join(title.split())
    match = _TITLE_SUFFIX.match(title)
    if match and site and _same_site(match["site"], site):
        return match["headline"]
    return title


def _same_site(suffix: str, site: str) -> bool:
    def letters(text: str) -> str:
        return re.sub(r"(?:\.com|\.co\.uk|\.org|\.net|\W)", "", text.casefold())

    a, b = letters(suffix), letters(site)
    return bool(a and b) and (a in b or b in a)


def _site_name(name: str | None, url: str | None) -> str | None:
    """The site's name as the page gives it, else its host name.

    A page without one gets a guess from its domain ("Hosted" for hosted.ap.org, "Nj" for
    nj.com); the host name itself says more than that.

    >>> _site_name("Nj", "https://www.nj.com/news/x.html"), _site_name("Reuters", None)
    ('nj.com', 'Reuters')
    """
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    if name and "://" in name:
        host, name = (urlsplit(name.strip()).hostname or "").removeprefix("www."), None
    if not name or not name.strip():
        return host or None
    name = " ".join(name.split())
    if host and name.casefold() in host.casefold().split(".")[:-1]:
        return host
    return name


def _web_url(url: str | None) -> str | None:
    """An absolute http(s) URL, or None."""
    if url and urlsplit(url.strip()).scheme in ("http", "https") and " " not in url.strip():
        return url.strip()
    return None
