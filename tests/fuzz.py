#!/usr/bin/env python3
"""The fuzz corpus (issue 14, item 14): malformed requests against a real server process.

Starts the embedded Api from a build (`dotnet Api/bin/<Configuration>/net10.0/Kinopio.Api.dll`, a fresh
SQLite file, free ports, the rate limit raised, the way bench/servers.py does), seeds three users with
spaces, cards, connections, connection types, favorites and a collaborator, snapshots every GET view of
them, sends the corpus, snapshots again, and proves:

- no answer is a 5xx (also counted by the server itself: /metrics and the request log, which see the
  requests whose answer the client never read: bodies cut short, slow bodies);
- every answer has `Content-Type: application/json` and a JSON body; an error answer is
  `{"status": <the HTTP status>, "message": "..."}`; the status is the one the contract fixes
  (§1: 401 before 400 before 404/401/403, 413 past the body limit, 404 for unknown routes);
- `POST /operations`: a malformed batch is a 400; a well-formed batch of operations that must all be
  refused is a 200 whose `errors` name every index with the status its route would answer, and no
  operation applied;
- WebSocket frames the room protocol does not take (not JSON, binary, over 64 KiB, invalid UTF-8,
  fragments out of order, a join with a non-string id...) drop the frame or close the socket with the
  code RFC 6455 / contract §6 give, and the server keeps answering;
- afterwards every snapshot is equal to the one before.

Deterministic (random.Random(SEED) for generated cases) and bounded (a few slow requests of <= 3 s,
run at once). Exits 1 on any violation, printing each one: the request, what was expected, what came.

    tests/fuzz.py [--configuration Debug|Release] [--keep] [--verbose]
"""
import argparse
import base64
import collections
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import socket
import struct
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import servers  # noqa: E402  (the benchmark's way of starting a real server process)

SEED = 14
MIB = 1024 * 1024
BATCH_LIMIT = 16 * MIB
PASSWORD = "correct horse battery"


# --------------------------------------------------------------------------------------------- HTTP

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def parse_response(raw):
    """One HTTP/1.1 answer from raw bytes (Content-Length or chunked), or None when incomplete."""
    head, sep, rest = raw.partition(b"\r\n\r\n")
    if not sep:
        return None
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        n = int(headers["content-length"])
        return Answer(status, headers, rest[:n]) if len(rest) >= n else None
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body, pos = b"", 0
        while True:
            end = rest.find(b"\r\n", pos)
            if end < 0:
                return None
            size = int(rest[pos:end].split(b";")[0], 16)
            if size == 0:
                return Answer(status, headers, body)
            if len(rest) < end + 2 + size + 2:
                return None
            body += rest[end + 2:end + 2 + size]
            pos = end + 2 + size + 2
    return Answer(status, headers, rest)


class Server:
    def __init__(self, base):
        url = urllib.parse.urlparse(base)
        self.host, self.port = url.hostname, url.port
        self.conn = None

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        return self.conn

    def request(self, method, path, body=None, headers=None, key=None):
        """A request on a kept-alive connection; one reconnect when the server closed it (after a 413, say)."""
        headers = dict(headers or {})
        if key is not None:
            headers["Authorization"] = key
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = json.dumps(body).encode()
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
                if response.will_close:
                    self.close()
                return answer
            except (http.client.HTTPException, ConnectionError, BrokenPipeError, socket.timeout):
                self.close()
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def raw(self, data, read_timeout=10, shutdown_write=False, chunks=None, pause=0.0):
        """Sends bytes on a new socket (optionally in chunks with a pause between them), reads one answer."""
        with socket.create_connection((self.host, self.port), timeout=read_timeout) as s:
            try:
                s.sendall(data)
                if chunks is not None:
                    for chunk in chunks:
                        s.sendall(chunk)
                        time.sleep(pause)
                if shutdown_write:
                    s.shutdown(socket.SHUT_WR)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered early (413) and closed: read what it said
            received = b""
            while True:
                answer = parse_response(received)
                if answer is not None and (answer.headers.get("content-length") or "chunked" in answer.headers.get("transfer-encoding", "")):
                    return answer
                try:
                    data = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    data = b""
                if not data:
                    return parse_response(received) if received else None
                received += data


