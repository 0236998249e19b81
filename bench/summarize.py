#!/usr/bin/env python3
"""Summarizes a bench/run_bench.sh run: prints the tables and writes results.json.

Reads, in --out: raw.jsonl (one object per ingest, extraction-filter and peer
run), micro.json and micro-peer-input.json (Google Benchmark JSON),
corpus-N.json (gen_corpus.py summaries) and peer-input.jsonl. Medians over
the runs; MB/s are in 10^6 bytes of article text (the "text" of the corpus's
JSONL form) per second, so every row reads the same bytes.
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys

TARGETS = {
    "tokenize_split_mb_s": 250.0,
    "tokenize_vs_wink": 40.0,
    "extract_mb_s": 25.0,
    "extract_vs_wink_pos_ner": 10.0,
    "ingest_docs_s_2_cores": 5000.0,
    "parallel_speedup": 1.7,
    "e2e_100k_seconds_2_cores": 120.0,
    "e2e_100k_peak_mb": 2048.0,
    "growth_10k_100k": 12.0,
}


def median(xs):
    return statistics.median(xs) if xs else None


def machine():
    info = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count()}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            k, _, v = line.partition(":")
            if k.strip() == "Model name":
                info["cpu"] = v.strip()
            if k.strip() == "Hypervisor vendor":
                info["hypervisor"] = v.strip()
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["ram_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    info["kernel"] = platform.release()
    return info


def micro_medians(path):
    """{benchmark: {field: median value}} from a Google Benchmark JSON file."""
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data.get("benchmarks", []):
        if b.get("error_occurred"):
            out[b.get("run_name", b["name"])] = {"error": b.get("error_message", "")}
            continue
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b.get("run_name", b["name"])
        out[name] = {k: v for k, v in b.items() if isinstance(v, (int, float))}
    return out


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    if abs(x) >= 100:
        return "%.0f" % x
    return ("%." + str(digits) + "f") % x


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths)))
    print(line)
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))))
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--vigil", required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--repeat", type=int, required=True)
    ap.add_argument("--seconds", type=int, default=0)
    ap.add_argument("--load-start", default="")
    ap.add_argument("--load-end", default="")
    args = ap.parse_args()
    out = args.out

    raw = []
    with open(os.path.join(out, "raw.jsonl")) as f:
        for line in f:
            if line.strip():
                raw.append(json.loads(line))
    sizes = [int(s) for s in args.sizes.split()]
    corpora = {}
    for n in sizes:
        with open(os.path.join(out, "corpus-%d.json" % n)) as f:
            corpora[n] = json.load(f)

    version = subprocess.run([args.vigil, "--version"], capture_output=True, text=True,
                             check=False).stdout.strip()
    results = {
        "schema": "vigil.bench/1",
        "vigil": version,
        "machine": machine(),
        "load_average_start": args.load_start,
        "load_average_end": args.load_end,
        "repeat": args.repeat,
        "bench_seconds": args.seconds,
        "corpora": corpora,
    }
    print()
    m = results["machine"]
    print("vigil benchmark: %s; %s, %s cores, %s GiB; load average %s at start, %s at end; "
          "medians of %d runs" % (version, m.get("cpu"), m.get("cores"), m.get("ram_gib"),
                                  args.load_start, args.load_end, args.repeat))
    print()

    # --- per stage ---------------------------------------------------------
    micro = micro_medians(os.path.join(out, "micro.json"))
    smallest = min(sizes)
    stages = []
    labels = [("BM_ParseRawItem", "source: parse (txt/html/jsonl, NFC, language)"),
              ("BM_Annotate", "text: tokenize + split"),
              ("BM_Extract", "extract: full extractor"),
              ("BM_ExtractNumberDense", "extract: number-dense text"),
              ("BM_MentionsToJson", "mention JSON"),
              ("BM_AnnotateExtract", "annotate + extract")]
    rows = []
    for key, label in labels:
        b = micro.get(key)
        if not b or "error" in b:
            rows.append([label, "skipped", "", ""])
            continue
        mbs = b.get("bytes_per_second", 0) / 1e6
        dps = b.get("items_per_second")
        rows.append([label, fmt(mbs), fmt(dps) if dps else "", fmt(b.get("real_time"), 2)])
        stages.append({"stage": key, "label": label, "mb_per_s": mbs, "docs_per_s": dps,
                       "ms_per_pass": b.get("real_time")})
    for key, label in [("BM_LookupNames", "resources: Lookup, place/actor names"),
                       ("BM_LookupCorpusGrams", "resources: Lookup, corpus 1-3-grams")]:
        b = micro.get(key)
        if b and "error" not in b:
            rows.append([label, "", "%.1fM lookups/s" % (b["items_per_second"] / 1e6), ""])
            stages.append({"stage": key, "label": label, "lookups_per_s": b["items_per_second"]})
    print("Per stage, one core (micro_bench on the %d-document corpus; MB/s of clean text)" % smallest)
    table(rows, ["stage", "MB/s", "docs/s", "ms/pass"])
    results["stages"] = stages

    # --- ingest ------------------------------------------------------------
    ingest = {}
    for r in raw:
        if r["what"] == "ingest":
            ingest.setdefault((r["docs"], r["threads"]), []).append(r)
    skipped = {r["docs"]: r for r in raw if r["what"] == "ingest_skipped"}
    rows = []
    notes = []
    ingest_results = []
    med = {}
    for n in sizes:
        if n in skipped:
            s = skipped[n]
            notes.append("%d docs: skipped: one run pair estimated at %ss, %ss of BENCH_BUDGET "
                         "left" % (n, s["estimated_seconds"], s["budget_left"]))
            ingest_results.append({"docs": n, "skipped": True, **s})
            continue
        text_mb = corpora[n]["text_bytes"] / 1e6
        for t in (1, 2):
            runs = ingest.get((n, t), [])
            if not runs:
                continue
            wall = median([x["wall"] for x in runs])
            cpu = median([x["user"] + x["sys"] for x in runs])
            rss = max(x["max_rss_kb"] for x in runs) / 1024
            med[(n, t)] = wall
            inserted = runs[0]["summary"].get("inserted", 0)
            mentions = runs[0]["summary"].get("event_mentions", 0)
            rec = {"docs": n, "threads": t, "runs": len(runs), "walls": [x["wall"] for x in runs],
                   "wall_median": wall, "cpu_seconds_median": cpu, "docs_per_s": n / wall,
                   "mb_per_s": text_mb / wall, "docs_per_s_per_core": n / wall / t,
                   "docs_per_cpu_second": n / cpu if cpu else None,
                   "mb_per_cpu_second": text_mb / cpu if cpu else None,
                   "peak_rss_mb": rss, "inserted": inserted, "event_mentions": mentions,
                   "db_mb": runs[0]["db_bytes"] / 1e6}
            if t == 2 and (n, 1) in med:
                rec["speedup"] = med[(n, 1)] / wall
            ingest_results.append(rec)
            rows.append([str(n), str(t), "%.2f" % wall, "%d/%d" % (len(runs), args.repeat),
                         fmt(n / wall), fmt(text_mb / wall, 2), fmt(n / wall / t),
                         fmt(rec["docs_per_cpu_second"]), fmt(rss),
                         fmt(rec["speedup"], 2) if "speedup" in rec else ""])
    print("Ingest with extraction into a fresh SQLite file (vigil ingest --threads T; "
          "MB/s of article text)")
    table(rows, ["docs", "T", "wall s", "runs", "docs/s", "MB/s", "docs/s/core", "docs/CPU-s",
                 "peak MB", "speed-up"])
    for note in notes:
        print(note)
    if notes:
        print()
    results["ingest"] = ingest_results

    growth = []
    measured = [n for n in sizes if (n, 1) in med or (n, 2) in med]
    for a, b in zip(measured, measured[1:]):
        for t in (1, 2):
            if (a, t) in med and (b, t) in med:
                ratio = med[(b, t)] / med[(a, t)]
                growth.append({"from": a, "to": b, "threads": t, "time_ratio": ratio,
                               "exponent": math.log(ratio) / math.log(b / a)})
    for g in growth:
        print("growth %d -> %d docs, %d thread(s): time x%.2f, exponent %.3f" % (
            g["from"], g["to"], g["threads"], g["time_ratio"], g["exponent"]))
    if growth:
        print()
    results["growth"] = growth

    # --- extraction filter and peers ---------------------------------------
    peer_input = os.path.join(out, "peer-input.jsonl")
    peer_docs, peer_bytes = 0, 0
    with open(peer_input, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                peer_docs += 1
                peer_bytes += len(json.loads(line)["text"].encode("utf-8"))
    ex = [r for r in raw if r["what"] == "extract_filter"]
    ex_wall = median([r["wall"] for r in ex])
    ex_mb = peer_bytes / 1e6 / ex_wall if ex_wall else None
    micro_p = micro_medians(os.path.join(out, "micro-peer-input.json"))
    ann = micro_p.get("BM_Annotate", {})
    ann_ext = micro_p.get("BM_AnnotateExtract", {})
    ours = {
        "tokenize_split": ann.get("bytes_per_second", 0) / 1e6 or None,
        "annotate_extract_in_process": ann_ext.get("bytes_per_second", 0) / 1e6 or None,
        "extract_filter": ex_mb,
    }
    peers = {}
    for r in raw:
        if r["what"] == "peer":
            peers.setdefault(r["result"]["mode"], []).append(r["result"])
    peer_med = {mode: {"mb_per_s": median([x["mb_per_s"] for x in rs]),
                       "docs_per_s": median([x["docs_per_s"] for x in rs]),
                       "docs": rs[0]["docs"], "runs": len(rs)} for mode, rs in peers.items()}
    print("Same text, %d documents, %.2f MB (the first documents of the %d-document corpus); "
          "one core" % (peer_docs, peer_bytes / 1e6, smallest))
    rows = [["vigil tokenize + split (Annotate, in process)", fmt(ours["tokenize_split"]), "", ""],
            ["vigil annotate + extract (in process)", fmt(ours["annotate_extract_in_process"], 2),
             "", ""],
            ["vigil extract --stdin-jsonl (process: parse, extract, JSON out)", fmt(ex_mb, 2),
             fmt(peer_docs / ex_wall if ex_wall else None), ""]]
    compare = [("wink-tokenize", "tokenize_split", "wink-nlp tokenize"),
               ("wink-sbd", "tokenize_split", "wink-nlp tokenize + sentences"),
               ("compromise-tokenize", "tokenize_split", "compromise tokenize"),
               ("wink-pos-ner", "extract_filter", "wink-nlp tokenize + POS + NER"),
               ("compromise-tag", "extract_filter", "compromise tokenize + tag")]
    ratios = {}
    for mode, ours_key, label in compare:
        p = peer_med.get(mode)
        if not p:
            continue
        ratio = ours[ours_key] / p["mb_per_s"] if ours[ours_key] and p["mb_per_s"] else None
        ratios[mode] = {"ours": ours_key, "ratio": ratio}
        docs_note = "" if p["docs"] == peer_docs else " (first %d docs)" % p["docs"]
        rows.append([label + docs_note, fmt(p["mb_per_s"], 2), fmt(p["docs_per_s"]),
                     "x%s (%s)" % (fmt(ratio), "tokenize+split" if ours_key == "tokenize_split"
                                   else "extract filter")])
    table(rows, ["system", "MB/s", "docs/s", "vigil / peer"])
    results["comparison"] = {"docs": peer_docs, "text_bytes": peer_bytes, "vigil": ours,
                             "extract_filter_runs": ex, "peers": peer_med, "ratios": ratios}

    # --- targets -----------------------------------------------------------
    largest2 = max([n for n in sizes if (n, 2) in med], default=None)
    ing2 = next((r for r in ingest_results if r.get("docs") == largest2 and r.get("threads") == 2), None)
    e2e100 = next((r for r in ingest_results if r.get("docs") == 100000 and r.get("threads") == 2), None)
    g100 = next((g for g in growth if g["from"] == 10000 and g["to"] == 100000 and g["threads"] == 2), None)
    checks = []

    def check(name, value, target, higher_is_better, note=""):
        met = None if value is None else (value >= target if higher_is_better else value <= target)
        checks.append({"target": name, "value": value, "goal": target,
                       "direction": ">=" if higher_is_better else "<=", "met": met, "note": note})

    check("tokenize+split MB/s per core", ours["tokenize_split"], TARGETS["tokenize_split_mb_s"], True)
    r = ratios.get("wink-tokenize", {}).get("ratio")
    check("tokenize+split vs wink-nlp tokenizer", r, TARGETS["tokenize_vs_wink"], True)
    check("full extraction MB/s per core (extract --stdin-jsonl)", ex_mb, TARGETS["extract_mb_s"], True)
    r = ratios.get("wink-pos-ner", {}).get("ratio")
    check("full extraction vs wink-nlp tokenize+POS+NER", r, TARGETS["extract_vs_wink_pos_ner"], True)
    check("ingest + extraction docs/s on 2 cores", ing2["docs_per_s"] if ing2 else None,
          TARGETS["ingest_docs_s_2_cores"], True, "%s docs" % largest2)
    check("parallel speed-up, 2 cores", ing2.get("speedup") if ing2 else None,
          TARGETS["parallel_speedup"], True, "%s docs" % largest2)
    check("100,000 docs end to end on 2 cores, s", e2e100["wall_median"] if e2e100 else None,
          TARGETS["e2e_100k_seconds_2_cores"], False, "" if e2e100 else "100k not measured")
    check("100,000 docs peak memory, MB", e2e100["peak_rss_mb"] if e2e100 else None,
          TARGETS["e2e_100k_peak_mb"], False, "" if e2e100 else "100k not measured")
    check("cost growth 10k -> 100k", g100["time_ratio"] if g100 else None,
          TARGETS["growth_10k_100k"], False, "" if g100 else "10k and 100k not both measured")
    rows = [[c["target"], fmt(c["value"], 2), "%s %s" % (c["direction"], fmt(c["goal"])),
             c["note"] if c["met"] is None and c["note"] else
             {True: "met", False: "MISSED", None: "not measured"}[c["met"]] +
             (" (%s)" % c["note"] if c["note"] else "")] for c in checks]
    print("Targets")
    table(rows, ["target", "measured", "goal", ""])
    results["targets"] = checks

    path = os.path.join(out, "results.json")
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
