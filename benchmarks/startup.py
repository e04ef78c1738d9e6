"""Startup and section-switch latency of the explainer on an 80x24 pseudo-terminal.

Launch to first painted overview, against a bare Textual app (bare_app.py)
launched the same way, launches alternating.  Then, in every launch, the
latency from pressing 2, 3, ... and back to 1 until that screen is painted
(the bare app switches between bare screens on the same keys).
Prints a table with PASS/FAIL beside each target; always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bare_app import READY
from ptyscreen import Check, Terminal, footer_drawn, shows, starts_row

from tui.model import ContentError, load

HERE = Path(__file__).resolve().parent
TARGET_RATIO = 1.3
TARGET_KEY_MS = 30.0


def painted(*checks: Check) -> Check:
    return lambda lines: all(check(lines) for check in checks)


@dataclass
class Program:
    command: list[str]
    first: Check  # the first screen is painted
    keys: dict[str, Check]  # after this key, the screen it leads to is painted
    starts: list[float] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=dict)

    def run(self, pycache: str, failures: list[str], timed: bool = True) -> None:
        term = Terminal(self.command, pycache=pycache)
        took = term.wait_start(self.first)
        if took is None:
            failures.append(f"{self.command[-1]} never painted:\n" + "\n".join(term.lines))
        elif timed:
            self.starts.append(took)
            term.settle()
            for key, check in self.keys.items():
                latency = term.press(key, check)
                if latency is None:
                    failures.append(f"{self.command[-1]}, key {key}:\n" + "\n".join(term.lines))
                    break
                self.latencies.setdefault(key, []).append(latency * 1000)
                term.settle()
        term.close()


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(app: Program, bare: Program, names: dict[str, str], runs: int) -> None:
    print(f"startup: {runs} launches each, alternating, 80x24, TERM=xterm-256color")
    print(f"  {'program':<22}{'median':>9}{'min':>9}{'max':>9}")
    for label, program in (("bare Textual app", bare), ("bolivia-explainer", app)):
        if times := program.starts:
            print(f"  {label:<22}{statistics.median(times):>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s")
    if app.starts and bare.starts:
        ratio = statistics.median(app.starts) / statistics.median(bare.starts)
        print(f"  ratio app/bare {ratio:.2f}   target <= {TARGET_RATIO}   {verdict(ratio <= TARGET_RATIO)}")
    else:
        print(f"  ratio app/bare: not measured   target <= {TARGET_RATIO}   FAIL")

    print(
        f"\nkey -> screen painted, ms ({len(app.starts)} launches; every key but the last is a first visit)"
    )
    print(f"  {'key':<5}{'section':<12}{'median':>8}{'p90':>8}{'max':>8}{'bare median':>13}")
    for key in app.keys:
        if values := app.latencies.get(key, []):
            floor = statistics.median(bare.latencies.get(key, [0.0]))
            line = f"{statistics.median(values):>8.1f}{p90(values):>8.1f}{max(values):>8.1f}{floor:>13.1f}"
            print(f"  {key:<5}{names[key]:<12}{line}")
    every = [value for values in app.latencies.values() for value in values]
    floors = [value for values in bare.latencies.values() for value in values]
    if every and floors:
        median = statistics.median(every)
        line = f"{median:>8.1f}{p90(every):>8.1f}{max(every):>8.1f}{statistics.median(floors):>13.1f}"
        print(f"  {'all':<17}{line}")
        print(
            f"  ratio app/bare {median / statistics.median(floors):.2f}   "
            f"target median <= {TARGET_KEY_MS:.0f} ms   {verdict(median <= TARGET_KEY_MS)}"
        )
    else:
        print(f"  key latencies not measured   target median <= {TARGET_KEY_MS:.0f} ms   FAIL")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="launches of each program (default 7)")
    parser.add_argument("--content", type=Path, default=HERE.parent / "content", help="content folder")
    args = parser.parse_args()
    try:
        sections = load(args.content).sections[:9]
    except ContentError as error:
        first = error.problems[0]
        print(
            f"{args.content} does not load ({len(error.problems)} problems, first: "
            f"{first.file}:{first.line}: {first.message}); nothing measured"
        )
        return 0
    order = [str(n) for n in range(2, len(sections) + 1)] + ["1"]
    titles = {str(n): s.ref.title for n, s in enumerate(sections, start=1)}
    installed = Path(sys.executable).with_name("bolivia-explainer")
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]
    app = Program(
        [*command, "--content", str(args.content)],
        painted(starts_row(titles["1"]), footer_drawn),
        {key: starts_row(titles[key]) for key in order},
    )
    bare = Program(
        [sys.executable, str(HERE / "bare_app.py")],
        painted(shows(READY), footer_drawn),
        {key: shows(rf"{READY}: screen {key}\b") for key in order},
    )
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as pycache:
        for program in (app, bare):  # untimed: fills `pycache` with both programs' bytecode
            program.run(pycache, failures, timed=False)
        for run in range(args.runs):
            for program in (app, bare) if run % 2 == 0 else (bare, app):
                program.run(pycache, failures)
    for failure in failures:
        print(failure, file=sys.stderr)
    report(app, bare, {str(n): s.id for n, s in enumerate(sections, start=1)}, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
