"""Startup and section-switch latency of the explainer on an 80x24 pseudo-terminal.

Launch to first painted overview, against the floor the target names (a bare
Textual app: Header, one Static, Footer, no modes) and a bare app with one
screen per key (bare_app.py), launched the same way, launches in turn.  Then, in every launch, once the
program has gone idle (the explainer builds its other views in the background
after its first paint), the latency from pressing 2, 3, ... and back to 1 until
that screen is painted, twice: first visits, then returns (the bare app
switches between bare screens on the same keys).
Prints a table with PASS/FAIL beside each target; always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
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
    latencies: dict[str, list[float]] = field(default_factory=dict)  # first visits
    returns: dict[str, list[float]] = field(default_factory=dict)
    idle_after: list[float] = field(default_factory=list)  # first paint to idle, seconds

    def run(self, pycache: str, failures: list[str], timed: bool = True) -> None:
        term = Terminal(self.command, pycache=pycache)
        took = term.wait_start(self.first)
        if took is None:
            failures.append(f"{self.command[-1]} never painted:\n" + "\n".join(term.lines))
        elif timed:
            self.starts.append(took)
            term.settle()
            self.idle_after.append(took + wait_idle(term))
            for record in (self.latencies, self.returns):
                for key, check in self.keys.items():
                    latency = term.press(key, check)
                    if latency is None:
                        failures.append(f"{self.command[-1]}, key {key}:\n" + "\n".join(term.lines))
                        break
                    record.setdefault(key, []).append(latency * 1000)
                    term.settle()
        term.close()


def wait_idle(term: Terminal, limit: float = 5.0) -> float:
    """Wait until the program has used under 5 ms of CPU in 100 ms; return the seconds waited."""
    started = time.monotonic()

    def cpu() -> float:
        with open(f"/proc/{term.pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    last = cpu()
    while time.monotonic() - started < limit:
        term.settle(quiet=0.1, limit=0.1)
        now = cpu()
        if now - last < 0.005:
            break
        last = now
    return time.monotonic() - started


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(app: Program, bare: Program, floor: Program, names: dict[str, str], runs: int) -> None:
    print(f"startup: {runs} launches each, in turn, 80x24, TERM=xterm-256color")
    print(f"  {'program':<30}{'median':>9}{'min':>9}{'max':>9}")
    programs = (("floor: Header, Static, Footer", floor), ("bare app, a screen per key", bare),
                ("bolivia-explainer", app))  # fmt: skip
    for label, program in programs:
        if times := program.starts:
            print(f"  {label:<30}{statistics.median(times):>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s")
    if app.starts and floor.starts and bare.starts:
        ratio = statistics.median(app.starts) / statistics.median(floor.starts)
        print(f"  ratio app/floor {ratio:.2f}   target <= {TARGET_RATIO}   {verdict(ratio <= TARGET_RATIO)}")
        print(f"  (ratio app/bare app {statistics.median(app.starts) / statistics.median(bare.starts):.2f})")
    else:
        print(f"  ratio app/floor: not measured   target <= {TARGET_RATIO}   FAIL")

    if app.idle_after:
        idle = statistics.median(app.idle_after)
        print(f"  explainer idle after first paint + background build: {idle:.2f}s")
    print(f"\nkey -> screen painted, ms ({len(app.starts)} launches; keys pressed once the program is idle)")
    print(f"  {'key':<5}{'section':<12}{'first':>8}{'return':>8}{'p90':>8}{'max':>8}{'bare':>8}")
    for key in app.keys:
        if (first := app.latencies.get(key, [])) and (back := app.returns.get(key, [])):
            floor = statistics.median(bare.latencies.get(key, [0.0]) + bare.returns.get(key, []))
            both = first + back
            line = f"{statistics.median(first):>8.1f}{statistics.median(back):>8.1f}"
            print(f"  {key:<5}{names[key]:<12}{line}{p90(both):>8.1f}{max(both):>8.1f}{floor:>8.1f}")
    firsts = [value for values in app.latencies.values() for value in values]
    backs = [value for values in app.returns.values() for value in values]
    floors = [
        value for record in (bare.latencies, bare.returns) for values in record.values() for value in values
    ]
    if firsts and backs and floors:
        every = firsts + backs
        median = statistics.median(every)
        line = f"{statistics.median(firsts):>8.1f}{statistics.median(backs):>8.1f}{p90(every):>8.1f}"
        print(f"  {'all':<17}{line}{max(every):>8.1f}{statistics.median(floors):>8.1f}")
        print(
            f"  median of all keys {median:.1f} ms, "
            f"ratio app/bare {median / statistics.median(floors):.2f}   "
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
    floor = Program(
        [sys.executable, str(HERE / "bare_app.py"), "--floor"], painted(shows(READY), footer_drawn), {}
    )
    failures: list[str] = []
    programs = [app, bare, floor]
    with tempfile.TemporaryDirectory() as pycache:
        for program in programs:  # untimed: fills `pycache` with every program's bytecode
            program.run(pycache, failures, timed=False)
        for run in range(args.runs):
            for program in programs[run % 3 :] + programs[: run % 3]:  # each goes first in turn
                program.run(pycache, failures)
    for failure in failures:
        print(failure, file=sys.stderr)
    report(app, bare, floor, {str(n): s.id for n, s in enumerate(sections, start=1)}, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
