"""The servers a benchmark runs against, started from the Release build and stopped by PID.

Embedded: one Api process hosting its silo on a fresh SQLite file. Cluster: a throwaway PostgreSQL
(initdb/pg_ctl as the `postgres` user when run as root), two Silo processes and one Api as their
client, the way tests/Cluster.Tests starts them. Both can restart on the same data (cold activations).
"""
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

CONFIGURATION = "Release"  # the build the processes run from (bench.py --configuration)


def api_dll():
    return f"Api/bin/{CONFIGURATION}/net10.0/Kinopio.Api.dll"


def silo_dll():
    return f"Silo/bin/{CONFIGURATION}/net10.0/Kinopio.Silo.dll"
PG_BIN = "/usr/lib/postgresql/15/bin"
POOL_SIZE = 50  # per process; with 3 processes under MAX_CONNECTIONS
MAX_CONNECTIONS = 200


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_bytes(pid):
    """VmRSS of one process, from /proc/PID/status."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def wait_until(what, check, timeout=120, process=None, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}" + tail(log))
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what}: not after {timeout} s" + tail(log))


def tail(log, lines=30):
    if not log or not os.path.exists(log):
        return ""
    with open(log, errors="replace") as f:
        return "\n--- last lines of " + log + " ---\n" + "".join(f.readlines()[-lines:])


def http_ok(url):
    with urllib.request.urlopen(url, timeout=5) as answer:
        return answer.status == 200


class Process:
    """One dotnet process we started; stopped by its PID only."""

    def __init__(self, name, args, env, log):
        self.name, self.args, self.env, self.log = name, args, env, log
        self.popen = None

    def start(self):
        environment = dict(os.environ)
        environment.update(self.env)
        out = open(self.log, "ab")
        self.popen = subprocess.Popen(["dotnet", *self.args], env=environment, stdout=out, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        return self

    @property
    def pid(self):
        return self.popen.pid

    def stop(self, grace=30):
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.send_signal(signal.SIGTERM)
        try:
            self.popen.wait(grace)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()


def common_env(password_iterations):
    return {
        "RateLimit__PermitsPerSecond": "100000000",
        "Logging__LogLevel__Default": "Warning",
        "Kinopio__PasswordIterations": str(password_iterations),
        # Sign-ups are seeded by up to 64 parallel requests: the default queue of password hashes
        # (4 per core) would answer 503 to most of them. Bench only, like the iterations.
        "Kinopio__PasswordHashing__Queue": "1000",
        # A cluster outside Development refuses the default identity "kinopio".
        "Kinopio__ClusterId": "kinopio-bench",
        "Kinopio__ServiceId": "kinopio-bench",
        "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
    }


class Embedded:
    mode = "embedded"

    def __init__(self, work, password_iterations):
        self.work = work
        self.port = free_port()
        self.env = common_env(password_iterations)
        self.env.update({
            "Kinopio__DataPath": os.path.join(work, "kinopio.db"),
            "Kinopio__SiloPort": str(free_port()),
            "Kinopio__GatewayPort": str(free_port()),
        })
        self.api = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.api = Process("api", [api_dll(), "--urls", self.base], self.env, os.path.join(self.work, "api.log")).start()
        wait_until("the embedded Api ready", lambda: http_ok(self.base + "/health/ready"), process=self.api.popen, log=self.api.log)

    def restart(self):
        self.api.stop()
        self.start()

    def memory_pids(self):
        """The processes that hold the grains: the Api hosts the silo."""
        return {"api (silo inside)": self.api.pid}

    def stop(self):
        if self.api:
            self.api.stop()

    def describe(self):
        return "embedded: one Api process hosting its silo, SQLite file on local disk"


class Cluster:
    mode = "cluster"

    def __init__(self, work, password_iterations, silo_count=2):
        self.work = work
        self.port = free_port()
        self.pg_port = free_port()
        self.pg_dir = os.path.join(work, "postgres")
        self.env = common_env(password_iterations)
        self.silo_count = silo_count
        self.silos, self.api = [], None
        self.pg_started = False

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def connection_string(self):
        # Npgsql pools up to 100 connections per process by default, PostgreSQL allows 100: two silos
        # writing 100 spaces of a batch at once went over ("53300: too many clients", a 503). Capped here.
        return f"Host=127.0.0.1;Port={self.pg_port};Database=kinopio;Username=postgres;Maximum Pool Size={POOL_SIZE}"

    def _as_postgres(self, command):
        if os.geteuid() == 0:
            return subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", command], check=True, capture_output=True, text=True)
        return subprocess.run(["/bin/bash", "-c", command], check=True, capture_output=True, text=True)

    def _psql(self, sql, database="kinopio"):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", database,
                               "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()

    def _start_postgres(self):
        os.makedirs(self.pg_dir)
        os.chmod(self.work, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.pg_dir, "postgres", "postgres")
        data = os.path.join(self.pg_dir, "data")
        self._as_postgres(f"{PG_BIN}/initdb -D '{data}' -U postgres --auth=trust -E UTF8 --no-sync")
        with open(os.path.join(data, "postgresql.conf"), "a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nunix_socket_directories = '{self.pg_dir}'\nport = {self.pg_port}\n"
                       f"max_connections = {MAX_CONNECTIONS}\n")
        self._as_postgres(f"{PG_BIN}/pg_ctl -D '{data}' -l '{self.pg_dir}/postgres.log' -w -t 60 start")
        self.pg_started = True
        self._psql("CREATE DATABASE kinopio", database="postgres")

    def _generation(self, silo_port, active_only):
        """The newest generation of this port's membership row (Active ones only, if asked); 0 when none."""
        try:
            where = " AND Status = 3" if active_only else ""
            return int(self._psql(f"SELECT coalesce(max(Generation), 0) FROM OrleansMembershipTable WHERE Port = {silo_port}{where}") or 0)
        except subprocess.CalledProcessError:
            return 0  # no schema yet: the first silo applies it

    def start(self):
        if not self.pg_started:
            self._start_postgres()
            self.silo_ports = [(free_port(), free_port()) for _ in range(self.silo_count)]
        self.silos = []
        for index, (silo_port, gateway_port) in enumerate(self.silo_ports):
            previous = self._generation(silo_port, active_only=False)
            env = dict(self.env)
            env.update({
                "ConnectionStrings__Postgres": self.connection_string,
                "Kinopio__SiloPort": str(silo_port),
                "Kinopio__GatewayPort": str(gateway_port),
                "Kinopio__AdvertisedHost": "127.0.0.1",
            })
            silo = Process(f"silo{index}", [silo_dll()], env, os.path.join(self.work, f"silo{index}.log")).start()
            self.silos.append(silo)
            # One at a time: the first applies the schema; each is believed once its new row is Active.
            wait_until(f"silo{index} Active", lambda: self._generation(silo_port, active_only=True) > previous,
                       process=silo.popen, log=silo.log)
        env = dict(self.env)
        env["ConnectionStrings__Postgres"] = self.connection_string
        self.api = Process("api", [api_dll(), "--urls", self.base], env, os.path.join(self.work, "api.log")).start()
        wait_until("the cluster Api ready", lambda: http_ok(self.base + "/health/ready"), process=self.api.popen, log=self.api.log)

    def restart(self):
        self.api.stop()
        for silo in self.silos:
            silo.stop()
        self.start()

    def memory_pids(self):
        """The silos hold the grains; the Api is only their client."""
        return {silo.name: silo.pid for silo in self.silos}

    def stop(self):
        if self.api:
            self.api.stop()
        for silo in self.silos:
            silo.stop()
        if self.pg_started:
            try:
                self._as_postgres(f"{PG_BIN}/pg_ctl -D '{self.pg_dir}/data' -m immediate -w -t 30 stop")
            except subprocess.CalledProcessError:
                pass
            self.pg_started = False

    def describe(self):
        return (f"cluster: PostgreSQL 15 on 127.0.0.1 (fsync on, same disk, max_connections {MAX_CONNECTIONS}, "
                f"Npgsql pool ≤ {POOL_SIZE} per process), {self.silo_count} Silo processes, "
                "one Api process as their Orleans client; all on the same machine")
