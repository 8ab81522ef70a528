"""The benchmark's table, targets and machine description, as Markdown."""

import os
import platform
import subprocess

import phases
import readers_table

# Each target of issue 13 against a peer, as peer_time / our_time (more than 1 means axis-ledger is faster).
PEER_TARGETS = {
    "sqlite3": (1.5, "≥ 1.5"),
    "sqlite-utils": (4.0, "≥ 4"),
    # SQLite's own cost for the same rows and billing rule 2: ours ≤ 1.0 × floor-billing.
    "floor-billing": (1.0, "≥ 1.0 (ours ≤ 1.0 × floor-billing)"),
}
# Shown with their ratio, judged against nothing: issue 13 withdrew DuckDB's target, and the
# plain floor leaves billing rule 2 and the id lookup out (floor-billing, which has the target, includes
# both, written the way ingest writes a new ledger's first file), floor-wal is floor-billing in WAL, as
# every later file is written, and floor-no-ids is floor-billing as it was before issue 18's id lookup and
# the staged first file (WAL, no id lookup), to compare with earlier results.
FOR_INFORMATION = ("duckdb", "floor", "floor-wal", "floor-no-ids")
LABELS = {
    "ledger": "axis-ledger ingest (new ledger: its first file)",
    "sqlite3": "sqlite3 shell: .import + INSERT … SELECT json_extract",
    "sqlite-utils": "sqlite-utils insert --nl --flatten --alter",
    "duckdb": "DuckDB read_json → CREATE TABLE AS",
    "floor": "floor: C, one prepared INSERT, one transaction",
    "floor-billing": "floor + billing: the same, then billing rule 2 as one sorted INSERT … SELECT and the id lookup, with a rollback journal as a new ledger's first file",
    "floor-wal": "floor + billing in WAL, as every later file is written",
    "floor-no-ids": "floor + billing in WAL without the id lookup (floor-billing until this run)",
    "reingest": "axis-ledger ingest of the same file again",
    "report": "axis-ledger report --month 2026-10",
    "memory": "axis-ledger ingest of a separate ¼-size sample",
    "grown-whole": "grown: axis-ledger ingest of the log whole, into an existing empty ledger",
    "grown": "grown: the same log grown by 1%, ingested again",
    "scale": "scale: the last month's ingest into a ledger of K months",
}
RSS_LIMIT_MB = 100
RSS_SPREAD = 0.10
REINGEST_SHARE = 0.05
REPORT_SECONDS = 2.0
GROWN_SHARE = 0.05
SCALE_RATIO = 1.25
SCALE_RSS_MB = 200


def first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        lines = (result.stdout or result.stderr).strip().splitlines()
        return lines[0] if lines else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine(args):
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    os_name = platform.platform()
    if os.path.exists("/etc/os-release"):
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip().strip('"') + f" (kernel {platform.release()})"
    python = os.path.join(args.venv, "bin", "python")
    return [
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU", cpu),
        ("memory", memory),
        ("OS", os_name),
        ("swift", first_line(["swift", "--version"])),
        ("axis-ledger", first_line([args.ledger, "--version"]) + ", commit "
         + first_line(["git", "-C", args.root, "rev-parse", "--short", "HEAD"])),
        ("sqlite3", first_line(["sqlite3", "--version"])),
        ("DuckDB (Python)", first_line([python, "-c", "import duckdb; print(duckdb.__version__)"])),
        ("sqlite-utils", first_line([os.path.join(args.venv, "bin", "sqlite-utils"), "--version"])),
        ("python3", first_line(["python3", "--version"])),
    ]


def verdict(ok):
    return "PASS" if ok else "FAIL"


def fmt_seconds(measure):
    if measure.timed_out:
        return f"> {measure.median:g} (stopped)"
    return f"{measure.median:.2f}" if measure.median is not None else "–"


def fmt_mb(measure):
    return f"{measure.peak_mb:.0f}" if measure.peak_mb is not None else "–"


