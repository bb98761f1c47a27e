"""The benchmark's report: a Markdown file and an SVG chart of the growth series, both by hand."""
import math
import os
import subprocess

GIB = 2 ** 30


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as cpu:
        for line in cpu:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    with open("/proc/loadavg") as load:
        loadavg = " ".join(load.read().split()[:3])
    return {"nproc": os.cpu_count(), "cpu": model, "memory": memory, "load_at_start": loadavg}


def commit(root):
    try:
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def ms(value):
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def percent(share):
    return f"{share:.0f} %" if share >= 10 else f"{share:.1f} %"


def row_cells(result, baseline, before=None, answer_bytes=False):
    """One table line; before: {row name: req/s of an earlier run} adds that column; answer_bytes adds bytes/answer and MB/s."""
    extra = (["before req/s"] if before is not None else []) + (["bytes/answer", "MB/s"] if answer_bytes else [])
    if "rps" not in result:
        return f"| {result['name']} | failed: {result['failed']} | | | | |" + " |" * len(extra)
    share = result["rps"] / baseline * 100 if baseline else None
    ratio = "n/a" if share is None else percent(share)
    errors = f"{result['errors']:,}" + (f" ({result['non2xx']:,} non-2xx, {result['socket_errors']:,} socket)" if result["errors"] else "")
    cells = [result["name"], f"{result['rps']:,.0f}", ms(result["p50_ms"]), ms(result["p99_ms"]), errors, ratio]
    if before is not None:
        cells.append(f"{before[result['name']]:,.0f}" if result["name"] in before else "new")
    if answer_bytes:
        size = result.get("bytes_per_answer", 0)
        cells += [f"{size:,.0f}", f"{result['rps'] * size / 1e6:,.1f}"]
    return "| " + " | ".join(cells) + " |"


def header(before=None, answer_bytes=False):
    names = ["row", "req/s", "p50 ms", "p99 ms", "errors", "vs /health/live"] + (["before req/s"] if before is not None else []) \
        + (["bytes/answer", "MB/s"] if answer_bytes else [])
    return ["| " + " | ".join(names) + " |", "|---|" + "---:|" * (len(names) - 1)]


def read_before(path):
    """{row name: req/s} from an earlier results file (its tables' first two columns)."""
    before = {}
    with open(path) as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and line.startswith("| ") and cells[1].replace(",", "").isdigit():
                before[cells[0]] = float(cells[1].replace(",", ""))
    return before


def find(results, name):
    return next((r for r in results["rows"] if r["name"] == name and "rps" in r), None)


def point(results, series, size):
    found = results["growth"].get(series, {}).get("points", {}).get(size)
    return found if found and "rps" in found else None


def verdict(ok):
    return "**met**" if ok else "**missed**"


def within_1_5x(results, row, small_size, big_size, target, missing):
    """A growth target: the row at big_size within 1.5x of its req/s at small_size (one target row)."""
    small, big = point(results, row, small_size), point(results, row, big_size)
    if not (small and big):
        return (target, missing, "not measured")
    slower = small["rps"] / big["rps"]
    return (f"{target} (req/s)", f"{big['rps']:,.0f} vs {small['rps']:,.0f} req/s: {slower:.2f}x", verdict(slower <= 1.5))