def raw_request(method, path, body=b"", headers=None, content_length=None, host="fuzz"):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    if content_length is not None:
        lines.append(f"Content-Length: {content_length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


# ----------------------------------------------------------------------------------------- checks

class Corpus:
    def __init__(self, server, verbose=False):
        self.server = server
        self.verbose = verbose
        self.counts = collections.Counter()
        self.violations = []
        self.lock = threading.Lock()

    def violation(self, klass, description, expected, got):
        with self.lock:
            self.violations.append((klass, description, expected, got))
        if self.verbose:
            print(f"VIOLATION [{klass}] {description}\n  expected: {expected}\n  got:      {got}", flush=True)

    def check(self, klass, description, answer, expected, json_body=True, extra=None):
        """Counts the request; checks 5xx, JSON body, error shape and status. Returns the parsed body or None."""
        with self.lock:
            self.counts[klass] += 1
        allowed = expected if isinstance(expected, (tuple, list, set, frozenset)) else (expected,)
        if answer is None:
            if None not in allowed:  # None: the client may see no answer (it stopped sending; the server's count is checked at the end)
                self.violation(klass, description, f"status {expected}", "no answer (connection closed)")
            return None
        got = f"{answer.status} {answer.body[:300]!r}"
        if answer.status >= 500:
            self.violation(klass, description, f"status {expected}, never 5xx", got)
            return None
        if answer.status not in allowed:
            self.violation(klass, description, f"status {expected}", got)
        if not json_body:
            return None
        if not answer.headers.get("content-type", "").startswith("application/json"):
            self.violation(klass, description, "Content-Type: application/json", f"{answer.headers.get('content-type')!r}; {got}")
            return None
        try:
            body = answer.json()
        except (UnicodeDecodeError, ValueError):
            self.violation(klass, description, "a JSON body", got)
            return None
        if answer.status >= 400:
            if not (isinstance(body, dict) and body.get("status") == answer.status and isinstance(body.get("message"), str) and body["message"]):
                self.violation(klass, description, '{"status": <status>, "message": "..."}', got)
        if extra is not None:
            problem = extra(body)
            if problem:
                self.violation(klass, description, problem[0], problem[1])
        return body

    def send(self, klass, method, path, body=None, expected=400, headers=None, key=None, describe=None, **check):
        description = describe or f"{method} {path} {'key' if key else 'no key'} body={short(body)} headers={headers or {}}"
        try:
            answer = self.server.request(method, path, body=body, headers=headers, key=key)
        except Exception as e:  # noqa: BLE001
            answer = None
            description += f" ({type(e).__name__}: {e})"
        return self.check(klass, description, answer, expected, **check)


def short(body, limit=160):
    if body is None:
        return "none"
    if not isinstance(body, (bytes, bytearray)):
        body = json.dumps(body).encode()
    text = repr(bytes(body[:limit]))
    return text + (f"...({len(body)} bytes)" if len(body) > limit else "")


# ------------------------------------------------------------------------------------------ world

class World:
    """The seeded users and what they own; every id fixed, so the snapshot can name it."""

    def __init__(self):
        self.users = {}      # name -> {"id", "apiKey", "email"}
        self.spaces = {}     # space id -> owner name
        self.items = []      # (kind path, id, space id)
        self.collaborator_key = {}


def ok(answer, what, statuses=(200, 201)):
    if answer.status not in statuses:
        raise RuntimeError(f"seeding: {what} answered {answer.status} {answer.body[:500]!r}")
    return answer.json()


def seed(server):
    w = World()
    for name in ("ann", "bob", "cat"):
        user = ok(server.request("POST", "/user/sign-up", {"email": f"fuzz-{name}@example.com", "password": PASSWORD,
                                                           "id": f"fuzz_{name}", "name": f"fuzz_{name}"}), f"sign-up {name}")
        w.users[name] = {"id": user["id"], "apiKey": user["apiKey"], "email": f"fuzz-{name}@example.com"}
    a, b, c = (w.users[n]["apiKey"] for n in ("ann", "bob", "cat"))
    ok(server.request("PATCH", "/user", {"description": "seeded ann", "website": "example.com/ann", "color": "#c9a0e1",
                                         "lastSpaceId": "ann_open"}, key=a), "PATCH /user")

    ok(server.request("POST", "/space", [{"id": "ann_open", "name": "Ann open", "privacy": "open"},
                                         {"id": "ann_private", "name": "Ann private", "privacy": "private"},
                                         {"id": "ann_closed", "name": "Ann closed"},
                                         {"id": "ann_removed", "name": "Ann removed"}], key=a), "POST /space ann")
    ok(server.request("PATCH", "/space", {"id": "ann_open", "showInExplore": True}, key=a), "showInExplore")
    ok(server.request("DELETE", "/space", {"id": "ann_removed"}, key=a), "DELETE /space")
    ok(server.request("POST", "/space", [{"id": "bob_private", "name": "Bob private", "privacy": "private"},
                                         {"id": "bob_open", "name": "Bob open", "privacy": "open"}], key=b), "POST /space bob")
    for space, owner in (("ann_open", "ann"), ("ann_private", "ann"), ("ann_closed", "ann"), ("ann_removed", "ann"),
                         ("bob_private", "bob"), ("bob_open", "bob")):
        w.spaces[space] = owner

    ok(server.request("POST", "/connection-type", {"spaceId": "ann_open", "id": "ann_type", "name": "relates", "color": "#ff0000"}, key=a), "type")
    ok(server.request("POST", "/card", [{"spaceId": "ann_open", "id": "ann_card1", "name": "one", "x": 10, "y": 20, "z": 1},
                                        {"spaceId": "ann_open", "id": "ann_card2", "name": "two", "x": 300, "y": 20},
                                        {"spaceId": "ann_open", "id": "ann_card3", "name": "three", "backgroundColor": "#eee", "isLocked": True}],
                      key=a), "cards")
    ok(server.request("POST", "/connection", {"spaceId": "ann_open", "id": "ann_link", "startCardId": "ann_card1", "endCardId": "ann_card2",
                                              "connectionTypeId": "ann_type", "path": "M10 20 L300 20"}, key=a), "connection")
    ok(server.request("DELETE", "/card", {"spaceId": "ann_open", "id": "ann_card3"}, key=a), "remove card")
    ok(server.request("POST", "/card", {"spaceId": "ann_private", "id": "ann_secret", "name": "secret"}, key=a), "private card")
    ok(server.request("POST", "/card", {"spaceId": "bob_open", "id": "bob_card", "name": "bob's"}, key=b), "bob card")
    ok(server.request("POST", "/card", {"spaceId": "ann_open", "id": "cat_card", "name": "cat was here"}, key=c), "cat card in ann_open")
    w.items = [("card", "ann_card1", "ann_open"), ("card", "ann_card2", "ann_open"), ("card", "ann_card3", "ann_open"),
               ("connection", "ann_link", "ann_open"), ("connection-type", "ann_type", "ann_open"),
               ("card", "ann_secret", "ann_private"), ("card", "bob_card", "bob_open"), ("card", "cat_card", "ann_open")]

    key = ok(server.request("GET", "/space/ann_private/collaborator-key", key=a), "collaborator key")
    ok(server.request("PATCH", "/space/collaborator", {"spaceId": "ann_private"}, headers={"Space-Authorization": key}, key=b), "join")
    w.collaborator_key["ann_private"] = key

    ok(server.request("PATCH", "/user/favorites", {"type": "user", "id": "fuzz_bob"}, key=a), "favorite user")
    ok(server.request("PATCH", "/user/favorites", {"type": "space", "id": "bob_open"}, key=a), "favorite space")
    ok(server.request("PATCH", "/user/favorites", {"type": "space", "id": "ann_open"}, key=c), "favorite space cat")
    return w


VOLATILE_USER_FIELDS = ("currentPublicSpaceId",)  # presence (§6): any REST read of an open space sets it for 60 s


def snapshot(server, w):
    views = {}

    def get(name, path, key=None, strip=()):
        answer = server.request("GET", path, key=key)
        body = answer.json() if answer.body else None
        if isinstance(body, dict):
            for field in strip:
                body.pop(field, None)
        views[name] = (answer.status, body)

    for name, user in w.users.items():
        key = user["apiKey"]
        get(f"{name} /user", "/user", key, strip=VOLATILE_USER_FIELDS)
        get(f"{name} /user/favorites", "/user/favorites", key, strip=VOLATILE_USER_FIELDS)
        for path in ("/user/spaces", "/user/removed-spaces"):
            get(f"{name} {path}", path, key)
        get(f"public {name}", f"/user/public/{user['id']}")
        for space in w.spaces:
            get(f"{name} /space/{space}", f"/space/{space}", key)
    for space, owner in w.spaces.items():
        key = w.users[owner]["apiKey"]
        get(f"anonymous /space/{space}", f"/space/{space}")
        get(f"/space/{space}/removed-cards", f"/space/{space}/removed-cards", key)
        get(f"/space/{space}/collaborator-key", f"/space/{space}/collaborator-key", key)
    for kind, item, space in w.items:
        get(f"/{kind}/{item}", f"/{kind}/{item}?spaceId={space}", w.users[w.spaces[space]]["apiKey"])
    get("/space/new-spaces", "/space/new-spaces")
    return views


def compare(before, after):
    problems = []
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            problems.append((name, json.dumps(before.get(name))[:600], json.dumps(after.get(name))[:600]))
    return problems


# ---------------------------------------------------------------------------------- the body corpus

STRING, NULLABLE, BOOL, NUMBER, ID, FRAME = "string", "string or null", "boolean", "number", "id", "frame id"
WRONG_VALUES = {
    STRING: [None, True, 0, -1.5, [], {}, ["a"], {"a": "b"}],
    NULLABLE: [True, 7, [], {}, [None], {"": ""}],
    BOOL: [None, 0, 1, "true", [], {}],
    NUMBER: [None, "1", True, [], {}, [1]],
    ID: [None, True, 12, [], {}, "a b", "../etc", "x" * 65, "é", "<script>", ""],
    FRAME: [None, True, [], {}, "x" * 65],
}
HUGE_NUMBERS = [b"1e400", b"-1e400", b"123456789012345678901234567890123456789e300", b"1" * 400, b"-0.0000e99999"]
OVERLONG = 2000  # over every string limit but the 4000 of item text; those get their own


class BodyRoute:
    """A route that reads a JSON body: a template that it would refuse or that is well-formed, and each checked field's type."""

    def __init__(self, method, path, auth, template, fields, limit=MIB, lengths=None, not_object=400, key_name="ann", headers=None):
        self.method, self.path, self.auth, self.template, self.fields = method, path, auth, template, fields
        self.limit, self.lengths, self.not_object, self.key_name = limit, lengths or {}, not_object, key_name
        self.headers = headers or {}

    def __repr__(self):
        return f"{self.method} {self.path}"


def body_routes(w):
    """The template of a keyed route is refused by the reader once any checked field is wrong; never sent as is."""
    item = {"spaceId": "bob_private", "id": "bob_card"}
    return [
        BodyRoute("POST", "/user/sign-up", "none", {"email": "fuzz-ann@example.com", "password": PASSWORD, "name": "fuzz_new"},
                  {"email": STRING, "password": STRING, "name": NULLABLE, "id": NULLABLE, "color": NULLABLE, "description": NULLABLE,
                   "website": NULLABLE}, lengths={"email": 255, "password": 257, "name": 61, "description": 1001, "website": 301}),
        BodyRoute("POST", "/user/sign-in", "none", {"email": "nobody@example.com", "password": PASSWORD},
                  {"email": STRING, "password": STRING}, lengths={"email": 255, "password": 257}),
        BodyRoute("POST", "/user/reset-password", "none", {"email": "nobody@example.com"}, {"email": STRING}, lengths={"email": 255}),
        BodyRoute("PATCH", "/user/update-password", "key", {"password": "short"}, {"password": STRING}, lengths={"password": 257}),
        BodyRoute("PATCH", "/user", "key", {"description": "x", "website": "w", "color": "#000", "name": "fuzz_bob"},
                  {"name": STRING, "color": STRING, "description": STRING, "website": STRING, "lastSpaceId": NULLABLE,
                   "lastReadNewStuffId": NULLABLE, "defaultConnectionTypeId": NULLABLE},
                  lengths={"name": 61, "color": 33, "description": 1001, "website": 301, "lastSpaceId": 65}),
        BodyRoute("PATCH", "/user/favorites", "key", {"type": "user", "id": "nobody_user"}, {"type": STRING, "id": STRING}, lengths={"id": 65}),
        BodyRoute("POST", "/space", "key", {"id": "bob_open", "name": "never", "privacy": "open"},
                  {"name": STRING, "privacy": STRING, "id": NULLABLE, "showInExplore": BOOL}, lengths={"name": 201, "id": 65}),
        BodyRoute("PATCH", "/space", "key", {"id": "bob_open", "name": "renamed"},
                  {"id": ID, "name": STRING, "privacy": STRING, "showInExplore": BOOL}, lengths={"name": 201}),
        BodyRoute("DELETE", "/space", "key", {"id": "bob_open"}, {"id": ID}),
        BodyRoute("PATCH", "/space/restore", "key", {"id": "bob_open"}, {"id": ID}),
        BodyRoute("DELETE", "/space/permanent", "key", {"id": "bob_open"}, {"id": ID}),
        BodyRoute("PATCH", "/space/collaborator", "key", {"spaceId": "ann_private"}, {"spaceId": ID, "userId": ID},
                  key_name="cat", headers={"Space-Authorization": "not the key"}),
        BodyRoute("DELETE", "/space/collaborator", "key", {"spaceId": "bob_open", "userId": "fuzz_bob"}, {"spaceId": ID, "userId": ID}),
        BodyRoute("POST", "/card", "key", dict(item, name="new", x=1, y=2),
                  {"spaceId": ID, "name": STRING, "x": NUMBER, "y": NUMBER, "z": NUMBER, "frameId": FRAME}, lengths={"name": 4001}),
        BodyRoute("PATCH", "/card", "key", dict(item, name="moved", x=5), {"spaceId": ID, "id": ID, "name": STRING, "x": NUMBER, "y": NUMBER,
                                                                         "z": NUMBER}, lengths={"name": 4001}),
        BodyRoute("PATCH", "/card/multiple", "key", [dict(item, x=5), {"spaceId": "bob_private", "id": "ann_card2", "y": 9}],
                  {"spaceId": ID, "id": ID, "x": NUMBER, "name": STRING}, limit=BATCH_LIMIT, lengths={"name": 4001}),
        BodyRoute("DELETE", "/card", "key", item, {"spaceId": ID, "id": ID}),
        BodyRoute("PATCH", "/card/restore", "key", {"spaceId": "bob_private", "id": "ann_card3"}, {"spaceId": ID, "id": ID}),
        BodyRoute("DELETE", "/card/permanent", "key", item, {"spaceId": ID, "id": ID}),
        BodyRoute("POST", "/connection", "key", {"spaceId": "bob_private", "startCardId": "ann_card2", "endCardId": "ann_card1",
                                                 "connectionTypeId": "ann_type"},
                  {"spaceId": ID, "startCardId": ID, "endCardId": ID, "connectionTypeId": ID, "path": STRING, "labelIsVisible": BOOL},
                  lengths={"path": 4001}),
        BodyRoute("PATCH", "/connection", "key", {"spaceId": "bob_private", "id": "ann_link", "labelIsVisible": True},
                  {"spaceId": ID, "id": ID, "labelIsVisible": BOOL, "path": STRING}, lengths={"path": 4001}),
        BodyRoute("PATCH", "/connection/multiple", "key", [{"spaceId": "bob_private", "id": "ann_link", "labelIsVisible": True}],
                  {"spaceId": ID, "id": ID, "labelIsVisible": BOOL}, limit=BATCH_LIMIT),
        BodyRoute("DELETE", "/connection", "key", {"spaceId": "bob_private", "id": "ann_link"}, {"spaceId": ID, "id": ID}),
        BodyRoute("POST", "/connection-type", "key", {"spaceId": "bob_private", "name": "new type", "color": "#0f0"},
                  {"spaceId": ID, "name": STRING, "color": STRING}, lengths={"name": 201, "color": 33}),
        BodyRoute("PATCH", "/connection-type", "key", {"spaceId": "bob_private", "id": "ann_type", "color": "#00f"},
                  {"spaceId": ID, "id": ID, "name": STRING, "color": STRING}, lengths={"name": 201, "color": 33}),
        BodyRoute("PATCH", "/connection-type/multiple", "key", [{"spaceId": "bob_private", "id": "ann_type", "color": "#00f"}],
                  {"spaceId": ID, "id": ID, "color": STRING}, limit=BATCH_LIMIT, lengths={"color": 33}),
        BodyRoute("DELETE", "/connection-type", "key", {"spaceId": "bob_private", "id": "ann_type"}, {"spaceId": ID, "id": ID}),
        # Lenient batch routes: only a body that is not JSON or not an array is a 400 (below, their own cases).
        BodyRoute("POST", "/space/multiple", "key", [{"id": "fuzz_never", "name": "never"}], {}, limit=BATCH_LIMIT),
        BodyRoute("POST", "/operations", "key", [{"name": "updateUser", "body": {"description": "x"}}], {}, limit=BATCH_LIMIT),
    ]


def is_array_route(route):
    return isinstance(route.template, list)


def with_field(route, field, raw_value):
    """The template's JSON text with one field set to raw JSON bytes (in every item of an array template)."""
    def one(obj):
        obj = dict(obj)
        obj[field] = "\u0000PLACEHOLDER\u0000"
        return obj
    template = [one(o) for o in route.template] if is_array_route(route) else one(route.template)
    return json.dumps(template).encode().replace(b'"\\u0000PLACEHOLDER\\u0000"', raw_value)


def deep(depth, rng=None):
    opener, closer = (b"[", b"]") if rng is None or rng.random() < 0.5 else (b'{"a":', b"}")
    return opener * depth + b"1" + closer * depth


def malformed_json(route, rng):
    """(class, body bytes, headers) that are not JSON, or JSON that every reader refuses as a whole."""
    text = json.dumps(route.template).encode()
    cases = []
    for cut in sorted({1, 2, len(text) // 3, len(text) // 2, len(text) - 2, len(text) - 1} - {0}):
        cases.append(("truncated JSON", text[:cut], {}))
    for garbage in (b"{", b"}", b"[", b"{'a': 1}", b'{"a":1,}', b'{"a" 1}', b"nul", b"tru", b"NaN", b"{} {}", b'{"a":1} x',
                    b"/* c */ {}", b"\x00", b"   ", b'"unterminated', b'{"a":"\\x41"}', b'{"a":01}', b"[1,]", b"Infinity",
                    b'{"a":.5}', b'{"a":+1}', b"\xef\xbb\xbf{\"x\":{", b"<xml/>", b"key=value&a=b"):
        cases.append(("not JSON", garbage, {}))
    for _ in range(4):
        cases.append(("random bytes", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 120))), {}))
    for depth in (65, 200, 5000, 100000):
        cases.append(("deep-nested JSON", deep(depth, rng), {}))
    cases.append(("deep-nested JSON", b'{"name":' + deep(100) + b"}", {}))
    for bad in (b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"a\x80b", b"\xe2\x82"):
        cases.append(("invalid UTF-8", b'{"' + bad + b'": 1}', {}))
        cases.append(("invalid UTF-8", b"[" + bad + b"]", {}))
    for ctype, body in (("text/plain", b"hello"), ("application/x-www-form-urlencoded", b"name=x&description=y"),
                        ("multipart/form-data; boundary=zz", b"--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--zz--\r\n"),
                        ("application/json; charset=utf-16", '{"name": "x"}'.encode("utf-16")), ("application/xml", b"<a/>"),
                        ("", b"\x00\x01")):
        cases.append(("wrong content type", body, {"Content-Type": ctype}))
    return cases


