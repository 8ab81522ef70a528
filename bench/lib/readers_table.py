"""The scale step's second table, "Readers on the scale ledger", and its targets (issue 18
targets 1 and 2, issue 13 target 5), judged on the ledger after month K."""

import statistics

VERIFY_RATIO = 12           # full verify after month K ≤ 12 × after month 1
VERIFY_RSS_MB = 200
QUICK_SHARE = 0.10          # verify --quick < 10% of a full verify, after month K
LOOKUP_SECONDS = 0.050      # a whole process, what a user meets
REPORT_SECONDS = 2.0
RECONCILE_SECONDS = 6.0
TOOLS = {"sql": "`axis-ledger sql`", "sqlite3": "the `sqlite3` shell", "find": "`axis-ledger find`"}


def verdict(ok):
    return "PASS" if ok else "FAIL"


def seconds_cell(run, places=2):
    if run is None or run.seconds is None:
        return "–"
    if run.timed_out:
        return f"> {run.seconds:g} (stopped)"
    return f"{run.seconds:.{places}f}"


def mb_cell(run):
    return f"{run.peak_mb:.0f}" if run is not None and run.peak_mb is not None else "–"


def finished(run):
    return run is not None and run.seconds is not None and not run.timed_out


def summary(runs, how):
    """The median or the max of lookups' wall seconds, a stopped one counting as its limit (a lower bound)."""
    runs = [r for r in runs if r.seconds is not None]
    if not runs:
        return None, None, False
    values = [r.seconds for r in runs]
    value = statistics.median(values) if how == "median" else max(values)
    rss = max(r.rss_kb for r in runs if r.rss_kb is not None) if any(r.rss_kb is not None for r in runs) else None
    return value, rss, any(r.timed_out for r in runs)


