"""Pre-parses a JSON Lines file of response records for the floor program.

Runs outside the timing. Every field that `axis-ledger ingest` stores is
parsed, normalised (UTC time with milliseconds, month, API version) and
hashed (line_hash: the month, then the first 16 bytes of the line's SHA-256,
as the ledger stores it since migration 0012) here, so that
bench/floor.c does nothing but bind and insert. The file format is described
at the top of floor.c.

It also counts the file's lines, which the benchmark uses to check that every
peer loaded what it should:
- lines: non-blank lines;
- records: lines that are JSON objects with the fields of a response record;
- distinct: records whose line text occurs for the first time (what a loader
  that refuses the same line twice stores).

    python3 prepare_floor.py IN.jsonl OUT.rows   # prints the counts as JSON
"""

import datetime
import hashlib
import json
import struct
import sys
from dataclasses import asdict, dataclass

MAGIC = b"AXFLOOR1"


@dataclass
class Counts:
    lines: int = 0
    records: int = 0
    distinct: int = 0


def utc_millis(text):
    """The ledger's form of a timestamp: UTC, milliseconds, a trailing Z."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("timestamp without a zone")
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z", moment.strftime("%Y-%m")


def api_version(endpoint):
    return "v2" if "/v2/" in endpoint or "cinematic" in endpoint else "v1"


def field(value):
    """One field: tag byte, then an integer or a length-prefixed text or blob."""
    if value is None:
        return b"\x00"
    if isinstance(value, bool):
        return b"\x01" + struct.pack("<q", int(value))
    if isinstance(value, int):
        return b"\x01" + struct.pack("<q", value)
    if isinstance(value, bytes):
        return b"\x03" + struct.pack("<I", len(value)) + value
    data = str(value).encode("utf-8")
    return b"\x02" + struct.pack("<I", len(data)) + data


def row_fields(line_number, line_hash, obj):
    """The 24 values after file_id, in floor.c's INSERT order; None when the line is no response record."""
    response = obj.get("response")
    if not isinstance(response, dict):
        return None
    try:
        occurred_at, month = utc_millis(obj["timestamp"])
        org_id = obj["orgId"]
        endpoint = obj["endpoint"]
        http_status = int(obj["httpStatus"])
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    request = obj.get("request") if isinstance(obj.get("request"), dict) else {}
    return [
        line_number, month.encode() + line_hash, occurred_at, month, org_id, endpoint, api_version(endpoint), http_status,
        obj.get("idempotencyKey"), obj.get("requestId") or response.get("requestId"), obj.get("durationMs"),
        response.get("success"), response.get("generationId"), response.get("imageUrl"),
        response.get("visualMetaphor"), response.get("semanticTranslationMs"), response.get("providerLatencyMs"),
        response.get("code"), response.get("message"),
        request.get("prompt"), request.get("category"), request.get("aspectRatio"), request.get("resolution"),
        request.get("cinematicMode"),
    ]


def prepare(jsonl_path, rows_path):
    counts = Counts()
    seen = set()
    with open(jsonl_path, "rb") as source, open(rows_path, "wb") as out:
        out.write(MAGIC + struct.pack("<Q", 0))
        for line_number, raw in enumerate(source, start=1):
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            counts.lines += 1
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if not isinstance(obj, dict):
                continue
            line_hash = hashlib.sha256(line).digest()[:16]
            values = row_fields(line_number, line_hash, obj)
            if values is None:
                continue
            counts.records += 1
            if line_hash not in seen:
                seen.add(line_hash)
                counts.distinct += 1
            # Repeated lines are written too: the floor's ON CONFLICT skips them, as the ledger's does.
            out.write(b"".join(field(v) for v in values))
        out.seek(len(MAGIC))
        out.write(struct.pack("<Q", counts.records))
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: prepare_floor.py IN.jsonl OUT.rows")
    print(json.dumps(asdict(prepare(sys.argv[1], sys.argv[2]))))
