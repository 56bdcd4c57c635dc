"""SPARQL queries in worker processes that can be killed, because Oxigraph cannot stop one.

pyoxigraph has no way to cancel a query: an aggregate over a huge join runs to its end and
keeps a core busy long after its client was told 503. A process can be stopped, so each
query is evaluated in a worker process; one that runs over its time is killed (SIGKILL)
and a new one takes its place.

    server ──control socket──▶ zygote ──fork──▶ worker, worker, ...
       ▲                                          │
       └─────────── one socket per worker ────────┘ (a query in, its answer bytes out)

Workers are forked from a *zygote*: a single-threaded process holding what a worker needs,
so a replacement can be forked cleanly at any time, whatever threads the server runs.

- A store in memory is in the server's memory only: the zygote is forked from the server
  when the pool is made (before its HTTP threads exist), and workers share the data with
  it copy-on-write.
- A store on disk is opened read-only by each worker (`pyoxigraph.Store.read_only`). The
  zygote is then a fresh interpreter: a process that has opened RocksDB runs its
  background threads, and forking it would copy locks those threads may hold.

Nothing outlives the server. When the server closes the control socket, or dies (the
kernel closes it), or the zygote sees its parent change, the zygote ends its workers, busy
or not (they are the rest of its process group), and then itself. A worker whose zygote
is gone is killed by the kernel (Linux `PR_SET_PDEATHSIG`) or leaves on its own.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import logging
import os
import pickle
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from pathlib import Path
from typing import Callable, Generic, NoReturn, TypeVar

import pyoxigraph as ox

from kgbuild.graph import KnowledgeStore
from kgbuild.query.guard import isolate_from_network
from kgbuild.processes import exit_with_parent

__all__ = ["CAN_FORK", "InProcessWorkers", "QueryTimedOut", "QueryWorkers", "StoreUnavailable", "WorkerDied",
           "WorkerFailed", "WorkerLimits", "WorkersBusy"]

logger = logging.getLogger("kgbuild")

#: Whether this platform can run queries in killable workers (it needs fork and Unix sockets).
CAN_FORK = hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "CMSG_SPACE")

Request = TypeVar("Request")
Answer = TypeVar("Answer")
#: Evaluates one request in a worker; runs in the worker process, so it must not need the server's state.
AnswerFunction = Callable[[KnowledgeStore, Request], Answer]

_STARTUP_SECONDS = 120.0  # a worker opening a large store read-only may take a while
_WATCH_SECONDS = 0.5
_CLOSE_SECONDS = 10.0


class WorkersBusy(Exception):
    """No worker became free in time."""


class QueryTimedOut(Exception):
    """A worker ran past the time limit and was killed."""


class WorkerFailed(Exception):
    """A worker crashed, could not start, or the pool is closed."""


class WorkerDied(WorkerFailed):
    """A worker ended in the middle of a query: it ran out of its memory allowance (the
    allocator aborts), or the query crashed the engine. It was replaced."""


class StoreUnavailable(WorkerFailed):
    """The store on disk was replaced and cannot be opened again (yet); the worker lives."""


@dataclass(frozen=True)
class _StoreGone:
    reason: str


@dataclass(frozen=True)
class WorkerLimits:
    """How each worker process is confined.

    Attributes:
        memory_bytes: Most memory (RLIMIT_DATA: heap and private mappings) a worker may
            use; a query that needs more ends its worker (`WorkerDied`). None: no limit.
        offline: Cut the worker off the network (a network namespace of its own, where
            Linux allows it), so no query it evaluates can fetch a URL.
    """

    memory_bytes: int | None = None
    offline: bool = False


@dataclass(frozen=True)
class _Crash:
    """What a worker sends back when evaluating raised: the traceback, for the server's log."""

    traceback: str


@dataclass(frozen=True)
class _ZygotePlan:
    """What a fresh-interpreter zygote needs: where the store is, how to answer, the limits."""

    store_path: str
    answer: Callable
    limits: WorkerLimits


@dataclass(eq=False)
class _Worker:
    pid: int
    connection: Connection


