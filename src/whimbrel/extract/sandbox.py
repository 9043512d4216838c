"""Run untrusted parsing in worker processes with a time limit and a memory guard.

A page can make an HTML parser loop, recurse until the stack breaks, or allocate without
bound. :class:`Sandbox` runs a callable on each document in a pool of worker processes
that are *reused* (one process start per worker, not per page). A worker that does not
answer within the time limit is killed and replaced; one that dies is replaced; the
document becomes a :class:`~whimbrel.model.Rejection` with its reason, and the run goes on.
(The practice is datatrove's: untrusted parsing in a subprocess with a timeout.)

Memory: each worker sets ``RLIMIT_AS`` (its address space, bytes) to ``memory_bytes`` with
:func:`resource.setrlimit` once it has started, so an allocation past it fails with
``MemoryError`` inside the worker instead of exhausting the machine. Workers are started
with the ``spawn`` method: a fresh interpreter that has imported only the callable's module
(≈50 MB of address space for trafilatura), not a copy of a parent that may hold a spaCy
model and threads.

Rejection codes (W1xx, input problems: the document is a rejects row, the run goes on):
:data:`PARSER_TIMEOUT`, :data:`PARSER_CRASH`, :data:`PARSER_MEMORY`.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from whimbrel import errors
from whimbrel.model import Origin, Rejection

PARSER_TIMEOUT = errors.W111
PARSER_CRASH = errors.W112
PARSER_MEMORY = errors.W113

#: Seconds a new worker may take to start and import the callable's module.
STARTUP_TIMEOUT_S = 120.0


def _worker_main(conn: Connection, func: Callable[[Any], Any], memory_bytes: int | None) -> None:
    """Worker loop: receive ``(index, item)``, send ``(index, (status, payload))``.

    ``status`` is ``"ok"`` (payload = result), ``"error"`` (payload = "Type: message") or
    ``"memory"``; after a MemoryError the worker exits so that a fresh one replaces it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    if memory_bytes:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        index, item = msg
        try:
            reply: tuple[str, Any] = ("ok", func(item))
        except MemoryError:
            reply = ("memory", "MemoryError")
        except Exception as exc:  # the parser's own failure is data, not a crash of the run
            reply = ("error", f"{type(exc).__name__}: {exc}"[:500])
        try:
            conn.send((index, reply))
        except MemoryError:
            os._exit(3)
        except Exception as exc:  # the result could not be pickled
            conn.send((index, ("error", f"result not transferable: {type(exc).__name__}: {exc}"[:500])))
        if reply[0] == "memory":
            os._exit(3)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int | None = None  # index of the item in flight
    item: Any = None
    deadline: float = 0.0