def targets(results):
    """The targets of issues 9, 10 and 11, each met / missed / not measured in this run."""
    out = []
    get_user, patch_user, live = find(results, "GET /user"), find(results, "PATCH /user"), find(results, "GET /health/live")
    cluster = results["mode"] == "cluster"

    label = "cluster" if cluster else "embedded"
    if get_user and patch_user:
        share = patch_user["rps"] / get_user["rps"]
        out.append((f"durable PATCH /user over {results['options']['users']:,} users ≥ 40 % of GET /user, p99 ≤ 50 ms ({label})",
                    f"{share * 100:.0f} % of GET /user, p99 {ms(patch_user['p99_ms'])} ms", verdict(share >= 0.40 and patch_user["p99_ms"] <= 50)))
    out.append(within_1_5x(results, "PATCH /user", 0, 5000, "PATCH /user with 5,000 spaces within 1.5x of a user with none",
                           "5,000 not in the growth sizes"))
    if get_user and live:
        share = get_user["rps"] / live["rps"]
        out.append(("GET /user ≥ 65 % of GET /health/live", f"{share * 100:.0f} %", verdict(share >= 0.65)))
    stages = {s["users"]: s for s in results.get("memory", {}).get("stages", [])}
    if 100000 in stages:
        rss = stages[100000]["rss_after"]
        out.append(("100,000 users touched once: RSS ≤ 1 GiB", f"{rss / 2**20:,.0f} MiB", verdict(rss <= GIB)))
    else:
        out.append(("100,000 users touched once: RSS ≤ 1 GiB", "not run with 100,000 users", "not measured"))
    if cluster and patch_user:
        out.append(("cluster PATCH /user ≥ 2,000 req/s", f"{patch_user['rps']:,.0f} req/s", verdict(patch_user["rps"] >= 2000)))
    else:
        out.append(("cluster PATCH /user ≥ 2,000 req/s", "see the cluster run" if not cluster else "row failed", "not measured here"))
    # Issue 10: content.
    out.append(within_1_5x(results, "PATCH /card", 10, 10000, "PATCH /card (a move) in a 10,000-card space within 1.5x of a 10-card space",
                           "10 and 10,000 not both in --card-sizes"))
    reads = {size: point(results, "GET /space/:id", size) for size in (1000, 10000)}
    if all(reads.values()):
        rates = {size: r["rps"] * r["bytes_per_answer"] / 1e6 for size, r in reads.items()}
        out.append(("GET /space/:id cost proportional to the answer: MB/s at 10,000 cards ≥ 1/1.5 of MB/s at 1,000",
                    f"{reads[10000]['bytes_per_answer']:,.0f} B × {reads[10000]['rps']:,.0f}/s = {rates[10000]:,.1f} MB/s vs "
                    f"{reads[1000]['bytes_per_answer']:,.0f} B × {reads[1000]['rps']:,.0f}/s = {rates[1000]:,.1f} MB/s",
                    verdict(rates[10000] >= rates[1000] / 1.5)))
    post_card = find(results, "POST /card")
    if post_card and get_user:
        share = post_card["rps"] / get_user["rps"]
        out.append(("POST /card ≥ 40 % of GET /user", f"{share * 100:.0f} % ({post_card['rps']:,.0f} vs {get_user['rps']:,.0f} req/s)",
                    verdict(share >= 0.40)))
    # Issue 11: the operations path.
    batch = find(results, "POST /operations (20 card moves)")
    if batch:
        operations = batch["rps"] * batch["per_request"]
        out.append((f"POST /operations, 20 card moves per batch over {results['options']['users']:,} users: ≥ 20,000 operations/s embedded",
                    f"{operations:,.0f} operations/s ({batch['rps']:,.0f} batches/s), per-batch p99 {ms(batch['p99_ms'])} ms",
                    verdict(operations >= 20000) if not cluster else "embedded target (shown)"))
    return out


