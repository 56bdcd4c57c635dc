"""Where a build's batches run: in this process, a local process pool (`jobs`), or Dask.

The parse is the cost of a build, and what follows from one article alone follows it in
the worker: workers get batches of `Article` records and send back, per article, its
spaCy-free records and its named graph as N-Quads (`BuiltArticle`), or the `KgbuildError`
saying why it was skipped. The calling process only stores graphs and makes the corpus
merges, exactly as in a local build: in input order, whatever worker finished first.

Why not `nlp.pipe(n_process=N)` (which works: the component stores plain data): spaCy
ships each whole `Doc` back with `Doc.to_bytes`, and re-creating every `Doc` in the parent
would be work thrown away, since only the records are needed.

Each worker process loads the pipeline once (`statement_pipeline` is cached per process).
At most `window` batches are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator

from kgbuild.errors import KgbuildError, PipelineError
from kgbuild.graph.iris import DEFAULT_BASE
from kgbuild.pipeline.worker import BuiltOrSkipped, batches, build_batch, built_or_skipped, statement_pipeline
from kgbuild.processes import exit_with_parent
from kgbuild.types import Article

__all__ = ["DASK_MISSING", "build_batches", "dask_client"]

logger = logging.getLogger("kgbuild")

DASK_MISSING = "Dask is not installed; `--dask` needs dask.distributed: pip install 'kgbuild[dask]'"


def build_batches(articles: Iterable[Article], *, model: str | None, base: str = DEFAULT_BASE,
                  batch_size: int = 16, jobs: int = 1, dask: Any = None) -> Iterator[BuiltOrSkipped]:
    """Each article built (or why it was skipped), in input order, where the options say.

    The articles are built in this process with `jobs=1` and when they all fit in one
    batch (starting workers would cost more than it saves); else in a pool of `jobs`
    processes, or on Dask.

    Args:
        articles: The articles to parse (already checked for length and language).
        model: The spaCy pipeline's name, loaded by each worker.
        base: Base IRI of the graphs the workers make.
        batch_size: Articles per task.
        jobs: Local worker processes; 1 builds in this process.
        dask: A `distributed.Client`, a scheduler address (`tcp://host:8786`), or
            `"local"` for a `LocalCluster` of `jobs` worker processes.
    """
    pending = batches(articles, batch_size)
    first = list(islice(pending, 2))
    if dask is None and (jobs <= 1 or len(first) < 2):
        nlp = statement_pipeline(model)
        for batch in chain(first, pending):
            yield from built_or_skipped(batch, nlp, base=base, batch_size=batch_size)
        return
    if dask is not None:
        client, close = dask_client(dask, workers=max(jobs, 1))
        try:
            window = 2 * max(len(client.scheduler_info(n_workers=-1).get("workers", {})), 1) + 1
            yield from _in_order(lambda batch: client.submit(build_batch, batch, model, batch_size, base, pure=False),
                                 chain(first, pending), window)
        finally:
            close()
        return
    # fork where there is one: the workers inherit the loaded pipeline and the caller needs no
    # `if __name__ == "__main__"` guard; the children run only spaCy and kgbuild's own code.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # A worker ends when the build that started it is killed (SIGKILL leaves no chance to
    # stop the pool), instead of lingering and holding the build's output pipes open.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        try:
            yield from _in_order(lambda batch: pool.submit(build_batch, batch, model, batch_size, base),
                                 chain(first, pending), 2 * jobs + 1)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def dask_client(dask: Any, *, workers: int = 2) -> tuple[Any, Callable[[], None]]:
    """A Dask client for `dask` (a client, an address or "local") and how to let it go.

    Raises:
        PipelineError: dask.distributed is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise PipelineError(DASK_MISSING) from error
    if isinstance(dask, Client):
        return dask, lambda: None
    if dask == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    try:
        client = Client(dask, timeout=30)
    except (OSError, TimeoutError) as error:
        raise PipelineError(f"Cannot reach the Dask scheduler at {dask!r} ({error}). Start one with "
                            "`dask scheduler` and give its address (tcp://HOST:8786), or use --dask local.") from error
    return client, client.close


def _in_order(submit: Callable[[list[Article]], Future], pending: Iterable[list[Article]],
              window: int) -> Iterator[BuiltOrSkipped]:
    """Submit batches, at most `window` in flight, and yield their results in submission order."""
    in_flight: deque[Future] = deque()
    for batch in pending:
        in_flight.append(submit(batch))
        while len(in_flight) >= window:
            yield from _result(in_flight.popleft())
    while in_flight:
        yield from _result(in_flight.popleft())


def _result(future: Future) -> list[BuiltOrSkipped]:
    try:
        return future.result()
    except KgbuildError:
        raise
    except Exception as error:  # a worker died or could not load the pipeline
        raise PipelineError(f"A worker failed on a batch of articles ({type(error).__name__}: {error}). "
                            "Each worker needs the same kgbuild version and spaCy pipeline installed.") from error

