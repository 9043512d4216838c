"""Untrusted text made safe to print: one contract for every output of whimbrel.

Article text, titles, file names and reject details come from the input; printed raw, an
ESC or CSI sequence repaints the terminal, an OSC 8 sequence plants a hyperlink, an OSC 52
sequence writes the clipboard, a bidi override reorders what the reader sees, and square
brackets are read as rich markup (``[/b]`` crashes the printer, ``[link=...]`` makes a
live link). So:

* :func:`visible` shows C0 controls (but newline and tab), DEL, C1 controls and the bidi
  and line-separator controls as visible escapes (``\\x1b``, ``\\u202e``);
* :func:`text` wraps the result in a rich :class:`~rich.text.Text`, which rich never
  parses as markup;
* :func:`csv_cell` and :func:`json_line` escape the same characters in CSV and JSONL
  output (JSON as ``\\u001b``-style escapes, so the line still parses to the same value).
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 except \t and \n, DEL, C1, and the invisible direction and separator controls
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(value: Any, *, newlines: bool = True) -> str:
    """``value`` as text with every control character shown as an escape (``\\x1b``);
    newlines and tabs are kept unless ``newlines=False``."""
    s = "" if value is None else str(value)
    return (_UNSAFE if newlines else _UNSAFE_ALL).sub(_escape, s)


def text(value: Any, style: str = "", *, newlines: bool = True):
    """A rich Text of ``value`` made :func:`visible`: printed literally, never as markup."""
    from rich.text import Text

    return Text(visible(value, newlines=newlines), style=style)


def csv_cell(value: Any) -> Any:
    """A value for CSV output: strings with their control characters escaped (newlines are
    kept: the CSV writer quotes them)."""
    return visible(value) if isinstance(value, str) else value


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def json_line(obj: Any) -> str:
    """``obj`` as one JSON line (UTF-8 text kept readable) whose C1 and bidi controls are
    ``\\uXXXX`` escapes like the C0 ones ``json.dumps`` escapes already."""
    s = json.dumps(obj, ensure_ascii=False, default=str)
    return _UNSAFE_ALL.sub(_json_escape, s)
