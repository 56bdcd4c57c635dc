"""The ingest stage: files, directories and stdin → `kgbuild.types.Article`.

It reads `.txt` and `.jsonl` files, directories and stdin, reports unreadable inputs one
by one, and takes page furniture (menus, teasers, prompts) out of the text. It needs
neither spaCy nor rdflib.
"""

from kgbuild.ingest.cleanup import CleanedText, clean_text
from kgbuild.ingest.readers import articles_from, read_articles

__all__ = ["CleanedText", "articles_from", "clean_text", "read_articles"]
