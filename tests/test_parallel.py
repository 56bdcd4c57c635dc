"""Corpus scale: the same graph from 1 or 2 processes or a Dask cluster; resuming into a store;
progress; the CLI's options for them."""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox
import pytest

import kgbuild
from kgbuild import Article, KnowledgeGraph
from kgbuild.cli import main
from kgbuild.ingest import count_articles


def _article_count(inputs: list[str], glob: str | None) -> int | None:
    """The count behind the progress bar's ETA (ingest's own reading rules, no longer the CLI's)."""
    return count_articles(inputs, glob=glob)


def bbc_articles(shared_dir, count: int) -> list[Article]:
    with (shared_dir / "corpora" / "bbc" / "articles.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(count), lines)]
    return [Article(id=r["id"], title=r.get("title"), text=r["text"]) for r in records]


def turtle(graph: KnowledgeGraph, path) -> bytes:
    graph.store.write(path)
    return path.read_bytes()


@pytest.mark.model
def test_two_processes_build_the_same_graph_as_one(shared_dir, tmp_path):
    articles = bbc_articles(shared_dir, 8)
    one = kgbuild.build(articles, jobs=1, batch_size=2)
    two = kgbuild.build(articles, jobs=2, batch_size=2)  # four batches: the pool is used
    assert one.summary.articles == two.summary.articles == 8
    assert turtle(one, tmp_path / "one.ttl") == turtle(two, tmp_path / "two.ttl")


@pytest.mark.model
@pytest.mark.dask
def test_a_dask_cluster_builds_the_same_graph_as_a_local_build(shared_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    articles = bbc_articles(shared_dir, 10)
    local = kgbuild.build(articles, batch_size=3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_cluster = kgbuild.build(articles, dask=client, batch_size=3)
        workers_used = client.run(lambda: __import__("kgbuild.pipeline").pipeline.statement_pipeline.cache_info().currsize)
    assert on_cluster.summary.articles == 10
    assert sum(workers_used.values()) >= 1  # the pipeline was loaded on the workers, not only here
    assert turtle(local, tmp_path / "local.ttl") == turtle(on_cluster, tmp_path / "dask.ttl")


def store_quads(path) -> list[str]:
    with KnowledgeGraph.open_store(path) as graph:
        return sorted(graph.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


ARTICLES = [
    Article(id="a", text="Russia attacked the hospital on Sunday."),
    Article(id="b", text="NATO said it had no personnel in Ukraine."),
    Article(id="c", text="The Kremlin denied that Russia attacked the hospital."),
    Article(id="d", text="Poland closed its border with Belarus."),
]


@pytest.mark.model
def test_an_interrupted_build_resumes_where_it_stopped(tmp_path):
    def interrupt_after_two(summary):  # Ctrl-C once two articles are in
        if summary.articles == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kgbuild.build(ARTICLES, store=tmp_path / "resumed", batch_size=1, progress=interrupt_after_two)
    seen = []
    resumed = kgbuild.build(ARTICLES, store=tmp_path / "resumed", batch_size=1,
                            progress=lambda summary: seen.append(summary.articles + summary.unchanged))
    resumed.close()
    assert (resumed.summary.unchanged, resumed.summary.articles) == (2, 2)  # the first two not parsed again
    assert seen == [1, 2, 3, 4]
    kgbuild.build(ARTICLES, store=tmp_path / "whole").close()
    assert store_quads(tmp_path / "resumed") == store_quads(tmp_path / "whole")


def test_the_progress_bar_knows_how_many_articles_files_hold(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_text("Russia attacked a base.", encoding="utf-8")
    (tmp_path / "news" / "two.html").write_text("<p>A page</p>", encoding="utf-8")
    with gzip.open(tmp_path / "archive.jsonl.gz", "wt", encoding="utf-8") as archive:
        archive.write('{"text": "One."}\n{"text": "Two."}\n\n{"text": "Three."}\n')
    assert _article_count([str(tmp_path / "news"), str(tmp_path / "archive.jsonl.gz")], None) == 5
    assert _article_count([str(tmp_path / "news")], "*.txt") == 1
    assert _article_count(["-"], None) is None  # stdin: no total, the bar counts without an ETA


@pytest.mark.parametrize("jobs", ["0", "two"])
def test_jobs_must_be_a_whole_number_from_one(jobs, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "seeds/", "--jobs", jobs])
    assert exit_info.value.code == 2
    assert "from 1 up" in capsys.readouterr().err


def test_one_cluster_option_at_a_time(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "seeds/", "--dask", "local", "--dask-scheduler", "tcp://127.0.0.1:8786"])
    assert exit_info.value.code == 2
