"""Turn parsed YAML into schema structs, reporting every problem with its line.

msgspec stops at the first error in a value, so after each error the offending
list item (or top-level field) is dropped and conversion is tried again: one
pass reports every broken entry, not just the first.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

import msgspec

from .problems import Problem, did_you_mean, quote

T = TypeVar("T")

_AT = re.compile(r"^(?P<what>.*?)(?: - at `(?P<path>\$[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<name>.*)`$", re.S)
_ENUM = re.compile(r"Invalid enum value (?P<q>['`]?)(?P<value>.*)(?P=q)$", re.S)
_MISSING = re.compile(r"Object missing required field `(?P<name>[^`]+)`")
_MAX_PASSES = 200


def _steps(path: str) -> list[str | int]:
    return [m[1] if m[1] is not None else int(m[2]) for m in _STEP.finditer(path)]


def _line_of(data: Any, steps: list[str | int]) -> int:
    """The line of the deepest node along `steps` that recorded one."""
    line = getattr(data, "line", 0)
    node = data
    for step in steps:
        lines = getattr(node, "lines", None)
        try:
            if isinstance(step, str) and isinstance(lines, dict):
                line = lines.get(step, line)
            elif isinstance(step, int) and isinstance(lines, list):
                line = lines[step]
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def _field_type(cls: Any, steps: list[str | int]) -> Any:
    """The declared type reached by following `steps` from struct `cls`."""
    current = cls
    for step in steps:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, msgspec.Struct):
            current = typing.get_type_hints(current).get(step)
        else:
            return None
    return _unwrap(current)


def _unwrap(tp: Any) -> Any:
    """Strip `X | None` so the interesting type remains."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return options[0] if len(options) == 1 else tp
    return tp


def _explain(what: str, cls: Any, steps: list[str | int], unknown: str | None) -> tuple[str, str]:
    """The problem's message, and its did-you-mean ("" if none) for editors to offer on its own."""
    if unknown is not None:
        owner = _field_type(cls, steps)
        fields = getattr(owner, "__struct_fields__", ())
        mean = did_you_mean(unknown, fields)
        return f"unknown field {quote(unknown)} ({mean or 'known: ' + ', '.join(fields)})", mean
    missing = _MISSING.match(what)
    if missing:
        return f"missing field '{missing['name']}'", ""
    where = ".".join(str(s) for s in steps if isinstance(s, str))
    text = what.replace("`", "'")
    enum = _ENUM.match(what)
    choices = typing.get_args(_field_type(cls, steps)) if enum else ()
    mean = ""
    if enum and choices and all(isinstance(c, str) for c in choices):
        value = enum["value"]
        mean = did_you_mean(value, choices)
        text = f"{quote(value)} is not allowed ({mean or 'one of: ' + ', '.join(choices)})"
    return (f"{where}: {text[0].lower()}{text[1:]}" if where else text), mean


def _unknown_field(data: Any, cls: Any, steps: list[str | int], what: str) -> str | None:
    """The unknown field msgspec complains of, read from the data itself.

    The message quotes the name between backticks, which a name may contain.
    """
    match = _UNKNOWN.match(what)
    if match is None:
        return None
    node = data
    try:
        for step in steps:
            node = node[step]
    except (KeyError, IndexError, TypeError):
        return match["name"]
    fields = getattr(_field_type(cls, steps), "__struct_fields__", None)
    if isinstance(node, dict) and fields is not None:
        return next((key for key in node if key not in fields), match["name"])
    return match["name"]


def _drop(data: Any, steps: list[str | int]) -> bool:
    """Remove the innermost list item (or else top-level field) on the path."""
    try:
        for cut in range(len(steps) - 1, -1, -1):
            if isinstance(steps[cut], int):
                parent = data
                for step in steps[:cut]:
                    parent = parent[step]
                index = steps[cut]
                assert isinstance(index, int)
                del parent[index]
                if hasattr(parent, "lines"):
                    del parent.lines[index]
                return True
    except (KeyError, IndexError, TypeError):  # not the plain lists and dicts parse_yaml builds
        return False
    if steps and isinstance(data, dict) and steps[0] in data:
        del data[steps[0]]
        return True
    return False


def convert(data: Any, cls: type[T], file: str) -> tuple[T | None, list[Problem]]:
    """Validate `data` as `cls`; the value is None when the top level is unusable."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        line = getattr(data, "line", 1)
        return None, [Problem(file, line, f"expected a mapping of fields, got {_kind(data)}")]
    dropped: set[str] = set()
    for attempt in range(_MAX_PASSES + 1):
        try:
            return msgspec.convert(data, cls, strict=True), problems
        except msgspec.ValidationError as error:
            if attempt == _MAX_PASSES:
                problems.append(Problem(file, 0, f"more problems not shown: stopped after {_MAX_PASSES}"))
                break
            match = _AT.match(str(error))
            assert match is not None
            steps = _steps(match["path"] or "$")
            unknown = _unknown_field(data, cls, steps, match["what"])
            missing = _MISSING.match(match["what"])
            if missing and not steps and missing["name"] in dropped:
                return None, problems  # already reported as the value that was dropped
            line_steps = [*steps, unknown] if unknown is not None else steps
            what, hint = _explain(match["what"], cls, steps, unknown)
            problems.append(Problem(file, _line_of(data, line_steps), what, hint=hint))
            if unknown is not None and not steps and unknown in data:
                del data[unknown]
            elif not _drop(data, steps):
                return None, problems
            elif not any(isinstance(step, int) for step in steps):
                dropped.add(str(steps[0]))
    return None, problems


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__
