"""Content loading and search, in-process, against a plain YAML parse of the same files.

1. load(content/) versus reading and parsing its YAML files with CSafeLoader alone.
2. The same on a synthetic folder 100x larger (every section's entries copied
   100 times with ids suffixed, references rewritten), plus search over it.
Prints a table with PASS/FAIL beside each target; always exits 0.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from tui.doc.search import SearchIndex
from tui.model import Content, ContentError, load
from tui.model.cache import ENV as CACHE_ENV

HERE = Path(__file__).resolve().parent
REFERENCE_FIELDS = ("links", "link", "by", "sources")
QUERIES = ("kaliman", "military coup", "Áñez", "zqxjv")  # the last matches nothing: a full scan
TARGET_LOAD = 0.015
TARGET_BIG_LOAD = 1.5
TARGET_SEARCH = 0.050


def timed(function: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def medians(functions: Mapping[str, Callable[[], object]], runs: int, warm: bool = True) -> dict[str, float]:
    """Median seconds of each function: a warm-up, then `runs` rounds taking turns."""
    for function in functions.values() if warm else ():
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            times[name].append(timed(function))
    return {name: statistics.median(values) for name, values in times.items()}


def yaml_files(content: Content) -> list[Path]:
    """The files load() reads: the index, the ui words, every section's file."""
    root = content.root
    ui = root / "ui.yaml" if (root / "ui.yaml").exists() else None
    return [root / "index.yaml", *([ui] if ui else []), *(root / s.ref.file for s in content.sections)]


def parse_all(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def _rewrite(node: Any, ids: set[str], suffix: str) -> Any:
    """A copy of `node` with every reference to an entry id in `ids` suffixed."""
    if isinstance(node, list):
        return [_rewrite(item, ids, suffix) for item in node]
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if key == "id" or (key in REFERENCE_FIELDS and isinstance(value, str)):
            copy[key] = value + suffix if value in ids else value
        elif key in REFERENCE_FIELDS and isinstance(value, list):
            copy[key] = [ref + suffix if isinstance(ref, str) and ref in ids else ref for ref in value]
        else:
            copy[key] = _rewrite(value, ids, suffix)
    return copy


def multiply(content: Content, target: Path, times: int) -> None:
    """Copy the content folder to `target` with every section's entries `times` over.

    The originals stay (so references from outside the entries still resolve);
    copy k of entry `x` is `x-k`, and references inside it point to copy k.
    """
    shutil.copytree(content.root, target)
    raws = {
        s.ref.file: yaml.load((content.root / s.ref.file).read_text("utf-8"), Loader=yaml.CSafeLoader)
        for s in content.sections
    }
    ids = {entry.id for section in content.sections for entry in section.entries}
    for file, raw in raws.items():
        entries = raw.get("entries") if isinstance(raw, dict) else None
        if not entries:
            continue
        raw["entries"] = entries + [_rewrite(e, ids, f"-{k}") for k in range(1, times) for e in entries]
        text = yaml.dump(raw, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
        (target / file).write_text(text, "utf-8")


def row(label: str, seconds: float, baseline: float | None, target: float | None, op: str = "<=") -> None:
    ratio = f"{seconds / baseline:7.2f}x" if baseline else " " * 8
    verdict = ""
    if target is not None:
        ok = seconds <= target if op == "<=" else seconds < target
        verdict = f"{op} {target * 1000:g} ms  {'PASS' if ok else 'FAIL'}"
    print(f"  {label:<40}{seconds * 1000:>9.2f} ms {ratio}  {verdict}")


def header(title: str) -> None:
    print(title)
    print(f"  {'':<40}{'median':>12} {'x parse':>8}  target")


def main() -> int:
    os.environ[CACHE_ENV] = tempfile.mkdtemp(prefix="bolivia-explainer-cache-")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--big-runs", type=int, default=3, help="timed loads of the big folder (default 3)")
    parser.add_argument("--times", type=int, default=100, help="size of the synthetic folder (default 100)")
    parser.add_argument("--content", type=Path, default=HERE.parent / "content", help="content folder")
    args = parser.parse_args()

    try:
        content = load(args.content)
    except ContentError as error:
        first = error.problems[0]
        print(
            f"{args.content} does not load ({len(error.problems)} problems, first: "
            f"{first.file}:{first.line}: {first.message}); nothing measured"
        )
        return 0
    files = yaml_files(content)
    count = sum(len(s.entries) for s in content.sections)
    pair = {
        "load": lambda: load(args.content),
        "cold": lambda: load(args.content, use_cache=False),
        "parse": lambda: parse_all(files),
    }
    got = medians(pair, args.runs)
    size = sum(path.stat().st_size for path in files) // 1024
    header(f"{args.content}: {len(files)} files, {size} KB, {count} entries; median of {args.runs}")
    row("CSafeLoader parse (baseline)", got["parse"], got["parse"], None)
    row("load(), files seen before (cached)", got["load"], got["parse"], TARGET_LOAD)
    row("load(), no cache (first start after an edit)", got["cold"], got["parse"], None)

    with tempfile.TemporaryDirectory() as tmp:
        big_root = Path(tmp) / "content"
        multiply(content, big_root, args.times)
        try:
            big = load(big_root)
        except ContentError as error:
            first = error.problems[0]
            print(f"synthetic folder does not load ({len(error.problems)} problems, first: {first})")
            return 0
        big_files = yaml_files(big)
        big_count = sum(len(s.entries) for s in big.sections)
        size = sum(path.stat().st_size for path in big_files) // 1024
        runs = args.big_runs  # the load above was the warm-up
        pair = {
            "load": lambda: load(big_root),
            "cold": lambda: load(big_root, use_cache=False),
            "parse": lambda: parse_all(big_files),
        }
        got = medians(pair, runs, warm=False)
        index = SearchIndex(big)
        searches = {query: partial(index.search, query) for query in QUERIES}
        found = {query: len(index.search(query)) for query in QUERIES}
        found_all = {query: len(index.search(query, limit=10**9)) for query in QUERIES}
        took = medians(searches, args.runs)
        build = statistics.median(timed(lambda: SearchIndex(big)) for _ in range(runs))

    print(f"\nsynthetic {args.times}x: {size} KB, {big_count} entries, {len(index)} search documents")
    header(f"  loads: median of {runs}; searches: median of {args.runs} (hits shown/all)")
    scaled = args.times == 100  # the targets are for a folder 100x as large
    row("CSafeLoader parse (baseline)", got["parse"], got["parse"], None)
    row("load(), cached", got["load"], got["parse"], TARGET_BIG_LOAD if scaled else None, "<")
    row("load(), no cache", got["cold"], got["parse"], None)
    row("SearchIndex() build", build, None, None)
    for query in QUERIES:
        label = f"search {query!r} ({found[query]}/{found_all[query]})"
        row(label, took[query], None, TARGET_SEARCH if scaled else None, "<")
    return 0


if __name__ == "__main__":
    sys.exit(main())