class QueryWorkers(Generic[Request, Answer]):
    """A fixed number of worker processes holding the store, each evaluating one query at a time.

    Args:
        store: The store to query: in memory (forked into the workers) or on disk (opened
            read-only by each worker). Nothing may write to it while the pool is made.
        answer: A module-level function `answer(store, request) -> answer` run in a
            worker; requests and answers are pickled.
        size: Workers, which is how many queries run at once.
        limits: How each worker is confined (memory, network).

    Raises:
        WorkerFailed: A worker could not start (for example, the store cannot be opened
            read-only).
    """

    def __init__(self, store: KnowledgeStore, answer: AnswerFunction, *, size: int,
                 limits: WorkerLimits | None = None) -> None:
        if not CAN_FORK:
            raise WorkerFailed("Query workers need fork() and Unix sockets, which this platform lacks.")
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # the last used is the warmest
        self._live: set[_Worker] = set()
        self._lock = threading.Lock()  # guards _live, _closed and the control socket
        self._closed = False
        self._zygote_pid, self._control, self._zygote_process = _start_zygote(store, answer, limits or WorkerLimits())
        try:
            for _ in range(max(1, size)):
                self._idle.put(self._spawn())
        except BaseException:
            self.close()
            raise

    @property
    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(worker.pid for worker in self._live)

    def run(self, request: Request, *, wait: float, timeout: float | None) -> Answer:
        """Evaluate a request in a free worker, killing the worker if it runs past `timeout`.

        Args:
            request: What the answer function gets (picklable).
            wait: Seconds to wait for a free worker.
            timeout: Seconds the worker may take to answer (None: no limit).

        Raises:
            WorkersBusy: No worker was free within `wait`.
            QueryTimedOut: The worker ran past `timeout`; it was killed and replaced.
            WorkerDied: The worker ended mid-query (out of memory, or crashed); it was replaced.
            WorkerFailed: The pool is closed, or has no worker left.
        """
        if self._closed:
            raise WorkerFailed("The query workers are closed.")
        if not self._live:
            raise WorkerFailed("No query worker is left (see the server's log).")
        try:
            worker = self._idle.get(timeout=max(wait, 0.0))
        except queue.Empty:
            raise WorkersBusy() from None
        started = time.monotonic()
        try:
            worker.connection.send(request)
            answered = worker.connection.poll(None if timeout is None else max(timeout, 0.0))
            outcome = worker.connection.recv() if answered else None
        except (OSError, EOFError, pickle.PickleError) as error:
            self._replace(worker)
            raise WorkerDied(f"A query worker (pid {worker.pid}) ended in the middle of a query: {error!r}") from error
        if not answered:
            self._replace(worker)
            raise QueryTimedOut()
        self._idle.put(worker)
        # Answered, but late (its last bytes came after the limit).
        if timeout is not None and time.monotonic() - started > timeout:
            raise QueryTimedOut()
        if isinstance(outcome, _Crash):
            raise WorkerFailed(f"A query failed in its worker:\n{outcome.traceback}")
        if isinstance(outcome, _StoreGone):
            raise StoreUnavailable(outcome.reason)
        return outcome

    def close(self) -> None:
        """Kill every worker and the zygote (queries still running are answered as failed)."""
        with self._lock:
            self._closed = True
            workers, self._live = list(self._live), set()
        for worker in workers:
            _kill(worker)
        # The zygote leaves once its control socket closes and its killed workers are gone
        # (so none is left for init to reap); it is killed if it does not.
        self._control.close()
        if self._zygote_process is not None:
            try:
                self._zygote_process.wait(timeout=_CLOSE_SECONDS)
            except subprocess.TimeoutExpired:
                self._zygote_process.kill()
                self._zygote_process.wait()
        elif not _ended(self._zygote_pid, within=_CLOSE_SECONDS):
            os.kill(self._zygote_pid, signal.SIGKILL)
            _ended(self._zygote_pid, within=None)

    def _spawn(self) -> _Worker:
        """Have the zygote fork a worker, and wait until it holds the store."""
        ours, theirs = socket.socketpair()
        try:
            with self._lock:
                if self._closed:
                    raise WorkerFailed("The query workers are closed.")
                try:
                    send_handle(self._control, theirs.fileno(), self._zygote_pid)
                    if not self._control.poll(_STARTUP_SECONDS):
                        raise WorkerFailed("The process that starts query workers does not answer.")
                    pid = self._control.recv()
                except (OSError, EOFError) as error:
                    raise WorkerFailed(f"The process that starts query workers is gone ({error!r}).") from error
        finally:
            theirs.close()
        worker = _Worker(pid, Connection(ours.detach()))
        with self._lock:
            self._live.add(worker)
        try:
            if not worker.connection.poll(_STARTUP_SECONDS):
                raise WorkerFailed(f"A query worker did not start within {_STARTUP_SECONDS:g} s.")
            failure = worker.connection.recv()
        except (OSError, EOFError) as error:
            failure = f"it ended while starting ({error!r})"
        except WorkerFailed:
            self._discard(worker)
            raise
        if failure is not None:
            self._discard(worker)
            raise WorkerFailed(f"A query worker could not start: {failure}")
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and put a new one in its place (unless the pool is closing)."""
        self._discard(worker)
        if self._closed:
            return
        try:
            self._idle.put(self._spawn())
        except WorkerFailed as error:
            logger.error("kgbuild endpoint: %s; %d query worker(s) left", error, len(self._live))

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._live.discard(worker)
        _kill(worker)


def _ended(pid: int, *, within: float | None) -> bool:
    """Whether the child `pid` ended (and was reaped) within `within` seconds (None: wait for it)."""
    deadline = None if within is None else time.monotonic() + within
    while True:
        try:
            done, _ = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)


def _kill(worker: _Worker) -> None:
    try:
        os.kill(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.connection.close()


# ── the zygote ─────────────────────────────────────────────────────────────────────────

def _start_zygote(store: KnowledgeStore, answer: AnswerFunction, limits: WorkerLimits
                  ) -> tuple[int, Connection, subprocess.Popen | None]:
    """Start the zygote: (its pid, the control connection, the process when it was exec'd)."""
    ours, theirs = socket.socketpair()
    if store.path is not None:
        # A fresh interpreter, given only the socket (every other descriptor is closed).
        process = subprocess.Popen(
            [sys.executable, "-c", "from kgbuild.query.workers import _zygote_main; _zygote_main()",
             str(theirs.fileno()), str(os.getpid())], pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        control = Connection(ours.detach())
        control.send(_ZygotePlan(str(store.path), answer, limits))
        return process.pid, control, process
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the zygote: never return into the caller's code
        try:
            ours.close()
            _serve_forks(Connection(theirs.detach()), lambda: store, answer, parent, limits)
        finally:
            os._exit(0)
    theirs.close()
    return pid, Connection(ours.detach()), None


def _zygote_main() -> NoReturn:
    """Entry point of a fresh-interpreter zygote: `python -c ... FD PARENT_PID`."""
    try:
        control = Connection(int(sys.argv[1]))
        plan: _ZygotePlan = control.recv()
        _serve_forks(control, _StoreOnDisk(plan.store_path), plan.answer, int(sys.argv[2]), plan.limits)
    finally:
        os._exit(0)


def _serve_forks(control: Connection, open_store: Callable[[], KnowledgeStore], answer: AnswerFunction,
                 parent: int, limits: WorkerLimits) -> None:
    """The zygote's loop: each socket received becomes a worker forked to serve it.

    It stays single-threaded (so every fork is clean), and when the server closes the
    control socket or dies, it ends its workers (busy ones too) and then itself.
    """
    # A process group of its own: its workers are exactly the rest of the group, and
    # Ctrl-C in a terminal reaches the server alone, which then stops them.
    os.setpgid(0, 0)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps ended workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        _fork_on_request(control, open_store, answer, parent, limits)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        os.killpg(0, signal.SIGTERM)  # the workers (SIGTERM ends them at once, even mid-query)
        try:
            os.wait()  # with SIGCHLD ignored, this returns once every child is gone
        except ChildProcessError:
            pass


def _fork_on_request(control: Connection, open_store: Callable[[], KnowledgeStore], answer: AnswerFunction,
                     parent: int, limits: WorkerLimits) -> None:
    """Fork a worker for each socket received, until the control socket closes or the parent changes."""
    while os.getppid() == parent:
        try:
            if not control.poll(_WATCH_SECONDS):
                continue
            descriptor = recv_handle(control)
        except (OSError, EOFError):  # the server closed the control socket, or died
            return
        zygote = os.getpid()
        pid = os.fork()
        if pid == 0:
            control.close()
            _work(descriptor, open_store, answer, zygote=zygote, limits=limits)
        os.close(descriptor)
        try:
            control.send(pid)
        except OSError:
            return


# ── a worker ───────────────────────────────────────────────────────────────────────────

def _work(descriptor: int, open_store: Callable[[], KnowledgeStore], answer: AnswerFunction,
          *, zygote: int, limits: WorkerLimits) -> NoReturn:
    """A worker's life: confine itself, open the store, say so, then answer requests until
    the socket closes."""
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        connection = Connection(descriptor)
        _quiet_native_errors()
        # While the process is still single-threaded (a network namespace needs that).
        if limits.offline and not isolate_from_network():
            _warn_once_online(connection)
        _die_with(zygote)
        # Oxigraph's parser and evaluator recurse; a thread with a large stack holds
        # long chains (thousands of OPTIONALs or UNIONs) that would overflow the main one.
        threading.stack_size(_QUERY_STACK_BYTES)
        serving = threading.Thread(target=_answer_requests, args=(connection, open_store, answer, limits),
                                   name="kgbuild-query")
        serving.start()
        serving.join()
    finally:
        os._exit(0)


_QUERY_STACK_BYTES = 256 * 1024 * 1024


def _quiet_native_errors() -> None:
    """Send the worker's own stderr nowhere: Oxigraph's allocator prints a message and a
    backtrace when a query runs out of memory, and the server reports that in one line
    (Python errors come back to the server as values and are logged there)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        pass


def _answer_requests(connection: Connection, open_store: Callable[[], KnowledgeStore],
                     answer: AnswerFunction, limits: WorkerLimits) -> None:
    try:
        store = open_store()
    except Exception as error:  # noqa: BLE001 (reported to the server, which raises it)
        connection.send(f"{type(error).__name__}: {error}")
        return
    _limit_memory(limits.memory_bytes)
    connection.send(None)
    replaced = getattr(open_store, "replaced", None)
    while True:
        try:
            request = connection.recv()
        except (OSError, EOFError):
            return
        try:
            if replaced is not None and replaced():
                _limit_memory(None)
                try:
                    store = open_store()  # the store on disk was rebuilt or replaced: read the new one
                except Exception as error:  # noqa: BLE001 (tried again at the next request)
                    outcome = _StoreGone(f"{type(error).__name__}: {error}")
                    connection.send(outcome)
                    continue
                finally:
                    _limit_memory(limits.memory_bytes)
            outcome = answer(store, request)
        except MemoryError:
            outcome = _Crash("MemoryError: the query needed more memory than a worker may use")
        except Exception:  # noqa: BLE001 (the server logs it and answers 500)
            outcome = _Crash(traceback.format_exc())
        try:
            connection.send(outcome)  # pickled whole before a byte is sent
        except (OSError, EOFError):
            return
        except Exception:  # noqa: BLE001 (an answer that cannot be pickled)
            connection.send(_Crash(traceback.format_exc()))


def _limit_memory(allowance: int | None) -> None:
    """Let this process allocate at most `allowance` bytes more than it holds now (the
    store included: a store in memory is shared with the zygote, yet counted), or lift the
    limit (None). Past it an allocation fails, and Oxigraph's allocator aborts the process,
    which the server reports as a query that ran out of memory.

    The soft RLIMIT_DATA (heap and private mappings, not RocksDB's mapped files) is set,
    so a later call may raise it again.
    """
    try:
        import resource
    except ImportError:  # not on this platform
        return
    kind = getattr(resource, "RLIMIT_DATA", None)
    if kind is None:
        return
    _, hard = resource.getrlimit(kind)
    if allowance is None:
        resource.setrlimit(kind, (hard, hard))
        return
    limit = _data_bytes() + int(allowance)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(kind, (limit, hard))


def _data_bytes() -> int:
    """The size of this process's data mappings (what RLIMIT_DATA counts), from /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


_ONLINE_WARNED = False


def _warn_once_online(connection: Connection) -> None:
    global _ONLINE_WARNED
    if not _ONLINE_WARNED:
        _ONLINE_WARNED = True
        logger.warning("kgbuild endpoint: this system does not let query workers drop network access; "
                       "SERVICE is still refused by parsing each query")


def _die_with(parent: int) -> None:
    """End this process when `parent` ends, even in the middle of a query.

    On Linux the kernel kills it (PR_SET_PDEATHSIG; the zygote is single-threaded, so its
    one thread is the process). Elsewhere a thread watches the parent id; Oxigraph releases
    the GIL while it evaluates, so the watch runs during a query too.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    exit_with_parent(parent, interval=_WATCH_SECONDS)


class _ReadOnlyStore(KnowledgeStore):
    """A store on disk opened read-only in a worker, beside the server process that holds it
    (read-only, with the readers' shared lock, or read-write: either way no other process
    writes it meanwhile)."""

    def __init__(self, path: str) -> None:
        # Not super().__init__: the server holds the lock for its workers.
        self.oxigraph = ox.Store.read_only(path)
        self.path = Path(path)
        self.read_only = True


class _StoreOnDisk:
    """Opens a store on disk read-only, and tells when the folder was rebuilt or replaced
    (its CURRENT file, which names the live manifest, changed), so a worker reopens it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._opened: tuple[int, int, int] | None = None

    def __call__(self) -> KnowledgeStore:
        signature = self._signature()
        store = _ReadOnlyStore(self.path)
        self._opened = signature  # only once open: a failed open is tried again at the next request
        return store

    def replaced(self) -> bool:
        return self._signature() != self._opened

    def _signature(self) -> tuple[int, int, int]:
        try:
            current = os.stat(os.path.join(self.path, "CURRENT"))
            return os.stat(self.path).st_ino, current.st_ino, current.st_mtime_ns
        except OSError:
            return (0, 0, 0)


class InProcessWorkers(Generic[Request, Answer]):
    """Threads instead of processes, for platforms without fork: the same `run`, except that
    a query over its time is answered as timed out but runs on to its end in its thread.

    Args:
        store: The store to query.
        answer: As for `QueryWorkers`; it runs in a thread of this process.
        size: Threads, which is how many queries run at once.
    """

    def __init__(self, store: KnowledgeStore, answer: AnswerFunction, *, size: int) -> None:
        self._store = store
        self._answer = answer
        self._threads = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, size),
                                                              thread_name_prefix="kgbuild-query")
        self._slots = threading.BoundedSemaphore(max(1, size))

    @property
    def pids(self) -> list[int]:
        """No worker processes: an empty list."""
        return []

    def run(self, request: Request, *, wait: float, timeout: float) -> Answer:
        """As `QueryWorkers.run`, but a timed-out query is not stopped."""
        if not self._slots.acquire(timeout=max(wait, 0.0)):
            raise WorkersBusy()
        try:
            future = self._threads.submit(self._evaluate, request)
        except RuntimeError as error:  # closed
            self._slots.release()
            raise WorkerFailed("The query workers are closed.") from error
        future.add_done_callback(lambda _: self._slots.release())
        try:
            outcome = future.result(timeout=max(timeout, 0.0))
        except concurrent.futures.TimeoutError:
            raise QueryTimedOut() from None
        if isinstance(outcome, _Crash):
            raise WorkerFailed(f"A query failed:\n{outcome.traceback}")
        return outcome

    def _evaluate(self, request: Request) -> Answer | _Crash:
        # Oxigraph's answers belong to the thread that made them: no exception may leave this
        # thread with one in its traceback, so failures leave as text.
        try:
            return self._answer(self._store, request)
        except Exception:  # noqa: BLE001 (the caller logs it and answers 500)
            return _Crash(traceback.format_exc())

    def close(self) -> None:
        """Stop taking queries (running ones end on their own)."""
        self._threads.shutdown(wait=False, cancel_futures=True)
