#!/usr/bin/env python3
"""The benchmark of issue 9 (run it through bench/run.sh). Python 3.11 standard library only.

Builds the Release output, starts the server itself (embedded, or --cluster), seeds users through
the real API, measures every row with wrk and bench/wrk/rotate.lua, measures memory and cold
activations, and writes a Markdown report plus an SVG of the growth series.

A row is one entry of ROWS, a growth series one entry of GROWTH_SERIES: add yours there.
Speed is measured here, never asserted: the exit code only says whether every row ran.
"""
import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402
import servers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA = os.path.join(ROOT, "bench", "wrk", "rotate.lua")
PASSWORD = "correct horse battery"
BENCH_ITERATIONS = 1000  # Kinopio:PasswordIterations for the bench only (the default is 100,000)
NOTES = []  # what went wrong while seeding but was recovered: shown in the report


# --- what is measured: one entry per row / series -------------------------------------------------
# A request kind is (weight, METHOD, path, body); {user} {space} {other} {n} {i} {card} are filled per
# request by rotate.lua from the rotated user (its id, its space, another seeded user's id, a unique
# count, a number, one of the cards c0..c<N-1> of its space).
# seed: a function (bench, users) run once before the row (content the row needs);
# per_request: operations per request (a POST /operations batch), reported as operations/s;
# over: what a growth series' N counts, "spaces" owned by the user or "cards" in its space.
def row(name, meaning, *kinds, seed=None, per_request=1, over="spaces"):
    return {"name": name, "meaning": meaning, "kinds": list(kinds), "seed": seed, "per_request": per_request, "over": over}


def cards(count):
    """A row's seed: cards c0..c<count-1> in each rotated user's space (PATCH /card/multiple)."""
    def seed(bench, users):
        parallel(lambda user: fill_space(bench.api, user, count), users)
    return seed


DESCRIPTION = '{"description":"bench {n}"}'
MOVE = '{"spaceId":"{space}","id":"{card}","x":{i},"y":{i}}'
MOVES_20 = "[" + ",".join(f'{{"name":"updateCard","body":{{"spaceId":"{{space}}","id":"c{k}","x":{{i}},"y":{k}}}}}' for k in range(20)) + "]"

ROWS = [
    row("GET /health/live", "baseline: no grain call, same script and keys as every row", (1, "GET", "/health/live", "")),
    row("GET /", "key lookup + one grain call to take the token", (1, "GET", "/", "")),
    row("GET /user", "one UserGrain call, private user answer", (1, "GET", "/user", "")),
    row("GET /user/spaces", "the user's space listing (1 space each)", (1, "GET", "/user/spaces", "")),
    row("GET /space/:id", "UserGrain -> SpaceGrain -> owner's public user", (1, "GET", "/space/{space}", "")),
    row("PATCH /user", "one durable write of the user", (1, "PATCH", "/user", DESCRIPTION)),
    row("PATCH /user/favorites", "toggle another seeded user: one durable write", (1, "PATCH", "/user/favorites", '{"type":"user","id":"{other}"}')),
    row("90/10 GET /user / PATCH /user", "read/write mix", (9, "GET", "/user", ""), (1, "PATCH", "/user", DESCRIPTION)),
    row("POST /card", "a new card in the user's open space: one durable item write", (1, "POST", "/card", '{"spaceId":"{space}","name":"bench {n}"}')),
    row("POST /operations (20 card moves)", "one batch of 20 updateCard in the user's own space (20 cards seeded)", (1, "POST", "/operations", MOVES_20), seed=cards(20), per_request=20),
]

# A growth series is one row run against users owning each number of spaces (--growth-sizes), or
# whose space holds each number of cards (--card-sizes), as its `over` says.
GROWTH_SERIES = [
    row("PATCH /user", "write of a user owning N spaces", (1, "PATCH", "/user", DESCRIPTION)),
    row("GET /user/spaces", "listing of N spaces", (1, "GET", "/user/spaces", "")),
    row("PATCH /card", "move of one card (new x, y) in a space of N cards", (1, "PATCH", "/card", MOVE), over="cards"),
    row("GET /space/:id", "the space with its N cards", (1, "GET", "/space/{space}", ""), over="cards"),
]


