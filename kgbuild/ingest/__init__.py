"""The ingest stage: files, directories and stdin → `kgbuild.types.Article`.

It reads plain text, saved web pages, JSON lines and CSV (each also gzipped), directories
and stdin, reports unreadable inputs one by one, and takes page furniture (menus, teasers,
prompts) out of the text. It also finds the articles to leave out of a build (copies of
an earlier text, other languages) and resolves time phrases against an article's date.
It needs neither spaCy nor rdflib.
"""

from kgbuild.ingest.cleanup import CleanedText, clean_text
from kgbuild.ingest.dates import DateSpan, publication_date, resolve_date
from kgbuild.ingest.duplicates import normalised_text, unique_articles
from kgbuild.ingest.language import Language, detect_language, in_language
from kgbuild.ingest.readers import FieldNames, articles_from, count_articles, read_articles, read_sentences
from kgbuild.ingest.sources import ReadLimits

__all__ = ["CleanedText", "DateSpan", "FieldNames", "Language", "ReadLimits", "articles_from", "clean_text",
           "count_articles",
           "detect_language", "in_language", "normalised_text", "publication_date",
           "read_articles", "read_sentences", "resolve_date", "unique_articles"]
