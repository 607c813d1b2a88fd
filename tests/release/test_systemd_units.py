"""The example systemd units in deploy/systemd: systemd accepts them, the app server uses
gunicorn.conf.py, and the one timer starts the scheduler, which runs `run_scheduled`."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "deploy" / "systemd"


def unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(UNITS / name)
    return parser


def test_each_service_runs_a_command_the_portal_has_with_the_same_hardening():
    commands = get_commands()
    services = sorted(UNITS.glob("*.service"))

    assert [path.name for path in services] == [
        "werkplaats-scheduler.service",
        "werkplaats-worker.service",
        "werkplaats.service",
    ]
    for path in services:
        service = unit(path.name)["Service"]
        start = service["ExecStart"].split()
        if "manage.py" in start:
            assert start[start.index("manage.py") + 1] in commands, path.name
        assert service["EnvironmentFile"] == "/etc/werkplaats/werkplaats.env"
        assert service["NoNewPrivileges"] == "true"
        assert service["ProtectSystem"] == "strict"
        assert service["Environment"]  # the shared cache folder
    app = unit("werkplaats.service")["Service"]
    assert app["ExecStart"].endswith("gunicorn --config /srv/werkplaats/gunicorn.conf.py")
    assert (ROOT / "gunicorn.conf.py").exists()
    assert "run_scheduled" in unit("werkplaats-scheduler.service")["Service"]["ExecStart"]


def test_the_timer_starts_the_scheduler_every_five_minutes():
    timer = unit("werkplaats-scheduler.timer")

    assert timer["Timer"]["OnCalendar"] == "*:0/5"
    assert "Unit" not in timer["Timer"]  # the service of the same name
    assert (UNITS / "werkplaats-scheduler.service").exists()
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze ontbreekt")
def test_systemd_accepts_the_units(tmp_path):
    # A root with the system's own units and stand-ins for the portal's programs.
    for directory in ("lib/systemd/system", "usr/lib/systemd/system"):
        if Path("/", directory).is_dir():
            shutil.copytree(Path("/", directory), tmp_path / directory, symlinks=True)
    programs = tmp_path / "srv/werkplaats/.venv/bin"
    programs.mkdir(parents=True)
    for name in ("gunicorn", "python"):
        (programs / name).write_text("#!/bin/sh\n")
        (programs / name).chmod(0o755)
    (tmp_path / "bin").mkdir(exist_ok=True)
    shutil.copy("/bin/kill", tmp_path / "bin" / "kill")
    installed = tmp_path / "etc/systemd/system"
    installed.mkdir(parents=True)
    names = [path.name for path in UNITS.iterdir()]
    for name in names:
        shutil.copy(UNITS / name, installed / name)

    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", f"--root={tmp_path}", *names],
        cwd=installed,
        capture_output=True,
        text=True,
        env={"SYSTEMD_LOG_LEVEL": "notice", "PATH": "/usr/bin:/bin"},
        check=False,
    )

    assert done.returncode == 0 and done.stderr == "", done.stderr