def table(moments, months):
    """The table's lines, the targets not met and the rows judged; `moments` is after month 1, then K."""
    first, last = moments[0], moments[-1]
    both = len(moments) == 2
    failures, judged = [], []
    rows = []

    def row(label, cells_first, cells_last, target, ok, judge=True):
        result = "–" if ok is None or not judge else verdict(ok)
        if result in ("PASS", "FAIL"):
            judged.append(label)
        if result == "FAIL":
            failures.append(f"readers on the scale ledger: {label}: target {target} not met")
        cells = list(cells_first) if both else []
        rows.append(f"| {label} | " + " | ".join(cells + list(cells_last)) + f" | {target} | {result} |")

    def cells(run, places=2):
        return seconds_cell(run, places), mb_cell(run)

    # verify, full and quick: peak RSS in every run, then the two ratios.
    for name, pick in (("verify (full)", lambda m: m.verify), ("verify --quick", lambda m: m.quick)):
        runs = [pick(m) for m in moments]
        ok = all(finished(r) for r in runs) and all(r.peak_mb < VERIFY_RSS_MB for r in runs)
        row(f"`axis-ledger {name.replace(' (full)', '')}`", cells(pick(first)), cells(pick(last)),
            f"peak RSS < {VERIFY_RSS_MB} MB, finishes", ok)
    full_1, full_k = first.verify, last.verify
    if both and finished(full_1) and full_1.seconds > 0 and full_k is not None and full_k.seconds is not None:
        value = full_k.seconds / full_1.seconds
        # A stopped verify took at least its limit: a FAIL only when even that bound is over.
        if full_k.timed_out:
            text, ok = f"> {value:.2f} ×", (False if value > VERIFY_RATIO else None)
        else:
            text, ok = f"{value:.2f} ×", value <= VERIFY_RATIO
    else:
        text, ok = "n/a (a verify was stopped or failed)", False
    row(f"full verify: after month {months} / after month 1", ("", ""), (text, ""),
        f"≤ {VERIFY_RATIO} ×", ok)
    shares = []
    for moment in moments:
        quick, full = moment.quick, moment.verify
        if finished(quick) and finished(full) and full.seconds > 0:
            shares.append((f"{quick.seconds / full.seconds:.1%}", quick.seconds / full.seconds))
        else:
            shares.append(("n/a (stopped)", None))
    share_ok = None if shares[-1][1] is None else shares[-1][1] < QUICK_SHARE
    row("verify --quick / full verify", (shares[0][0], ""), (shares[-1][0], ""),
        f"< {QUICK_SHARE:.0%} (after month {months})", share_ok)

    # Lookups by id: the median and the max over the ids, per tool.
    for tool in ("sql", "sqlite3", "find"):
        for how in ("median", "max"):
            per_moment = []
            for moment in moments:
                value, rss, stopped = summary([l.runs[tool] for l in moment.lookups if tool in l.runs], how)
                per_moment.append((value, rss, stopped))

            def lookup_cells(entry):
                value, rss, stopped = entry
                if value is None:
                    return "–", "–"
                return (f"> {value:.3f} (stopped)" if stopped and how == "max" else f"{value:.3f}",
                        f"{rss / 1024:.0f}" if rss is not None else "–")
            value_k = per_moment[-1][0]
            ok = None if value_k is None else (value_k < LOOKUP_SECONDS and not (per_moment[-1][2] and how == "max"))
            row(f"lookup by id with {TOOLS[tool]}: {how} over the ids", lookup_cells(per_moment[0]),
                lookup_cells(per_moment[-1]), f"< {LOOKUP_SECONDS * 1000:.0f} ms (after month {months})",
                ok if value_k is not None else False)

    # report and reconcile of the month just ingested.
    report_k, reconcile_k = last.report, last.reconcile
    row("`axis-ledger report --month M` (M: the month just ingested)", cells(first.report), cells(report_k),
        f"< {REPORT_SECONDS:g} s (after month {months})",
        finished(report_k) and report_k.seconds < REPORT_SECONDS)
    usage = last.usage_rows
    row(f"`axis-ledger reconcile --month M --usage-export provider-usage.csv`"
        + (f" ({usage:,} rows after month {months})" if usage is not None else ""),
        cells(first.reconcile), cells(reconcile_k), f"< {RECONCILE_SECONDS:g} s (after month {months})",
        finished(reconcile_k) and reconcile_k.seconds < RECONCILE_SECONDS)

    header_cells = (["after month 1: wall s", "peak RSS MB"] if both else []) \
        + [f"after month {months}: wall s", "peak RSS MB"]
    lines = [
        "## scale: readers on the scale ledger",
        "",
        "On the scale step's ledger, "
        + (f"after month 1 ({first.month}: {first.records:,} records, ledger {first.ledger_bytes / 1e6:.0f} MB) "
           f"and again " if both else "")
        + f"after month {months} ({last.month}: {last.records:,} records, ledger {last.ledger_bytes / 1e6:.0f} MB): "
        "each reader one whole process under `/usr/bin/time -v`, run once (a lookup: once per id). "
        f"Targets are judged on the ledger after month {months}; after month 1 is the baseline of the verify ratio. "
        "A lookup is `axis-ledger sql --format csv QUERY --param id=ID`, `sqlite3 -readonly DB QUERY` with the id "
        "quoted in the query, and `axis-ledger find ID --format csv`, where QUERY is docs/queries.md's "
        "\"What in the ledger carries the id :id?\", read from the doc at run time.",
        "",
        "| reader | " + " | ".join(header_cells) + " | target | result |",
        "|---|" + "---:|" * len(header_cells) + "---|---|",
    ] + rows + [""] + lookup_table(moments, months)
    return lines, failures, judged


def lookup_table(moments, months):
    """Each id looked up, the rows each tool printed and its wall seconds."""
    lines = [
        "Ids looked up: one generation_id, request_id and idempotency_key of a record of month 1 "
        f"and of month {months} (from the first record at or after the middle of the month's ids that "
        "carries one; picked with sqlite3, not timed). Every tool must print at least one row, "
        "and the same number.",
        "",
        "| after month | id column | record of | id | rows: sql / sqlite3 / find | sql s | sqlite3 s | find s |",
        "|---|---|---|---|---|---:|---:|---:|",
    ]
    for moment in moments:
        for lookup in moment.lookups:
            counts = " / ".join("–" if lookup.runs.get(t) is None or lookup.runs[t].rows is None
                                else str(lookup.runs[t].rows) for t in ("sql", "sqlite3", "find"))
            if lookup.problem:
                counts += " **MISMATCH**"
            times = " | ".join(seconds_cell(lookup.runs.get(t), 3) for t in ("sql", "sqlite3", "find"))
            lines.append(f"| {moment.after} | {lookup.column} | {lookup.month} | `{lookup.value}` | {counts} | {times} |")
        if not moment.lookups:
            lines.append(f"| {moment.after} | – | – | no id could be picked **MISMATCH** | – | – | – | – |")
    return lines + [""]
