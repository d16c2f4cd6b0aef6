#!/usr/bin/python3
"""A new user's LSTM run through the service, end to end, against the built jar:

    python3 bench/walkthrough_lstm.py CORPUS [--iterations 600] [--port 18091]

Starts target/charrnn.jar on a fresh H2 database, uploads CORPUS with a 2 x 128 LSTM, batch 50, Adam request and a
validation split, reads the run's live events, kills the service with SIGKILL in the middle of the run and starts it
again, and lets the run finish. Then it submits the same request again (an uninterrupted twin) and checks:
  - live events arrived (samples among them); the loss chart is a PNG; generate and evaluate answer;
  - the resumed run's losses, validation points and final weights equal the twin's, bit for bit;
  - the exported weights load into PyTorch with load_state_dict (bench/torch_load_export.py) and give the run's
    last validation loss on its held-out characters.
Prints one JSON line per step and exits 1 on the first failed check. Needs /usr/bin/python3 with torch.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

ap = argparse.ArgumentParser()
ap.add_argument("corpus")
ap.add_argument("--iterations", type=int, default=600)
ap.add_argument("--port", type=int, default=18091)
ap.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "..", "target", "charrnn.jar"))
a = ap.parse_args()
base = f"http://127.0.0.1:{a.port}"
work = tempfile.mkdtemp(prefix="walkthrough-")
here = os.path.dirname(os.path.abspath(__file__))


def say(step, **kw):
    print(json.dumps({"step": step, **kw}), flush=True)


def check(ok, step, **kw):
    say(step, ok=bool(ok), **kw)
    if not ok:
        sys.exit(1)


def http(method, path, body=None, headers=None, raw=False):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=60) as r:
        data = r.read()
        return (r.status, r.headers, data) if raw else json.loads(data)


def start():
    log = open(os.path.join(work, "service.log"), "ab")
    p = subprocess.Popen(["java", "--add-modules", "jdk.incubator.vector", "-jar", os.path.abspath(a.jar),
                          f"--server.port={a.port}", "--charrnn.workers=1"], cwd=work, stdout=log,
                         stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(600):
        try:
            if http("GET", "/actuator/health")["status"] == "UP":
                return p
        except Exception:
            time.sleep(0.2)
    raise SystemExit("the service did not start; see " + work)


def submit(corpus):
    fields = {"name": "lstm-walkthrough", "cell": "lstm", "layers": "2", "hiddenSize": "128", "batchSize": "50",
              "seqLength": "50", "optimizer": "adam", "learningRate": "0.002", "gradNormClip": "5",
              "precision": "float32", "numIterations": str(a.iterations), "validationFraction": "0.1",
              "evalEvery": "100", "sampleEvery": "100", "seed": "7"}
    b = uuid.uuid4().hex
    parts = [f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="corpus.txt"\r\n'
                 f'Content-Type: text/plain\r\n\r\n'.encode() + corpus + f"\r\n--{b}--\r\n".encode())
    return http("POST", "/api/runs", b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={b}"})


def wait_for(run_id, pred, seconds=1800):
    t0 = time.time()
    while time.time() - t0 < seconds:
        r = http("GET", f"/api/runs/{run_id}")
        if pred(r):
            return r
        time.sleep(0.5)
    raise SystemExit(f"run {run_id} did not get there: {r}")


events = []


def read_events(run_id):
    try:
        with urllib.request.urlopen(base + f"/api/runs/{run_id}/events", timeout=30) as r:
            for line in r:
                if line.startswith(b"event:"):
                    events.append(line[6:].strip().decode())
    except Exception:
        pass  # the stream ends with the service's kill


corpus = open(a.corpus, "rb").read()
service = start()
run = submit(corpus)
rid = run["id"]
say("submitted", id=rid, parameters=run.get("parameterCount"), status=run["status"])
threading.Thread(target=read_events, args=(rid,), daemon=True).start()
kill_at = a.iterations // 2
# a checkpoint every 10 s: kill once the run is past half way and has been running for more than one interval
wait_for(rid, lambda r: r["progress"]["iteration"] >= kill_at or r["status"] not in ("QUEUED", "RUNNING"))
time.sleep(11)
say("killing", iteration=http("GET", f"/api/runs/{rid}")["progress"]["iteration"])
os.killpg(service.pid, signal.SIGKILL)
service.wait()
say("killed", signal="SIGKILL", events=len(events), kinds=sorted(set(events)))
check(len(events) > 0 and any("sample" in e for e in events), "live events with samples", events=len(events))

service = start()
done = wait_for(rid, lambda r: r["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"))
check(done["status"] == "SUCCEEDED", "resumed run finished", status=done["status"], stopReason=done.get("stopReason"))
twin = submit(corpus)["id"]
wait_for(twin, lambda r: r["status"] in ("SUCCEEDED", "FAILED", "CANCELLED"))

st, hd, png = http("GET", f"/api/runs/{rid}/charts/loss.png", raw=True)
check(png[:8] == b"\x89PNG\r\n\x1a\n", "loss chart", bytes=len(png))
gen = http("POST", f"/api/runs/{rid}/generate", json.dumps({"length": 200, "temperature": 0.8, "prime": "The "}).encode(),
           {"Content-Type": "application/json"})
check(len(gen.get("text", "")) >= 200, "generate", text=gen.get("text", "")[:120])

for what in ("losses", "weights"):
    mine = http("GET", f"/api/runs/{rid}/{what}", raw=True)[2]
    theirs = http("GET", f"/api/runs/{twin}/{what}", raw=True)[2]
    check(mine == theirs, f"resumed {what} equal the twin's, byte for byte", bytes=len(mine))

# the held-out characters the run validated on: the last 10% (rounded) of the corpus' code points, at most
# charrnn.validation-max-chars (1,000) of them
text = corpus.decode("utf-8")
train_len = len(text) - round(len(text) * 0.1)
held_out = text[train_len:train_len + 1000]
losses = http("GET", f"/api/runs/{rid}/losses")
last_val = losses["validationLossPerChar"][-1]
ev = http("POST", f"/api/runs/{rid}/evaluate", json.dumps({"text": held_out}).encode(), {"Content-Type": "application/json"})
check(abs(ev["lossPerChar"] - last_val) < 1e-12, "evaluate on the held-out text gives the last validation loss",
      evaluate=ev["lossPerChar"], validation=last_val)

paths = {n: os.path.join(work, n) for n in ("weights.json", "vocab.txt", "heldout.txt")}
open(paths["weights.json"], "wb").write(http("GET", f"/api/runs/{rid}/weights", raw=True)[2])
open(paths["vocab.txt"], "w", encoding="utf-8").write("".join(http("GET", f"/api/runs/{rid}/vocabulary")))
open(paths["heldout.txt"], "w", encoding="utf-8").write(held_out)
out = subprocess.run(["/usr/bin/python3", os.path.join(here, "torch_load_export.py"), paths["weights.json"],
                      paths["vocab.txt"], paths["heldout.txt"]], capture_output=True, text=True, check=True)
torch_loss = json.loads(out.stdout)["loss_per_char"]
check(abs(torch_loss - last_val) < 1e-9, "PyTorch load_state_dict gives the same validation loss",
      torch=torch_loss, charrnn=last_val, difference=abs(torch_loss - last_val))
os.killpg(service.pid, signal.SIGTERM)
service.wait()
say("done", work=work)