def markdown(results, svg_name):
    o = results["options"]
    m = results["machine"]
    live = find(results, "GET /health/live")
    baseline = live["rps"] if live else None
    before = results.get("before")
    lines = [
        f"# Benchmark {results['date']} ({results['mode']})",
        "",
        f"- command: `{' '.join(['bench/run.sh', *o['argv']])}` ({results['seconds']:.0f} s in all)",
        f"- commit `{results['commit']}`, mode **{results['mode']}**: {results['setup']}",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} RAM, load average {m['load_at_start']} at the start",
        f"- parameters: {o['users']:,} users, {o['seconds']:g} s per row after {o['warmup']:g} s warm-up, wrk {o['threads']} threads / "
        f"{o['connections']} connections on the same machine, {o.get('configuration', 'Release')} build, keys rotated over the users by one Lua script on every row, "
        f"password hashes at {o['iterations']:,} PBKDF2 iterations (bench only)",
        "- **The machine is shared with other developers and wrk runs on the same cores as the server: absolute numbers are "
        "noisy (±25 % run to run); compare the ratios within this run.**",
        "",
    ]
    if before is not None:
        lines += [f"- before: req/s of the same rows in `{results['before_file']}` (an earlier run, other code, other load)", ""]
    lines += header(before)
    lines += [row_cells(r, baseline, before) for r in results["rows"]]
    for r in results["rows"]:
        if r.get("per_request", 1) > 1 and "rps" in r:
            lines += ["", f"`{r['name']}`: **{r['rps'] * r['per_request']:,.0f} operations/s** ({r['per_request']} per request × "
                      f"{r['rps']:,.0f} req/s), per-batch p50 {ms(r['p50_ms'])} ms, p99 {ms(r['p99_ms'])} ms."]
    if results["growth"]:
        lines += ["", f"### Growth: one user ({o['growth_users']} per size) owning N spaces, or one space of N cards, hit by every connection", "",
                  "bytes/answer: wrk's bytes read per response, headers included; MB/s = req/s × bytes/answer.", ""]
        lines += header(before, answer_bytes=True)
        for series in results["growth"].values():
            lines += [row_cells(r, baseline, before, answer_bytes=True) for r in series["points"].values()]
        lines += ["", f"![growth]({svg_name})"]
    if "memory" in results:
        mem = results["memory"]
        lines += ["", f"### Memory (VmRSS of {mem['processes']})", "",
                  "| users signed up and read once | RSS before | RSS after | bytes per user | seconds |", "|---:|---:|---:|---:|---:|"]
        for s in mem["stages"]:
            lines.append(f"| {s['users']:,} | {s['rss_before'] / 2**20:,.0f} MiB | {s['rss_after'] / 2**20:,.0f} MiB | "
                         f"{s['bytes_per_user']:,.0f} | {s['seconds']:.0f} |")
    if "cold" in results:
        c = results["cold"]
        lines += ["", "### Cold activation", "",
                  f"Restart on the same data, then `GET /user` of {c['requests']:,} users untouched since the restart, one request at a time "
                  f"(key lookup and user grain both activated from storage): p50 **{ms(c['p50_ms'])} ms**, p99 **{ms(c['p99_ms'])} ms**, "
                  f"max {ms(c['max_ms'])} ms."]
    lines += ["", "### Targets of issues 9, 10 and 11", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {ok} |" for t, v, ok in targets(results)]
    if results.get("notes"):
        lines += ["", "### Seeding notes", ""] + [f"- {n}" for n in results["notes"]]
    if results["failures"]:
        lines += ["", "### Failures", ""] + [f"- {f}" for f in results["failures"]]
    return "\n".join(lines) + "\n"


def svg(results):
    """req/s by N (spaces owned, or cards in the space), one line per growth series; x categorical (the sizes are log-spaced)."""
    width, height, left, right, top, bottom = 760, 420, 80, 240, 50, 60
    series = {f"{name} (N {entry['over']})": [(size, r["rps"]) for size, r in entry["points"].items() if "rps" in r]
              for name, entry in results["growth"].items()}
    sizes = sorted({size for entry in results["growth"].values() for size in entry["points"]})
    values = [rps for points in series.values() for _, rps in points] or [1]
    # req/s spans orders of magnitude across sizes: a log scale keeps every point readable.
    low_exp, high_exp = math.floor(math.log10(max(min(values), 1))), math.ceil(math.log10(max(max(values), 10)))
    if high_exp == low_exp:
        high_exp += 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(size):
        return left + (sizes.index(size) + 0.5) * plot_w / len(sizes)

    def y(value):
        return top + plot_h - (math.log10(max(value, 1e-9)) - low_exp) / (high_exp - low_exp) * plot_h

    colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="15" font-weight="bold">Growth: req/s by N '
           f'({results["mode"]}, {results["date"]}, commit {results["commit"].split()[0]})</text>']
    for exponent in range(low_exp, high_exp + 1):
        for factor in (1, 2, 5):
            value = factor * 10 ** exponent
            if value > 10 ** high_exp:
                break
            out.append(f'<line x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" y2="{y(value):.1f}" '
                       f'stroke="{"#bbb" if factor == 1 else "#eee"}"/>')
            out.append(f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value:,.0f}</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="black"/>')
    for size in sizes:
        out.append(f'<text x="{x(size):.1f}" y="{top + plot_h + 20}" text-anchor="middle">{size:,}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 15}" text-anchor="middle">N: spaces owned by the user, or cards in the space (categorical)</text>')
    out.append(f'<text transform="translate(20,{top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">req/s (log scale)</text>')
    for index, (name, points) in enumerate(series.items()):
        color = colors[index % len(colors)]
        path = " ".join(f"{x(s):.1f},{y(r):.1f}" for s, r in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for s, r in points:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(r):.1f}" r="4" fill="{color}"/>')
            out.append(f'<text x="{x(s):.1f}" y="{y(r) - 9:.1f}" text-anchor="middle" fill="{color}">{r:,.0f}</text>')
        legend_y = top + 20 + index * 22
        out.append(f'<line x1="{left + plot_w + 20}" y1="{legend_y}" x2="{left + plot_w + 45}" y2="{legend_y}" stroke="{color}" stroke-width="2.5"/>')
        out.append(f'<text x="{left + plot_w + 52}" y="{legend_y + 4}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(results, folder):
    os.makedirs(folder, exist_ok=True)
    stem = results["date"] + ("-cluster" if results["mode"] == "cluster" else "")
    paths = []
    svg_name = f"{stem}-growth.svg"
    if results["growth"]:
        with open(os.path.join(folder, svg_name), "w") as f:
            f.write(svg(results))
        paths.append(os.path.join(folder, svg_name))
    md = os.path.join(folder, f"{stem}.md")
    with open(md, "w") as f:
        f.write(markdown(results, svg_name))
    paths.insert(0, md)
    print(markdown(results, svg_name))
    return paths