def refused_json(route, rng):
    """(class, body bytes) of well-formed JSON that the route's reader refuses (400) on a keyed or public route."""
    cases = []
    if not is_array_route(route):
        for whole in (b"null", b"true", b"0", b"-1e400", b'"a string"', b"[null]", b"[1, 2]", b'[[{"id": "x"}]]'):
            cases.append(("wrong JSON type", whole))
        if route.path not in ("/card", "/connection", "/connection-type", "/space") or route.method == "DELETE" or True:
            if route.path in ("/card", "/connection", "/connection-type", "/space") and route.method != "DELETE":
                cases.append(("wrong JSON type", b"[]"))  # 0 items: refused on the plain routes
    else:
        for whole in (b"null", b"true", b"0", b'"s"', b"[null]", b"[1]"):
            cases.append(("wrong JSON type", whole))
    cases.append(("empty body", b""))
    for field, kind in route.fields.items():
        for value in WRONG_VALUES[kind]:
            if kind == ID and value in ("", None) and route.method == "POST" and field == "id":
                continue  # an empty or null id on a create means "generate one"
            if value is None and route.path == "/space/collaborator" and route.method == "PATCH" and field == "userId":
                continue  # userId: null is "not sent" on a join
            cases.append(("wrong JSON type", with_field(route, field, json.dumps(value).encode())))
        if kind in (STRING, NULLABLE, ID):
            cases.append(("huge numbers", with_field(route, field, rng.choice(HUGE_NUMBERS))))
        if kind == NUMBER:
            for huge in HUGE_NUMBERS[:3]:
                cases.append(("huge numbers", with_field(route, field, huge)))
        if field in route.lengths:
            cases.append(("overlong strings", with_field(route, field, json.dumps("a" * route.lengths[field]).encode())))
        if kind in (STRING, NULLABLE):
            cases.append(("overlong strings", with_field(route, field, json.dumps("é" * 300_000, ensure_ascii=False).encode())))
            cases.append(("lone surrogate escapes", with_field(route, field, b'"a\\ud800b"')))
            cases.append(("lone surrogate escapes", with_field(route, field, b'"\\udfff"')))
        # a field whose value is invalid UTF-8 (raw bytes inside the JSON string)
        cases.append(("invalid UTF-8", with_field(route, field, b'"ok\xff\xfe"')))
        cases.append(("invalid UTF-8", with_field(route, field, b'"\xed\xa0\x80"')))
        # duplicate keys: the first value right, the second wrong; and two right values (ambiguous: refused)
        wrong = json.dumps(WRONG_VALUES[kind][1]).encode()
        text = with_field(route, field, b"PLACE")
        cases.append(("duplicate keys", text.replace(b"PLACE", json.dumps(valid_value(route, field)).encode() + b', "' + field.encode() + b'": ' + wrong)))
        cases.append(("duplicate keys", text.replace(b"PLACE", json.dumps(valid_value(route, field)).encode() + b', "' + field.encode() + b'": '
                                                     + json.dumps(valid_value(route, field)).encode())))
        cases.append(("deep-nested JSON", with_field(route, field, deep(40))))
    return cases


