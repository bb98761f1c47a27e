#!/usr/bin/env python3
"""Memory profile (not part of run.sh; bench/results/2026-12-01-memory.md): the embedded server, a few wrk rows, then N users signed up + GET /user once,
RSS / managed heap (dotnet-counters) / activations (/metrics) right after and after a wait; optional gcdump."""
import argparse, csv, json, os, subprocess, sys, tempfile, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench as B  # noqa
import servers  # noqa

DT = os.environ.get("DOTNET_TOOLS", "/tmp/dt")  # dotnet-counters and dotnet-gcdump: dotnet tool install --tool-path
OUT = os.environ.get("MEMORY_PROFILE_OUT", "/tmp")


def counters(pid, seconds=4):
    out = tempfile.mktemp(suffix=".csv")
    subprocess.run([f"{DT}/dotnet-counters", "collect", "-p", str(pid), "--counters", "System.Runtime", "--format", "csv",
                    "--refresh-interval", "1", "--duration", f"00:00:{seconds:02d}", "-o", out],
                   capture_output=True, text=True, timeout=60)
    values = {}
    try:
        with open(out) as f:
            for rowv in csv.reader(f):
                if len(rowv) >= 5:
                    values[rowv[2]] = rowv[4]
    except FileNotFoundError:
        pass
    return values


def activations(base):
    try:
        text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    except Exception as e:
        return f"? {e}"
    got = {}
    for line in text.splitlines():
        if line.startswith("orleans_catalog_activations{"):
            name, value = line.rsplit(" ", 1)
            kind = name.split('grain_type="')[1].split('"')[0]
            if not kind.startswith("sys."):
                got[kind] = int(float(value))
    return got


def snapshot(label, server, pid, results):
    rss = servers.rss_bytes(pid)
    c = counters(pid)
    keys = {k.replace("dotnet.", "").replace(" (By)", "").replace("gc.heap.generation=", ""): v for k, v in c.items() if any(s in k for s in ("heap.size", "committed", "working_set"))}
    keys["heap_mib"] = round(sum(int(v) for k, v in c.items() if "heap.size" in k) / 2**20, 1)
    entry = {"label": label, "rss_mib": rss / 2**20, "counters": keys, "activations": activations(server.base)}
    B.log(f"[{label}] RSS {rss / 2**20:.0f} MiB {json.dumps(keys)} {json.dumps(entry['activations'])}")
    results.append(entry)
    return rss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--label", required=True)
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--row-users", type=int, default=2000)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--users", type=int, default=100000)
    p.add_argument("--wait", type=int, default=0, help="seconds to wait after touching, then measure again")
    p.add_argument("--gcdump", action="store_true")
    p.add_argument("--no-rows", action="store_true")
    o = p.parse_args()
    servers.CONFIGURATION = "Release"
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    work = tempfile.mkdtemp(prefix=f"memdrv-{o.label}-")
    server = servers.Embedded(work, B.BENCH_ITERATIONS)
    for kv in o.env:
        k, v = kv.split("=", 1)
        server.env[k] = v
    opts = argparse.Namespace(connections=64, threads=2, warmup=2, seconds=o.seconds, quick=False)
    results = {"label": o.label, "env": o.env, "rows": [], "snapshots": []}
    try:
        server.start()
        pid = server.api.pid
        bench = B.Bench(opts, server, work)
        B.log(f"{o.label}: pid {pid}, work {work}")
        users = B.seed_main(bench, o.row_users)
        if not o.no_rows:
            for entry in B.ROWS:
                if entry["name"] in ("GET /health/live", "GET /user", "PATCH /user"):
                    results["rows"].append(bench.measure(entry, users, entry["name"]))
        before = snapshot("before", server, pid, results["snapshots"])
        clock = time.monotonic()
        done = 0
        step = 20000
        while done < o.users:
            n = min(step, o.users - done)
            new = B.sign_up(bench.api, f"mem{done}", n, workers=64)
            B.parallel(lambda user: bench.api.ok("GET", "/user", key=user["key"]), new, workers=64)
            done += n
            B.log(f"  {done} users in {time.monotonic() - clock:.0f} s, RSS {servers.rss_bytes(pid) / 2**20:.0f} MiB")
        results["touch_seconds"] = time.monotonic() - clock
        after = snapshot("after", server, pid, results["snapshots"])
        results["bytes_per_user"] = (after - before) / o.users
        B.log(f"bytes/user {(after - before) / o.users:.0f}")
        if o.gcdump:
            path = f"{OUT}/{o.label}.gcdump"
            subprocess.run([f"{DT}/dotnet-gcdump", "collect", "-p", str(pid), "-o", path], capture_output=True, timeout=600)
            r = subprocess.run([f"{DT}/dotnet-gcdump", "report", path], capture_output=True, text=True, timeout=600)
            with open(f"{OUT}/{o.label}.gcdump.txt", "w") as f:
                f.write(r.stdout)
            snapshot("after-gcdump (GC forced)", server, pid, results["snapshots"])
        if o.wait:
            time.sleep(o.wait)
            snapshot(f"after {o.wait}s idle", server, pid, results["snapshots"])
    finally:
        server.stop()
    with open(f"{OUT}/{o.label}.json", "w") as f:
        json.dump(results, f, indent=1)
    for r in results["rows"]:
        B.log(f"{r['name']}: {r.get('rps', 0):.0f} req/s p99 {r.get('p99_ms', 0):.1f} ms errors {r.get('errors')}")


if __name__ == "__main__":
    main()
