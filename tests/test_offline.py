"""The scorer must never reach the network: run it in a fresh interpreter with sockets disabled."""
import subprocess
import sys

from conftest import GOOD

BLOCK_AND_SCORE = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network disabled by test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import sys
from reliability import score_text
result = score_text(sys.stdin.read())
print(result.score, result.verdict)
"""


def test_scoring_works_without_network():
    proc = subprocess.run([sys.executable, "-c", BLOCK_AND_SCORE], input=GOOD,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    score, verdict = proc.stdout.split()
    assert 0 <= float(score) <= 100 and verdict in ("reliable", "review", "unreliable")
