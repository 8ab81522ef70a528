"""The phases of an ingest, as `axis-ledger ingest --timings` prints them on standard error,
for the scale step's table of what a later month adds (docs/schema.md, What a later month adds)."""

import re

# The phase titles ingest --timings prints, in order, and the short names the table uses.
PHASES = [("read and store the lines", "lines"), ("fill the id lookup", "id lookup"),
          ("apply billing rule 2", "billing"), ("lock, commit and checkpoint", "commit and checkpoint")]
LINE = re.compile(r"^  (?P<title>.+?)\s+(?P<seconds>\d+\.\d\d) s   pages read (?P<read>\d+), written (?P<written>\d+)$")


def parse(stderr):
    """{title: (seconds, pages read, pages written)} of the phase lines in `stderr`; {} when there are none
    (an axis-ledger without --timings). A file's lines appear once: the scale step ingests one file per run."""
    found = {}
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match and match["title"] in dict(PHASES):
            found[match["title"]] = (float(match["seconds"]), int(match["read"]), int(match["written"]))
    return found if len(found) == len(PHASES) else {}


def median_run(runs):
    """Of runs (dicts with "seconds"), the one with the median seconds (the lower middle for an even count):
    a run that happened, so its phases add up to its own total."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def table(first, control, last, months):
    """Markdown lines: each phase of month 1's median run, of month 1's sample again before month K (its
    median run) and of month K, and what month K adds to each. Empty when a run has no phases."""
    columns = [("month 1", first)] + ([("month 1 again", control)] if control else []) + [(f"month {months}", last)]
    if any(not phases for _, phases in columns):
        return []
    base_name, base = columns[-2]
    header = " | ".join(f"{name} s" for name, _ in columns)
    lines = [f"By phase (`ingest --timings`: wall seconds; pages the page cache read and wrote), each column one "
             f"run, the median of its runs for month 1. Month {months} against {base_name}, the closest in time:",
             "",
             f"| phase | {header} | month {months} − {base_name} s | pages read, {base_name} → month {months} "
             f"| pages written, {base_name} → month {months} |",
             "|---|" + "---:|" * len(columns) + "---:|---:|---:|"]
    totals = [0.0] * len(columns)
    for title, short in PHASES:
        cells = []
        for index, (_, phases) in enumerate(columns):
            cells.append(f"{phases[title][0]:.2f}")
            totals[index] += phases[title][0]
        added = last[title][0] - base[title][0]
        lines.append(f"| {short} | " + " | ".join(cells) + f" | {added:+.2f} | {base[title][1]:,} → {last[title][1]:,} "
                     f"| {base[title][2]:,} → {last[title][2]:,} |")
    lines.append("| in all | " + " | ".join(f"{total:.2f}" for total in totals) + f" | {totals[-1] - totals[-2]:+.2f} | | |")
    return lines
