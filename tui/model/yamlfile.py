"""Read one YAML file safely, remembering the line of every mapping key.

PyYAML's C parser does the parsing; the constructor below only adds what the
content checks need: line numbers, duplicate-key detection, and a refusal of
aliases (which makes "billion laughs" bombs fail at the first reuse).

Before anything is built, one pass over the parser's events refuses aliases and
nesting deeper than `MAX_DEPTH`: PyYAML's C composer recurses once per level
and crashes the interpreter (not just a RecursionError) on very deep nesting.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .lines import LineDict, LineList, strings
from .problems import Problem, quote
from .text import CONTROL

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings a content file may use (real files use about 6)."""

_STANDARD_TAG = "tag:yaml.org,2002:"
_INDENT = re.compile(r"(?:[ \t]*-(?=[ \t]|$))*[ \t]*")
"""What comes before a line's first field: indentation and list dashes."""


class _Loader(yaml.CSafeLoader):
    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not allowed in content", node.start_mark
            )
        return super().construct_object(node, deep=True)

    def construct_yaml_map(self, node: MappingNode) -> Any:
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.lines = {}
        yield result
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed in content", key_node.start_mark
                )
            key = self.construct_object(key_node)
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key, str):
                if isinstance(key_node, ScalarNode):
                    what = f"key {quote(key_node.value)} is read as {_kind(key)}, not text (put it in quotes)"
                else:
                    what = "a list or mapping cannot be a key"
                self.problems.append(Problem(self.path, line, what, column))
                continue
            if key in result:
                what = f"duplicate key {quote(key)} (first on line {result.lines[key]})"
                self.problems.append(Problem(self.path, line, what, column))
                continue
            result[key] = self.construct_object(value_node)
            result.lines[key] = line

    def construct_yaml_seq(self, node: SequenceNode) -> Any:
        result = LineList()
        result.line = node.start_mark.line + 1
        result.lines = []
        yield result
        for item in node.value:
            result.append(self.construct_object(item))
            result.lines.append(item.start_mark.line + 1)

    def refuse_tag(self, node: Node) -> Any:
        raise yaml.constructor.ConstructorError(
            None, None, f"tag {_short_tag(node.tag)} is not allowed in content", node.start_mark
        )


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
# Safe, but nothing in content is one of these, and they would slip past the checks
# (a !!set of links is not a list, so its ids would go unchecked).
for _tag in ("set", "omap", "pairs", "binary"):
    _Loader.add_constructor(_STANDARD_TAG + _tag, _Loader.refuse_tag)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {"int": "a number", "float": "a number"}.get(type(value).__name__, type(value).__name__)


def _prescan(text: str, shown: str) -> Problem | None:
    """Refuse aliases and too-deep nesting before the C composer sees them.

    Stops at the first offence, so a bomb or a deep file costs almost nothing.
    """
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            what = f"aliases (*{event.anchor}) are not allowed in content"
            return Problem(shown, _line(event.start_mark), what, _column(event.start_mark))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                what = f"nesting too deep (more than {MAX_DEPTH} levels)"
                return Problem(shown, _line(event.start_mark), what, _column(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _line(mark: Any) -> int:
    """The 1-based line of a PyYAML mark, 0 when there is none."""
    return int(mark.line) + 1 if mark is not None else 0


def _column(mark: Any) -> int | None:
    """The 1-based column of a PyYAML mark, None when there is none."""
    return int(mark.column) + 1 if mark is not None else None


def first_columns(problems: list[Problem], raw: bytes) -> list[Problem]:
    """`problems` with the column of the first field on their line, where they lack one.

    The schema and translation checks know a problem's line, not its column; the
    field that starts the line is where an editor should point.
    """
    rows = raw.decode("utf-8", "replace").splitlines()
    found = []
    for problem in problems:
        if problem.column is None and 0 < problem.line <= len(rows):
            row = rows[problem.line - 1]
            indent = _INDENT.match(row)
            start = indent.end() if indent else 0
            if row[start:] and not row[start:].startswith("#"):
                problem = problem._replace(column=start + 1)
        found.append(problem)
    return found


def parse_yaml(raw: bytes, shown: str) -> tuple[Any, list[Problem]]:
    """Parse YAML bytes; return the data (None when unusable) and every problem found.

    `shown` is the file name used in messages.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(shown, line, f"byte 0x{raw[error.start]:02x} is not UTF-8 text")]
    if not text.strip() or all(not row.strip() or row.lstrip().startswith("#") for row in text.splitlines()):
        return None, [Problem(shown, 1, "file is empty")]
    loader = _Loader(text, shown)
    try:
        refused = _prescan(text, shown)
        if refused is not None:
            return None, [refused]
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return None, [*loader.problems, _marked(error, shown)]
    except yaml.reader.ReaderError as error:
        # `position` counts bytes of the UTF-8 text.
        line = raw.count(b"\n", 0, error.position) + 1
        return None, [Problem(shown, line, f"character U+{error.character:04X} is not allowed in YAML")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 0, f"not valid YAML: {str(error).splitlines()[0]}")]
    except RecursionError:  # a backstop: _prescan keeps nesting far below the limit
        return None, [Problem(shown, 1, "nesting too deep")]
    finally:
        loader.dispose()
    if data is None and not loader.problems:
        return None, [Problem(shown, 1, "expected a mapping of fields, got nothing")]
    return data, loader.problems + control_characters(data, shown)


def control_characters(data: Any, shown: str) -> list[Problem]:
    """A problem for each text holding a control character: content is shown to strangers' terminals."""
    problems: list[Problem] = []
    for text, line, _ in strings(data, keys=True):
        if found := CONTROL.search(text):
            code = f"U+{ord(found.group()):04X}"
            what = f"control character {code} in text (not allowed: it could drive a terminal)"
            problems.append(Problem(shown, line, what))
    return problems


def _marked(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = _line(mark)
    what = error.problem or error.context or "not valid YAML"
    if what.startswith("could not determine a constructor for the tag"):
        tag = what.rsplit(" ", 1)[-1].strip("'")
        what = f"tag {_short_tag(tag)} is not allowed in content"
    elif what == "but found another document":
        what = "more than one YAML document in the file (remove the '---')"
    elif error.problem and error.context and _line(error.context_mark) not in (0, line):
        what = f"{what} ({error.context} on line {_line(error.context_mark)})"
    return Problem(shown, line, what, _column(mark))
