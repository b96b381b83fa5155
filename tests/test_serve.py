"""`reliability serve` as a real process on a free loopback port, called over HTTP."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

from conftest import GOOD, PADDED
from reliability.cli import app
from reliability.server import is_loopback


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, object]:
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "reliability", "serve", "--port", str(port),
                                "--max-request-bytes", "200000"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            call(base + "/health")
            break
        except OSError:
            time.sleep(0.2)
    if process.poll() is not None:
        pytest.fail(process.communicate()[1].decode())
    yield base
    process.terminate()
    process.communicate(timeout=10)


def post(base: str, payload, raw: bytes | None = None):
    body = raw if raw is not None else json.dumps(payload).encode()
    return call(base + "/score", body, {"Content-Type": "application/json"})


def test_health(server):
    status, body = call(server + "/health")
    assert status == 200 and body["status"] == "ok" and len(body["model_sha256"]) == 64


def test_score_returns_the_records_of_score_json(server, write_jsonl):
    rows = [{"id": "good", "text": GOOD}, {"id": "padded", "text": PADDED * 2}, {"id": "no-text"}]
    cli = CliRunner().invoke(app, ["score", str(write_jsonl(rows)), "-f", "json"])
    expected = json.loads(cli.stdout)
    status, records = post(server, rows)
    assert status == 200
    assert [r["id"] for r in records] == ["good", "padded", "#3"]
    assert records[:2] == expected[:2]
    assert records[0]["score"] > 70 > records[1]["score"] and "error" in records[2]


def test_single_object_in_single_record_out(server):
    status, record = post(server, {"text": PADDED * 2, "id": "a1", "model": "/tmp/evil.joblib"})
    assert status == 200 and record["id"] == "a1" and record["verdict"] == "unreliable"


@pytest.mark.parametrize("payload, raw, status", [
    (None, b"{not json", 400),
    ({"id": "x"}, None, 422),
    ({"text": 5}, None, 422),
    ({"text": "x" * 300_000}, None, 413),
])
def test_bad_requests_get_an_error_status(server, payload, raw, status):
    got, body = post(server, payload, raw)
    assert got == status and "error" in body


def test_listen_address_taken_is_one_line(server):
    port = server.rsplit(":", 1)[1]
    result = CliRunner().invoke(app, ["serve", "--port", port])
    assert result.exit_code == 2 and "cannot listen" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                            ("0.0.0.0", False), ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_missing_serve_extra_is_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = CliRunner().invoke(app, ["serve", "--port", str(free_port())])
    assert result.exit_code == 2 and "pip install 'reliability[serve]'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
