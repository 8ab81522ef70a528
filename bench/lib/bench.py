"""The side-by-side ingest benchmark; started by bench/run, which builds what
it needs first. See bench/README.md for what each step measures.
"""

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import phases  # noqa: E402
import prepare_floor  # noqa: E402
import results  # noqa: E402
from readers import ReadersError, ScaleReaders, pick_ids  # noqa: E402
from timing import BenchError, StepTimedOut, loud, say, timed  # noqa: E402

MONTH = "2026-10"
SEED = 7
ORGS = 12
# How long one run of a step may take before it is stopped: the report's
# target is 2 s, so 60 s is far past failing; the rest get half an hour.
REPORT_LIMIT_SECONDS = 60
STEP_LIMIT_SECONDS = 1800
# The scale step's readers: a lookup (target 50 ms) is stopped after 60 s, reconcile (target 6 s)
# after 180 s, 30 times its target as for report; verify gets the step's limit.
LOOKUP_LIMIT_SECONDS = 60
RECONCILE_LIMIT_SECONDS = 180
STEPS = ["ledger", "sqlite3", "sqlite-utils", "duckdb", "floor", "floor-billing", "floor-wal", "floor-no-ids", "reingest", "report", "memory",
         "grown", "scale"]
# grown: the log grows by this share of its records before it is ingested again.
GROWN_SHARE = 0.01
# scale: the months ingested one after another start here, each with its own seed.
SCALE_FIRST_MONTH = (2026, 1)
SCALE_SEED = 100


@dataclasses.dataclass
class Measure:
    """One step's runs: wall seconds and peak resident memory of each."""
    seconds: list = dataclasses.field(default_factory=list)
    rss_kb: list = dataclasses.field(default_factory=list)
    rows: int = None            # what the step loaded (last run)
    expected: int = None        # what it should have loaded
    note: str = ""
    records: int = None         # records in the file it read, when not the main file's
    timed_out: bool = False     # stopped after its time limit; seconds holds the limit

    @property
    def median(self):
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def peak_mb(self):
        return max(self.rss_kb) / 1024 if self.rss_kb else None

    @property
    def rows_ok(self):
        return self.expected is None or self.rows == self.expected


def steps_argument(text):
    """--only: one step or several, separated by commas; each must be a step's name."""
    unknown = [step for step in text.split(",") if step not in STEPS]
    if unknown or not text:
        raise argparse.ArgumentTypeError(f"unknown step {', '.join(unknown) or '(none)'}; the steps are {', '.join(STEPS)}")
    return text


def init_ledger(ledger, db, cwd):
    """An empty ledger at `db`, made by `axis-ledger init` (untimed)."""
    subprocess.run([ledger, "init", "--db", db], check=True, stdout=subprocess.DEVNULL, cwd=cwd)


def remove_database(path):
    for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def ledger_bytes(path):
    """The ledger's size on disk: the database file and its write-ahead log, when one is left."""
    return sum(os.path.getsize(path + suffix) for suffix in ("", "-wal") if os.path.exists(path + suffix))


def sqlite_scalar(database, sql):
    result = subprocess.run(["sqlite3", database, sql], capture_output=True, text=True, check=True)
    return int(result.stdout.strip() or 0)


