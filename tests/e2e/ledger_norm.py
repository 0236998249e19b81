#!/usr/bin/env python3
"""Prints a ledger export (vigil export --format jsonl) in a form that does
not depend on the order documents were stored in: the database's row ids of
documents and mentions (doc_id, mention_id, a figure's "mention") become the
mention's stable key, and lists of mentions and reported figures are sorted
by it. Two ledgers built from the same documents in any order print the same.

    ledger_norm.py LEDGER.jsonl > normalized.jsonl
"""
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            try:
                event = json.loads(line)
            except ValueError as e:
                sys.exit(f"{path}:{line_no}: not JSON: {e}")
            keys = {m["mention_id"]: m["key"] for m in event.get("mentions", [])}
            for m in event.get("mentions", []):
                del m["mention_id"], m["doc_id"]
            event.get("mentions", []).sort(key=lambda m: m["key"])
            for field in ("killed", "injured", "survivors", "missing"):
                figure = event.get(field)
                if not isinstance(figure, dict):
                    continue
                for r in figure.get("reported", []):
                    if r.get("mention") in keys:
                        r["mention"] = keys[r["mention"]]
                figure.get("reported", []).sort(key=lambda r: json.dumps(r, sort_keys=True))
            print(json.dumps(event, sort_keys=True, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
