#!/usr/bin/env python3
"""Service-level figures: readiness time of the plain jar (bench/startup.sh compares the start-up forms), service
vs `train` chars/s, API latency while training, storage of a 1,000,000-iteration run and the time to read it.
Not part of ./mvnw verify.

  bench/service_bench.py [--corpus ../shared/data/tinyshakespeare.txt] [--iterations 20000] [--skip-million]
                         [--jar other.jar] [--service-arg=--some.setting=value ...]   (to compare two builds or settings)

Needs target/charrnn.jar (./mvnw -B -q -DskipTests package). Starts the jar itself on a free port with a temporary
H2 database; prints one JSON object per measurement and a summary at the end. Only talks to 127.0.0.1.
"""
import argparse, http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
import urllib.request, urllib.error

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "charrnn.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    def __init__(self, workdir, extra=()):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db = os.path.join(workdir, "db")
        cmd = ["java", "-jar", JAR, f"--server.port={self.port}",
               f"--spring.datasource.url=jdbc:h2:file:{self.db};LOCK_TIMEOUT=10000", *extra]
        self.log = open(os.path.join(workdir, "service.log"), "w")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=workdir, stdout=self.log, stderr=subprocess.STDOUT)
        self.ready_seconds = self._await_ready()

    def _await_ready(self):
        while time.perf_counter() - self.started < 120:
            try:
                if b'"UP"' in urllib.request.urlopen(self.base + "/actuator/health", timeout=2).read():
                    return time.perf_counter() - self.started
            except (urllib.error.URLError, ConnectionError, socket.timeout):
                pass
            time.sleep(0.02)
        raise SystemExit("service did not start; see service.log")

    def call(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", **(headers or {})})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"null")

    def wait(self, run_id, timeout=3600):
        t0 = time.time()
        while time.time() - t0 < timeout:
            run = self.call("GET", f"/api/runs/{run_id}")
            if run["status"] not in ("QUEUED", "RUNNING"):
                return run
            time.sleep(0.2)
        raise SystemExit(f"run {run_id} did not finish")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)
        self.log.close()