def valid_value(route, field):
    template = route.template[0] if is_array_route(route) else route.template
    if field in template:
        return template[field]
    return {STRING: "fine", NULLABLE: None, BOOL: False, NUMBER: 1, ID: "bob_private", FRAME: 0}[route.fields[field]]


def strict_keyed(route):
    return route.auth == "key" and route.path not in ("/space/multiple", "/operations")


def run_body_corpus(corpus, w, rng):
    for route in body_routes(w):
        key = w.users[route.key_name]["apiKey"]
        headers = dict(route.headers)
        lenient = route.path in ("/space/multiple", "/operations")
        for klass, body, extra_headers in malformed_json(route, rng):
            h = dict(headers, **extra_headers)
            if route.auth == "key" and rng.random() < 0.3:
                corpus.send(klass, route.method, route.path, body, 401, headers=h)  # no key: 401 before anything is read
                corpus.send(klass, route.method, route.path, body, 401, headers=h, key="3f2c9a3e-1111-4222-8333-944455556666")
            corpus.send(klass, route.method, route.path, body, 400, headers=h, key=key if route.auth == "key" else None)
        if lenient:
            continue
        # the template itself is refused by the object checks (a taken name, a space of nobody, someone's
        # private space...), so a mutation that leaves it valid still changes nothing
        refusals = (200, 400) if route.path in ("/user/reset-password", "/user/update-password") else (401, 403, 404, 409)  # nobody's email; "short"
        answer = corpus.send("templates (refused whole)", route.method, route.path, route.template, refusals,
                             headers=headers, key=key if route.auth == "key" else None)
        template_status = answer.get("status") if isinstance(answer, dict) else None
        for klass, body in refused_json(route, rng):
            if route.auth == "key" and rng.random() < 0.25:
                corpus.send(klass, route.method, route.path, body, 401, headers=headers)
            # a lone surrogate escape reads as U+FFFD (JsonBody): a string like any other, refused as the template is
            expected = (400, template_status) if klass == "lone surrogate escapes" else 400
            corpus.send(klass, route.method, route.path, body, expected, headers=headers, key=key if route.auth == "key" else None)


# ------------------------------------------------------------------------------------ other classes

