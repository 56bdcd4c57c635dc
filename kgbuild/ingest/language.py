"""Which language an article is written in, to keep out what the pipeline cannot parse.

An English pipeline run over a German article still finds "entities" and "statements":
all of them wrong. `in_language` lets through the articles in the pipeline's language and
names the others in one warning, so a user can build them with a pipeline for theirs.

Detection is py3langid (Lui & Baldwin 2012, langid.py, in a maintained fork): a naive
Bayes model over byte n-grams shipped inside the package, offline and deterministic, 97
languages. On the 2,577 BBC and Reuters articles it calls none anything but English
(`benchmarks/ingest.py`). It only decides on enough text: a short text or an unsure call
keeps the article, since skipping an English one by mistake loses it from the graph.

Two things make the call hold across writing systems:

- Text is measured in letters, where a character of Han, kana or Hangul counts as three:
  each stands for a morpheme or a syllable, and a Chinese news text of 70 characters says
  about as much as 200 letters of English (an English word averages 4.7 letters, a Chinese
  one 1.5 characters). Counted one to one, no short Chinese or Japanese article was ever
  judged.
- The script decides where it is plain: a text most of whose letters are in scripts the
  pipeline's language is not written in (Chinese characters for English, Latin letters
  for Russian) is not in that language, however unsure the model is. py3langid spreads
  its probability over Chinese's close classes (zh, wuu, yue), so on real Chinese news it
  is often under 0.95; a few foreign names or a quote in another script are far from
  half of an article's letters.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from kgbuild.errors import InputError
from kgbuild.types import Article

logger = logging.getLogger("kgbuild")

#: Fewer letters than this and no call is made: the article is kept (a Han, kana or Hangul
#: character counts as `LETTERS_PER_SYLLABLE_SIGN` letters).
MIN_LETTERS = 200
#: Letters a character of Han, kana or Hangul counts as (a morpheme or syllable: see above).
LETTERS_PER_SYLLABLE_SIGN = 3
#: How sure the model must be before an article is called another language.
MIN_CONFIDENCE = 0.95
#: Share of a text's letters in scripts foreign to a language above which the text is not in it.
MAX_FOREIGN_SCRIPT_SHARE = 0.5
#: Characters read from the start of a text: plenty for the model (about 170 words), and the
#: call costs in proportion (3,000 characters took a quarter of the parse of a BBC article).
_SAMPLE = 1000
#: Articles named in the warning before "and N more".
_NAMED = 10


# Unicode character names start with their script; these are the scripts languages are told
# apart by (letters of any other name, such as MODIFIER LETTER, count for no script).
_SCRIPT_NAMES = {
    "LATIN": "Latin", "CYRILLIC": "Cyrillic", "GREEK": "Greek", "ARMENIAN": "Armenian", "GEORGIAN": "Georgian",
    "ARABIC": "Arabic", "HEBREW": "Hebrew", "CJK": "Han", "HIRAGANA": "Hiragana", "KATAKANA": "Katakana",
    "KATAKANA-HIRAGANA": "Katakana", "HANGUL": "Hangul", "DEVANAGARI": "Devanagari", "BENGALI": "Bengali",
    "GURMUKHI": "Gurmukhi", "GUJARATI": "Gujarati", "ORIYA": "Oriya", "TAMIL": "Tamil", "TELUGU": "Telugu",
    "KANNADA": "Kannada", "MALAYALAM": "Malayalam", "SINHALA": "Sinhala", "THAI": "Thai", "LAO": "Lao",
    "TIBETAN": "Tibetan", "MYANMAR": "Myanmar", "KHMER": "Khmer", "ETHIOPIC": "Ethiopic",
}
_SYLLABLE_SIGNS = frozenset({"Han", "Hiragana", "Katakana", "Hangul"})
_LATIN = frozenset({"Latin"})
_CYRILLIC = frozenset({"Cyrillic"})
_ARABIC = frozenset({"Arabic"})
_HAN = frozenset({"Han"})
#: The scripts each language is written in (py3langid's codes and spaCy's). A language not
#: listed gets no script check, only the model's call.
WRITTEN_IN: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "af an az br bs ca cs cy da de en eo es et eu fi fo fr fy ga gd gl ha hr ht hu id ig is it jv ku la lb lg "
        "lij ln lt lv mg ms mt nb nl nn no oc pl pt qu ro rw se sk sl sn so sq st sv sw tk tl tn tr uz vi vo wa "
        "xh yo zu".split(), _LATIN),
    **dict.fromkeys("ba be bg kk ky mk mn ru tg tt uk".split(), _CYRILLIC),
    **dict.fromkeys("ar fa ps ug ur".split(), _ARABIC),
    **dict.fromkeys("zh yue wuu".split(), _HAN),
    **dict.fromkeys("hi mr ne sa".split(), frozenset({"Devanagari"})),
    **dict.fromkeys("as bn".split(), frozenset({"Bengali"})),
    **dict.fromkeys("he yi".split(), frozenset({"Hebrew"})),
    **dict.fromkeys("el grc".split(), frozenset({"Greek"})),
    "ja": frozenset({"Han", "Hiragana", "Katakana"}), "ko": frozenset({"Hangul", "Han"}),
    "sr": frozenset({"Cyrillic", "Latin"}), "am": frozenset({"Ethiopic"}), "dz": frozenset({"Tibetan"}),
    "gu": frozenset({"Gujarati"}), "hy": frozenset({"Armenian"}), "ka": frozenset({"Georgian"}),
    "km": frozenset({"Khmer"}), "kn": frozenset({"Kannada"}), "lo": frozenset({"Lao"}),
    "ml": frozenset({"Malayalam"}), "my": frozenset({"Myanmar"}), "or": frozenset({"Oriya"}),
    "pa": frozenset({"Gurmukhi"}), "si": frozenset({"Sinhala"}), "ta": frozenset({"Tamil"}),
    "te": frozenset({"Telugu"}), "th": frozenset({"Thai"}),
}


@dataclass(frozen=True)
class Language:
    """A language call: ISO 639 code, the model's probability for it, and the text's scripts.

    Attributes:
        code: py3langid's language code (ISO 639-1 where there is one).
        confidence: The model's probability for `code`, in [0, 1].
        scripts: Each script of the text's letters and its share of them, largest first
            (letters counted as for `MIN_LETTERS`; letters of no script are left out).
    """

    code: str
    confidence: float
    scripts: tuple[tuple[str, float], ...] = ()

    def is_not(self, language: str) -> bool:
        """Whether this call says the text is not in `language`: the model is sure of
        another language, or most of the letters are in scripts `language` is not written in.

        >>> Language("zh", 0.72, (("Han", 0.97), ("Latin", 0.03))).is_not("en")
        True
        >>> Language("en", 0.99, (("Latin", 0.9), ("Cyrillic", 0.1))).is_not("en")
        False
        """
        if self.code != language and self.confidence >= MIN_CONFIDENCE:
            return True
        scripts = WRITTEN_IN.get(language)
        if scripts is None:
            return False
        return sum(share for script, share in self.scripts if script not in scripts) > MAX_FOREIGN_SCRIPT_SHARE


def detect_language(text: str) -> Language | None:
    """The language a text is written in, or None when the text is too short to tell.

    >>> detect_language("Alle Menschen sind frei und gleich an Würde und Rechten geboren. " * 4).code
    'de'
    >>> detect_language("Rain is expected.") is None
    True
    """
    sample = text[:_SAMPLE]
    letters = letters_by_script(sample)
    total = sum(letters.values())
    if total < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    shares = tuple((script, count / total) for script, count in letters.most_common() if script is not None)
    return Language(str(code), float(probability), shares)


def letters_by_script(text: str) -> Counter:
    """The letters of a text by script (None: letters of no script), a Han, kana or Hangul
    character counting as `LETTERS_PER_SYLLABLE_SIGN`.

    >>> letters_by_script("Xi 习近平 said")
    Counter({'Han': 9, 'Latin': 6})
    """
    letters: Counter = Counter()
    for character, count in Counter(c for c in text if c.isalpha()).items():
        script = _script(character)
        letters[script] += count * (LETTERS_PER_SYLLABLE_SIGN if script in _SYLLABLE_SIGNS else 1)
    return letters


def _script(character: str) -> str | None:
    if character.isascii():
        return "Latin"
    first, _, rest = unicodedata.name(character, "").partition(" ")
    if first in ("FULLWIDTH", "HALFWIDTH"):
        first = rest.partition(" ")[0]
    return _SCRIPT_NAMES.get(first)


def in_language(
    articles: Iterable[Article],
    language: str,
    *,
    on_skip: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Pass on the articles written in `language`; report the others once, by name.

    Args:
        articles: Articles to check.
        language: The pipeline's language (spaCy's `nlp.lang`); "xx" (multi-language)
            lets every article through.
        on_skip: Called once, after the last article, with an `InputError` naming the
            skipped articles and their languages; without it the message is logged as a
            warning.

    Yields:
        The articles in `language`, and those too short or too mixed to tell.
    """
    skipped: list[tuple[Article, str]] = []
    for article in articles:
        found = detect_language(article.text) if language != "xx" else None
        if found and found.is_not(language):
            # Named by the model's call, or by the script when the model called it `language`.
            skipped.append((article, found.code if found.code != language else f"{found.scripts[0][0]} script"))
        else:
            yield article
    if skipped:
        message = _skipped_message(skipped, language)
        if on_skip is None:
            logger.warning("%s", message)
        else:
            on_skip(InputError(message))


def _skipped_message(skipped: list[tuple[Article, str]], language: str) -> str:
    names = ", ".join(f"{a.origin or a.id} ({code})" for a, code in skipped[:_NAMED])
    more = f" and {len(skipped) - _NAMED} more" if len(skipped) > _NAMED else ""
    count = f"{len(skipped)} article{'s' if len(skipped) != 1 else ''}"
    return (f"{count} not in the pipeline's language '{language}' skipped: {names}{more}; "
            f"build them with --model naming a pipeline for their language")


@lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with probabilities normalised to [0, 1], loaded once."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
