"""Saved web pages → articles: the main text and what the page says about the article.

The body comes from trafilatura (Barbaresi, ACL 2021 demos), which led the extractors measured on
60 real news pages (`benchmarks/ingest.py`), run with `favor_precision`; its lines then go
through the same furniture classifier as plain text, which drops the teaser links and
prompts that sit inside article markup ("READ MORE: ...", "Follow us on ..."). The page's
metadata (JSON-LD, Open Graph, `<meta>` and `<link rel=canonical>`) gives the headline,
authors, publication date, site name and canonical URL.

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
EXTRACTOR = "trafilatura (favor_precision) + kgbuild.furniture.v2"

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
    try:
        return trafilatura.bare_extraction(
            raw, favor_precision=True, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, deduplicate=False,
        )
    except Exception as error:  # a third-party parser on arbitrary bytes: report, never crash
        raise InputError(f"{origin}: cannot be parsed as HTML ({type(error).__name__}: {error}); "
                         f"skipped") from error


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
