#!/usr/bin/python3
"""The timing half of bench/compare.sh (run it through compare.sh, which builds,
installs the peers and generates the inputs first).

Every command runs as a whole process under /usr/bin/time -v (for the peak
RSS); wall time is measured around that process with perf_counter, so it
includes process start-up and the ~1 ms of /usr/bin/time itself (the
"empty process" row shows that overhead). Repetitions are interleaved
round-robin over all commands, so a burst of load from elsewhere hits every
tool alike; the report gives the median time and the largest peak RSS.

It also runs the two single-thread Google benchmarks of the load (BM_Parse of
etldag_load_bench, BM_Floor of etldag_floor_bench) on the same generated file,
and prints the performance goals table (goals(): every goal with its measured
figure and met / not met, or "not measured" and why).
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

PY = "/usr/bin/python3"


class Measure:
    def __init__(self, key, tool, cmd, reps):
        self.key, self.tool, self.cmd, self.reps = key, tool, cmd, reps
        self.times, self.cpu, self.rss_kb, self.failed = [], [], 0, None
        self.last_err_lines = []  # the last stderr line of every successful run
        self.stdout = self.stderr = None
        self.env = {}    # extra environment, shown before the command
        self.extra = ""  # what the report adds to the figure (Google benchmarks: counters)

    def median(self):
        return statistics.median(self.times) if self.times and not self.failed else None


def run_once(m, tmp):
    base = "".join(c if c.isalnum() else "_" for c in f"{m.key}.{m.tool}")
    out, err, tv = (os.path.join(tmp, f"{base}.{s}") for s in ("out", "err", "time"))
    with open(out, "wb") as fo, open(err, "wb") as fe:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tv] + m.cmd, stdout=fo, stderr=fe)
        dt = time.perf_counter() - t0
    if p.returncode != 0:
        with open(err, errors="replace") as f:
            m.failed = f"exit {p.returncode}: " + " | ".join(f.read().strip().splitlines()[-2:])
        return
    cpu = 0.0
    with open(tv) as f:
        for line in f:
            if "Maximum resident set size" in line:
                m.rss_kb = max(m.rss_kb, int(line.rsplit(":", 1)[1]))
            elif "User time (seconds)" in line or "System time (seconds)" in line:
                cpu += float(line.rsplit(":", 1)[1])
    m.cpu.append(cpu)
    with open(err, errors="replace") as f:
        err_lines = f.read().splitlines()
    m.last_err_lines.append(err_lines[-1] if err_lines else "")
    m.times.append(dt)
    m.stdout, m.stderr = out, err


def run_all(measures, tmp):
    for rep in range(max(m.reps for m in measures)):
        for m in measures:
            if rep < m.reps and not m.failed:
                print(f"compare: rep {rep + 1}: {m.tool} {m.key}", file=sys.stderr)
                run_once(m, tmp)


UNIT_S = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def google_bench(binary, name, key, a, ops, tmp):
    """One Google benchmark (`name`/ops:`ops`, one process, --reps repetitions) as a Measure whose
    times are the repetitions' real_time and cpu the cpu_time. The binaries read the file compare.sh
    generated (ETLDAG_BENCH_DIR = the work directory; same names and .ok stamps)."""
    m = Measure(f"{key}_{ops}", name, [binary, f"--benchmark_filter=^{name}/ops:{ops}$",
                                      f"--benchmark_repetitions={a.reps}", "--benchmark_format=json"], a.reps)
    m.env = {"ETLDAG_BENCH_SIZES": str(ops), "ETLDAG_BENCH_DIR": a.work_dir}
    if not binary:
        m.failed = "not run (no benchmark binary given)"
        return m
    print(f"compare: {m.reps} reps in one process: {name}/ops:{ops}", file=sys.stderr)
    m.stdout, m.stderr = (os.path.join(tmp, f"{m.key}.{x}") for x in ("json", "err"))
    with open(m.stdout, "wb") as fo, open(m.stderr, "wb") as fe:
        p = subprocess.run(m.cmd, stdout=fo, stderr=fe, env={**os.environ, **m.env})
    try:
        with open(m.stdout) as f:
            runs = [b for b in json.load(f)["benchmarks"] if b.get("run_type", "iteration") == "iteration"]
    except (ValueError, KeyError):
        runs = []
    errors = [b.get("error_message", "?") for b in runs if b.get("error_occurred")]
    if p.returncode != 0 or errors or not runs:
        with open(m.stderr, errors="replace") as f:
            tail = " | ".join(f.read().strip().splitlines()[-2:])
        m.failed = f"exit {p.returncode}: " + ("; ".join(errors) or tail or "no result")
        return m
    m.times = [b["real_time"] * UNIT_S[b["time_unit"]] for b in runs]
    m.cpu = [b["cpu_time"] * UNIT_S[b["time_unit"]] for b in runs]
    counters = [c for c in ("parse_ms", "build_ms", "x_floor") if c in runs[0]]
    m.extra = ", ".join(f"{c} {statistics.median(b[c] for b in runs):.2f}" for c in counters)
    return m


def capture(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def inputs(a, ops, tmp):
    """Paths, graph stats, the query node and the ranking sample for `ops`."""
    w = a.work_dir
    g = {"json": f"{w}/spark_ops_{ops}.json", "snap": f"{w}/spark_ops_{ops}.etldag",
         "dur": f"{w}/durations_{ops}.json", "ops": ops}
    g["stats"] = json.loads(capture([a.etldag, "stats", g["snap"], "--format", "json", "--no-timings"]))
    top = json.loads(capture([a.etldag, "blast-radius", g["snap"], "--top", "1", "--format", "json",
                              "external:false"]))["results"][0]
    g["node"], g["node_downstream"] = top["name"], top["downstream"]
    g["sample"] = os.path.join(tmp, f"sample_{ops}.txt")
    names = capture([a.etldag, "select", g["snap"], "*"]).splitlines()
    k = min(a.sample, len(names))
    names = [names[i * len(names) // k] for i in range(k)]  # as the ranking peers pick them
    with open(g["sample"], "w") as f:
        f.write("".join(n + "\n" for n in names))
    g["sample_size"] = len(names)
    return g


def measures_for(a, g, full):
    e, p, j, s, n = a.etldag, a.peers, g["json"], g["snap"], g["node"]
    slow, reps, sz = a.slow_reps, a.reps, g["ops"]
    ms = [Measure(f"downstream_json_{sz}", "etldag", [e, "downstream", j, n], reps),
          Measure(f"downstream_snap_{sz}", "etldag", [e, "downstream", s, n], reps),
          Measure(f"floor_{sz}", "simdjson floor", [a.floor, j], reps),
          Measure(f"cpm_json_{sz}", "etldag", [e, "critical-path", j, "--durations", g["dur"]], reps)]
    if not full:
        return ms
    ms += [
        Measure(f"downstream_json_1t_{sz}", "etldag", [e, "downstream", "--threads", "1", j, n], reps),
        Measure(f"downstream_json_{sz}", "networkx", [PY, f"{p}/nx_downstream.py", j, n], reps),
        Measure(f"downstream_json_{sz}", "igraph", [PY, f"{p}/igraph_downstream.py", j, n], reps),
        Measure(f"downstream_json_{sz}", "jq closure", [f"{p}/jq_closure.sh", j, n], slow),
        Measure(f"direct_json_{sz}", "etldag", [e, "downstream", "--depth", "1", j, n], reps),
        Measure(f"direct_snap_{sz}", "etldag", [e, "downstream", "--depth", "1", s, n], reps),
        Measure(f"direct_json_{sz}", "jq runbook filter", [f"{p}/jq_direct.sh", j, n], reps),
        Measure(f"cpm_snap_{sz}", "etldag", [e, "critical-path", s, "--durations", g["dur"]], reps),
        Measure(f"cpm_json_{sz}", "networkx", [PY, f"{p}/nx_critical_path.py", j, g["dur"]], reps),
        Measure(f"cpm_json_{sz}", "igraph", [PY, f"{p}/igraph_critical_path.py", j, g["dur"]], reps),
        Measure(f"top_json_{sz}", "etldag", [e, "blast-radius", j, "--top", "10"], reps),
        Measure(f"top_snap_{sz}", "etldag", [e, "blast-radius", s, "--top", "10"], reps),
        Measure(f"top_json_{sz}", "networkx", [PY, f"{p}/nx_top.py", j, str(a.sample)], slow),
        Measure(f"top_json_{sz}", "igraph", [PY, f"{p}/igraph_top.py", j, str(a.sample)], slow),
        Measure("empty_process", "/bin/true", ["/bin/true"], reps)]
    return ms


def lines(path):
    with open(path) as f:
        return f.read().splitlines()


def find(ms, key, tool):
    return next((m for m in ms if m.key == key and m.tool == tool and m.median() is not None), None)


def extrapolate(ms, g, tool):
    """All-nodes time of a ranking peer: its whole-process time on the sample plus the
    time it spent ranking the sample (it prints "SAMPLE SECONDS" on stderr) scaled to
    the nodes it did not rank."""
    top = find(ms, f"top_json_{g['ops']}", tool)
    if top is None:
        return None
    ranked = statistics.median(float(l.split()[1]) for l in top.last_err_lines)
    rest = g["stats"]["nodes"] - g["sample_size"]
    return top.median() + ranked * rest / g["sample_size"]


def check(ms, g, warnings):
    """Do the tools agree? Returns lines for the report; appends to `warnings`."""
    sz, out = g["ops"], []

    def note(ok, text):
        out.append(("" if ok else "**MISMATCH** ") + text)
        if not ok:
            warnings.append(text)

    ref = find(ms, f"downstream_json_{sz}", "etldag")
    if ref:
        want = set(lines(ref.stdout))
        out.append(f"downstream of `{g['node']}`: etldag lists {len(want)} nodes")
        for tool in ("networkx", "igraph", "jq closure"):
            m = find(ms, f"downstream_json_{sz}", tool)
            if m:
                got = set(lines(m.stdout))
                note(got == want, f"{tool}: {len(got)} nodes, {'same set' if got == want else 'DIFFERENT set'}")
        for key, what in ((f"downstream_snap_{sz}", "from the snapshot"), (f"downstream_json_1t_{sz}", "with --threads 1")):
            other = find(ms, key, "etldag")
            if other:
                same = set(lines(other.stdout)) == want
                note(same, f"etldag {what}: {'same' if same else 'DIFFERENT'} answer as from JSON")
    d, jq = find(ms, f"direct_json_{sz}", "etldag"), find(ms, f"direct_json_{sz}", "jq runbook filter")
    if d and jq:
        with open(jq.stdout) as f:
            direct = json.load(f)
        got = set(direct[0]["downstream"]) if direct else set()
        note(got == set(lines(d.stdout)), f"direct successors: etldag {len(lines(d.stdout))}, jq {len(got)}")
    check_cpm(ms, g, note)
    check_top(ms, g, note)
    f = find(ms, f"floor_{sz}", "simdjson floor")
    if f:
        walked = int(lines(f.stdout)[0].split()[0])
        note(walked == g["stats"]["ops"], f"simdjson floor walked {walked} ops (etldag: {g['stats']['ops']})")
    return out


def check_cpm(ms, g, note):
    e = find(ms, f"cpm_json_{g['ops']}", "etldag")
    if not e:
        return
    with open(g["dur"]) as f:
        dur = json.load(f)
    mine = sum(dur.get(n, 0.0) for n in lines(e.stdout))
    for tool in ("networkx", "igraph"):
        peer = find(ms, f"cpm_json_{g['ops']}", tool)
        if not peer:
            continue
        theirs = float(lines(peer.stderr)[-1])
        note(abs(mine - theirs) < 1e-3, f"critical path length: etldag {mine:.1f} s "
             f"({len(lines(e.stdout))} nodes), {tool} {theirs:.1f} s ({len(lines(peer.stdout))} nodes)")


def check_top(ms, g, note):
    peers = [m for m in (find(ms, f"top_json_{g['ops']}", t) for t in ("networkx", "igraph")) if m]
    if not peers:
        return
    res = json.loads(capture([ARGS.etldag, "blast-radius", g["snap"], "--top", "10", "--format",
                              "json", "file:" + g["sample"]]))["results"]
    want = [f"{r['downstream']}\t{r['name']}" for r in res]
    for m in peers:
        got = [l for l in lines(m.stdout) if l]
        note(got == want, f"top 10 of the {g['sample_size']}-node sample: {m.tool} "
             f"{'matches' if got == want else 'DIFFERS from'} etldag's exact counts")


def fmt_s(t):
    if t is None:
        return "—"
    return f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.2f} s"


def fmt_mb(kb):
    return f"{kb / 1024:.0f} MB" if kb else "—"


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({model}), {mem:.0f} GiB RAM, "
            f"{os.uname().sysname} {os.uname().release}; load average {load[0]:.1f} / {load[1]:.1f} / "
            f"{load[2]:.1f} (1/5/15 min)")


def best_peer(ms, key, tools):
    cands = [m for m in (find(ms, key, t) for t in tools) if m]
    return min(cands, key=lambda m: m.median()) if cands else None


def row(measure, mine, peer_name, peer_t, ratio, rss, goal, met):
    peer = f"{peer_name} {fmt_s(peer_t)}" if peer_t else peer_name
    return (f"| {measure} | {fmt_s(mine)} | {peer} | {ratio} "
            f"| {rss} | {goal} | {met} |")


def yes(ok):
    return "—" if ok is None else ("**yes**" if ok else "**no**")


def summary(ms, g):
    sz = g["ops"]
    t = {k: (find(ms, f"{k}_{sz}", "etldag") or Measure("", "", [], 0)) for k in
         ("downstream_json", "downstream_snap", "direct_json", "direct_snap", "cpm_json", "top_json", "top_snap")}
    floor = find(ms, f"floor_{sz}", "simdjson floor")
    peers = ("networkx", "igraph", "jq closure")
    bp = best_peer(ms, f"downstream_json_{sz}", peers)
    rows = ["| measure | etldag | best peer | ratio | peak RSS (etldag / peer) | target | met |",
            "|---|---|---|---|---|---|---|"]
    dj, ds = t["downstream_json"].median(), t["downstream_snap"].median()
    if bp and dj:
        r = bp.median() / dj
        rows.append(row("one downstream query from JSON, whole process", dj, bp.tool, bp.median(),
                        f"{r:.1f}× faster", f"{fmt_mb(t['downstream_json'].rss_kb)} / {fmt_mb(bp.rss_kb)}",
                        "≥ 15× faster", yes(r >= 15)))
    if bp and ds:
        r = bp.median() / ds
        rows.append(row("the same from a snapshot", ds, bp.tool, bp.median(), f"{r:.0f}× faster",
                        f"{fmt_mb(t['downstream_snap'].rss_kb)} / {fmt_mb(bp.rss_kb)}", "≥ 200× faster", yes(r >= 200)))
    if floor and dj:
        r = dj / floor.median()
        rows.append(row("one downstream query from JSON vs the simdjson floor", dj, "floor", floor.median(),
                        f"{r:.2f}× the floor", f"{fmt_mb(t['downstream_json'].rss_kb)} / {fmt_mb(floor.rss_kb)}",
                        "≤ 1.5× the floor", yes(r <= 1.5)))
    rss_peers = [m for m in (find(ms, f"downstream_json_{sz}", p) for p in ("networkx", "igraph")) if m]
    if rss_peers and t["downstream_json"].rss_kb:
        low = min(rss_peers, key=lambda m: m.rss_kb)
        r = t["downstream_json"].rss_kb / low.rss_kb
        rows.append(row("peak memory of that query (smallest peer)", None, low.tool, None, f"{r:.2f} of the peer",
                        f"{fmt_mb(t['downstream_json'].rss_kb)} / {fmt_mb(low.rss_kb)}", "≤ 1/3", yes(r <= 1 / 3)))
    jq = find(ms, f"direct_json_{sz}", "jq runbook filter")
    if jq and t["direct_json"].median():
        r = jq.median() / t["direct_json"].median()
        rows.append(row("direct successors (runbook jq filter) from JSON", t["direct_json"].median(), "jq",
                        jq.median(), f"{r:.1f}× faster", f"{fmt_mb(t['direct_json'].rss_kb)} / {fmt_mb(jq.rss_kb)}",
                        "—", "—"))
        if t["direct_snap"].median():
            r = jq.median() / t["direct_snap"].median()
            rows.append(row("direct successors from a snapshot", t["direct_snap"].median(), "jq", jq.median(),
                            f"{r:.0f}× faster", f"{fmt_mb(t['direct_snap'].rss_kb)} / {fmt_mb(jq.rss_kb)}", "—", "—"))
    cpm_peers = [m for m in (find(ms, f"cpm_json_{sz}", tool) for tool in ("networkx", "igraph")) if m and m.median()]
    if cpm_peers and t["cpm_json"].median():
        best = min(cpm_peers, key=lambda m: m.median())
        r = best.median() / t["cpm_json"].median()
        rows.append(row("critical path with durations from JSON, whole process", t["cpm_json"].median(), best.tool,
                        best.median(), f"{r:.1f}× faster", f"{fmt_mb(t['cpm_json'].rss_kb)} / {fmt_mb(best.rss_kb)}",
                        "≥ 20× faster", yes(r >= 20)))
    summary_top(ms, g, t, rows)
    return rows


def summary_top(ms, g, t, rows):
    ext = {tool: extrapolate(ms, g, tool) for tool in ("networkx", "igraph")}
    ext = {k: v for k, v in ext.items() if v is not None}
    mine = t["top_json"].median()
    if not mine:
        return
    name, their = (min(ext.items(), key=lambda kv: kv[1]) if ext else ("—", None))
    peer_rss = find(ms, f"top_json_{g['ops']}", name).rss_kb if ext else 0
    ratio = f"{their / mine:.0f}× faster" if their else "—"
    rows.append(row(f"exact downstream size of all {g['stats']['nodes']:,} nodes (`blast-radius --top 10`) "
                    "from JSON, whole process", mine, f"{name} (extrapolated from a {g['sample_size']}-node sample)",
                    their, ratio, f"{fmt_mb(t['top_json'].rss_kb)} / {fmt_mb(peer_rss)}",
                    f"≤ 2 s with {os.cpu_count()} threads", yes(mine <= 2)))
    snap = t["top_snap"].median()
    if snap:
        rows.append(row("the same from a snapshot", snap, name, their,
                        f"{their / snap:.0f}× faster" if their else "—", fmt_mb(t["top_snap"].rss_kb),
                        "≤ 2 s", yes(snap <= 2)))


def summary_big(ms, g):
    sz, rows = g["ops"], ["| measure | etldag | compared with | ratio | peak RSS | target | met |",
                          "|---|---|---|---|---|---|---|"]
    dj, ds = find(ms, f"downstream_json_{sz}", "etldag"), find(ms, f"downstream_snap_{sz}", "etldag")
    floor, cpm = find(ms, f"floor_{sz}", "simdjson floor"), find(ms, f"cpm_json_{sz}", "etldag")
    size_mb = os.path.getsize(g["json"]) / 2**20
    if dj and floor:
        r = dj.median() / floor.median()
        rows.append(row(f"{sz:,} ops ({size_mb:.0f} MB): load + one downstream query vs the floor", dj.median(),
                        "floor", floor.median(), f"{r:.2f}× the floor",
                        f"{fmt_mb(dj.rss_kb)} / {fmt_mb(floor.rss_kb)}", "≤ 2× the floor", yes(r <= 2)))
        ok = dj.rss_kb / 1024 <= size_mb + 300
        rows.append(row(f"{sz:,} ops: peak memory of that query", None, "file size", None,
                        f"file + {dj.rss_kb / 1024 - size_mb:.0f} MB", fmt_mb(dj.rss_kb), "≤ file + 300 MB", yes(ok)))
    if ds:
        rows.append(row(f"{sz:,} ops: the same query from a snapshot", ds.median(), "—", None, "—",
                        fmt_mb(ds.rss_kb), "—", "—"))
    if cpm:
        rows.append(row(f"{sz:,} ops: critical path with durations from JSON", cpm.median(), "—", None, "—",
                        fmt_mb(cpm.rss_kb), "—", "—"))
    return rows


class Goal:
    """One row of the issue-12 goals table: `mine` = (measure key without the size, tool), `ref` the
    same for what it is compared with (or None); kind "faster": ref / mine ≥ bound, "of": mine / ref
    ≤ bound, "within": mine ≤ bound seconds."""

    def __init__(self, goal, what, mine, ref, kind, bound, target):
        self.goal, self.what, self.mine, self.ref = goal, what, mine, ref
        self.kind, self.bound, self.target = kind, bound, target


IGRAPH_DOWNSTREAM = ("downstream_json", "igraph")
GOALS = [
    Goal("1. per-core", "one downstream query from JSON, `--threads 1`, whole process",
         ("downstream_json_1t", "etldag"), IGRAPH_DOWNSTREAM, "faster", 15, "≥ 15× igraph"),
    Goal("1. per-core", "single-thread parse + build vs the single-thread simdjson floor, in process "
         "(`BM_Parse` vs `BM_Floor`, real time)", ("parse_1t", "BM_Parse"), ("floor_1t", "BM_Floor"),
         "of", 1.3, "≤ 1.3× the floor"),
    Goal("1. all threads", "one downstream query from JSON, all threads, whole process",
         ("downstream_json", "etldag"), IGRAPH_DOWNSTREAM, "faster", 30, "≥ 30× igraph"),
    Goal("2. snapshot", "the hub query (the table's query node) from a snapshot, whole process",
         ("downstream_snap", "etldag"), None, "within", 0.007, "≤ 7 ms"),
    Goal("2. snapshot", "the same against igraph from JSON",
         ("downstream_snap", "etldag"), IGRAPH_DOWNSTREAM, "faster", 400, "≥ 400× igraph"),
    Goal("2. snapshot", "critical path with durations from a snapshot, whole process",
         ("cpm_snap", "etldag"), None, "within", 0.020, "≤ 20 ms"),
    Goal("3. critical path", "critical path with durations from JSON, whole process",
         ("cpm_json", "etldag"), ("cpm_json", "igraph"), "faster", 30, "≥ 30× igraph"),
]


def why_missing(ms, key, tool):
    """Why `tool` has no figure for `key` in `ms` (for a "not measured" cell)."""
    m = next((m for m in ms if m.key == key and m.tool == tool), None)
    if m is None:
        return "not run in this pass"
    if not m.failed:
        return "no successful run"
    return m.failed if m.failed.startswith("not run") else f"failed: {m.failed}"


def evaluate(ms, goal, sz):
    """The cells etldag | compared with | ratio | met of one goal in one run (`ms`)."""
    key, tool = goal.mine
    mine = find(ms, f"{key}_{sz}", tool)
    if not mine:
        return [f"not measured ({tool} {why_missing(ms, f'{key}_{sz}', tool)})", "—", "—", "not measured"]
    t = mine.median()
    if goal.ref is None:
        return [fmt_s(t), "—", "—", yes(t <= goal.bound)]
    rkey, rtool = goal.ref
    ref = find(ms, f"{rkey}_{sz}", rtool)
    if not ref:
        return [fmt_s(t), f"not measured ({rtool} {why_missing(ms, f'{rkey}_{sz}', rtool)})", "—", "not measured"]
    if goal.kind == "faster":
        r = ref.median() / t
        ratio, met = (f"{r:.0f}×" if r >= 100 else f"{r:.1f}×"), r >= goal.bound
    else:
        r = t / ref.median()
        ratio, met = f"{r:.2f}× {rtool}", r <= goal.bound
    return [fmt_s(t), f"{rtool} {fmt_s(ref.median())}", ratio, yes(met)]


def goals(ms, busy_ms, g, busy_run):
    """The performance goals table: every goal, its figure and met / not met, idle and (with
    --busy-core) one core busy side by side; goals compare.sh does not measure say where they are."""
    sz = g["ops"]
    head = "| goal | measure | etldag | compared with | ratio | target | met |"
    rule = "|---|---|---|---|---|---|---|"
    if busy_run:
        head += " one core busy: etldag | compared with | ratio | met |"
        rule += "---|---|---|---|"
    rows = [head, rule]
    for goal in GOALS:
        idle = evaluate(ms, goal, sz)
        cells = [goal.goal, goal.what, *idle[:3], goal.target, idle[3]]
        if busy_run:
            if goal.mine[1].startswith("BM_"):
                cells += ["not measured (the in-process benchmarks run on the idle machine only)", "—", "—", "—"]
            else:
                cells += evaluate(busy_ms, goal, sz)
        rows.append("| " + " | ".join(cells) + " |")
    scale = ["4. scale", "10,000,000 ops (≈ 5 GB of JSON) from JSON and from a snapshot: downstream, critical "
             "path, `blast-radius --top 10`, peak memory", "not measured by compare.sh (a 10M-op run takes minutes "
             "and ≈ 5 GB of disk): see `bench/load_sizes.sh --sizes 10000000 --reps 1` and bench/README.md, "
             "\"10,000,000 ops: the queries, and their peak memory\"", "—", "—",
             "≤ 4 GiB from JSON, ≤ 1.5 GiB from a snapshot", "see there"]
    states = ["5. both machine states", "idle, and one core kept busy by the script (`--busy-core`)"]
    if busy_run:
        states += ["the \"one core busy\" columns of this table", "—", "—", "both reported", "**yes**"]
    else:
        states += ["not measured (run without `--busy-core`)", "—", "—", "both reported", "not measured"]
    for r in (scale, states):
        rows.append("| " + " | ".join(r + (["—"] * 4 if busy_run else [])) + " |")
    return rows


def goals_notes(ms, g):
    """How the goals table was measured, with the Google benchmarks' counters."""
    sz = g["ops"]
    out = [f"Whole-process figures: the medians of the tables above ({g['ops']:,} ops, query node "
           f"`{g['node']}`); ratios against python-igraph timed in the same pass (idle, or one core busy). "
           "The in-process row: "
           f"`etldag_load_bench` and `etldag_floor_bench` with `ETLDAG_BENCH_SIZES={sz}`, "
           f"`--benchmark_repetitions={ARGS.reps}`, median real time of the repetitions, on the same file."]
    for key, tool in (("parse_1t", "BM_Parse"), ("floor_1t", "BM_Floor")):
        m = find(ms, f"{key}_{sz}", tool)
        if m:
            extra = f"; counters (median): {m.extra}" if m.extra else ""
            out.append(f"`{tool}/ops:{sz}`: median {fmt_s(m.median())}, min {fmt_s(min(m.times))}, "
                       f"CPU {fmt_s(statistics.median(m.cpu))}{extra}.")
    return [" ".join(out)]


