#!/usr/bin/env python3
"""Turns the raw figures of scripts/bench into docs/benchmarks.md: the machine, the date, one
table per database with each flow's requests per second (and share of the no-work baseline),
p50 and p99 latency at 16 and 64 connections, and the targets of the benchmark issue beside them."""

import datetime
import json
import os
import platform
import subprocess
import sys

results, couples, seconds = sys.argv[1], sys.argv[2], sys.argv[3]


def read(name, default="?"):
    try:
        with open(os.path.join(results, name)) as f:
            return f.read().strip()
    except OSError:
        return default


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def streams_line():
    """The open pages' figures (`scripts/streams-check`), or None when they were not measured."""
    streams = read("streams.json", "").splitlines()
    if not streams or not streams[-1].startswith("{"):
        return None
    st = json.loads(streams[-1])
    last = st["change_last_arrival_ms"]
    return (
        f"\nOpen pages while nothing happens (`scripts/streams-check`): {st['streams']:,} live streams "
        f"(`/events`) for {st['people_watched']} people: {st['idle_core_share']:.1%} of a core over "
        f"{st['quiet_seconds']} quiet seconds (target ≤ 10 % {'✓' if st['idle_core_share'] <= 0.10 else '✗'}), "
        f"{st['rss_mb']:.1f} MB (target ≤ 150 MB {'✓' if st['rss_mb'] <= 150 else '✗'}); a pause reached "
        f"{st['change_heard_by']}, the last after {last} ms (target ≤ 1 s "
        f"{'✓' if last is not None and last <= 1000 else '✗'})."
    )


def memory_gib():
    with open("/proc/meminfo") as f:
        kb = int(f.readline().split()[1])
    return round(kb / 1024 / 1024)


# (flow, what it is, share of baseline target, p99 target ms at 64)
FLOWS = [
    ("baseline", "no-work route `/ping` (the framework's ceiling)", None, None),
    ("today", "Today page, HTML (`/home`)", 0.35, 15),
    ("answer", "answering a daily ritual (durable write)", 0.25, 25),
    ("journal", "writing a journal entry (durable write)", 0.25, 25),
    ("draw", "drawing ten questions (`drawQuestions`, marks them drawn)", 0.25, 25),
    ("mark", "marking a question favourite (`markQuestion`)", 0.25, 25),
    ("weekly", "weekly-check summary (`getWeeklyCheck`)", 0.35, 15),
    ("chart", "check-up history with its chart, HTML (`/checkups`)", 0.35, 15),
    ("coach", "`analyzeStartup`, 500 characters", 0.50, None),
    ("login", "log-in (argon2id, bounded by design)", None, None),
    ("today-beside-logins", "Today page while 64 log-ins run", None, None),
]

out = []
rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
out.append("# Benchmarks\n")
out.append(
    f"Measured by `scripts/bench` on {datetime.date.today()} at commit `{rev}`: {os.cpu_count()} cores "
    f"({cpu()}), {memory_gib()} GiB. {couples} seeded couples with eight weeks of history each; "
    f"the load generator (`tend-bench load`, one keep-alive connection per task) runs on the same machine "
    f"for {seconds} s per line, so it competes with Tend for the same cores. Built as hosts get it (profile `dist`, whole-program optimisation).\n"
)
for db in ["sqlite", "postgres"]:
    lines = [json.loads(l) for l in read(f"{db}.jsonl", "").splitlines() if l.strip()]
    if not lines:
        continue
    by = {(l["flow"], l["connections"]): l for l in lines}
    out.append(f"\n## {'SQLite (synchronous=FULL)' if db == 'sqlite' else 'PostgreSQL 15 (fsync, synchronous_commit, full_page_writes on)'}\n")
    out.append("| flow | conns | req/s | share of baseline | p50 ms | p99 ms | errors | target |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")
    for flow, what, share, p99 in FLOWS:
        for conns in (16, 64):
            l = by.get((flow, conns))
            if not l:
                continue
            base = by.get(("baseline", conns))
            ratio = l["rps"] / base["rps"] if base and base["rps"] else 0
            target = []
            if share is not None:
                target.append(f"≥ {share:.0%} {'✓' if ratio >= share else '✗'}")
            if p99 is not None and conns == 64:
                target.append(f"p99 ≤ {p99} ms {'✓' if l['p99_ms'] <= p99 else '✗'}")
            out.append(
                f"| {what} | {conns} | {l['rps']:.0f} | {ratio:.0%} | {l['p50_ms']:.2f} | {l['p99_ms']:.2f} | "
                f"{l['errors']} | {', '.join(target)} |"
            )
    alone = by.get(("today", 64))
    beside = by.get(("today-beside-logins", 64))
    if alone and beside and alone["p99_ms"]:
        factor = beside["p99_ms"] / alone["p99_ms"]
        out.append(
            f"\nToday page p99 at 64 connections: {alone['p99_ms']:.2f} ms alone, {beside['p99_ms']:.2f} ms beside "
            f"64 concurrent log-ins ({factor:.1f}×; target ≤ 2× {'✓' if factor <= 2 else '✗'})."
        )
    startup = read(f"{db}-startup")
    idle = read(f"{db}-idle-rss")
    peak = read(f"{db}-peak-rss")
    fmt = lambda kb: f"{int(kb) / 1024:.1f} MB" if kb.isdigit() else kb
    out.append(
        f"\nStart-up to the first answered request: {startup} ms (target ≤ 300 ms). "
        f"Idle RSS: {fmt(idle)} (target ≤ 30 MB). Peak RSS under all of the above: {fmt(peak)} (target ≤ 150 MB)."
    )
    if db == "sqlite" and (streams := streams_line()):
        out.append(streams)