def table(bench):
    """The Markdown table and the list of failed checks."""
    args, results, data = bench.args, bench.results, bench.data
    ours = results.get("ledger")
    our_time = ours.median if ours else None
    failures = []
    mismatches = []
    judged = []
    lines = [
        f"| step | wall s (median of {args.runs}) | records/s | peak RSS MB | peer time / our time | target | result | rows loaded |",
        "|---|---:|---:|---:|---:|---|---|---|",
    ]

    def rows_cell(measure):
        if measure.expected is None:
            return measure.note or "–"
        text = f"{measure.rows:,}" if measure.rows is not None else "–"
        if not measure.rows_ok:
            mismatches.append(f"{measure.label}: loaded {measure.rows:,} rows, expected {measure.expected:,}")
            text += f" **MISMATCH: expected {measure.expected:,}**"
        if measure.note:
            text += f" ({measure.note})"
        return text

    for name in [s for s in ["ledger", "sqlite3", "sqlite-utils", "duckdb", "floor", "floor-billing", "floor-wal", "floor-no-ids", "reingest", "report",
                             "memory", "grown-whole", "grown", "scale"]
                 if s in results]:
        m = results[name]
        m.label = LABELS[name]
        records = m.records or args.records
        rate = f"{records / m.median:,.0f}" if name not in ("report", "reingest", "scale") and m.median \
            and not m.timed_out else "–"
        ratio, target, result = "–", "–", "–"
        if name == "ledger":
            ratio = "1.00"
            target = f"peak RSS < {RSS_LIMIT_MB} MB"
            ok = m.peak_mb is not None and m.peak_mb < RSS_LIMIT_MB
            result = verdict(ok)
        elif name in PEER_TARGETS:
            limit, target = PEER_TARGETS[name]
            if our_time and not ours.timed_out:
                value = m.median / our_time
                ratio = (f"> {value:.2f}" if m.timed_out else f"{value:.2f}")
                result = verdict(value >= limit)
            else:
                result = "n/a (ingest not measured)"
        elif name in FOR_INFORMATION:
            target = "for information"
            if our_time and not ours.timed_out:
                value = m.median / our_time
                ratio = (f"> {value:.2f}" if m.timed_out else f"{value:.2f}")
        elif name == "reingest":
            target = f"< {REINGEST_SHARE:.0%} of the first ingest"
            if our_time and not ours.timed_out:
                share = m.median / our_time
                ratio = f"{share:.1%} of ingest"
                ok = share < REINGEST_SHARE
                result = verdict(ok)
        elif name == "report":
            target = f"< {REPORT_SECONDS:g} s"
            ok = m.median < REPORT_SECONDS
            result = verdict(ok)
        elif name == "memory":
            target = f"peak RSS within {RSS_SPREAD:.0%} of the full file's"
            if ours and ours.peak_mb and m.peak_mb:
                small, big = sorted([m.peak_mb, ours.peak_mb])
                spread = (big - small) / small
                ratio = f"peaks differ by {spread:.1%}"
                ok = spread <= RSS_SPREAD
                result = verdict(ok)
        elif name == "grown":
            target = f"≤ {GROWN_SHARE:.0%} of its whole ingest"
            whole = results.get("grown-whole")
            if whole and whole.median and not whole.timed_out and not m.timed_out:
                share = m.median / whole.median
                ratio = f"{share:.1%} of its whole ingest"
                result = verdict(share <= GROWN_SHARE)
        elif name == "scale" and bench.scale:
            first, last = bench.scale[0], bench.scale[-1]
            value = last["seconds"] / first["seconds"]
            ratio = f"{value:.2f} × month 1"
            target = f"month {len(bench.scale)} ≤ {SCALE_RATIO:g} × month 1, peak RSS < {SCALE_RSS_MB} MB"
            result = verdict(value <= SCALE_RATIO and m.peak_mb < SCALE_RSS_MB)
        if result in ("PASS", "FAIL"):
            judged.append(name)
        if result == "FAIL":
            failures.append(f"{m.label}: target {target} not met")
        label = m.label + (f" ({records:,} records)" if m.records else "")
        lines.append(f"| {label} | {fmt_seconds(m)} | {rate} | {fmt_mb(m)} | {ratio} | {target} "
                     f"| {result} | {rows_cell(m)} |")
    return "\n".join(lines), failures, mismatches, judged


