#!/usr/bin/env python3
"""Splits a perf profile of `vigil ingest` into pipeline phases.

  perf record --call-graph dwarf,8192 -F 250 -o ingest.perf.data \\
      build/vigil ingest --db /tmp/p.db --threads 1 --quiet bench/out/corpus-10000
  perf script -i ingest.perf.data -F tid,time,ip,sym | bench/perf_phases.py

Each sample is assigned to the first phase whose function appears in its
call chain (the order below matters: the writer thread's samples are
"store" whatever they call). Prints the share of samples per phase, and
with --timeline the phases per 100 ms (one letter per sample), which shows
whether the cores are busy and which phase waits for which. Frame-pointer
call chains are not enough here (the release build omits frame pointers):
record with --call-graph dwarf.
"""

import collections
import re
import sys

PHASES = [  # (letter, name, functions in the call chain)
    ("W", "store (writer thread: SQLite, mention rows)", ["Store::PutDocuments"]),
    ("J", "mention JSON for the store (Pipeline::ToStore)", ["Pipeline::ToStore"]),
    ("E", "extract (Extractor::Extract)", ["Extractor::Extract"]),
    ("P", "parse (ParseRawItem: HTML, NFC, language)", ["ParseRawItem"]),
    ("A", "annotate (tokens, sentences)", ["vigil::Annotate"]),
    ("R", "read (InputReader)", ["InputReader"]),
]


def main():
    timeline = "--timeline" in sys.argv
    header = re.compile(r"^\s*(\d+)\s+([\d.]+):\s*$")
    samples = []
    for line in sys.stdin:
        if not line.strip():
            continue
        m = header.match(line)
        if m:
            samples.append([int(m.group(1)), float(m.group(2)), []])
        elif samples:
            samples[-1][2].append(line)
    if not samples:
        sys.exit("perf_phases: no samples (perf script -F tid,time,ip,sym)")

    def phase(chain):
        text = "".join(chain)
        for letter, _, funcs in PHASES:
            if any(f in text for f in funcs):
                return letter
        return "o"

    counts = collections.Counter()
    bins = collections.defaultdict(collections.Counter)
    t0 = samples[0][1]
    for tid, t, chain in samples:
        p = phase(chain)
        counts[p] += 1
        bins[int((t - t0) / 0.1)][p] += 1
    total = sum(counts.values())
    span = samples[-1][1] - t0
    print("%d samples over %.2f s" % (total, span))
    for letter, name, _ in PHASES + [("o", "other (start-up, kernel, libc outside the phases)", [])]:
        print("  %s %5.1f%%  %s" % (letter, 100.0 * counts[letter] / total, name))
    if timeline:
        print()
        for b in sorted(bins):
            print("%6.1f s  %s" % (b * 0.1, "".join(k * v for k, v in sorted(bins[b].items()))))


if __name__ == "__main__":
    main()