class Bench:
    def __init__(self, args):
        self.args = args
        self.venv_python = os.path.join(args.venv, "bin", "python")
        self.sqlite_utils = os.path.join(args.venv, "bin", "sqlite-utils")
        self.steps = [step for step in STEPS if step in args.only.split(",")] if args.only else STEPS
        self.results = {}
        self.fresh_db = None
        self.workdir = tempfile.mkdtemp(prefix="axis-bench-", dir=os.environ.get("TMPDIR", "/tmp"))
        self.sample_source = None
        self.datasets = {}
        self.scale = None           # the scale step's months, in order
        self.scale_control = None   # month 1's sample ingested again just before month K (for information)
        self.timings_supported = None
        self.scale_readers = []     # the readers on its ledger after month 1 and after month K
        self.reader_problems = []   # wrong answers of those readers (each a MISMATCH)

    # ----- data -------------------------------------------------------------

    def ledger_has_sample(self):
        try:
            result = subprocess.run([self.args.ledger, "sample", "--help"], capture_output=True)
        except OSError:
            return False
        return result.returncode == 0

    def sample(self, records, seed=SEED, month=MONTH):
        """Generates `records` response records; returns the responses.jsonl path and how it was made."""
        folder = os.path.join(self.workdir, f"sample-{records}" + ("" if (seed, month) == (SEED, MONTH) else f"-{seed}-{month}"))
        options = ["--records", str(records), "--seed", str(seed), "--month", month, "--orgs", str(ORGS),
                   "--out", folder]
        start = time.perf_counter()
        if self.ledger_has_sample():
            source = "`axis-ledger sample " + " ".join(options[:-2]) + "`"
            subprocess.run([self.args.ledger, "sample"] + options, check=True, stdout=subprocess.DEVNULL)
        else:
            source = ("`bench/lib/fallback_sample.py " + " ".join(options[:-2])
                      + "` (axis-ledger has no `sample` subcommand yet)")
            loud("axis-ledger has no `sample` subcommand: using bench/lib/fallback_sample.py instead. "
                 "These numbers are not the benchmark's own data.")
            subprocess.run([sys.executable, os.path.join(HERE, "fallback_sample.py")] + options, check=True)
        path = os.path.join(folder, "responses.jsonl")
        if not os.path.isfile(path):
            raise BenchError(f"the sample run wrote no {path}")
        say(f"sample of {records:,} records: {os.path.getsize(path) / 1e6:.1f} MB in "
            f"{time.perf_counter() - start:.1f} s")
        return path, source

    def warm(self, path):
        """Reads the file once so every step starts with it in the page cache."""
        with open(path, "rb") as source:
            while source.read(1 << 24):
                pass

    def template_database(self):
        """An empty database with the ledger's schema from migrations/*.sql, applied by the sqlite3 shell."""
        path = os.path.join(self.workdir, "template.sqlite")
        if os.path.exists(path):
            return path
        migrations = os.path.join(self.args.root, "migrations")
        files = sorted(f for f in os.listdir(migrations) if f.endswith(".sql"))
        if not files:
            raise BenchError(f"no .sql files in {migrations}")
        script = "PRAGMA journal_mode = WAL;\n" + "".join(
            f".read {os.path.join(migrations, f)}\n" for f in files)
        subprocess.run(["sqlite3", "-bail", path], input=script, text=True, check=True, stdout=subprocess.DEVNULL)
        return path

    def fresh_copy_of_template(self, name):
        path = os.path.join(self.workdir, name)
        remove_database(path)
        shutil.copyfile(self.template_database(), path)
        return path

    # ----- steps ------------------------------------------------------------

    def runs(self, name, label, make_command, count_rows, expected, cwd=None, limit=STEP_LIMIT_SECONDS):
        """Runs one step `--runs` times on fresh output; keeps the last run's output."""
        measure = Measure(expected=expected)
        self.results[name] = measure
        for run in range(1, self.args.runs + 1):
            command, output = make_command(run)
            say(f"{label}: run {run} of {self.args.runs}")
            # Not timed: flush what earlier steps wrote, so the kernel does not write it back during this run.
            os.sync()
            try:
                seconds, rss, stdout = timed(command, self.workdir, f"{name}-{run}", cwd=cwd, limit=limit)
            except StepTimedOut as stopped:
                loud(f"{label}: {stopped}; its other runs are skipped")
                measure.seconds = [stopped.seconds]
                measure.timed_out = True
                measure.expected = None
                measure.note = f"stopped after {stopped.seconds:g} s"
                return measure
            measure.seconds.append(seconds)
            measure.rss_kb.append(rss)
            measure.rows = count_rows(output, stdout)
            say(f"{label}: {seconds:.2f} s, peak RSS {rss / 1024:.0f} MB, {measure.rows:,} rows")
        if not measure.rows_ok:
            loud(f"ROW COUNT MISMATCH in {label}: loaded {measure.rows:,} rows, expected {measure.expected:,}")
        return measure

    def ledger_ingest(self, name, label, path, expected, into_existing=False):
        """`axis-ledger ingest` of `path` into a new ledger; with `into_existing`, into an empty ledger made
        first by `axis-ledger init` (untimed), which ingest writes as any existing ledger, in WAL, where a
        ledger's first file is written under its temporary name with a rollback journal (docs/reliability.md)."""
        def command(run):
            db = os.path.join(self.workdir, f"{name}-{run}.sqlite")
            remove_database(db)
            if into_existing:
                init_ledger(self.args.ledger, db, self.workdir)
            return [self.args.ledger, "ingest", "--db", db, path], db

        def rows(db, stdout):
            return sqlite_scalar(db, "SELECT count(*) FROM response_records")

        measure = self.runs(name, label, command, rows, expected, cwd=self.workdir)
        if measure.timed_out:
            raise BenchError(f"{label} did not finish within {STEP_LIMIT_SECONDS} s")
        last = os.path.join(self.workdir, f"{name}-{self.args.runs}.sqlite")
        rejected = sqlite_scalar(last, "SELECT count(*) FROM rejected_lines")
        if rejected:
            measure.note = f"{rejected:,} lines rejected"
        return measure, last

    def step_ledger(self, data):
        _, self.fresh_db = self.ledger_ingest("ledger", "axis-ledger ingest", data["path"],
                                                    data["counts"].distinct)

    def ensure_fresh_db(self, data):
        """reingest and report need an ingested database even when `ledger` was not asked for."""
        if self.fresh_db is None:
            say("ingesting once (untimed) for the steps that need an ingested database")
            self.fresh_db = os.path.join(self.workdir, "fresh.sqlite")
            subprocess.run([self.args.ledger, "ingest", "--db", self.fresh_db, data["path"]], check=True,
                           stdout=subprocess.DEVNULL, cwd=self.workdir)

    def step_sqlite3(self, data):
        script = SQLITE3_SCRIPT.replace("{file}", data["path"])

        def command(run):
            db = self.fresh_copy_of_template(f"sqlite3-{run}.sqlite")
            script_path = os.path.join(self.workdir, "sqlite3-load.sql")
            with open(script_path, "w") as out:
                out.write(script)
            return ["sqlite3", "-bail", db, f".read {script_path}"], db

        self.runs("sqlite3", "sqlite3 shell", command,
                  lambda db, _: sqlite_scalar(db, "SELECT count(*) FROM response_records"),
                  data["counts"].distinct)

    def step_sqlite_utils(self, data):
        def command(run):
            db = os.path.join(self.workdir, f"sqlite-utils-{run}.sqlite")
            remove_database(db)
            return [self.sqlite_utils, "insert", db, "response_records", data["path"],
                    "--nl", "--flatten", "--alter"], db

        self.runs("sqlite-utils", "sqlite-utils insert", command,
                  lambda db, _: sqlite_scalar(db, "SELECT count(*) FROM response_records"),
                  data["counts"].lines)

    def step_duckdb(self, data):
        def command(run):
            db = os.path.join(self.workdir, f"duckdb-{run}.duckdb")
            remove_database(db)
            return [self.venv_python, os.path.join(HERE, "duckdb_load.py"), db, data["path"]], db

        self.runs("duckdb", "DuckDB read_json", command, lambda db, stdout: int(stdout.strip()),
                  data["counts"].records)

    def step_floor(self, data, name="floor", extra=()):
        rows_file = data["floor_rows"]

        def command(run):
            db = self.fresh_copy_of_template(f"{name}-{run}.sqlite")
            return [self.args.floor, db, rows_file, *extra], db

        def rows(db, stdout):
            stored = int(stdout.strip())
            in_table = sqlite_scalar(db, "SELECT count(*) FROM response_records")
            if stored != in_table:
                raise BenchError(f"the floor said it stored {stored} rows but {db} holds {in_table}")
            if "ids" in extra:
                ids = sqlite_scalar(db, "SELECT (SELECT count(*) FROM response_records WHERE generation_id <> '')"
                                        " + (SELECT count(*) FROM response_records WHERE request_id <> '')"
                                        " + (SELECT count(*) FROM response_records WHERE idempotency_key <> '')")
                held = sqlite_scalar(db, "SELECT count(*) FROM id_lookup")
                if held != ids:
                    raise BenchError(f"the floor's id lookup in {db} holds {held} ids, the rows have {ids}")
            return in_table

        self.runs(name, f"{name} (C, SQLite alone)", command, rows, data["counts"].distinct)

    def step_floor_billing(self, data):
        """SQLite's cost for the whole job of the `ledger` step: the floor plus billing rule 2 as one sorted
        INSERT ... SELECT and the id lookup as the schema lays it out (migration 0011), written as axis-ledger
        writes a new ledger's first file (a rollback journal, then WAL; billing's month index made after the
        billing insert)."""
        self.step_floor(data, name="floor-billing", extra=("billing", "ids", "journal", "deferred"))

    def step_floor_wal(self, data):
        """floor-billing written in WAL, as every file after a ledger's first is (for information)."""
        self.step_floor(data, name="floor-wal", extra=("billing", "ids"))

    def step_floor_no_ids(self, data):
        """floor-billing in WAL without the id lookup: floor-billing as it was before issue 18's table and
        the staged first file (for information, to compare with earlier results)."""
        self.step_floor(data, name="floor-no-ids", extra=("billing",))

    def step_reingest(self, data):
        self.ensure_fresh_db(data)
        before = sqlite_scalar(self.fresh_db, "SELECT count(*) FROM response_records")

        def rows(db, stdout):
            if "already ingested" not in stdout:
                loud(f"re-ingest did not say `already ingested`: {stdout.strip()[:300]}")
            return sqlite_scalar(db, "SELECT count(*) FROM response_records")

        self.runs("reingest", "axis-ledger ingest again",
                  lambda run: ([self.args.ledger, "ingest", "--db", self.fresh_db, data["path"]], self.fresh_db),
                  rows, before, cwd=self.workdir)

    def step_report(self, data):
        self.ensure_fresh_db(data)

        def command(run):
            out = os.path.join(self.workdir, f"report-{run}")
            shutil.rmtree(out, ignore_errors=True)
            return [self.args.ledger, "report", "--month", MONTH, "--db", self.fresh_db, "--out", out], out

        def files(out, stdout):
            folder = os.path.join(out, MONTH)
            return len(os.listdir(folder)) if os.path.isdir(folder) else 0

        measure = self.runs("report", f"axis-ledger report --month {MONTH}", command, files, None,
                            cwd=self.workdir, limit=REPORT_LIMIT_SECONDS)
        if not measure.timed_out:
            measure.note = f"{measure.rows} files written"
        measure.rows = None

    def step_memory(self, data):
        quarter = max(1, self.args.records // 4)
        if "ledger" not in self.results:
            self.ledger_ingest("ledger", "axis-ledger ingest", data["path"], data["counts"].distinct)
        path, _ = self.sample(quarter)
        counts = prepare_floor.prepare(path, os.devnull)
        self.warm(path)
        self.ledger_ingest("memory", f"axis-ledger ingest of {quarter:,} records", path, counts.distinct)
        self.results["memory"].records = quarter

    def step_grown(self, data):
        """A log ingested whole, grown by GROWN_SHARE of its records, ingested again: only the new lines are read."""
        folder = os.path.join(self.workdir, "grown")
        os.makedirs(folder, exist_ok=True)
        log = os.path.join(folder, "app.jsonl")
        shutil.copyfile(data["path"], log)
        self.warm(log)
        # Into an existing (empty) ledger, as the grown log is: both ingests write the same way (WAL).
        whole, base = self.ledger_ingest("grown-whole", "axis-ledger ingest of the log, whole, into an existing empty ledger",
                                         log, data["counts"].distinct, into_existing=True)
        extra = max(1, round(self.args.records * GROWN_SHARE))
        extra_path, _ = self.sample(extra, seed=SEED + 1000)
        with open(log, "ab") as out, open(extra_path, "rb") as appended:
            shutil.copyfileobj(appended, out)
        grown_counts = prepare_floor.prepare(log, os.devnull)
        self.warm(log)

        def command(run):
            db = os.path.join(self.workdir, f"grown-{run}.sqlite")
            remove_database(db)
            for suffix in ("", "-wal"):
                if os.path.exists(base + suffix):
                    shutil.copyfile(base + suffix, db + suffix)
            return [self.args.ledger, "ingest", "--db", db, log], db

        def rows(db, stdout):
            if "read from line" not in stdout:
                raise BenchError(f"the grown log was not read from where its last ingest stopped: {stdout.strip()[:300]}")
            return sqlite_scalar(db, "SELECT count(*) FROM response_records")

        measure = self.runs("grown", f"axis-ledger ingest of the log grown by {extra:,} records", command, rows,
                            grown_counts.distinct, cwd=self.workdir)
        measure.records = extra
        measure.note = f"{extra:,} records appended to {data['counts'].lines:,} lines"

    def step_scale(self, data):
        """K months of N records, each its own seed and month, ingested one after another into one ledger;
        after the 1st month and after the K-th, the readers on that ledger (bench/lib/readers.py)."""
        months = self.args.scale_months
        db = os.path.join(self.workdir, "scale.sqlite")
        remove_database(db)
        # Made first, so every month, the 1st too, goes into an existing ledger the same way (WAL): a new
        # ledger's first file is written under its temporary name with a rollback journal, faster.
        init_ledger(self.args.ledger, db, self.workdir)
        # Before any month is ingested, so a lookup query missing from the docs fails at once.
        readers = ScaleReaders(self.args.ledger, self.args.root, self.workdir, {
            "verify": STEP_LIMIT_SECONDS, "lookup": LOOKUP_LIMIT_SECONDS, "report": REPORT_LIMIT_SECONDS,
            "reconcile": RECONCILE_LIMIT_SECONDS})
        self.scale = []
        self.scale_readers = []
        first_ids = []
        expected = 0
        last_id = 0
        year, month = SCALE_FIRST_MONTH
        for index in range(months):
            name = f"{year + (month - 1 + index) // 12}-{(month - 1 + index) % 12 + 1:02d}"
            path, _ = self.sample(self.args.records, seed=SCALE_SEED + index, month=name)
            counts = prepare_floor.prepare(path, os.devnull)
            expected += counts.distinct
            self.warm(path)
            say(f"scale: month {index + 1} of {months} ({name}), {counts.lines:,} lines, into a ledger of "
                f"{expected - counts.distinct:,} records")
            # Month 1 is measured --runs times, as every other step (the median): after its own run,
            # into empty ledgers made the same way. Month K can go into the ledger only once: into
            # copies of the ledger of K-1 months it took 1.07-1.19 x as long as into the ledger itself,
            # in each of three runs, so it is one run, and month 1's sample is ingested again just
            # before it (--runs times, for information) to show the machine's speed at that moment.
            if index == months - 1:
                self.scale_control = self.scale_month_1_again(first_path, self.scale[0]["month"])
            runs = [self.scale_run(db, path, name, f"scale-{index + 1}")]
            if index == 0:
                runs += [self.scale_run_into_empty(path, name, f"scale-1-run-{run}", expected)
                         for run in range(2, self.args.runs + 1)]
            seconds = statistics.median(r["seconds"] for r in runs)
            rss = max(r["rss"] for r in runs)
            stored = sqlite_scalar(db, "SELECT count(*) FROM response_records")
            say(f"scale: {name}: {seconds:.2f} s" + (f" (median of {len(runs)})" if len(runs) > 1 else "")
                + f", peak RSS {rss / 1024:.0f} MB, {stored:,} records in the ledger")
            self.scale.append({"month": name, "seconds": seconds, "runs": [r["seconds"] for r in runs], "rss_mb": rss / 1024,
                               "phases": phases.median_run(runs)["phases"],
                               "rows": stored, "expected": expected, "bytes": ledger_bytes(db)})
            # The month's records are the ids after the last month's; the readers look up a few of them.
            low, last_id = last_id, sqlite_scalar(db, "SELECT coalesce(max(id), 0) FROM response_records")
            if index in (0, months - 1):
                try:
                    picked = pick_ids(db, name, low, last_id)
                except ReadersError as error:
                    loud(f"readers: {error}")
                    self.reader_problems.append(f"after month {index + 1}: {error}")
                    picked = []
                if index == 0:
                    first_ids = picked
                lookups = first_ids + (picked if index else [])
                self.scale_readers.append(readers.measure(
                    db, index + 1, name, stored, ledger_bytes(db), lookups,
                    os.path.join(os.path.dirname(path), "provider-usage.csv")))
            # A month's sample is about 400 MB at 1,000,000 records: keep only the one being ingested
            # (and read: the readers reconcile against its provider-usage.csv), and month 1's until
            # it is ingested again before month K.
            if index == 0:
                first_path = path
            else:
                shutil.rmtree(os.path.dirname(path), ignore_errors=True)
            if index == months - 1:
                shutil.rmtree(os.path.dirname(first_path), ignore_errors=True)
        last, first = self.scale[-1], self.scale[0]
        measure = Measure(seconds=[last["seconds"]], rss_kb=[max(m["rss_mb"] for m in self.scale) * 1024],
                          rows=last["rows"], expected=last["expected"])
        measure.note = f"month {months} of {months}: {last['seconds'] / first['seconds']:.2f} × month 1"
        self.results["scale"] = measure
        for entry in self.scale_readers:
            self.reader_problems += entry.problems()

    def scale_run(self, db, path, name, log_name):
        """One timed ingest of month `name`'s sample into `db`; returns its wall seconds, peak RSS in kB and
        phases (bench/lib/phases.py; {} from an axis-ledger without `ingest --timings`)."""
        os.sync()
        timings = ["--timings"] if self.ledger_has_timings() else []
        try:
            seconds, rss, _ = timed([self.args.ledger, "ingest", *timings, "--db", db, path], self.workdir, log_name,
                                    cwd=self.workdir, limit=STEP_LIMIT_SECONDS)
        except StepTimedOut as stopped:
            raise BenchError(f"scale: the ingest of month {name} {stopped}")
        with open(os.path.join(self.workdir, log_name + ".err"), encoding="utf-8", errors="replace") as err:
            found = phases.parse(err.read())
        if timings and not found:
            loud(f"scale: {log_name}: ingest --timings printed no phases; the table by phase is left out")
        say(f"scale: {name} ({log_name}): {seconds:.2f} s")
        return {"seconds": seconds, "rss": rss, "phases": found}

    def ledger_has_timings(self):
        """Whether this axis-ledger's ingest has --timings (older commits, measured side by side, do not)."""
        if self.timings_supported is None:
            result = subprocess.run([self.args.ledger, "ingest", "--help"], capture_output=True, text=True)
            self.timings_supported = result.returncode == 0 and "--timings" in result.stdout
        return self.timings_supported

    def scale_month_1_again(self, path, name):
        """Month 1's sample ingested again `--runs` times into empty ledgers, just before month K: for
        information, month K against a month 1 measured at the same moment of the machine, which
        separates what the ledger's growth costs from what the machine's drift over the step does."""
        runs = [self.scale_run_into_empty(path, name, f"scale-1-again-{run}", self.scale[0]["expected"])
                for run in range(1, self.args.runs + 1)]
        return {"seconds": statistics.median(run["seconds"] for run in runs), "runs": [run["seconds"] for run in runs],
                "phases": phases.median_run(runs)["phases"]}

    def scale_run_into_empty(self, path, name, log_name, expected):
        """One timed ingest of month `name`'s sample into an empty ledger made by `axis-ledger init`
        (untimed, removed after), as the scale ledger was before month 1; it must store `expected` records."""
        empty = os.path.join(self.workdir, "scale-empty.sqlite")
        remove_database(empty)
        init_ledger(self.args.ledger, empty, self.workdir)
        measured = self.scale_run(empty, path, name, log_name)
        stored = sqlite_scalar(empty, "SELECT count(*) FROM response_records")
        remove_database(empty)
        if stored != expected:
            loud(f"scale: month {name} into an empty ledger ({log_name}) stored {stored:,} records, expected {expected:,}")
            self.reader_problems.append(f"scale: month {name}, {log_name}: {stored:,} records, expected {expected:,}")
        return measured

    # ----- the whole run ----------------------------------------------------

    def run(self):
        say(f"working in {self.workdir}")
        path, self.sample_source = self.sample(self.args.records)
        # One pass counts the lines and, when the floor runs, writes its pre-parsed rows.
        floor_runs = any(step.startswith("floor") for step in self.steps)
        rows_file = os.path.join(self.workdir, "floor.rows") if floor_runs else os.devnull
        say("counting the file's lines and records" + (" and pre-parsing them for the floor" if floor_runs
                                                          else "") + " (not timed)")
        counts = prepare_floor.prepare(path, rows_file)
        say(f"{counts.lines:,} lines, {counts.records:,} response records, {counts.distinct:,} distinct")
        data = {"path": path, "counts": counts, "bytes": os.path.getsize(path), "floor_rows": rows_file}
        self.data = data
        self.warm(path)
        for step in self.steps:
            getattr(self, "step_" + step.replace("-", "_"))(data)

    def cleanup(self):
        if self.args.keep:
            say(f"kept {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)


SQLITE3_SCRIPT = r"""
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -32768;
CREATE TEMP TABLE lines (line TEXT);
.mode ascii
.separator "\037" "\n"
.import --schema temp {file} lines
BEGIN IMMEDIATE;
INSERT INTO ingested_files (id, path, format, forced_kind, compressed, size_bytes, sha256,
                            lines_read, blank, accepted, duplicates, rejected, ingested_at)
VALUES (1, 'sqlite3 shell', 'jsonl', NULL, 0, 0, 'sqlite3 shell', 0, 0, 0, 0, 0, '2026-01-01T00:00:00.000Z');
INSERT INTO response_records (
    file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,
    idempotency_key, request_id, duration_ms, success, generation_id, image_url, visual_metaphor,
    semantic_translation_ms, provider_latency_ms, error_code, error_message,
    prompt, category, aspect_ratio, resolution, cinematic_mode)
SELECT 1, rowid, CAST(strftime('%Y-%m', json_extract(line, '$.timestamp')) || substr(sha3(line, 256), 1, 16) AS BLOB),
       strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(line, '$.timestamp')),
       strftime('%Y-%m', json_extract(line, '$.timestamp')),
       json_extract(line, '$.orgId'),
       json_extract(line, '$.endpoint'),
       CASE WHEN json_extract(line, '$.endpoint') LIKE '%/v2/%' THEN 'v2' ELSE 'v1' END,
       json_extract(line, '$.httpStatus'),
       json_extract(line, '$.idempotencyKey'),
       coalesce(json_extract(line, '$.requestId'), json_extract(line, '$.response.requestId')),
       json_extract(line, '$.durationMs'),
       json_extract(line, '$.response.success'),
       json_extract(line, '$.response.generationId'),
       json_extract(line, '$.response.imageUrl'),
       json_extract(line, '$.response.visualMetaphor'),
       json_extract(line, '$.response.semanticTranslationMs'),
       json_extract(line, '$.response.providerLatencyMs'),
       json_extract(line, '$.response.code'),
       json_extract(line, '$.response.message'),
       json_extract(line, '$.request.prompt'),
       json_extract(line, '$.request.category'),
       json_extract(line, '$.request.aspectRatio'),
       json_extract(line, '$.request.resolution'),
       json_extract(line, '$.request.cinematicMode')
FROM temp.lines
WHERE line <> '' AND json_type(line, '$.response') = 'object'
ON CONFLICT (line_hash) DO NOTHING;
COMMIT;
"""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="bench/run",
        description="Side-by-side ingest benchmark of axis-ledger against the sqlite3 shell, sqlite-utils, "
                    "DuckDB and a C floor, on one generated file of response records (bench/README.md).")
    parser.add_argument("--records", type=int, default=1_000_000,
                        help="response records to generate with `axis-ledger sample` (default: 1000000)")
    parser.add_argument("--runs", type=int, default=3,
                        help="timed runs of each step; the table shows the median (default: 3)")
    parser.add_argument("--only", type=steps_argument, metavar="STEP[,STEP…]",
                        help="run only these steps, in the table's order (default: all of them: " + ", ".join(STEPS) + ")")
    parser.add_argument("--scale-months", type=int, default=10, metavar="K",
                        help="months of --records records each that the scale step ingests one after another "
                             "into one ledger (default: 10)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder ${TMPDIR:-/tmp}/axis-bench-* (default: remove it)")
    parser.add_argument("--results", metavar="FILE",
                        help="where to write the Markdown table (default: bench/results/latest.md for a full "
                             "default run, else bench/results/latest-RECORDS[-STEP].md)")
    # Given by bench/run.
    parser.add_argument("--root", required=True, help=argparse.SUPPRESS)
    parser.add_argument("--ledger", required=True, help=argparse.SUPPRESS)
    parser.add_argument("--floor", required=True, help=argparse.SUPPRESS)
    parser.add_argument("--venv", required=True, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in ("root", "ledger", "floor", "venv"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    if args.records < 4:
        parser.error("--records must be at least 4")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.scale_months < 2:
        parser.error("--scale-months must be at least 2 (the step compares the last month's ingest with the first's)")
    return args


def main(argv):
    if "-h" in argv or "--help" in argv:
        argv = argv + ["--root", ".", "--ledger", ".", "--floor", ".", "--venv", "."]
    args = parse_arguments(argv)
    if args.results is None:
        name = "latest" if args.records == 1_000_000 and args.only is None and args.scale_months == 10 else \
            f"latest-{args.records}" + (f"-{args.only.replace(',', '-')}" if args.only else "") \
            + (f"-{args.scale_months}-months" if args.only == "scale" or (args.only is None and args.scale_months != 10) else "")
        args.results = os.path.join(args.root, "bench", "results", name + ".md")
    shown = ["bench/run"] + [a for a in argv if a not in (args.root, args.ledger, args.floor, args.venv)
                            and a not in ("--root", "--ledger", "--floor", "--venv")]
    bench = Bench(args)
    try:
        bench.run()
        text = results.document(bench, " ".join(shown))
        os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
        with open(args.results, "w", encoding="utf-8") as out:
            out.write(text)
        print(text)
        say(f"wrote {args.results}")
        mismatches = [name for name, m in bench.results.items() if not m.rows_ok]
        if mismatches:
            loud("ROW COUNT MISMATCH in: " + ", ".join(mismatches) + " (see the table)")
        if bench.reader_problems:
            loud("READER MISMATCH on the scale ledger:\n" + "\n".join(bench.reader_problems))
        return 1 if mismatches or bench.reader_problems else 0
    except BenchError as error:
        loud(f"failed: {error}")
        return 1
    except subprocess.CalledProcessError as error:
        loud(f"failed: {' '.join(map(str, error.cmd))} exited with status {error.returncode}")
        return 1
    finally:
        bench.cleanup()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