def scale_table(bench):
    """Each month of the scale step: its ingest against the first month's, its peak memory, the ledger after it."""
    first = bench.scale[0]["seconds"]
    lines = [
        f"## scale: {len(bench.scale)} months of {bench.args.records:,} records, one after another into one ledger",
        "",
        "Each month is its own sample (`axis-ledger sample --records N --seed S --month M`, seed "
        "100 for the first month, then 101, …), ingested once into the ledger (a month cannot be ingested twice into "
        f"the same ledger). The 1st month is measured {bench.args.runs} time(s), as every other step, and its row shows "
        "the median: after its own run, also into empty ledgers made the same way (`axis-ledger init`). Every later "
        "month is one run.",
        "",
        "| month | ledger before (records) | wall s | × month 1 | peak RSS MB | records after | ledger MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    before = 0
    for entry in bench.scale:
        rows = f"{entry['rows']:,}" + ("" if entry["rows"] == entry["expected"] else f" **MISMATCH: expected {entry['expected']:,}**")
        lines.append(f"| {entry['month']} | {before:,} | {entry['seconds']:.2f} | {entry['seconds'] / first:.2f} "
                     f"| {entry['rss_mb']:.0f} | {rows} | {entry['bytes'] / 1e6:.0f} |")
        before = entry["rows"]
    first_runs = bench.scale[0]["runs"]
    if len(first_runs) > 1:
        lines += ["", f"Runs of month 1 ({bench.scale[0]['month']}), in the order run (the first went into the ledger "
                  "itself): " + ", ".join(f"{seconds:.2f}" for seconds in first_runs) + " s."]
    control = bench.scale_control
    if control:
        last = bench.scale[-1]
        lines += ["", f"For information: month 1's sample ingested again into empty ledgers just before month "
                  f"{len(bench.scale)}, at the same moment of the machine: "
                  + ", ".join(f"{seconds:.2f}" for seconds in control["runs"])
                  + f" s, median {control['seconds']:.2f} s. Month {len(bench.scale)} against it: "
                  f"{last['seconds'] / control['seconds']:.2f} × (against month 1 at the start: "
                  f"{last['seconds'] / bench.scale[0]['seconds']:.2f} ×). The first says what the ledger's growth costs; "
                  "the two differ by what the machine's speed did during the step."]
    by_phase = phases.table(bench.scale[0]["phases"], control["phases"] if control else None, bench.scale[-1]["phases"],
                            len(bench.scale)) if len(bench.scale) > 1 else []
    if by_phase:
        lines += [""] + by_phase
    return lines + [""]


def document(bench, command_line):
    args, data = bench.args, bench.data
    counts = data["counts"]
    text, failures, mismatches, judged = table(bench)
    reader_lines = []
    if bench.scale_readers:
        reader_lines, reader_failures, reader_judged = readers_table.table(bench.scale_readers, args.scale_months)
        failures += reader_failures
        judged += reader_judged
    mismatches += bench.reader_problems
    parts = [
        "# axis-ledger ingest benchmark",
        "",
        f"Written by `{command_line}` (see bench/README.md).",
        "",
        f"Data: {bench.sample_source}: responses.jsonl of {data['bytes'] / 1e6:.1f} MB, "
        f"{counts.lines:,} lines, {counts.records:,} response records, {counts.distinct:,} distinct lines. "
        f"Every step reads that same file, warm in the page cache. Wall time is the median of {args.runs} "
        f"run(s); peak RSS is the largest \"Maximum resident set size\" of `/usr/bin/time -v` over the runs.",
        "",
        "Ratios are peer time / our time: above 1 means axis-ledger is faster.",
        "",
        text,
        "",
    ]
    if mismatches:
        parts += ["**MISMATCH** (a wrong result, not a target):", ""] + [f"- {m}" for m in mismatches] + [""]
    if failures:
        parts += ["Not met:", ""] + [f"- {f}" for f in failures] + [""]
    elif judged:
        parts += ["Every target judged here is met.", ""]
    else:
        parts += ["No target could be judged: they compare with `axis-ledger ingest`, which this run left out.", ""]
    if bench.scale:
        parts += scale_table(bench)
    parts += reader_lines
    parts += ["## Machine", "", "| | |", "|---|---|"]
    parts += [f"| {k} | {v} |" for k, v in machine(args)]
    parts.append("")
    return "\n".join(parts)