# --- HTTP client for seeding and single requests --------------------------------------------------
class Api:
    """One keep-alive connection per thread to the server."""

    def __init__(self, base):
        host, port = base.replace("http://", "").split(":")
        self.host, self.port = host, int(port)
        self.local = threading.local()

    def call(self, method, path, body=None, key=None, attempts=3):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if key:
            headers["Authorization"] = key
        data = json.dumps(body) if body is not None else None
        for attempt in range(attempts):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                connection.request(method, path, body=data, headers=headers)
                answer = connection.getresponse()
                payload = answer.read()
                return answer.status, json.loads(payload) if payload else None
            except (ConnectionError, http.client.HTTPException, OSError):
                connection.close()
                self.local.connection = None
                if attempt == attempts - 1:
                    raise
                time.sleep(0.2)

    def ok(self, method, path, body=None, key=None, expect=(200, 201)):
        status, answer = self.call(method, path, body, key)
        if status not in expect:
            raise RuntimeError(f"{method} {path} answered {status}: {answer}")
        return answer


def parallel(function, items, workers=16):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(function, items))


def sign_up(api, tag, count, workers=16):
    """count new users through POST /user/sign-up: [{key, id}] in order."""
    def one(i):
        user = api.ok("POST", "/user/sign-up", {"email": f"{tag}-{i}@bench.example", "password": PASSWORD})
        return {"key": user["apiKey"], "id": user["id"]}
    return parallel(one, range(count), workers)


def add_spaces(api, user, count):
    """count spaces for one user, by POST /space batches of up to 100."""
    made = 0
    while made < count:
        batch = [{"name": f"s{made + i}"} for i in range(min(100, count - made))]
        for attempt in range(3):
            status, answer = api.call("POST", "/space", batch, user["key"])
            if status == 201:
                break
            # Seen once in cluster mode right after start: a 503 ("nothing half-applied"); try again, say so.
            NOTES.append(f"POST /space (batch of {len(batch)}) answered {status} {answer}; tried again")
            if status != 503 or attempt == 2:
                raise RuntimeError(f"POST /space answered {status}: {answer}")
            time.sleep(1)
        made += len(batch)


