"""The parsing sandbox: time limit, memory guard, crashes, worker reuse, input order."""

from __future__ import annotations

import ctypes
import operator
import time
from functools import partial

import pytest

from whimbrel.errors import ConfigError
from whimbrel.extract.sandbox import PARSER_CRASH, PARSER_MEMORY, PARSER_TIMEOUT, Sandbox
from whimbrel.model import Origin, Rejection


def run(items, **kw):
    with Sandbox(operator.call, origin_of=lambda it: Origin(repr(it)), **kw) as box:
        return list(box.imap(items)), box.started


def test_results_in_order_and_workers_reused():
    items = [partial(len, "x" * n) for n in range(12)]
    out, started = run(items, timeout_s=30, workers=2)
    assert out == list(range(12))
    assert started == 2  # one process per worker, not per item


def test_timeout_kills_and_replaces_the_worker_and_the_run_goes_on():
    items = [partial(len, "ab"), partial(time.sleep, 60), partial(len, "abcd")]
    t0 = time.monotonic()
    out, started = run(items, timeout_s=1.5, workers=1)
    assert time.monotonic() - t0 < 30
    assert out[0] == 2 and out[2] == 4
    r = out[1]
    assert isinstance(r, Rejection)
    assert (r.code, r.reason, r.stage) == (PARSER_TIMEOUT.code, "parser-timeout", "extract")
    assert "1.5 s" in r.detail
    assert started == 2  # the hung worker was replaced once


def test_crash_memory_and_exception_become_rejections():
    items = [
        partial(ctypes.string_at, 0),  # reads address 0: the worker dies of SIGSEGV
        partial(bytearray, 3_000_000_000),  # 3 GB under a 1 GB address-space limit
        partial(int, "not a number"),  # the parser raises
        partial(len, "still fine"),
    ]
    out, started = run(items, timeout_s=30, memory_bytes=1_000_000_000, workers=1)
    crash, memory, raised, fine = out
    assert (crash.reason, memory.reason, raised.reason) == ("parser-crash", "parser-memory", "parser-crash")
    assert "SIGSEGV" in crash.detail
    assert memory.code == PARSER_MEMORY.code and "1000000000" in memory.detail
    assert raised.code == PARSER_CRASH.code and "ValueError" in raised.detail
    assert fine == 10
    assert started == 3  # replaced after the segfault and after the memory error, not after the exception


def test_bad_configuration_is_refused():
    with pytest.raises(ConfigError):
        Sandbox(operator.call, workers=0)
    with pytest.raises(ConfigError):
        Sandbox(operator.call, timeout_s=0)
