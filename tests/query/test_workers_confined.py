"""Query workers are confined: offline ones reach no host, whatever they run. No model."""

from __future__ import annotations

import os
import socket

import pytest

from kgbuild.graph import KnowledgeStore
from kgbuild.query.guard import isolate_from_network
from kgbuild.query.workers import CAN_FORK, QueryWorkers, WorkerLimits

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="workers are processes only where fork exists")


def _connect(store: KnowledgeStore, address: tuple[str, int]) -> str:
    """Runs in a worker: what a SERVICE fetch would do, a TCP connection to `address`."""
    try:
        socket.create_connection(address, timeout=2).close()
    except OSError as error:
        return f"refused: {error}"
    return "connected"


def _can_isolate() -> bool:
    pid = os.fork()
    if pid == 0:
        os._exit(0 if isolate_from_network() else 1)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_offline_workers_reach_no_host_and_online_ones_do():
    if not _can_isolate():
        pytest.skip("this system does not allow unprivileged network namespaces")
    listener = socket.create_server(("127.0.0.1", 0))
    address = listener.getsockname()
    try:
        offline = QueryWorkers(KnowledgeStore(), _connect, size=1, limits=WorkerLimits(offline=True))
        try:
            assert offline.run(address, wait=10, timeout=30).startswith("refused")
        finally:
            offline.close()
        online = QueryWorkers(KnowledgeStore(), _connect, size=1, limits=WorkerLimits(offline=False))
        try:
            assert online.run(address, wait=10, timeout=30) == "connected"
        finally:
            online.close()
    finally:
        listener.close()
