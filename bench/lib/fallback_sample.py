"""A stand-in for `axis-ledger sample`, used only when the binary has no
`sample` subcommand: writes DIR/responses.jsonl with response records of the
documented shape (successes on v1 and v2, 402s, 500s, some time-zone
offsets, a few repeated lines). The benchmark says loudly when it used this.

    python3 fallback_sample.py --records N --seed S --month YYYY-MM --orgs K --out DIR
"""

import argparse
import json
import os
import random
import uuid

PROMPTS = [
    "a team celebrating a product launch",
    "a quiet harbour at dawn, \"cinematic\" light",
    "quarterly results as a mountain range",
    "a robot watering plants on a balcony",
]
CATEGORIES = ["category_product_launch", "category_finance", "category_nature", "category_people"]


def record(rng, month, orgs, n):
    day = rng.randint(1, 28)
    seconds = rng.randint(0, 86399)
    hh, mm, ss = seconds // 3600, seconds // 60 % 60, seconds % 60
    if rng.random() < 0.1:
        timestamp = f"{month}-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}+02:00"
    else:
        timestamp = f"{month}-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}.{rng.randint(0, 999):03d}Z"
    org = f"org_{rng.randrange(orgs):02d}"
    v2 = rng.random() < 0.5
    endpoint = "/v2/cinematic-image" if v2 else "https://studioaxis.io/api/external/v1/generate-image"
    key = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    request_id = f"req_{n:08x}"
    roll = rng.random()
    if roll < 0.9:
        generation = f"gen_{n:08d}"
        body = {
            "success": True, "generationId": generation,
            "imageUrl": f"https://cdn.studioaxis.io/outputs/{generation}.png",
            "visualMetaphor": "a rising line of lanterns", "semanticTranslationMs": rng.randint(100, 1500),
            "providerLatencyMs": rng.randint(800, 6000),
        }
        status = 200
    elif roll < 0.97:
        body = {"success": False, "code": "insufficient_balance",
                "message": "Generation quota or prepaid balance insufficient", "requestId": request_id}
        status = 402
    else:
        body = {"success": False, "code": "provider_error", "message": "Upstream provider failed"}
        status = 500
    obj = {"timestamp": timestamp, "orgId": org, "endpoint": endpoint, "httpStatus": status,
           "idempotencyKey": key}
    if status != 402:
        obj["requestId"] = request_id
        obj["durationMs"] = rng.randint(200, 9000)
        obj["request"] = {"prompt": rng.choice(PROMPTS), "category": rng.choice(CATEGORIES),
                          "aspectRatio": rng.choice(["16:9", "1:1", "9:16"]), "resolution": rng.choice(["1K", "2K"])}
        if v2:
            obj["request"]["cinematicMode"] = rng.random() < 0.5
    obj["response"] = body
    return json.dumps(obj, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--orgs", type=int, default=12)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    previous = None
    with open(os.path.join(args.out, "responses.jsonl"), "w", encoding="utf-8") as out:
        for n in range(args.records):
            if previous is not None and rng.random() < 0.005:
                line = previous  # a log line written twice
            else:
                line = record(rng, args.month, args.orgs, n)
            out.write(line + "\n")
            previous = line
    open(os.path.join(args.out, "requests.csv"), "w").close()


if __name__ == "__main__":
    main()