class Sandbox:
    """A pool of reusable worker processes running ``func`` on one item at a time each.

    ``func`` must be picklable by reference (a module-level function) and take one item; its
    result must be picklable. ``timeout_s``: seconds a single item may take (from when it is
    handed to a worker); ``memory_bytes``: address-space limit of each worker (``None`` for
    none); ``workers``: processes in the pool. ``origin_of`` gives the
    :class:`~whimbrel.model.Origin` a Rejection names (default: ``item.origin``).

    Use as a context manager (``with Sandbox(f) as box: …``) or call :meth:`close`.
    ``started`` counts worker processes started so far (workers + replacements).
    """

    def __init__(
        self,
        func: Callable[[Any], Any],
        *,
        timeout_s: float = 20.0,
        memory_bytes: int | None = 1_500_000_000,
        workers: int = 1,
        origin_of: Callable[[Any], Origin] | None = None,
    ) -> None:
        if workers < 1:
            raise errors.ConfigError(errors.E202, f"workers must be at least 1, got {workers}")
        if timeout_s <= 0:
            raise errors.ConfigError(errors.E202, f"timeout must be positive, got {timeout_s}")
        self.func = func
        self.timeout_s = float(timeout_s)
        self.memory_bytes = memory_bytes
        self.n_workers = workers
        self.origin_of = origin_of or (lambda item: item.origin)
        self.started = 0
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []

    # -- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop all workers (politely, then by force)."""
        for w in self._workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in self._workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
            w.conn.close()
        self._workers = []

    def _start_worker(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self.func, self.memory_bytes), daemon=True
        )
        proc.start()
        child.close()
        self.started += 1
        if not parent.poll(STARTUP_TIMEOUT_S):
            proc.kill()
            raise RuntimeError(f"sandbox worker did not start within {STARTUP_TIMEOUT_S} s")
        try:
            parent.recv()  # ("ready", pid)
        except EOFError as exc:
            proc.join(timeout=2)
            raise RuntimeError(f"sandbox worker died while starting (exit code {proc.exitcode})") from exc
        return _Worker(proc, parent)

    def _replace(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()
        self._workers.remove(w)
        self._workers.append(self._start_worker())

    # -- running ---------------------------------------------------------------------
    def run(self, item: Any) -> Any:
        """``func(item)`` in a worker, or a Rejection (timeout, crash, memory)."""
        return next(iter(self.imap([item])))

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """Results of ``func`` over ``items`` in input order; a Rejection for an item whose
        worker timed out, crashed, raised or ran out of memory. Items are read lazily (at
        most ``workers`` in flight)."""
        while len(self._workers) < self.n_workers:
            self._workers.append(self._start_worker())
        source = iter(enumerate(items))
        exhausted = False
        done: dict[int, Any] = {}
        next_out = 0
        while True:
            for w in list(self._workers):
                if w.index is None and not exhausted:
                    nxt = next(source, None)
                    if nxt is None:
                        exhausted = True
                        break
                    w.index, w.item = nxt
                    w.deadline = time.monotonic() + self.timeout_s
                    try:
                        w.conn.send(nxt)
                    except (OSError, ValueError) as exc:  # worker gone before we could send
                        done[w.index] = self._reject(w.item, PARSER_CRASH, f"worker unavailable: {exc}")
                        self._idle(w)
                        self._replace(w)
            busy = [w for w in self._workers if w.index is not None]
            if not busy:
                break
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait(waitables, timeout=timeout))
            now = time.monotonic()
            for w in busy:
                if w.conn in ready or (w.process.sentinel in ready and w.conn.poll()):
                    try:
                        index, (status, payload) = w.conn.recv()
                    except (EOFError, OSError):
                        done[w.index] = self._died(w)
                        self._idle(w)
                        self._replace(w)
                        continue
                    done[index] = self._settle(w.item, status, payload)
                    self._idle(w)
                    if status == "memory":
                        self._replace(w)
                elif w.process.sentinel in ready:
                    done[w.index] = self._died(w)
                    self._idle(w)
                    self._replace(w)
                elif now >= w.deadline:
                    done[w.index] = self._reject(
                        w.item, PARSER_TIMEOUT, f"no result within {self.timeout_s:g} s; the worker was killed"
                    )
                    self._idle(w)
                    self._replace(w)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _idle(w: _Worker) -> None:
        w.index, w.item = None, None

    def _died(self, w: _Worker) -> Rejection:
        w.process.join(timeout=2)
        code = w.process.exitcode
        if code is not None and code < 0:
            how = f"killed by signal {signal.Signals(-code).name}"
        else:
            how = f"exit code {code}"
        if code == 3:
            return self._reject(w.item, PARSER_MEMORY, f"the worker ran out of memory (limit {self.memory_bytes} bytes)")
        return self._reject(w.item, PARSER_CRASH, f"the worker process died ({how})")

    def _settle(self, item: Any, status: str, payload: Any) -> Any:
        if status == "ok":
            return payload
        if status == "memory":
            return self._reject(item, PARSER_MEMORY, f"the parser exceeded the memory limit ({self.memory_bytes} bytes)")
        return self._reject(item, PARSER_CRASH, f"the parser raised {payload}")

    def _reject(self, item: Any, code: errors.Code, detail: str) -> Rejection:
        try:
            origin = self.origin_of(item)
        except AttributeError:
            origin = Origin("-")
        return Rejection(origin=origin, code=code.code, reason=code.reason, detail=detail, stage="extract")
