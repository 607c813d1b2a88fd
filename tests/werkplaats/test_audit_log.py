"""Where the audit log goes, as an operator meets it: the file named by DJANGO_AUDIT_LOG (which
logrotate may move away), else stderr; one JSON line per event, apart from the other logs.
Each test starts Django in a subprocess, so the settings are read with exactly its environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Two events outside any request, with the file moved away (as logrotate does) in between.
SCRIPT = """
import logging
import os
import sys

import django

django.setup()

from werkplaats import audit

audit.record("proef.een", user=7, koppeling=3)
if len(sys.argv) > 1:
    os.rename(sys.argv[1], sys.argv[1] + ".1")
logging.getLogger("django").warning("een gewone melding")
audit.record("proef.twee", user=7)
"""


def run(env, *args):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment = {**clean, "DJANGO_SETTINGS_MODULE": "werkplaats.settings", "DJANGO_DEBUG": "true"}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_audit_log_goes_to_the_file_and_follows_logrotate(tmp_path):
    log = tmp_path / "audit.log"
    result = run({"DJANGO_AUDIT_LOG": str(log)}, str(log))
    assert result.returncode == 0, result.stderr

    [first] = map(json.loads, (tmp_path / "audit.log.1").read_text().splitlines())
    [second] = map(json.loads, log.read_text().splitlines())  # a new file after the move
    assert first == first | {"event": "proef.een", "user": 7, "actor": None, "ip": None}
    assert first["koppeling"] == 3 and first["time"].endswith("+00:00")
    assert second["event"] == "proef.twee"
    assert "proef" not in result.stderr  # not in the other logs
    assert "een gewone melding" in result.stderr
    assert "een gewone melding" not in log.read_text()


def test_without_a_file_the_audit_log_goes_to_stderr_as_json_lines():
    result = run({})
    assert result.returncode == 0, result.stderr
    events = [
        json.loads(line)["event"] for line in result.stderr.splitlines() if line.startswith("{")
    ]
    assert events == ["proef.een", "proef.twee"]
