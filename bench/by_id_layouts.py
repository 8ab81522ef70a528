"""Billing's lookup by generationId, two layouts, month after month: what a later month's ingest
costs more in each (docs/schema.md, "Keys led by the month"). Not part of bench/run.

    python3 bench/by_id_layouts.py LAYOUT MONTHS IDS [--other-rows] [--db PATH]

LAYOUT `index`: today's (migration 0012): billed_generation_firsts WITHOUT ROWID with the key
(month, generation_id), and the UNIQUE index billed_generation_firsts_by_id on generation_id.
LAYOUT `hashed`: the same table without that index, and billed_ids(key INTEGER PRIMARY KEY, month
INTEGER): the id's 64-bit hash (BLAKE2b here), the month as an integer. Collisions are not handled:
this measures pages and time only.

Each month: IDS random ids shaped as the sample's (`gen_` and 16 hex digits), sorted, inserted in one
transaction as ingest's sorted walk does, committed, then `PRAGMA wal_checkpoint(TRUNCATE)`. Timed:
the transaction, the commit and the checkpoint. With --other-rows the same transaction also appends
IDS rows of 300 random bytes to a table of their own, so the file grows as a ledger's does (the
records are most of its pages) and billing's pages lie among other pages.
It prints each month's time and the file's pages.
"""
import argparse
import hashlib
import os
import random
import sqlite3
import struct
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("layout", choices=["index", "hashed"])
    parser.add_argument("months", type=int)
    parser.add_argument("ids", type=int)
    parser.add_argument("--other-rows", action="store_true")
    parser.add_argument("--db", default=None, help="the database to write (removed first); default /tmp/by-id-LAYOUT.sqlite")
    args = parser.parse_args()
    path = args.db or f"/tmp/by-id-{args.layout}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-32768")
    db.execute("""CREATE TABLE billed_generation_firsts (generation_id TEXT NOT NULL, record_id INTEGER NOT NULL,
        billed_at TEXT NOT NULL, month TEXT NOT NULL, org_id TEXT NOT NULL, version TEXT NOT NULL,
        PRIMARY KEY (month, generation_id)) WITHOUT ROWID""")
    db.execute("CREATE TABLE other_rows (id INTEGER PRIMARY KEY, x BLOB)")
    if args.layout == "index":
        db.execute("CREATE UNIQUE INDEX billed_generation_firsts_by_id ON billed_generation_firsts (generation_id)")
    else:
        db.execute("CREATE TABLE billed_ids (key INTEGER PRIMARY KEY, month INTEGER NOT NULL)")

    def hashed(generation_id):
        return struct.unpack(">q", hashlib.blake2b(generation_id.encode(), digest_size=8).digest())[0]

    rng = random.Random(7)
    record_id = 0
    for index in range(args.months):
        month = f"{2026 + index // 12}-{index % 12 + 1:02d}"
        ids = sorted("gen_%016x" % rng.getrandbits(64) for _ in range(args.ids))
        rows = []
        for position, generation_id in enumerate(ids):
            record_id += 1
            rows.append((generation_id, record_id, f"{month}-15T10:00:00.000Z", month, f"org_{position % 12}", "v1"))
        keys = sorted((hashed(g), index + 1) for g in ids) if args.layout == "hashed" else None
        start = time.perf_counter()
        db.execute("BEGIN")
        db.executemany("INSERT INTO billed_generation_firsts VALUES (?,?,?,?,?,?)", rows)
        if keys:
            db.executemany("INSERT INTO billed_ids VALUES (?,?)", keys)
        if args.other_rows:
            db.execute("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) "
                       "INSERT INTO other_rows (x) SELECT randomblob(300) FROM c", (args.ids,))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seconds = time.perf_counter() - start
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        print(f"{args.layout} month {index + 1}: {seconds:.2f} s, file {pages} pages", flush=True)


if __name__ == "__main__":
    main()
