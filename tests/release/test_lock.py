"""The lock (requirements/): every dependency pyproject.toml declares is pinned there at a
version it allows, with the hashes pip checks, and the servers' lock is the runtime part of
the development lock at the same versions. `make lock-check` (CI) goes further and compares
the lock with what `make lock` makes now."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(name):
    """``{package: (version, number of hashes)}`` of one lock file."""
    found = {}
    package = None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            package = canonicalize_name(match.group(1))
            found[package] = [match.group(2), 0]
        elif package and line.strip().startswith("--hash=sha256:"):
            found[package][1] += 1
    return {package: tuple(pin) for package, pin in found.items()}


def declared(*, dev):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + (project["optional-dependencies"]["dev"] if dev else [])
    return [Requirement(line) for line in wanted]


@pytest.mark.parametrize(("lock", "dev"), [("dev.txt", True), ("prod.txt", False)])
def test_the_lock_pins_every_declared_dependency_at_an_allowed_version(lock, dev):
    pinned = pins(lock)

    for requirement in declared(dev=dev):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} ontbreekt in requirements/{lock}: draai make lock"
        version, _hashes = pinned[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} in requirements/{lock} past niet bij {requirement}: make lock"
        )
    assert "pyphen" in pinned


@pytest.mark.parametrize("lock", ["dev.txt", "prod.txt"])
def test_every_pin_carries_the_hashes_of_its_files(lock):
    unhashed = [name for name, (_version, hashes) in pins(lock).items() if not hashes]

    assert unhashed == []


def test_the_servers_run_the_versions_that_were_tested():
    development, servers = pins("dev.txt"), pins("prod.txt")

    assert set(servers) < set(development)
    assert {name: development[name] for name in servers} == servers
    assert not {"pytest", "playwright", "ruff", "uv", "pip-audit"} & set(servers)