def fill_space(api, user, count, per_request=1000):
    """Cards c0..c<count-1> in the user's space, by PATCH /card/multiple arrays of up to 1,000 (upserts)."""
    for start in range(0, count, per_request):
        batch = [{"spaceId": user["space"], "id": f"c{k}", "name": f"card {k}", "x": k % 1000, "y": k // 1000 * 50}
                 for k in range(start, min(count, start + per_request))]
        api.ok("PATCH", "/card/multiple", batch, user["key"], expect=(200,))
    user["cards"] = count


# --- wrk ---------------------------------------------------------------------------------------------
class Bench:
    def __init__(self, options, server, work):
        self.options, self.server, self.work = options, server, work
        self.api = Api(server.base)
        self.failures = []

    def users_file(self, name, users):
        path = os.path.join(self.work, f"users-{name}.tsv")
        with open(path, "w") as f:
            for index, user in enumerate(users):
                other = users[(index + 1) % len(users)]["id"] if len(users) > 1 else user.get("other", "")
                f.write(f"{user['key']}\t{user['id']}\t{user.get('space', '')}\t{other}\t{user.get('cards', '')}\n")
        return path

    def probe(self, kinds, user, others):
        """Each request kind once (Python, outside the measure): a row whose requests fail is not measured."""
        for _, method, path, body in kinds:
            fill = {"{user}": user["id"], "{space}": user.get("space", ""), "{other}": others, "{n}": "probe", "{i}": "1", "{card}": "c0"}
            for mark, value in fill.items():
                path, body = path.replace(mark, value), body.replace(mark, value)
            status, answer = self.api.call(method, path, json.loads(body) if body else None, user["key"])
            if not 200 <= status < 300:
                raise RuntimeError(f"probe {method} {path} answered {status}: {answer}")

    def wrk(self, kinds, users_path, seconds):
        requests_path = os.path.join(self.work, "requests.tsv")
        with open(requests_path, "w") as f:
            for weight, method, path, body in kinds:
                f.write(f"{weight}\t{method}\t{path}\t{body}\n")
        connections = self.options.connections
        command = ["wrk", f"-t{min(self.options.threads, connections)}", f"-c{connections}", f"-d{seconds}s",
                   "--timeout", "10s", "-s", LUA, self.server.base]
        env = dict(os.environ, BENCH_USERS=users_path, BENCH_REQUESTS=requests_path)
        out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60)
        for line in out.stdout.splitlines():
            if line.startswith("BENCH_JSON "):
                return json.loads(line[len("BENCH_JSON "):])
        raise RuntimeError(f"wrk printed no result (exit {out.returncode}): {out.stdout[-500:]} {out.stderr[-500:]}")

    def measure(self, entry, users, label):
        """One row: probe, warm-up, then the measure. Returns the row's result (or its failure)."""
        result = {"name": label, "meaning": entry["meaning"], "per_request": entry["per_request"]}
        try:
            if entry["seed"]:
                entry["seed"](self, users)
            self.probe(entry["kinds"], users[0], users[1]["id"] if len(users) > 1 else users[0].get("other", ""))
            users_path = self.users_file("row", users)
            if self.options.warmup > 0:
                self.wrk(entry["kinds"], users_path, self.options.warmup)
            raw = self.wrk(entry["kinds"], users_path, self.options.seconds)
            socket_errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
            result.update({
                "rps": raw["requests"] / (raw["duration_us"] / 1e6),
                "p50_ms": raw["p50_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
                "requests": raw["requests"], "non2xx": raw["status"], "socket_errors": socket_errors,
                "errors": raw["status"] + socket_errors,
                "bytes_per_answer": raw["bytes"] / raw["requests"] if raw["requests"] else 0,  # headers included
            })
            if raw["requests"] - result["errors"] <= 0:
                raise RuntimeError("no request succeeded")
            if self.options.quick and result["errors"]:
                raise RuntimeError(f"{result['errors']} errors ({raw['status']} non-2xx, {socket_errors} socket): --quick wants none")
        except Exception as error:  # a row that did not run fails the run, the others still run
            result["failed"] = str(error)
            self.failures.append(f"{label}: {error}")
        log(f"  {label:<44} " + (f"{result['rps']:>9.0f} req/s  p50 {result['p50_ms']:.2f} ms  p99 {result['p99_ms']:.2f} ms  errors {result['errors']}"
                                 if "rps" in result else f"FAILED: {result['failed']}"))
        return result


def log(text):
    print(text, flush=True)


# --- phases --------------------------------------------------------------------------------------------
def seed_main(bench, count):
    clock = time.monotonic()
    users = sign_up(bench.api, "user", count, workers=32)
    signed = time.monotonic() - clock

    def space(user):
        user["space"] = bench.api.ok("POST", "/space", {"name": "bench", "privacy": "open"}, user["key"])["id"]
    parallel(space, users)
    log(f"seeded {count} users ({count / signed:.0f} sign-ups/s) and one open space each in {time.monotonic() - clock:.1f} s")
    return users


def seed_card_growth(bench, sizes, per_size):
    """per_size users for each size, each with one open space holding that many cards."""
    groups = {}
    for size in sizes:
        users = sign_up(bench.api, f"cards{size}", per_size, workers=4)
        for user in users:
            user["space"] = bench.api.ok("POST", "/space", {"name": f"cards {size}", "privacy": "open"}, user["key"])["id"]
            user["other"] = users[0]["id"]
        parallel(lambda user: fill_space(bench.api, user, size), users, workers=4)
        groups[size] = users
    log(f"seeded card growth users: {per_size} per size, spaces of {sizes} cards")
    return groups


def seed_growth(bench, sizes, per_size):
    groups = {}
    for size in sizes:
        users = sign_up(bench.api, f"growth{size}", per_size, workers=4)
        parallel(lambda user: add_spaces(bench.api, user, size), users, workers=4)
        # A favorite toggle needs another user: none here, but keep the column filled.
        for user in users:
            user["other"] = users[0]["id"]
        groups[size] = users
    log(f"seeded growth users: {per_size} per size, sizes {sizes}")
    return groups


def measure_memory(bench, stages):
    """RSS of the grain-holding process(es) before, and after each cumulative number of users was signed up and read once."""
    pids = bench.server.memory_pids()

    def rss():
        return sum(servers.rss_bytes(pid) for pid in pids.values())

    before = rss()
    results, done = [], 0
    for target in stages:
        clock = time.monotonic()
        new = sign_up(bench.api, f"mem{done}", target - done, workers=64)
        parallel(lambda user: bench.api.ok("GET", "/user", key=user["key"]), new, workers=64)
        done = target
        after = rss()
        results.append({"users": target, "rss_before": before, "rss_after": after,
                        "bytes_per_user": (after - before) / target, "seconds": time.monotonic() - clock})
        log(f"  memory: {target} users touched once: RSS {after / 2**20:.0f} MiB (before {before / 2**20:.0f} MiB), "
            f"{(after - before) / target:.0f} bytes/user")
    return {"processes": ", ".join(pids), "stages": results}


def measure_cold(bench, users, count):
    """Restart on the same data, then GET /user of users untouched since, one request at a time."""
    bench.server.restart()
    api = Api(bench.server.base)
    api.ok("GET", "/health/live")  # the connection, not a grain
    latencies = []
    for user in users[:count]:
        clock = time.perf_counter()
        api.ok("GET", "/user", key=user["key"])
        latencies.append((time.perf_counter() - clock) * 1000)
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, max(0, round(p / 100 * len(latencies) + 0.5) - 1))]
    result = {"requests": len(latencies), "p50_ms": percentile(50), "p99_ms": percentile(99), "max_ms": latencies[-1]}
    log(f"  cold GET /user after restart: {len(latencies)} users, p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms")
    return result