def train_command_cps(corpus, hidden, iterations):
    out = subprocess.run(["java", "-jar", JAR, "train", "--corpus", corpus, "--hidden-size", str(hidden),
                          "--num-iterations", str(iterations), "--sample-every", "1000", "--no-save"],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(out)["chars_per_second"]


class Pollers:
    """`clients` threads reading a run's two resources, each over one keep-alive connection as a browser or
    dashboard polls: every `interval` seconds, or back to back when interval is 0 (the most load 4 clients can
    make). Latencies are kept only while `recording` is set."""

    def __init__(self, svc, run_id, clients=4, interval=0.0, samples=None):
        self.paths = [f"/api/runs/{run_id}", f"/api/runs/{run_id}/losses?maxPoints=500"]
        self.samples = samples or {p: [] for p in self.paths}
        self.running, self.recording = True, False
        self.threads = [threading.Thread(target=self._client, args=(svc.port, k, interval)) for k in range(clients)]
        for t in self.threads:
            t.start()

    def _client(self, port, k, interval):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = k
        while self.running:
            p = self.paths[i % 2]
            t0 = time.perf_counter()
            conn.request("GET", p)
            conn.getresponse().read()
            elapsed = time.perf_counter() - t0
            if self.recording:
                self.samples[p].append(elapsed * 1000)
            i += 1
            if interval > elapsed:
                time.sleep(interval - elapsed)
        conn.close()

    def stop(self):
        self.running = False
        for t in self.threads:
            t.join()

    def latency(self):
        out = {}
        for p, xs in self.samples.items():
            xs = sorted(xs)
            out["losses?maxPoints=500" if "losses" in p else "run"] = {
                "requests": len(xs), "p50_ms": xs[len(xs) // 2], "p99_ms": xs[int(len(xs) * 0.99) - 1],
                "max_ms": xs[-1]}
        return out


def slowdown_under_polling(svc, run_id, interval, rounds=5, seconds=15, warmup=30):
    """Training speed of `run_id` in alternating windows, quiet then polled, `rounds` times; the slowdown is the
    median over the rounds of 1 - polled/quiet. The machine's own speed drifts by more than the effect between
    two windows minutes apart, so only neighbouring windows are compared. The clients poll for `warmup` seconds
    before the first round, untimed, so the request paths run compiled code as they do on a dashboard left open
    (the first seconds' JIT work is what `cold_slowdown`, the first polled window before that warm-up, shows)."""
    cold_quiet = progress_cps(svc, run_id, seconds)
    pollers = Pollers(svc, run_id, interval=interval)
    cold = progress_cps(svc, run_id, seconds)
    time.sleep(max(0, warmup - seconds))
    pollers.stop()
    pairs, samples = [], None
    for _ in range(rounds):
        quiet = progress_cps(svc, run_id, seconds)
        pollers = Pollers(svc, run_id, interval=interval, samples=samples)
        pollers.recording = True
        polled = progress_cps(svc, run_id, seconds)
        pollers.recording = False
        pollers.stop()
        samples = pollers.samples
        pairs.append((quiet, polled))
    return {"latency": pollers.latency(), "cold_slowdown": 1 - cold / cold_quiet,
            "windows_cps_quiet_polled": [[round(q), round(p)] for q, p in pairs],
            "training_slowdown": statistics.median(1 - p / q for q, p in pairs)}


def progress_cps(svc, run_id, seconds):
    a = svc.call("GET", f"/api/runs/{run_id}")
    time.sleep(seconds)
    b = svc.call("GET", f"/api/runs/{run_id}")
    return (b["progress"]["iteration"] - a["progress"]["iteration"]) * a["seqLength"] / seconds


def main():
    global JAR
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "tinyshakespeare.txt"))
    ap.add_argument("--iterations", type=int, default=20000)
    ap.add_argument("--hidden-size", type=int, default=100)
    ap.add_argument("--skip-million", action="store_true")
    ap.add_argument("--jar", default=JAR)
    ap.add_argument("--service-arg", action="append", default=[])
    a = ap.parse_args()
    JAR = a.jar
    corpus_text = open(a.corpus, encoding="utf-8").read()
    results = {}
    work = tempfile.mkdtemp(prefix="charrnn-bench-")
    try:
        svc = Service(work, a.service_arg)
        results["plain_jar_ready_seconds"] = svc.ready_seconds
        print(json.dumps({"plain_jar_ready_seconds": svc.ready_seconds}), flush=True)
        corpus_id = svc.call("POST", "/api/corpora", {"text": corpus_text})["id"]

        # 1. service vs train command, same configuration, alternating, medians of 3
        service_cps, cli_cps = [], []
        for _ in range(3):
            cli_cps.append(train_command_cps(a.corpus, a.hidden_size, a.iterations))
            run = svc.call("POST", "/api/runs", {"corpusId": corpus_id, "hiddenSize": a.hidden_size,
                                                 "numIterations": a.iterations, "sampleEvery": 1000})
            done = svc.wait(run["id"])
            service_cps.append(a.iterations * 25 / done["trainingSeconds"])
        results["train_command_cps"] = statistics.median(cli_cps)
        results["service_cps"] = statistics.median(service_cps)
        results["service_vs_train"] = results["service_cps"] / results["train_command_cps"]
        print(json.dumps({k: results[k] for k in ("train_command_cps", "service_cps", "service_vs_train")}),
              flush=True)

        # 2. latency while every worker trains
        workers = os.cpu_count()
        long_runs = [svc.call("POST", "/api/runs", {"corpusId": corpus_id, "hiddenSize": a.hidden_size,
                                                     "numIterations": 10_000_000, "sampleEvery": 1000})["id"]
                     for _ in range(workers)]
        time.sleep(5)
        for mode, interval in (("polling_every_100ms", 0.1), ("back_to_back", 0.0)):
            results[mode] = slowdown_under_polling(svc, long_runs[0], interval)
            print(json.dumps({mode: results[mode]}), flush=True)
        for rid in long_runs:
            svc.call("POST", f"/api/runs/{rid}/cancel")
        for rid in long_runs:
            svc.wait(rid)

        # 3. a 1,000,000-iteration run: storage and read time
        if not a.skip_million:
            run = svc.call("POST", "/api/runs", {"hiddenSize": 8, "numIterations": 1_000_000,
                                                 "sampleEvery": 100000})
            svc.wait(run["id"])
            times = []
            for _ in range(10):
                t0 = time.perf_counter()
                body = urllib.request.urlopen(f"{svc.base}/api/runs/{run['id']}/losses?maxPoints=1000").read()
                times.append((time.perf_counter() - t0) * 1000)
            results["million_losses_maxPoints1000_ms"] = {"median": statistics.median(times), "max": max(times),
                                                          "points": len(json.loads(body)["iterations"])}
            million_id = run["id"]
        svc.stop()
        if not a.skip_million:
            h2 = next(os.path.join(d, f) for d, _, fs in os.walk(os.path.expanduser("~/.m2/repository/com/h2database"))
                      for f in fs if f.endswith(".jar"))
            q = subprocess.run(["java", "-cp", h2, "org.h2.tools.Shell", "-url", f"jdbc:h2:file:{svc.db}",
                                "-user", "sa", "-sql",
                                f"select sum(octet_length(raw_losses)) + 24 * count(*) from loss_chunk "
                                f"where run_id = {million_id}"], capture_output=True, text=True)
            results["million_losses_bytes"] = int(q.stdout.strip().splitlines()[-2].strip())
            print(json.dumps({k: results[k] for k in ("million_losses_bytes", "million_losses_maxPoints1000_ms")}),
                  flush=True)
        print(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