def all_rows(ms):
    out = ["| measure | tool | reps | median | min | max | CPU (user+sys, median) | peak RSS | command |",
           "|---|---|---|---|---|---|---|---|---|"]
    for m in ms:
        cmd = " ".join([f"{k}={v}" for k, v in m.env.items()] +
                       [os.path.basename(c) if i == 0 or (i == 1 and os.path.isfile(c))
                        else c.replace(ARGS.work_dir + "/", "")
                        for i, c in enumerate(m.cmd)])
        if m.failed:
            out.append(f"| {m.key} | {m.tool} | {m.reps} | FAILED ({m.failed}) | | | | | `{cmd}` |")
            continue
        out.append(f"| {m.key} | {m.tool} | {len(m.times)} | {fmt_s(m.median())} | {fmt_s(min(m.times))} | "
                   f"{fmt_s(max(m.times))} | {fmt_s(statistics.median(m.cpu))} | {fmt_mb(m.rss_kb)} | `{cmd}` |")
    return out


def describe(g):
    s = g["stats"]
    return (f"{g['ops']:,} ops generated by `etldag generate --ops {g['ops']} --seed 42`: "
            f"{os.path.getsize(g['json']) / 2**20:.1f} MB of JSON, {s['nodes']:,} nodes "
            f"({s['externals']:,} externals), {s['edges']:,} edges, {s['levels']} levels; snapshot "
            f"{os.path.getsize(g['snap']) / 2**20:.1f} MB. Query node: `{g['node']}`, the op with the largest "
            f"downstream ({g['node_downstream']:,} nodes).")


