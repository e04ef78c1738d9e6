"""Read one YAML file safely, remembering the line of every mapping key.

PyYAML's C parser does the parsing; the constructor below only adds what the
content checks need: line numbers, duplicate-key detection, and a refusal of
aliases (which makes "billion laughs" bombs fail at the first reuse).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .problems import Problem


class LineDict(dict[str, Any]):
    """A mapping that knows the line of each key and its own first line."""

    line: int
    lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows the line of each item."""

    line: int
    lines: list[int]


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
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                self.problems.append(Problem(self.path, line, f"key {key!r} is not text"))
                key = str(key)
            if key in result:
                self.problems.append(
                    Problem(self.path, line, f"duplicate key '{key}' (first on line {result.lines[key]})")
                )
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


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)


def read_yaml(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    """Parse `path`; return its data (None when unusable) and every problem found.

    `shown` is the file name used in messages.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, 0, "file not found")]
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot read file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(shown, line, f"byte 0x{raw[error.start]:02x} is not UTF-8 text")]
    if not text.strip() or all(not row.strip() or row.lstrip().startswith("#") for row in text.splitlines()):
        return None, [Problem(shown, 1, "file is empty")]
    loader = _Loader(text, shown)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = error.problem or "not valid YAML"
        if what.startswith("could not determine a constructor for the tag"):
            tag = what.rsplit(" ", 1)[-1]
            what = f"tag {tag} is not allowed in content"
        return None, [*loader.problems, Problem(shown, line, what)]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 0, f"not valid YAML: {error}")]
    finally:
        loader.dispose()
    return data, loader.problems
