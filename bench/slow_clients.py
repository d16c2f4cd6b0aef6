#!/usr/bin/env python3
"""Slow request bodies against a running charrnn (loopback only).

Opens CONNECTIONS sockets that each declare a BODY_BYTES body to POST /api/runs and then send it one byte a
second, while one client keeps asking GET /api/runs/{id} (with the API key) and records how long each answer takes.
Prints what the slow connections got (status, and when the server closed them) and the GET latencies.

  python3 bench/slow_clients.py --port 8080 --api-key k1               # slow senders without the key (refused)
  python3 bench/slow_clients.py --port 8080 --api-key k1 --authenticated  # slow senders with the key (accepted)

Bounded: at most 1000 connections and 120 s; loopback addresses only.
"""
import argparse
import http.client
import ipaddress
import select
import socket
import statistics
import threading
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--api-key", required=True)
    p.add_argument("--connections", type=int, default=200)
    p.add_argument("--body-bytes", type=int, default=100_000)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--authenticated", action="store_true", help="the slow senders carry the API key")
    a = p.parse_args()
    if not ipaddress.ip_address(socket.gethostbyname(a.host)).is_loopback:
        raise SystemExit("loopback addresses only")
    a.connections = min(a.connections, 1000)
    a.seconds = min(a.seconds, 120)

    run_id = ensure_run(a)
    results = {}
    stop = threading.Event()
    latencies, failures = [], []
    getter = threading.Thread(target=get_loop, args=(a, run_id, stop, latencies, failures))

    socks = []
    start = time.monotonic()
    for i in range(a.connections):
        s = socket.create_connection((a.host, a.port), timeout=5)
        auth = f"Authorization: Bearer {a.api_key}\r\n" if a.authenticated else ""
        s.sendall((f"POST /api/runs HTTP/1.1\r\nHost: {a.host}\r\nContent-Type: application/json\r\n{auth}"
                   f"Content-Length: {a.body_bytes}\r\n\r\n{{").encode())
        s.setblocking(False)
        socks.append(s)
        results[s] = {"sent": 1, "status": None, "answered": None, "closed": None}
    opened = time.monotonic() - start
    getter.start()
    buffers = {s: b"" for s in socks}
    last_trickle = time.monotonic()
    while time.monotonic() - start < a.seconds:
        live = [s for s in socks if results[s]["closed"] is None]
        if not live:
            time.sleep(0.2)
            continue
        readable, _, _ = select.select(live, [], [], 0.2)
        now = time.monotonic() - start
        for s in readable:
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            r = results[s]
            if data:
                buffers[s] += data
                if r["status"] is None and b"\r\n" in buffers[s]:
                    r["status"] = int(buffers[s].split(b" ", 2)[1])
                    r["answered"] = now
            else:
                r["closed"] = now
        if time.monotonic() - last_trickle >= 1.0:
            last_trickle = time.monotonic()
            for s in live:
                r = results[s]
                if r["closed"] is None and r["sent"] < a.body_bytes:
                    try:
                        s.send(b" ")
                        r["sent"] += 1
                    except OSError:
                        r["closed"] = time.monotonic() - start
    stop.set()
    getter.join()
    for s in socks:
        s.close()

    statuses = {}
    for r in results.values():
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    answered = sorted(r["answered"] for r in results.values() if r["answered"] is not None)
    closed = sorted(r["closed"] for r in results.values() if r["closed"] is not None)
    print(f"slow connections: {a.connections} ({'with' if a.authenticated else 'without'} the API key), "
          f"opened in {opened:.2f} s, each declaring {a.body_bytes} bytes and sending 1 byte/s for {a.seconds:.0f} s")
    print(f"  statuses: {statuses}")
    if answered:
        print(f"  answered after (s): median {statistics.median(answered):.2f}, max {answered[-1]:.2f}")
    print(f"  closed by the server: {len(closed)}" + (f", the last after {closed[-1]:.2f} s" if closed else ""))
    if latencies:
        ms = sorted(x * 1000 for x in latencies)
        p99 = ms[min(len(ms) - 1, int(round(0.99 * len(ms))) - 1)]
        print(f"authenticated GET /api/runs/{run_id}: {len(ms)} answered, {len(failures)} failed; latency ms: "
              f"p50 {statistics.median(ms):.1f}, p99 {p99:.1f}, max {ms[-1]:.1f}")
    else:
        print(f"authenticated GET /api/runs/{run_id}: none answered, {len(failures)} failed")
    if failures:
        print(f"  failures: {failures[:5]}")


def ensure_run(a):
    c = http.client.HTTPConnection(a.host, a.port, timeout=10)
    c.request("POST", "/api/runs", body='{"numIterations": 1, "sampleEvery": 1}',
              headers={"Content-Type": "application/json", "Authorization": f"Bearer {a.api_key}"})
    r = c.getresponse()
    body = r.read()
    if r.status not in (200, 202):
        raise SystemExit(f"could not submit a run: {r.status} {body[:200]!r}")
    return int(r.getheader("Location").rsplit("/", 1)[1])


def get_loop(a, run_id, stop, latencies, failures):
    while not stop.is_set():
        t = time.monotonic()
        try:
            c = http.client.HTTPConnection(a.host, a.port, timeout=10)
            c.request("GET", f"/api/runs/{run_id}", headers={"Authorization": f"Bearer {a.api_key}"})
            r = c.getresponse()
            r.read()
            c.close()
            if r.status == 200:
                latencies.append(time.monotonic() - t)
            else:
                failures.append(r.status)
        except OSError as e:
            failures.append(type(e).__name__)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
