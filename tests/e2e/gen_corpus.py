"""Writes a deterministic synthetic corpus for the crash tests: JSON Lines
files and plain-text files of short strike reports. Usage:
gen_corpus.py OUT_DIR N_DOCS SEED"""
import json
import os
import random
import sys

out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
seas = ["Caribbean", "eastern Pacific", "Gulf of Mexico", "Atlantic"]
who = ["Defense Secretary Pete Hegseth", "the U.S. Southern Command", "President Donald Trump",
       "two U.S. officials", "a person briefed on the matter"]
days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
months = ["Sept.", "Oct.", "Nov."]


def report(i):
    k = rng.randint(1, 14)
    sea = rng.choice(seas)
    lines = [f"Strike {i} in the {sea} kills {k}, officials say"]
    for _ in range(rng.randint(4, 12)):
        lines.append(
            f"The U.S. military struck a vessel in the {sea} on {rng.choice(days)}, "
            f"killing {k} people on board, {rng.choice(who)} said. "
            f"It was the {rng.randint(1, 30)}th strike since early September, and the "
            f"campaign has killed at least {rng.randint(20, 90)} people. "
            f"On {rng.choice(months)} {rng.randint(1, 28)}, Gen. Dan Caine said forces "
            f"would continue operations.")
    return "\n\n".join(lines)


os.makedirs(out, exist_ok=True)
per_file = 500
for f in range((n + per_file - 1) // per_file):
    with open(os.path.join(out, f"batch-{f:03d}.jsonl"), "w") as fh:
        for j in range(per_file):
            i = f * per_file + j
            if i >= n:
                break
            fh.write(json.dumps({"id": str(i), "url": f"https://example.org/{i}",
                                 "outlet": rng.choice(["Wire A", "Paper B", "Site C"]),
                                 "published": f"2025-10-{rng.randint(1, 31):02d}",
                                 "text": report(i)}) + "\n")