two = [read(f"two-instances-{n}.json", "") for n in (1, 2)]
if all(two):
    a, b = (json.loads(t) for t in two)
    out.append(
        f"\nTwo `tend serve` instances on one PostgreSQL, each driven by its own load generator answering "
        f"daily rituals for the same people at once (32 connections each): {a['rps']:.0f} + {b['rps']:.0f} req/s, "
        f"p99 {a['p99_ms']:.1f} / {b['p99_ms']:.1f} ms, errors {a['errors'] + b['errors']} (target 0 "
        f"{'✓' if a['errors'] + b['errors'] == 0 else '✗'})."
    )

reminders = [json.loads(l) for l in read("reminders.jsonl", "").splitlines() if l.strip()]
if reminders:
    out.append("\n## Reminders\n")
    out.append(
        "In-process (`tend-bench reminders`): everyone has a morning ritual at 08:30 in one time zone, so a single "
        "planning pass queues one email per person — the busiest minute there can be. The quiet pass is what "
        "every other minute costs. Delivery goes to an SMTP server on loopback. On PostgreSQL two instances plan "
        "and deliver at the same time; the server counts repeated Message-IDs.\n"
    )
    out.append("| database | people | instances | busiest pass s (queued) | quiet pass s | delivery s (emails/s) | duplicates | targets |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---|")
    small = {r["backend"]: r for r in reminders if r["people"] == 10000}
    for r in reminders:
        targets = [f"plan ≤ 5 s {'✓' if r['plan_busiest_seconds'] <= 5 else '✗'}",
                   f"deliver ≤ 60 s {'✓' if r['deliver_seconds'] <= 60 else '✗'}"]
        base = small.get(r["backend"])
        if base and r["people"] > base["people"]:
            growth = (r["plan_busiest_seconds"] / r["people"]) / (base["plan_busiest_seconds"] / base["people"])
            targets.append(f"per-person planning {growth:.2f}× of 10,000 (≤ 1.2× {'✓' if growth <= 1.2 else '✗'})")
        out.append(
            f"| {r['backend']} | {r['people']:,} | {r['instances']} | {r['plan_busiest_seconds']:.2f} ({r['queued']:,}) | "
            f"{r['plan_quiet_seconds']:.2f} | {r['deliver_seconds']:.1f} ({r['sent'] / r['deliver_seconds']:.0f}) | "
            f"{r['duplicates']} | {', '.join(targets)} |"
        )

pages = read("sqlite-pages", "")
if pages:
    out.append("\n## Page weight\n")
    out.append("Compressed bytes as a signed-in browser receives them (HTML, plus the one stylesheet and one script "
               "every page loads; with the icon and manifest a page is at most 5 requests; target ≤ 30 KB in ≤ 6).\n")
    out.append("| path | bytes |")
    out.append("|---|---:|")
    for line in pages.splitlines():
        path, size = line.split()
        out.append(f"| `{path}` | {size} |")
notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "benchmarks-notes.md")
if os.path.exists(notes):
    with open(notes) as f:
        out.append("\n" + f.read().strip())
out.append("")
print("\n".join(out))
