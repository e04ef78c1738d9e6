"""Make a client's keystrokes safe for the app's input parser before they reach it.

A served app reads whatever a stranger's terminal sends.  Textual's parser
decodes UTF-8 strictly and turns CSI numbers into characters, so one Latin-1
"ñ" (b"\\xf1") or `ESC[1114112u` would end the session.  This filter, kept per
session, replaces invalid UTF-8 with U+FFFD and drops escape sequences whose
numbers or length no terminal would send; everything else passes unchanged,
including sequences split across reads.
"""

from __future__ import annotations

import codecs
import re

ESC = "\x1b"
MAX_CODEPOINT = 0x10FFFF
MAX_CSI = 64  # longest CSI a terminal sends: SGR mouse, kitty keys with text
MAX_STRING = 4096  # OSC, DCS, APC, PM, SOS replies (colours, versions)
_NUMBER = re.compile(r"\d+")
_STRING_INTRODUCERS = "]P_^X"  # OSC, DCS, APC, PM, SOS


class InputFilter:
    """Feed it the client's input as it arrives; it returns what may go to the app."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._held = ""  # an unfinished escape sequence
        self._esc_sent = False  # the held sequence's ESC already went (it came alone: a key)
        self._dropping = ""  # "csi" or "string": skipping an oversized sequence to its end

    def feed(self, data: bytes) -> bytes:
        """Raw bytes from a terminal (SSH): decoded leniently, filtered, encoded again."""
        return self.feed_text(self._decoder.decode(data)).encode("utf-8")

    def feed_text(self, text: str) -> str:
        """Text from a client that already decoded it (the browser)."""
        out: list[str] = []
        if self._esc_sent and not self._held:
            self._held = ESC
        pending = self._held + text
        self._held = ""
        i = 0
        while i < len(pending):
            if self._dropping:
                i = self._skip(pending, i)
                continue
            start = pending.find(ESC, i)
            if start < 0:
                out.append(pending[i:])
                break
            out.append(pending[i:start])
            end = self._sequence_end(pending, start)
            if end is None:  # unfinished: wait for the rest
                self._held = pending[start:]
                break
            if end == start + 1:  # a lone ESC is the escape key: it goes now (if not gone already)
                if not (start == 0 and self._esc_sent):
                    out.append(ESC)
                self._esc_sent = True
                break
            sequence = pending[start:end]
            if not self._dropping and _allowed(sequence):
                out.append(sequence[1:] if start == 0 and self._esc_sent else sequence)
            self._esc_sent = False
            i = end
        return "".join(out)

    def _sequence_end(self, text: str, start: int) -> int | None:
        """Index just past the sequence at `start`, or None if it has not all arrived.

        An oversized sequence ends where it crosses its limit, with `_dropping` set.
        """
        if start + 1 >= len(text):
            return start + 1
        kind = text[start + 1]
        if kind == "[":
            for j in range(start + 2, len(text)):
                char = text[j]
                if "\x40" <= char <= "\x7e":
                    return j + 1
                if not "\x20" <= char <= "\x3f":  # not CSI grammar: let the app's parser judge
                    return j
                if j - start >= MAX_CSI:
                    self._dropping = "csi"
                    return j + 1
            return None
        if kind in _STRING_INTRODUCERS:
            for j in range(start + 2, len(text)):
                if text[j] == "\x07" or (text[j] == ESC and text[j + 1 : j + 2] == "\\"):
                    return j + (1 if text[j] == "\x07" else 2)
                if text[j] == ESC and j + 1 == len(text):
                    return None
                if j - start >= MAX_STRING:
                    self._dropping = "string"
                    return j + 1
            return None
        return start + 2  # ESC and one character: alt+key, SS3 introducers and the like

    def _skip(self, text: str, i: int) -> int:
        """Skip the rest of an oversized sequence; return where normal input resumes."""
        for j in range(i, len(text)):
            char = text[j]
            if self._dropping == "csi" and "\x40" <= char <= "\x7e":
                self._dropping = ""
                return j + 1
            if self._dropping == "string" and char == "\x07":
                self._dropping = ""
                return j + 1
            if self._dropping == "string" and char == ESC:
                if j + 1 == len(text):
                    self._held = ESC
                    return len(text) + 1
                if text[j + 1] == "\\":
                    self._dropping = ""
                    return j + 2
        return len(text)


def _allowed(sequence: str) -> bool:
    """A CSI whose numbers could not be a key, a position or a character is dropped."""
    if sequence[1:2] != "[":
        return True
    return all(len(number) <= 7 and int(number) <= MAX_CODEPOINT for number in _NUMBER.findall(sequence))
