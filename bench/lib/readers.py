"""Readers on the scale step's ledger (issues 13 and 18): verify, lookups by id, report and
reconcile, each timed as a whole process under GNU time, after the 1st month and after the K-th.

A reader that answers wrongly (a lookup that finds nothing, three tools that disagree, a verify
that fails, a reconcile that refuses its input) is a problem: printed loudly, marked MISMATCH in
the results and bench/run exits 1. A reader that is slow is a target missed, judged in results.py.
"""

import csv
import dataclasses
import io
import os
import re
import subprocess

from timing import BenchError, StepTimedOut, loud, say, timed_status

# The documented query that lists everything carrying an id through the view record_ids. It is
# read from docs/queries.md at run time, so the doc and the bench cannot drift apart.
LOOKUP_DOC = os.path.join("docs", "queries.md")
LOOKUP_HEADING = "What in the ledger carries the id :id?"
ID_COLUMNS = ("generation_id", "request_id", "idempotency_key")
LOOKUP_TOOLS = ("sql", "sqlite3", "find")
# A named parameter as the cookbook writes them (:month, :id); not `::` nor a time such as 10:30.
PARAMETER = re.compile(r"(?<![\w:]):([A-Za-z_]\w*)")


class ReadersError(BenchError):
    """The readers cannot be measured at all (the lookup query or the ids cannot be had)."""


@dataclasses.dataclass
class Run:
    """One timed process."""
    seconds: float = None
    rss_kb: int = None
    timed_out: bool = False     # stopped after its limit; seconds holds the limit
    rows: int = None            # rows a lookup printed
    note: str = ""
    problem: str = ""           # why its answer is wrong; empty when it is right

    @property
    def peak_mb(self):
        return self.rss_kb / 1024 if self.rss_kb is not None else None


@dataclasses.dataclass
class Lookup:
    """One id picked from the ledger and how each tool answered it."""
    column: str                 # generation_id, request_id or idempotency_key
    month: str                  # the month of the record it was picked from
    value: str
    runs: dict = dataclasses.field(default_factory=dict)    # tool -> Run
    problem: str = ""


@dataclasses.dataclass
class Readers:
    """What the readers measured on the scale ledger after one of its months."""
    after: int                  # the month's number, 1 or K
    month: str
    records: int                # response records in the ledger
    ledger_bytes: int
    usage_rows: int = None      # rows of the provider usage export reconciled
    verify: Run = None
    quick: Run = None
    lookups: list = dataclasses.field(default_factory=list)
    report: Run = None
    reconcile: Run = None

    def problems(self):
        found = []
        for name, run in (("verify", self.verify), ("verify --quick", self.quick), ("report", self.report),
                          ("reconcile", self.reconcile)):
            if run is not None and run.problem:
                found.append(f"after month {self.after}: {name}: {run.problem}")
        if not self.lookups:
            found.append(f"after month {self.after}: no id could be picked from the ledger to look up")
        for lookup in self.lookups:
            if lookup.problem:
                found.append(f"after month {self.after}: lookup of {lookup.column} {lookup.value}: {lookup.problem}")
        return found


def lookup_query(root):
    """The SQL of docs/queries.md's question "What in the ledger carries the id :id?".

    When that heading was renamed, the one query of the cookbook whose only parameter is :id and
    that reads record_ids stands in; anything else is an error that says what to fix.
    """
    path = os.path.join(root, LOOKUP_DOC)
    try:
        text = open(path, encoding="utf-8").read()
    except OSError as error:
        raise ReadersError(f"cannot read {path}, which holds the lookup query the scale step times: {error}")
    sections = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        block = re.search(r"^```sql\n(.*?)^```", body, flags=re.S | re.M)
        if block:
            sections[heading.strip()] = block.group(1).strip()
    if LOOKUP_HEADING in sections:
        return sections[LOOKUP_HEADING]
    candidates = [heading for heading, sql in sections.items()
                  if set(PARAMETER.findall(sql)) == {"id"} and "record_ids" in sql]
    if len(candidates) == 1:
        say(f"readers: {LOOKUP_DOC} has no question \"{LOOKUP_HEADING}\"; timing \"{candidates[0]}\" instead, "
            "its one query of :id through record_ids")
        return sections[candidates[0]]
    raise ReadersError(f"{path}: no question \"{LOOKUP_HEADING}\" and {len(candidates)} other queries of :id "
                       f"through record_ids ({', '.join(candidates) or 'none'}); the scale step times that "
                       f"query: give bench/lib/readers.py LOOKUP_HEADING its new heading")