def run_path_corpus(corpus, w):
    """Bad ids in paths and queries, unknown routes, wrong methods, headers a client should not send."""
    a, c = w.users["ann"]["apiKey"], w.users["cat"]["apiKey"]
    bad_ids = ["x" * 65, "a%20b", "%C3%A4", "%FF", "%C0%AF", "%3Cscript%3E", "a.b", "a%2Fb", "~", "x" * 3000,
               "null", "undefined", "%F0%9F%98%80", "a%0D%0Ab"]
    for bad in bad_ids:
        for key in (None, a):
            corpus.send("bad ids in paths", "GET", f"/space/{bad}", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/space/by-url/{bad}", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/space/{bad}/removed-cards", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/card/{bad}?spaceId=ann_open", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/connection/{bad}?spaceId=ann_open", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/connection-type/{bad}?spaceId=ann_open", expected=404, key=key)
            corpus.send("bad ids in paths", "GET", f"/card/ann_card1?spaceId={bad}", expected=404 if bad in ("null", "undefined") else 400, key=key)
        corpus.send("bad ids in paths", "GET", f"/user/public/{bad}", expected=404)
        corpus.send("bad ids in paths", "GET", f"/space/{bad}/collaborator-key", expected=404, key=a)
        corpus.send("bad ids in paths", "GET", f"/space/{bad}/collaborator-key", expected=401)
        corpus.send("bad ids in paths", "PATCH", f"/space/restore/{bad}", expected=404, key=a)
        corpus.send("bad ids in paths", "PATCH", f"/space/restore/{bad}", expected=401)
    # by-url with many dash-separated parts: each part is tried as an id
    corpus.send("bad ids in paths", "GET", "/space/by-url/" + "-".join(["a"] * 2000), expected=404)
    corpus.send("bad ids in paths", "GET", "/card/ann_card1", expected=400, key=a)  # no spaceId
    corpus.send("bad ids in paths", "GET", "/card/ann_card1?spaceId=ann_open&spaceId=bob_open", expected=400, key=a)
    corpus.send("bad ids in paths", "GET", "/card/ann_card1?spaceId=", expected=400, key=a)
    for path in ("/nope", "/user/nope", "/space/a/b/c", "/api/user", "/user/spaces/x", "/card/x/y", "/%FF", "/operations/x",
                 "/health", "/index.html", "/.env", "/user/public", "/" + "z" * 2000):
        for method in ("GET", "POST", "PATCH", "DELETE"):
            corpus.send("unknown routes", method, path, expected=404, key=a if method != "GET" else None)
    # known paths, methods they do not have
    for method, path in (("PUT", "/user"), ("POST", "/user"), ("PUT", "/space"), ("GET", "/operations"), ("DELETE", "/operations"),
                         ("PUT", "/card"), ("POST", "/user/spaces"), ("TRACE", "/"), ("POST", "/health/live"), ("GET", "/user/sign-up")):
        corpus.send("wrong methods", method, path, expected=(404, 405), key=a)
    # malformed HTTP that Kestrel refuses itself, before any middleware: 400 with an empty body (the one
    # exception to "every answer is JSON": a request Kestrel cannot parse never reaches the app)
    for path in ("/space/%00", "/card/%00?spaceId=ann_open", "/user/public/%00"):
        corpus.send("HTTP framing (Kestrel)", "GET", path, expected=400, json_body=False)
    # credentials that are not keys
    for header in ("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "null", "undefined", "[object Object]", "x" * 4000,
                   a + " " + a, a.upper(), a[:-1], "' OR 1=1 --", "Bearer Bearer " + a, a + "x"):
        corpus.send("bad credentials", "GET", "/user", expected=401, headers={"Authorization": header})
        corpus.send("bad credentials", "PATCH", "/user", body={"description": "not me"}, expected=401, headers={"Authorization": header})
    for query in ("apiKey=", "apiKey=null", "apiKey=%FF", "apiKey=" + "a" * 3000, f"apiKey={a}x"):
        corpus.send("bad credentials", "GET", f"/user?{query}", expected=401)
    for value in ("[object Object]", "", "x" * 3000, w.collaborator_key["ann_private"] + "x", "null"):
        corpus.send("bad credentials", "GET", "/space/ann_private", expected=401, headers={"Space-Authorization": value})
        corpus.send("bad credentials", "GET", "/space/ann_private", expected=401, headers={"Space-Authorization": value}, key=c)
        corpus.send("bad credentials", "PATCH", "/space/collaborator", body={"spaceId": "ann_private"}, expected=401,
                    headers={"Space-Authorization": value}, key=c)
    for token in ("00000000-0000-0000-0000-000000000000", "reset.token", "x" * 500):
        corpus.send("bad credentials", "PATCH", "/user/update-password", body={"password": "new password!"}, expected=401,
                    headers={"Authorization": token})
    corpus.send("bad credentials", "PATCH", "/user/update-password", body={"password": "new password!"}, expected=401)
    for path in ("/user/permanent",):
        corpus.send("bad credentials", "DELETE", path, expected=401)
        corpus.send("bad credentials", "DELETE", path, expected=401, headers={"Authorization": "Bearer"})


def run_refusal_corpus(corpus, w):
    """Well-formed requests the object checks refuse: §1's order (401 key, 400 body, then 404 / 401 / 403)."""
    a, b, c = (w.users[n]["apiKey"] for n in ("ann", "bob", "cat"))
    cases = [
        # (method, path, body, key, headers, expected)
        ("PATCH", "/space", {"id": "nobody_space", "name": "x"}, a, None, 404),
        ("PATCH", "/space", {"id": "bob_private", "name": "x"}, a, None, 401),
        ("PATCH", "/space", {"id": "bob_open", "name": "x"}, a, None, 403),
        ("PATCH", "/space", {"id": "ann_removed", "name": "x"}, c, None, 404),
        ("DELETE", "/space", {"id": "ann_open"}, c, None, 403),
        ("DELETE", "/space", {"id": "ann_private"}, c, None, 401),
        ("DELETE", "/space", {"id": "ann_private"}, b, None, 403),  # a collaborator may not remove the space
        ("DELETE", "/space/permanent", {"id": "bob_open"}, a, None, 403),
        ("DELETE", "/space/permanent", {"id": "nobody_space"}, a, None, 404),
        ("PATCH", "/space/restore", {"id": "ann_removed"}, c, None, 404),
        ("PATCH", "/space/restore/ann_removed", None, b, None, 404),
        ("GET", "/space/ann_private", None, c, None, 401),
        ("GET", "/space/ann_private", None, None, None, 401),
        ("GET", "/space/ann_removed", None, c, None, 404),
        ("GET", "/space/nobody_space", None, a, None, 404),
        ("GET", "/space/ann_private/removed-cards", None, c, None, 401),
        ("GET", "/space/ann_open/collaborator-key", None, c, None, 403),
        ("GET", "/space/bob_private/collaborator-key", None, a, None, 401),
        ("GET", "/space/nobody_space/collaborator-key", None, a, None, 404),
        ("GET", "/card/ann_secret?spaceId=ann_private", None, c, None, 401),
        ("GET", "/card/nobody_card?spaceId=ann_open", None, c, None, 404),
        ("GET", "/card/ann_card1?spaceId=nobody_space", None, c, None, 404),
        ("GET", "/connection/ann_card1?spaceId=ann_open", None, c, None, 404),
        ("PATCH", "/card", {"spaceId": "ann_open", "id": "ann_card1", "x": 1}, c, None, 403),
        ("PATCH", "/card", {"spaceId": "ann_private", "id": "ann_secret", "x": 1}, c, None, 401),
        ("PATCH", "/card", {"spaceId": "bob_private", "id": "nobody_card", "x": 1}, a, None, 401),
        ("PATCH", "/card", {"spaceId": "nobody_space", "id": "nobody_card", "x": 1}, a, None, 404),
        ("POST", "/card", {"spaceId": "ann_private", "name": "x"}, c, None, 401),
        ("POST", "/card", {"spaceId": "ann_closed", "name": "x"}, c, None, 403),
        ("POST", "/card", {"spaceId": "ann_open", "id": "ann_card3", "name": "over a removed card"}, a, None, 409),
        ("PATCH", "/card", {"spaceId": "ann_open", "id": "ann_card3", "name": "over a removed card"}, a, None, 409),
        ("DELETE", "/card", {"spaceId": "ann_open", "id": "nobody_card"}, a, None, 404),
        ("DELETE", "/card", {"spaceId": "ann_open", "id": "ann_card1"}, c, None, 403),
        ("PATCH", "/card/restore", {"spaceId": "ann_open", "id": "ann_card3"}, c, None, 403),
        ("DELETE", "/card/permanent", {"spaceId": "bob_open", "id": "bob_card"}, a, None, 403),
        ("POST", "/connection", {"spaceId": "ann_open", "startCardId": "nobody_card", "endCardId": "ann_card1",
                                 "connectionTypeId": "ann_type"}, a, None, 400),
        ("POST", "/connection", {"spaceId": "ann_open", "startCardId": "ann_card1", "endCardId": "ann_card1",
                                 "connectionTypeId": "ann_type"}, a, None, 400),
        ("PATCH", "/connection", {"spaceId": "ann_open", "id": "ann_link", "path": "M0 0"}, c, None, 403),
        ("DELETE", "/connection-type", {"spaceId": "ann_open", "id": "ann_type"}, c, None, 403),
        ("POST", "/connection-type", {"spaceId": "ann_closed", "name": "t"}, c, None, 403),
        ("PATCH", "/card/multiple", [{"spaceId": "ann_open", "id": "ann_card1", "x": 1}, {"spaceId": "bob_open", "id": "bob_card"}],
         a, None, 400),  # two spaces in one request
        ("PATCH", "/card/multiple", [{"spaceId": "ann_open", "id": "ann_card1", "x": 1}, {"spaceId": "ann_open", "id": "ann_card1"}],
         a, None, 400),  # one id twice
        ("POST", "/card", [{"spaceId": "ann_open", "name": str(i)} for i in range(101)], a, None, 400),  # over 100 items
        ("POST", "/space", [{"name": str(i)} for i in range(101)], a, None, 400),
        ("POST", "/space", {"id": "bob_open", "name": "taken"}, a, None, 409),
        ("POST", "/space", [{"id": "fuzz_dup", "name": "a"}, {"id": "fuzz_dup", "name": "b"}], a, None, 400),
        ("PATCH", "/user", {"name": "fuzz_bob"}, a, None, 409),
        ("PATCH", "/user", {"NAME": "x"}, a, None, 400),
        ("PATCH", "/user", {"apiKey": "x"}, a, None, 400),
        ("PATCH", "/user", {"email": "x@example.com"}, a, None, 400),
        ("PATCH", "/user", {"cardsCreatedCount": 9}, a, None, 400),
        ("PATCH", "/space", {"id": "ann_open", "userId": "fuzz_cat"}, a, None, 400),
        ("PATCH", "/space", {"id": "ann_open", "collaboratorKey": "x"}, a, None, 400),
        ("PATCH", "/user/favorites", {"type": "user", "id": "fuzz_ann"}, a, None, 400),  # yourself
        ("PATCH", "/user/favorites", {"type": "user", "id": "nobody_user"}, a, None, 404),
        ("PATCH", "/user/favorites", {"type": "space", "id": "bob_private"}, a, None, 404),
        ("PATCH", "/user/favorites", {"type": "space", "id": "ann_removed"}, c, None, 404),
        ("PATCH", "/space/collaborator", {"spaceId": "ann_private"}, c, {"Space-Authorization": "wrong"}, 401),
        ("PATCH", "/space/collaborator", {"spaceId": "nobody_space"}, c, {"Space-Authorization": "wrong"}, 401),
        ("PATCH", "/space/collaborator", {"spaceId": "ann_private", "userId": "fuzz_bob"}, c,
         {"Space-Authorization": w.collaborator_key["ann_private"]}, 403),
        ("DELETE", "/space/collaborator", {"spaceId": "ann_private", "userId": "fuzz_bob"}, c, None, (401, 403)),
        ("DELETE", "/space/collaborator", {"spaceId": "ann_open", "userId": "fuzz_cat"}, b, None, 403),
        ("POST", "/user/sign-up", {"email": "fuzz-ann@example.com", "password": PASSWORD}, None, None, 409),
        ("POST", "/user/sign-up", {"email": "fuzz-x@example.com", "password": PASSWORD, "name": "fuzz_ann"}, None, None, 409),
        ("POST", "/user/sign-up", {"email": "fuzz-y@example.com", "password": PASSWORD, "id": "fuzz_bob"}, None, None, 409),
        ("POST", "/user/sign-up", {"email": "not an email", "password": PASSWORD}, None, None, 400),
        ("POST", "/user/sign-up", {"email": "fuzz-z@example.com", "password": "short"}, None, None, 400),
        ("POST", "/user/sign-in", {"email": "fuzz-ann@example.com", "password": "wrong password"}, None, None, 401),
        ("POST", "/user/sign-in", {"email": "nobody@example.com", "password": PASSWORD}, None, None, 401),
        ("PATCH", "/user/update-password", {"password": "short"}, a, None, 400),
        ("POST", "/space/multiple", [{"id": "bob_open", "name": "mine now"}, {"id": 5, "name": "x"}, {"id": "fuzz_x"},
                                     {"id": "bad id", "name": "x"}, 7, None, [], {"id": "fuzz_y", "name": "   "}], a, None, 201),
    ]
    for method, path, body, key, headers, expected in cases:
        def empty_upload(answer_body):
            return ("201 []", json.dumps(answer_body)[:300]) if path == "/space/multiple" and answer_body != [] else None
        corpus.send("object refusals", method, path, body, expected, headers=headers, key=key, extra=empty_upload)
    # the CORS preflight and the operator routes answer without a key, and never 5xx
    corpus.send("operator routes", "OPTIONS", "/user", expected=204, json_body=False,
                headers={"Origin": "http://x.example", "Access-Control-Request-Method": "PATCH"})
    for path in ("/", "/health/live", "/health/ready", "/user/current-public-spaces", "/space/new-spaces"):
        corpus.send("operator routes", "GET", path, expected=200)
    corpus.send("operator routes", "GET", "/openapi/v1.json", expected=200)
    corpus.send("operator routes", "GET", "/docs/", expected=200, json_body=False)  # the one HTML page (§1.1)


# ------------------------------------------------------------------------------------- operations

APPLIED = "applied"  # removing an item that is already gone is a success (§8.2): applied, and nothing changes


def run_operations_corpus(corpus, w, rng):
    """Well-formed batches of operations that must all be refused: 200, no operation applied, an error per index."""
    a = w.users["ann"]["apiKey"]
    c = w.users["cat"]["apiKey"]
    refused = [  # (name, body, expected status of its error entry), all for ann unless noted
        ("fooBar", {"spaceId": "ann_open"}, 400),
        ("createCard2", {}, 400),
        ("", {}, 400),
        ("updateUser", 5, 400), ("updateUser", [], 400), ("updateUser", None, 400), ("updateUser", "x", 400),
        ("updateUser", {"name": 5}, 400), ("updateUser", {"name": "fuzz_bob"}, 409), ("updateUser", {"description": "x" * 1001}, 400),
        ("updateUser", {"color": {}}, 400), ("updateUser", {"lastSpaceId": 7}, 400),
        ("addOrRemoveFavorite", {"type": "thing", "id": "fuzz_bob"}, 400),
        ("addOrRemoveFavorite", {"type": "user", "id": "fuzz_ann"}, 400),
        ("addOrRemoveFavorite", {"type": "user", "id": "nobody_user"}, 404),
        ("addOrRemoveFavorite", {"type": "space", "id": "bob_private"}, 404),
        ("addOrRemoveFavorite", {"type": "space"}, 400),
        ("createSpace", {"id": 5, "name": "x"}, 400), ("createSpace", {"id": "fuzz_z", "name": ""}, 400),
        ("createSpace", {"id": "fuzz_z"}, 400), ("createSpace", {"id": "bad id", "name": "x"}, 400), ("createSpace", [], 400),
        ("createSpace", {"id": "bob_open", "name": "mine"}, 409),
        ("updateSpace", {"id": "nobody_space", "name": "x"}, 404), ("updateSpace", {"id": "bob_private", "name": "x"}, 401),
        ("updateSpace", {"id": "bob_open", "name": "x"}, 403), ("updateSpace", {"id": "ann_open", "name": 5}, 400),
        ("updateSpace", {"id": "ann_open", "privacy": "secret"}, 400), ("updateSpace", {"id": "ann_open", "showInExplore": "yes"}, 400),
        ("updateSpace", {"spaceId": "ann_open"}, 400),
        ("removeSpace", {"id": "bob_open"}, 403), ("removeSpace", {"id": "nobody_space"}, 404), ("removeSpace", {"id": 1}, 400),
        ("restoreRemovedSpace", {"id": "bob_private"}, 401), ("restoreRemovedSpace", {"id": "nobody_space"}, 404),
        ("removeSpacePermanent", {"id": "bob_open"}, 403), ("removeSpacePermanent", {"id": ["ann_open"]}, 400),
        ("createCard", {"spaceId": "bob_private", "name": "x"}, 401), ("createCard", {"spaceId": "nobody_space", "name": "x"}, 404),
        ("createCard", {"name": "x"}, 400), ("createCard", {"spaceId": 5, "name": "x"}, 400),
        ("createCard", {"spaceId": "ann_open", "id": "ann_card3", "name": "over removed"}, 409),
        ("updateCard", {"spaceId": "bob_open", "id": "bob_card", "x": 1}, 403),
        ("updateCard", {"spaceId": "ann_open", "id": "bad id", "x": 1}, 400),
        ("updateCard", {"spaceId": "ann_open", "x": 1}, 400),
        ("updateCard", {"spaceId": "ann_open", "id": "ann_card3", "x": 1}, 409),
        ("removeCard", {"spaceId": "bob_open", "id": "bob_card"}, 403), ("removeCard", {"spaceId": "bob_private", "id": "x"}, 401),
        ("restoreRemovedCard", {"spaceId": "bob_private", "id": "x"}, 401),
        ("removeCardPermanent", {"spaceId": "nobody_space", "id": "x"}, APPLIED),
        ("createConnection", {"spaceId": "bob_private", "startCardId": "a", "endCardId": "b", "connectionTypeId": "t"}, 401),
        ("createConnection", {"spaceId": "ann_open", "startCardId": "nobody_card", "endCardId": "ann_card1",
                              "connectionTypeId": "ann_type"}, 400),
        ("updateConnection", {"spaceId": "bob_private", "id": "x"}, 401), ("removeConnection", {"spaceId": "nobody_space", "id": "x"}, APPLIED),
        ("createConnectionType", {"spaceId": "bob_private", "name": "t"}, 401),
        ("updateConnectionType", {"spaceId": "nobody_space", "id": "x", "name": "t"}, 404),
        ("removeConnectionType", {"spaceId": "bob_open", "id": "x"}, APPLIED),
        ("addCollaboratorToSpaces", {}, 400), ("addCollaboratorToSpaces", [5], 400), ("addCollaboratorToSpaces", [{"id": "bob_private"}], 400),
        ("addCollaboratorToSpaces", [{"id": "bob_private", "collaboratorKey": "wrong"}], 401),
        ("addCollaboratorToSpaces", [{"id": "nobody_space", "collaboratorKey": "x"}], 401),
    ]

    def expect_all_refused(batch):
        def check(body):
            applied = [i for i, (_, _, status) in enumerate(batch) if status == APPLIED]
            if not isinstance(body, dict) or [o.get("index") for o in body.get("operations") or []] != applied:
                return (f"no operation applied but the no-ops at {applied}", json.dumps(body)[:400])
            errors = body.get("errors") or []
            by_index = {e.get("index"): e for e in errors}
            for index, (name, _, status) in enumerate(batch):
                if status == APPLIED:
                    continue
                statuses = status if isinstance(status, tuple) else (status,)
                entry = by_index.get(index)
                if entry is None or entry.get("status") not in statuses or entry.get("name") != name or not entry.get("message"):
                    return (f"errors[{index}] = {{name: {name!r}, status: {status}, message}}", json.dumps(entry)[:300])
            if len(errors) != len(batch) - len(applied):
                return (f"{len(batch) - len(applied)} errors", f"{len(errors)}")
            return None
        return check

    # each refused operation alone, then seeded random batches of them (in any order: none changes anything)
    batches = [[op] for op in refused]
    for _ in range(60):
        batches.append([rng.choice(refused) for _ in range(rng.randrange(2, 40))])
    batches.append(refused * 20)  # one large batch: 20 copies of every refusal
    for batch in batches:
        body = [{"name": name, "body": op_body} if op_body is not None else {"name": name} for name, op_body, _ in batch]
        corpus.send("operations: refused operations", "POST", "/operations", body, 200, key=a, extra=expect_all_refused(batch),
                    describe=f"POST /operations {short(body)}")
    # a Space-Authorization key counts only for the space it belongs to
    key = w.collaborator_key["ann_private"]
    batch = [("updateSpace", {"id": "bob_private", "name": "x"}, 401), ("createCard", {"spaceId": "bob_private", "name": "x"}, 401)]
    corpus.send("operations: refused operations", "POST", "/operations", [{"name": n, "body": b} for n, b, _ in batch], 200, key=c,
                headers={"Space-Authorization": key}, extra=expect_all_refused(batch))

    # malformed batches: 400 with a key, 401 without
    malformed = [b"{}", b"[]", b"null", b"5", b'"ops"', b"[5]", b"[null]", b"[[]]", b'[{"body": {}}]', b'[{"name": 5}]',
                 b'[{"name": null, "body": {}}]', b'[{"name": ["updateUser"]}]', b'[{"name": "updateUser", "body": {}}, 7]',
                 b'[{"name": "updateUser", "body": {"description": "x"}}, {"nam": "x"}]', b'{"name": "updateUser", "body": {}}',
                 b'[{"name": "updateUser", "name": "removeSpace", "body": {"id": "ann_open"}}]', b'[{"name": "a\xff"}]']
    for _ in range(20):
        ops = [{"name": rng.choice(["updateUser", "createCard", "fooBar"]), "body": {}} for _ in range(rng.randrange(1, 10))]
        ops.insert(rng.randrange(len(ops) + 1), rng.choice([1, None, "s", [], {"name": 1}, {"body": {}}, {"Name": "updateUser"}]))
        malformed.append(json.dumps(ops).encode())
    for body in malformed:
        corpus.send("operations: malformed batches", "POST", "/operations", body, 400, key=a)
        corpus.send("operations: malformed batches", "POST", "/operations", body, 401)


# ------------------------------------------------------------------------------ raw HTTP classes

def run_raw_corpus(corpus, w):
    """Bodies larger than the limit, cut short, chunked; answers read from raw sockets."""
    server = corpus.server
    a = w.users["ann"]["apiKey"]
    json_headers = {"Content-Type": "application/json"}

    def raw(klass, description, data, expected, **kwargs):
        try:
            answer = server.raw(data, **kwargs)
        except Exception as e:  # noqa: BLE001
            answer, description = None, description + f" ({type(e).__name__}: {e})"
        corpus.check(klass, description, answer, expected)

    big = b'{"description": "' + b"a" * MIB + b'"}'
    for method, path in (("PATCH", "/user"), ("POST", "/card"), ("POST", "/space"), ("PATCH", "/space"), ("PATCH", "/user/favorites"),
                         ("DELETE", "/card/permanent"), ("PATCH", "/space/collaborator")):
        headers = dict(json_headers, Authorization=a)
        raw("oversize bodies", f"{method} {path} body {len(big)} bytes sent whole", raw_request(method, path, big, headers, len(big)), 413)
        raw("oversize bodies", f"{method} {path} Content-Length {MIB + 1}, no body sent",
            raw_request(method, path, b"", headers, MIB + 1), 413, shutdown_write=False)
        raw("oversize bodies", f"{method} {path} Content-Length {MIB + 1} without a key",
            raw_request(method, path, b"", json_headers, MIB + 1), 401)
    for path in ("/user/sign-up", "/user/sign-in", "/user/reset-password"):
        raw("oversize bodies", f"POST {path} body {len(big)} bytes", raw_request("POST", path, big, json_headers, len(big)), 413)
    for method, path in (("POST", "/operations"), ("POST", "/space/multiple"), ("PATCH", "/card/multiple"),
                         ("PATCH", "/connection/multiple"), ("PATCH", "/connection-type/multiple")):
        headers = dict(json_headers, Authorization=a)
        raw("oversize bodies", f"{method} {path} Content-Length {BATCH_LIMIT + 1}, no body sent",
            raw_request(method, path, b"", headers, BATCH_LIMIT + 1), 413)
        # 2 MiB is fine on a batch route: a refused body (not an array of operations / items)
        body = b'{"x": "' + b"a" * (2 * MIB) + b'"}'
        expected = 400
        raw("oversize bodies", f"{method} {path} a 2 MiB object (within 16 MiB)", raw_request(method, path, body, headers, len(body)), expected)
    # chunked bodies without a Content-Length, past the limit
    chunked = dict(json_headers, Authorization=a, **{"Transfer-Encoding": "chunked"})
    chunk = b"a" * (256 * 1024)
    body = b'{"description": "'
    data = b"%x\r\n%s\r\n" % (len(body), body) + (b"%x\r\n%s\r\n" % (len(chunk), chunk)) * 5 + b"0\r\n\r\n"
    raw("oversize bodies", "PATCH /user chunked, 1.25 MiB", raw_request("PATCH", "/user", data, chunked), 413)
    big_chunk = b"a" * MIB
    data = b"%x\r\n%s\r\n" % (len(body), body) + (b"%x\r\n%s\r\n" % (len(big_chunk), big_chunk)) * 17 + b"0\r\n\r\n"
    raw("oversize bodies", "POST /operations chunked, 17 MiB", raw_request("POST", "/operations", data, chunked), 413)
    # Content-Length larger than the body, then the client stops sending (half-close): the body is incomplete
    for method, path, headers in (("PATCH", "/user", dict(json_headers, Authorization=a)), ("POST", "/user/sign-in", json_headers),
                                  ("POST", "/operations", dict(json_headers, Authorization=a))):
        raw("bodies cut short", f"{method} {path} Content-Length 500, 20 bytes sent, then FIN",
            raw_request(method, path, b'{"description": "ab', headers, 500), (400, None), shutdown_write=True)
    # malformed chunked framing
    raw("bodies cut short", "PATCH /user chunked with a bad chunk size",
        raw_request("PATCH", "/user", b"zz\r\n{}\r\n0\r\n\r\n", chunked), 400)
    raw("bodies cut short", "PATCH /user chunked, ends without the last chunk, then FIN",
        raw_request("PATCH", "/user", b"5\r\n{\"des\r\n", chunked), (400, None), shutdown_write=True)


def run_slow_corpus(corpus, w):
    """A few slow bodies at once, each trickled over <= 3 s: within Kestrel's 5 s grace for MinRequestBodyDataRate, so the route answers."""
    a = w.users["ann"]["apiKey"]
    server = corpus.server
    json_headers = {"Content-Type": "application/json"}
    slow = [
        ("PATCH", "/user", dict(json_headers, Authorization=a), b'{"description": 12345, "website": "slowly"}', 400),
        ("POST", "/user/sign-in", json_headers, b'{"email": "fuzz-ann@example.com", "password": 5}', 400),
        ("POST", "/operations", dict(json_headers, Authorization=a), b'[{"name": "fooBar", "body": {"spaceId": "ann_open"}}]', 200),
        ("PATCH", "/card", dict(json_headers, Authorization=a), b'{"spaceId": "ann_open", "id": "ann_card1", "x": "far"}', 400),
    ]
    results = [None] * (len(slow) + 1)

    def trickle(i, method, path, headers, body):
        pieces = [body[j:j + 4] for j in range(0, len(body), 4)]
        head = raw_request(method, path, b"", headers, len(body))
        started = time.monotonic()
        try:
            results[i] = (server.raw(head, chunks=pieces, pause=2.5 / len(pieces)), time.monotonic() - started)
        except Exception as e:  # noqa: BLE001
            results[i] = (None, repr(e))

    def abandon(i):
        # a body that stops half-way and is never finished: the client gives up after 2 s (the server must not 5xx)
        try:
            with socket.create_connection((server.host, server.port), timeout=5) as s:
                s.sendall(raw_request("PATCH", "/user", b'{"descr', dict(json_headers, Authorization=a), 100))
                time.sleep(2)
            results[i] = ("abandoned", None)
        except Exception as e:  # noqa: BLE001
            results[i] = (None, repr(e))

    threads = [threading.Thread(target=trickle, args=(i, *case[:4])) for i, case in enumerate(slow)]
    threads.append(threading.Thread(target=abandon, args=(len(slow),)))
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    for i, (method, path, _, body, expected) in enumerate(slow):
        answer, elapsed = results[i] or (None, "no result")
        corpus.check("slow bodies", f"{method} {path} trickled over 2.5 s ({elapsed})", answer, expected)
    with corpus.lock:
        corpus.counts["slow bodies"] += 1


# ------------------------------------------------------------------------------------- WebSockets

class Socket:
    def __init__(self, host, port, path="/"):
        self.s = socket.create_connection((host, port), timeout=5)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET {path} HTTP/1.1\r\nHost: fuzz\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            data = self.s.recv(4096)
            if not data:
                break
            self.buffer += data
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        self.status = int(head.split()[1]) if head else 0
        self.head = head
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        self.accepted = self.status == 101 and accept.encode() in head

    def frame(self, opcode, payload, fin=True, mask=True, rsv=0):
        first = (0x80 if fin else 0) | (rsv << 4) | opcode
        n = len(payload)
        if n < 126:
            header = struct.pack("!BB", first, (0x80 if mask else 0) | n)
        elif n < 65536:
            header = struct.pack("!BBH", first, (0x80 if mask else 0) | 126, n)
        else:
            header = struct.pack("!BBQ", first, (0x80 if mask else 0) | 127, n)
        if mask:
            m = os.urandom(4)
            payload = bytes(b ^ m[i % 4] for i, b in enumerate(payload)) if n < 100_000 else _mask_fast(payload, m)
            header += m
        try:
            self.s.sendall(header + payload)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def text(self, message):
        self.frame(0x1, message.encode() if isinstance(message, str) else message)

    def receive(self, timeout=3.0):
        """The next frame from the server: ("text", str) / ("close", code) / ("ping", b) / ("eof", None) / ("timeout", None)."""
        self.s.settimeout(timeout)
        deadline = time.monotonic() + timeout
        while True:
            if len(self.buffer) >= 2:
                b1, b2 = self.buffer[0], self.buffer[1]
                n, pos = b2 & 0x7F, 2
                if n == 126 and len(self.buffer) >= 4:
                    n, pos = struct.unpack("!H", self.buffer[2:4])[0], 4
                elif n == 127 and len(self.buffer) >= 10:
                    n, pos = struct.unpack("!Q", self.buffer[2:10])[0], 10
                if (b2 & 0x7F) < 126 or pos > 2:
                    if len(self.buffer) >= pos + n:
                        payload, self.buffer = self.buffer[pos:pos + n], self.buffer[pos + n:]
                        opcode = b1 & 0x0F
                        if opcode == 0x8:
                            return ("close", struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None)
                        if opcode == 0x9:
                            continue
                        if opcode == 0x1:
                            return ("text", payload.decode("utf-8", "replace"))
                        return ("other", opcode)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return ("timeout", None)
            self.s.settimeout(remaining)
            try:
                data = self.s.recv(65536)
            except socket.timeout:
                return ("timeout", None)
            except ConnectionResetError:
                return ("eof", None)
            if not data:
                return ("eof", None)
            self.buffer += data

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def _mask_fast(payload, m):
    whole = (m * (len(payload) // 4 + 1))[:len(payload)]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(whole, "big")).to_bytes(len(payload), "big")


def run_websocket_corpus(corpus, w):
    server = corpus.server
    join = json.dumps({"message": "joinSpaceRoom", "space": {"id": "ann_open", "name": "Ann open"},
                       "user": {"id": "someone", "name": "someone", "color": "#fff"}, "clientId": "fuzz"})

    def connected(sock):
        sock.text(join)
        for _ in range(5):
            kind, value = sock.receive()
            if kind == "text" and '"connected"' in value:
                return True
            if kind in ("close", "eof", "timeout"):
                return False
        return False

    def case(description, send, expect):
        """expect: "alive" (the frame is dropped: a join afterwards is connected), or a close code (or a tuple of codes)."""
        with corpus.lock:
            corpus.counts["bad WebSocket frames"] += 1
        sock = Socket(server.host, server.port)
        try:
            if not sock.accepted:
                corpus.violation("bad WebSocket frames", description, "101 Switching Protocols", sock.head[:200])
                return
            send(sock)
            if expect == "alive or 1002":  # RFC 6455 wants a close; .NET's server takes the frame: either is no failure
                kind, value = sock.receive(1)
                if kind not in ("timeout", "text") and not (kind == "close" and value == 1002):
                    corpus.violation("bad WebSocket frames", description, "dropped or close 1002", f"{kind} {value}")
            elif expect == "alive":
                if not connected(sock):
                    corpus.violation("bad WebSocket frames", description, "frame dropped, the socket still joins (connected)", "no connected")
            else:
                codes = expect if isinstance(expect, tuple) else (expect,)
                kind, value = sock.receive(5)
                while kind == "text":
                    kind, value = sock.receive(5)
                if kind != "close" or value not in codes:
                    corpus.violation("bad WebSocket frames", description, f"close {codes}", f"{kind} {value}")
        finally:
            sock.close()
        # the server still answers HTTP after each socket
        corpus.send("bad WebSocket frames: HTTP after", "GET", "/health/live", expected=200)

    case("a text frame that is not JSON", lambda s: s.text("hello, not json {"), "alive")
    case("a text frame of JSON that is not an object", lambda s: s.text("[1, 2, 3]"), "alive")
    case("a text frame nested 10,000 deep", lambda s: s.text("[" * 10000 + "]" * 10000), "alive")
    case("a binary frame", lambda s: s.frame(0x2, b"\x00\x01\x02binary"), "alive")
    case("an empty text frame", lambda s: s.text(""), "alive")
    case("joinSpaceRoom with a numeric space id", lambda s: s.text('{"message": "joinSpaceRoom", "space": {"id": 5}}'), "alive")
    case("joinSpaceRoom with an object space id", lambda s: s.text('{"message": "joinSpaceRoom", "space": {"id": {"a": 1}}}'), "alive")
    case("joinSpaceRoom with space: null", lambda s: s.text('{"message": "joinSpaceRoom", "space": null}'), "alive")
    case("joinSpaceRoom with space: a string", lambda s: s.text('{"message": "joinSpaceRoom", "space": "ann_open"}'), "alive")
    case("joinSpaceRoom with a bad id", lambda s: s.text('{"message": "joinSpaceRoom", "space": {"id": "../../x"}}'), "alive")
    case("a message named with a number", lambda s: s.text('{"message": 5}'), "alive")
    case("a message with a lone surrogate escape", lambda s: s.text('{"message": "\\ud800"}'), "alive")
    case("a join with a lone surrogate in the space id", lambda s: s.text('{"message": "joinSpaceRoom", "space": {"id": "\\udfff"}}'), "alive")
    case("a forged userJoinedRoom", lambda s: s.text('{"message": "userJoinedRoom", "user": {"id": "fuzz_ann"}}'), "alive")
    case("a ping with a payload", lambda s: s.frame(0x9, b"ping"), "alive")
    case("an unsolicited pong", lambda s: s.frame(0xA, b"pong"), "alive")
    case("a text frame of 70 KiB", lambda s: s.text("x" * (70 * 1024)), 1009)
    case("a message of 70 KiB in 35 fragments", lambda s: (s.frame(0x1, b"x" * 2048, fin=False),
                                                          [s.frame(0x0, b"x" * 2048, fin=False) for _ in range(33)],
                                                          s.frame(0x0, b"x" * 2048)), 1009)
    case("a binary frame of 200 KiB", lambda s: s.frame(0x2, b"\x00" * (200 * 1024)), 1009)
    case("an invalid UTF-8 text frame", lambda s: s.text(b'{"message": "\xff\xfe"}'), 1007)
    case("a text frame with an overlong encoding", lambda s: s.text(b"\xc0\xaf"), 1007)
    case("a continuation frame with no message begun", lambda s: s.frame(0x0, b"orphan"), 1002)
    case("a new text frame inside a fragmented message", lambda s: (s.frame(0x1, b'{"a":', fin=False), s.frame(0x1, b"1}")), 1002)
    case("a fragmented ping", lambda s: s.frame(0x9, b"p", fin=False), 1002)
    case("a ping of 200 bytes", lambda s: s.frame(0x9, b"p" * 200), 1002)
    case("reserved bits set", lambda s: s.frame(0x1, b"{}", rsv=0b100), 1002)
    case("an unknown opcode", lambda s: s.frame(0x3, b"?"), 1002)
    case("an unmasked client frame", lambda s: s.frame(0x1, b"{}", mask=False), "alive or 1002")
    case("a close with a reserved code", lambda s: s.frame(0x8, struct.pack("!H", 1005)), (1002, 1000))
    case("a close of 1 byte", lambda s: s.frame(0x8, b"\x03"), (1002, 1000))
    case("an anonymous join of someone's private space", lambda s: s.text(
        '{"message": "joinSpaceRoom", "space": {"id": "bob_private"}, "user": {"id": "x"}}'), 1008)
    # the upgrade itself, refused: an invalid key is a 401 with the JSON body
    for query in ("apiKey=nope", "apiKey=" + "0" * 36, "apiKey=%FF"):
        sock = Socket(server.host, server.port, "/?" + query)
        with corpus.lock:
            corpus.counts["bad WebSocket frames"] += 1
        if sock.status != 401:
            corpus.violation("bad WebSocket frames", f"upgrade with ?{query}", "401", sock.head[:200])
        sock.close()
    # a socket that sends half a frame and vanishes
    sock = Socket(server.host, server.port)
    sock.s.sendall(b"\x81\xfe\x10\x00abcd" + b"x" * 100)
    sock.close()
    with corpus.lock:
        corpus.counts["bad WebSocket frames"] += 1
    corpus.send("bad WebSocket frames: HTTP after", "GET", "/health/live", expected=200)


# ------------------------------------------------------------------------------------------- main

def server_side_5xx(server, log_path):
    """5xx the server counted itself (/metrics) or logged (the request log), including answers no client read."""
    found = []
    answer = server.request("GET", "/metrics")
    for line in answer.body.decode("utf-8", "replace").splitlines():
        m = re.match(r'^kinopio_requests_total\{(.*)\} (\S+)$', line)
        if m and re.search(r'http_response_status_code="5\d\d"', m.group(1)) and float(m.group(2)) > 0:
            found.append("metrics: " + line)
    with open(log_path, errors="replace") as log:
        for line in log:
            if re.search(r"answered 5\d\d", line) or "Unhandled exception" in line or re.search(r"\bfail:", line):
                found.append("log: " + line.strip()[:400])
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--configuration", default="Debug")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (data file, server log)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    os.chdir(ROOT)
    servers.CONFIGURATION = options.configuration
    if not os.path.exists(servers.api_dll()):
        print(f"{servers.api_dll()} is missing: build first (dotnet build Kinopio.Orleans.sln -c {options.configuration})")
        return 2

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="kinopio-fuzz-")
    embedded = servers.Embedded(work, password_iterations=1000)
    embedded.env["Logging__LogLevel__Default"] = "Warning"
    embedded.env["Logging__LogLevel__Kinopio.Api.Observability.RequestLog"] = "Information"
    embedded.env["Metrics__Enabled"] = "true"
    rng = random.Random(SEED)
    try:
        embedded.start()
        log_path = embedded.api.log
        server = Server(embedded.base)
        corpus = Corpus(server, verbose=options.verbose)
        w = seed(server)
        before = snapshot(server, w)
        phases = [("body routes", lambda: run_body_corpus(corpus, w, rng)),
                  ("paths and credentials", lambda: run_path_corpus(corpus, w)),
                  ("object refusals", lambda: run_refusal_corpus(corpus, w)),
                  ("operations", lambda: run_operations_corpus(corpus, w, rng)),
                  ("raw HTTP", lambda: run_raw_corpus(corpus, w)),
                  ("slow bodies", lambda: run_slow_corpus(corpus, w)),
                  ("WebSockets", lambda: run_websocket_corpus(corpus, w))]
        for name, phase in phases:
            t = time.monotonic()
            phase()
            if options.verbose:
                print(f"phase {name}: {time.monotonic() - t:.1f} s", flush=True)
        server.close()
        after = snapshot(server, w)
        changed = compare(before, after)
        for name, was, now in changed:
            corpus.violation("state unchanged", f"GET view {name}", was, now)
        # the passwords still sign in, with the same keys
        for name, user in w.users.items():
            answer = server.request("POST", "/user/sign-in", {"email": user["email"], "password": PASSWORD})
            if answer.status != 200 or answer.json().get("apiKey") != user["apiKey"]:
                corpus.violation("state unchanged", f"sign-in {name}", "200 with the same apiKey", f"{answer.status} {answer.body[:200]!r}")
        for line in server_side_5xx(server, log_path):
            corpus.violation("server-side 5xx", "counted or logged by the server", "none", line)
        if embedded.api.popen.poll() is not None:
            corpus.violation("server alive", "the server process", "running", f"exited with {embedded.api.popen.returncode}")
    finally:
        embedded.stop()
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")

    total = sum(corpus.counts.values())
    print(f"fuzz corpus: {total} requests in {time.monotonic() - started:.1f} s (seed {SEED}), "
          f"{len(before)} GET views compared before and after")
    for klass, count in sorted(corpus.counts.items()):
        print(f"  {count:6d}  {klass}")
    if corpus.violations:
        print(f"{len(corpus.violations)} violations:")
        for klass, description, expected, got in corpus.violations:
            print(f"- [{klass}] {description}\n    expected: {expected}\n    got:      {got}")
        return 1
    print("no violations: no 5xx, every answer JSON with the right status, state unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
