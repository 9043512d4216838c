"""Capped decompression: gzip, zlib/deflate and brotli, inflated in chunks.

A compressed input can inflate a thousandfold (a 1 MB gzip bomb is a gigabyte of zeros),
so nothing here inflates without a limit: output beyond ``limit`` bytes raises
:class:`TooLarge`, and a corrupt stream (a flipped bit, a truncated member, a bad
deflate or brotli body) raises :class:`InflateError`. Callers turn both into a
rejection (W120 too-large, W101 unreadable / W108 bad-record).
"""

from __future__ import annotations

import zlib

#: Default output limit, in bytes: far above any news page or export of a few thousand
#: articles, far below what would exhaust memory.
MAX_INFLATED_BYTES = 256_000_000

_CHUNK = 1 << 16


class InflateError(ValueError):
    """The compressed data is corrupt."""


class TooLarge(InflateError):
    """The data inflates to more than the limit."""


def _zlib(data: bytes, wbits: int, limit: int, *, members: bool) -> bytes:
    out = bytearray()
    d = zlib.decompressobj(wbits)
    rest = data
    try:
        while True:
            buf = rest
            while buf or not d.eof:
                chunk = d.decompress(buf, _CHUNK)
                out += chunk
                if len(out) > limit:
                    raise TooLarge(f"inflates to more than {limit:,} bytes")
                buf = d.unconsumed_tail
                if d.eof or (not buf and not chunk):
                    break
            if not d.eof:
                raise InflateError("the compressed stream ends early (truncated)")
            rest = d.unused_data
            if not (members and rest[:2] == b"\x1f\x8b"):
                return bytes(out)
            d = zlib.decompressobj(wbits)
    except zlib.error as exc:
        raise InflateError(f"corrupt compressed data: {exc}") from exc


def gunzip(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Inflate a gzip file (every member), at most ``limit`` bytes."""
    if data[:2] != b"\x1f\x8b":
        raise InflateError("not gzip data")
    return _zlib(data, 16 + zlib.MAX_WBITS, limit, members=True)


def inflate(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Inflate an HTTP ``deflate`` body: zlib-wrapped, or raw deflate as some servers send."""
    try:
        return _zlib(data, zlib.MAX_WBITS, limit, members=False)
    except TooLarge:
        raise
    except InflateError:
        return _zlib(data, -zlib.MAX_WBITS, limit, members=False)


def unbrotli(data: bytes, limit: int = MAX_INFLATED_BYTES) -> bytes:
    """Inflate a brotli body, at most ``limit`` bytes."""
    import brotli

    d = brotli.Decompressor()
    out = bytearray()
    try:
        pos = 0
        while True:
            if d.can_accept_more_data():
                if pos >= len(data):
                    break
                chunk = d.process(data[pos:pos + _CHUNK], output_buffer_limit=_CHUNK)
                pos += _CHUNK
            else:
                chunk = d.process(b"", output_buffer_limit=_CHUNK)
            out += chunk
            if len(out) > limit:
                raise TooLarge(f"inflates to more than {limit:,} bytes")
            if d.is_finished():
                break
    except brotli.error as exc:
        raise InflateError(f"corrupt brotli data: {exc}") from exc
    if not d.is_finished():
        raise InflateError("the brotli stream ends early (truncated)")
    return bytes(out)