# --- the run -------------------------------------------------------------------------------------------
def parse(argv):
    parser = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cluster", action="store_true", help="two Silos + one Api on a throwaway PostgreSQL (default: embedded)")
    parser.add_argument("--users", type=int, default=2000, help="seeded users the rows rotate over (default 2000)")
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per row (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds before each row (default 2)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (default 64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--growth-sizes", default="0,100,1000,5000", help="spaces owned per growth step (default 0,100,1000,5000; '' skips)")
    parser.add_argument("--card-sizes", default="10,1000,10000", help="cards in the space per card growth step (default 10,1000,10000; '' skips)")
    parser.add_argument("--growth-users", type=int, default=1, help="users of each growth size that wrk hits (default 1)")
    parser.add_argument("--memory-users", default="10000,100000",
                        help="cumulative users signed up and read once, RSS after each (default 10000,100000; 0 skips)")
    parser.add_argument("--cold-users", type=int, default=1000, help="users read once after a restart (default 1000; 0 skips)")
    parser.add_argument("--quick", action="store_true",
                        help="CI: 1 s per row, no warm-up, 50 users, growth 0 and 100 spaces, 10 and 100 cards, memory 200, cold 50; "
                             "a row with any error fails; report to a temp dir")
    parser.add_argument("--configuration", default="Release", help="the build the server runs from (default Release; test.sh: Debug, already built)")
    parser.add_argument("--out", help="where the report goes (default bench/results, --quick: a temp dir)")
    parser.add_argument("--before", help="an earlier results .md: its req/s shown in a 'before' column")
    parser.add_argument("--before-label", help="how the report names the --before file (default its path)")
    parser.add_argument("--no-build", action="store_true", help="use the existing build (of --configuration)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (data, logs)")
    options = parser.parse_args(argv)
    if options.quick:
        options.seconds, options.warmup, options.users = 1, 0, 50
        options.growth_sizes, options.card_sizes, options.memory_users, options.cold_users = "0,100", "10,100", "200", 50
    options.argv, options.iterations = list(argv), BENCH_ITERATIONS
    options.sizes = [int(s) for s in options.growth_sizes.split(",") if s.strip()]
    options.card_counts = [int(s) for s in options.card_sizes.split(",") if s.strip()]
    options.memory_stages = [int(s) for s in options.memory_users.split(",") if s.strip() and int(s) > 0]
    if options.users < 2:
        parser.error("--users must be at least 2 (favorites toggle another user)")
    return options


def build(cluster, configuration):
    projects = ["Api/Api.csproj"] + (["Silo/Silo.csproj"] if cluster else [])
    for project in projects:
        log(f"building {project} ({configuration})")
        subprocess.run(["dotnet", "build", project, "-c", configuration, "-v", "quiet", "-nologo"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


def stop_on_term(signum, frame):
    # A stopped run still stops every process it started (the finally in main).
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv):
    options = parse(argv)
    signal.signal(signal.SIGTERM, stop_on_term)
    started = time.monotonic()
    os.chdir(ROOT)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing (bench/run.sh installs it with apt)")
    if not options.no_build:
        build(options.cluster, options.configuration)
    servers.CONFIGURATION = options.configuration
    work = tempfile.mkdtemp(prefix="kinopio-bench-")
    server = (servers.Cluster if options.cluster else servers.Embedded)(work, BENCH_ITERATIONS)
    results = {"options": vars(options), "mode": server.mode, "setup": server.describe(), "machine": report.machine(),
               "commit": report.commit(ROOT), "date": datetime.date.today().isoformat(), "rows": [], "growth": {}}
    bench = Bench(options, server, work)
    if options.before:
        results["before"], results["before_file"] = report.read_before(options.before), options.before_label or options.before
    try:
        log(f"starting the {server.mode} server (files in {work})")
        server.start()
        users = seed_main(bench, options.users)
        groups = {"spaces": seed_growth(bench, options.sizes, options.growth_users) if options.sizes else {},
                  "cards": seed_card_growth(bench, options.card_counts, options.growth_users) if options.card_counts else {}}
        log(f"rows: {options.seconds:g} s each after {options.warmup:g} s warm-up, {options.connections} connections")
        for entry in ROWS:
            results["rows"].append(bench.measure(entry, users, entry["name"]))
        for series in GROWTH_SERIES:
            over = series["over"]
            if groups[over]:
                results["growth"][series["name"]] = {"over": over, "points": {
                    size: bench.measure(series, users, f"{series['name']} ({size} {over})") for size, users in groups[over].items()}}
        if options.memory_stages:
            results["memory"] = measure_memory(bench, options.memory_stages)
        if options.cold_users > 0:
            results["cold"] = measure_cold(bench, users, min(options.cold_users, len(users)))
    except Exception as error:
        bench.failures.append(f"run stopped: {error}")
        log(f"run stopped: {error}")
    finally:
        server.stop()
        if options.keep or bench.failures:
            log(f"data and logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = time.monotonic() - started
    results["failures"] = bench.failures
    results["notes"] = NOTES
    out = options.out or (tempfile.mkdtemp(prefix="kinopio-bench-quick-") if options.quick else os.path.join(ROOT, "bench", "results"))
    paths = report.write(results, out)
    log(f"report: {' '.join(paths)} ({results['seconds']:.0f} s in all)")
    if bench.failures:
        log("FAILED rows:\n  " + "\n  ".join(bench.failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