def busy_loop(seconds):
    """One core kept busy (what to expect on a loaded box): a shell spinning for at most `seconds`."""
    return subprocess.Popen(["timeout", str(seconds), "sh", "-c", "while :; do :; done"])


def merge_busy(idle_rows, busy_rows):
    """The idle summary with the busy run's etldag time, ratio and verdict as extra columns; the
    busy table on its own when the two have different rows (a measure failed in one run)."""
    cells = lambda r: [c.strip() for c in r.strip("|").split("|")]
    if len(idle_rows) != len(busy_rows) or any(cells(i)[0] != cells(b)[0] for i, b in zip(idle_rows, busy_rows)):
        return idle_rows + ["", "With one core kept busy:", "", *busy_rows]
    out = [idle_rows[0].rstrip() + " one core busy: etldag | best peer | ratio | met |",
           idle_rows[1].rstrip() + "---|---|---|---|"]
    for i, b in zip(idle_rows[2:], busy_rows[2:]):
        c = cells(b)
        out.append(i.rstrip() + f" {c[1]} | {c[2]} | {c[3]} | {c[6]} |")
    return out


def command_line(a, big):
    return (f"bench/compare.sh --ops {a.ops} --reps {a.reps} --slow-reps {a.slow_reps} --sample {a.sample}"
            f"{' --with-1m' if big else ''}{' --busy-core' if a.busy_core else ''}")


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    for flag in ("--etldag", "--floor", "--peers", "--work-dir"):
        ap.add_argument(flag, required=True)
    for flag in ("--ops", "--reps", "--slow-reps", "--sample"):
        ap.add_argument(flag, type=int, required=True)
    ap.add_argument("--load-bench", default="", help="etldag_load_bench (BM_Parse)")
    ap.add_argument("--floor-bench", default="", help="etldag_floor_bench (BM_Floor)")
    ap.add_argument("--command", help="the command line to print in the report")
    ap.add_argument("--big", type=int, default=0)
    ap.add_argument("--out")
    ap.add_argument("--busy-core", action="store_true")
    a = ARGS = ap.parse_args()
    start_machine, warnings = machine(), []
    with tempfile.TemporaryDirectory(prefix="etldag-compare-") as tmp:
        g = inputs(a, a.ops, tmp)
        big = inputs(a, a.big, tmp) if a.big and a.big != a.ops else None
        ms = measures_for(a, g, True) + (measures_for(a, big, False) if big else [])
        run_all(ms, tmp)
        ms += [google_bench(a.load_bench, "BM_Parse", "parse_1t", a, a.ops, tmp),
               google_bench(a.floor_bench, "BM_Floor", "floor_1t", a, a.ops, tmp)]
        checks = check(ms, g, warnings)
        busy_ms, busy_machine = [], None
        if a.busy_core:  # every measure of the compared size again, one core kept busy meanwhile
            busy_ms = measures_for(a, g, True)
            spinner = busy_loop(24 * 3600)
            try:
                time.sleep(1)
                busy_machine = machine()
                run_all(busy_ms, tmp)
            finally:
                spinner.terminate()
                spinner.wait()
        rev = subprocess.run(["git", "-C", os.path.dirname(a.peers), "describe", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        rep = [f"## etldag vs today's tools ({now})", "",
               f"Machine: {start_machine} at the start; {machine().split('; ')[1]} at the end.",
               f"etldag {rev}. Command: `{a.command or command_line(a, big)}`.", "", describe(g), "",
               f"Times are medians over {a.reps} runs ({a.slow_reps} for jq closure and the ranking peers) of the "
               "whole process, wall clock (the last table also gives the CPU time, user + sys, which is less "
               "sensitive to other load on the machine); peak RSS is the largest over the runs (`/usr/bin/time -v`). Peers read "
               "the same JSON with `/usr/bin/python3` (Debian's networkx/igraph) or jq; commands are shown with "
               f"paths relative to the work directory {ARGS.work_dir}. The ranking peers rank only an evenly "
               f"spaced sample of {g['sample_size']} nodes (every {g['stats']['nodes'] // g['sample_size']}th "
               "name); their all-nodes time is extrapolated as their whole-process time on the sample + "
               "(their own time ranking the sample) × (nodes − sample) / sample.", "",
               *(merge_busy(summary(ms, g), summary(busy_ms, g)) if busy_ms else summary(ms, g))]
        if busy_ms:
            rep += ["", f"The \"one core busy\" columns: the same commands run again while the script kept one "
                    "core busy with `timeout N sh -c 'while :; do :; done'` (started before the first run, "
                    f"stopped after the last); machine then: {busy_machine}."]
        ext = [f"{t} {fmt_s(v)} ({v / 3600:.1f} h)" if v > 3600 else f"{t} {fmt_s(v)}"
               for t, v in ((t, extrapolate(ms, g, t)) for t in ("networkx", "igraph")) if v is not None]
        if ext:
            rep += ["", "Extrapolated all-nodes ranking time of the peers: " + ", ".join(ext) + "."]
        rep += ["", "### Performance goals", "", *goals(ms, busy_ms, g, a.busy_core), "", *goals_notes(ms, g)]
        if big:
            rep += ["", describe(big), "", *summary_big(ms, big)]
        rep += ["", "### Do the answers agree?", ""] + [f"- {c}" for c in checks]
        rep += ["", "### Every measurement", "", *all_rows(ms)]
        if busy_ms:
            rep += ["", "### Every measurement, one core busy", "", *all_rows(busy_ms)]
    failed = [m for m in ms + busy_ms if m.failed]
    for m in failed:
        warnings.append(f"{m.tool} {m.key} failed: {m.failed}")
    text = "\n".join(rep) + "\n"
    sys.stdout.write(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    for w in warnings:
        print(f"compare: WARNING: {w}", file=sys.stderr)
    return 1 if warnings else 0


if __name__ == "__main__":
    sys.exit(main())