def quoted(query, value):
    """The query with every :id replaced by the value as an SQL string, for the sqlite3 shell."""
    literal = "'" + value.replace("'", "''") + "'"
    return PARAMETER.sub(lambda m: literal if m.group(1) == "id" else m.group(0), query)


def first_value(db, sql):
    result = subprocess.run(["sqlite3", "-readonly", "-batch", "-noheader", "-list", db, sql],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ReadersError(f"sqlite3 {db} could not pick an id: {result.stderr.strip()} (query: {sql})")
    return result.stdout.rstrip("\n") or None


def pick_ids(db, month, low, high):
    """One id of each kind of a record of `month`, whose ids are low < id <= high (not timed).

    Each is taken from the first record at or after the middle of the month's ids that carries
    one (else the first from its start): the same sample always gives the same ids. A kind no
    record of the month carries is left out.
    """
    middle = (low + high) // 2
    picked = []
    for column in ID_COLUMNS:
        value = None
        for start, end in ((middle, high), (low, middle)):
            value = first_value(db, f"SELECT {column} FROM response_records WHERE id > {start} AND id <= {end} "
                                    f"AND month = '{month}' AND {column} <> '' ORDER BY id LIMIT 1")
            if value:
                break
        if value:
            picked.append(Lookup(column=column, month=month, value=value))
    return picked


def csv_rows(text):
    return max(0, len(list(csv.reader(io.StringIO(text)))) - 1)


class ScaleReaders:
    """Times every reader on one ledger, whole processes, one run each (a lookup: one run per id)."""

    def __init__(self, ledger, root, workdir, limits):
        self.ledger = ledger
        self.workdir = workdir
        self.limits = limits        # seconds before a reader is stopped: verify, lookup, report, reconcile
        self.query = lookup_query(root)

    def timed(self, name, command, limit, accept=(0,)):
        """One run; a run stopped at its limit or exiting outside `accept` is kept, not raised."""
        os.sync()   # not timed: what the ingest wrote is not written back during the run
        try:
            seconds, rss, stdout, stderr, status = timed_status(command, self.workdir, name, cwd=self.workdir,
                                                                limit=limit)
        except StepTimedOut as stopped:
            loud(f"readers: {' '.join(command[:3])}: {stopped}")
            return Run(seconds=stopped.seconds, timed_out=True, note=f"stopped after {stopped.seconds:g} s"), "", ""
        run = Run(seconds=seconds, rss_kb=rss)
        if status not in accept:
            tail = (stdout + stderr).strip()[-1500:]
            run.problem = f"exited with status {status}: {tail}"
            loud(f"readers: {' '.join(command)} exited with status {status}:\n{tail}")
        return run, stdout, status

    def verify(self, db, after, quick):
        flags = ["--quick"] if quick else []
        run, stdout, status = self.timed(f"scale-verify{'-quick' if quick else ''}-{after}",
                                         [self.ledger, "verify", *flags, "--db", db], self.limits["verify"])
        if run.problem and status == 1:
            failed = [line for line in stdout.splitlines() if line.strip() and not line.startswith("ok")]
            run.problem = "verify failed: " + "; ".join(failed[:5])
        say(f"readers: verify{' --quick' if quick else ''} after month {after}: {describe(run)}")
        return run

    def lookup(self, db, after, lookup):
        """The same lookup from axis-ledger sql, the sqlite3 shell and axis-ledger find."""
        tag = f"scale-lookup-{after}-{lookup.column}-{lookup.month}"
        limit = self.limits["lookup"]
        commands = {
            "sql": [self.ledger, "sql", "--db", db, "--format", "csv", self.query, "--param", f"id={lookup.value}"],
            "sqlite3": ["sqlite3", "-readonly", db, quoted(self.query, lookup.value)],
            "find": [self.ledger, "find", lookup.value, "--db", db, "--format", "csv"],
        }
        for tool in LOOKUP_TOOLS:
            # find exits 1 when nothing carries the id: that is a wrong answer here, counted below.
            run, stdout, status = self.timed(f"{tag}-{tool}", commands[tool], limit,
                                             accept=(0, 1) if tool == "find" else (0,))
            if not run.timed_out and not run.problem:
                run.rows = len([line for line in stdout.splitlines() if line.strip()]) if tool == "sqlite3" \
                    else csv_rows(stdout)
            lookup.runs[tool] = run
        answered = {tool: run.rows for tool, run in lookup.runs.items() if run.rows is not None}
        broken = [f"{tool}: {run.problem}" for tool, run in lookup.runs.items() if run.problem]
        if broken:
            lookup.problem = "; ".join(broken)
        elif any(rows == 0 for rows in answered.values()):
            lookup.problem = "found nothing (" + ", ".join(f"{t} {r} rows" for t, r in answered.items()) + ")"
        elif len(set(answered.values())) > 1:
            lookup.problem = "the tools disagree (" + ", ".join(f"{t} {r} rows" for t, r in answered.items()) + ")"
        if lookup.problem:
            loud(f"LOOKUP MISMATCH after month {after}: {lookup.column} {lookup.value} of {lookup.month}: "
                 f"{lookup.problem}")
        say(f"readers: lookup of {lookup.column} {lookup.value} ({lookup.month}) after month {after}: "
            + ", ".join(f"{t} {describe(r, 3)}" for t, r in lookup.runs.items()))

    def report(self, db, after, month):
        out = os.path.join(self.workdir, f"scale-report-{after}")
        run, _, _ = self.timed(f"scale-report-{after}", [self.ledger, "report", "--month", month, "--db", db,
                                                         "--out", out], self.limits["report"])
        folder = os.path.join(out, month)
        if not run.timed_out and not run.problem:
            written = len(os.listdir(folder)) if os.path.isdir(folder) else 0
            run.note = f"{written} files written"
            if not written:
                run.problem = f"report wrote nothing into {folder}"
        say(f"readers: report --month {month} after month {after}: {describe(run)}")
        return run

    def reconcile(self, db, after, month, usage):
        """reconcile of the month against the sample's usage export: 0 match and 1 differ are both answers."""
        out = os.path.join(self.workdir, f"scale-reconcile-{after}")
        run, _, status = self.timed(f"scale-reconcile-{after}",
                                    [self.ledger, "reconcile", "--month", month, "--usage-export", usage,
                                     "--db", db, "--out", out], self.limits["reconcile"], accept=(0, 1))
        if not run.timed_out and not run.problem:
            written = os.path.join(out, month, "reconciliation.csv")
            if not os.path.isfile(written):
                run.problem = f"reconcile wrote no {written}"
            run.note = "matches" if status == 0 else "differs (exit 1)"
        say(f"readers: reconcile --month {month} after month {after}: {describe(run)}")
        return run

    def measure(self, db, after, month, records, ledger_bytes, lookups, usage):
        """Every reader on the ledger as it is after month `after`, in a fixed order."""
        readers = Readers(after=after, month=month, records=records, ledger_bytes=ledger_bytes)
        say(f"readers: after month {after} ({month}), on a ledger of {records:,} records")
        readers.verify = self.verify(db, after, quick=False)
        readers.quick = self.verify(db, after, quick=True)
        for picked in lookups:
            lookup = dataclasses.replace(picked, runs={}, problem="")
            self.lookup(db, after, lookup)
            readers.lookups.append(lookup)
        readers.report = self.report(db, after, month)
        if os.path.isfile(usage):
            with open(usage, "rb") as source:
                readers.usage_rows = max(0, sum(1 for _ in source) - 1)
            readers.reconcile = self.reconcile(db, after, month, usage)
        else:
            readers.reconcile = Run(problem=f"the sample wrote no {usage} to reconcile against")
            loud(f"readers: {readers.reconcile.problem}")
        return readers


def describe(run, places=2):
    if run.timed_out:
        return f"> {run.seconds:g} s (stopped)"
    text = f"{run.seconds:.{places}f} s, peak RSS {run.peak_mb:.0f} MB"
    if run.rows is not None:
        text += f", {run.rows} rows"
    if run.note:
        text += f", {run.note}"
    return text
