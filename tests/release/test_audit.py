"""`make audit` (CI, before the tests): a locked package with a known vulnerability fails
the run and is named with its fix; when no vulnerability service could be asked the log
says so plainly, and the run goes on."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit)

LOCK = "requirements/dev.txt"


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def clean(name, version="1.0"):
    return {"name": name, "version": version, "vulns": []}


def skipped(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI: {name} (1.0)"}


def test_a_known_vulnerability_fails_the_run_and_names_the_fix():
    vulnerable = {
        "name": "django",
        "version": "5.2.1",
        "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.2"], "aliases": ["CVE-2025-1"]}],
    }
    answer = audit.read("pypi", 1, report(clean("pyphen"), vulnerable), "")

    status, lines = audit.verdict([answer], LOCK)

    assert status == 1
    assert "KWETSBAAR: django 5.2.1: PYSEC-2025-1 (CVE-2025-1); opgelost in: 5.2.2" in lines
    assert "make lock LOCK_OPTIONS='--upgrade-package NAAM'" in lines[-1]


def test_no_vulnerability_passes_and_says_how_many_were_checked():
    answer = audit.read("pypi", 0, report(clean("django"), clean("pyphen")), "")

    status, lines = audit.verdict([answer], LOCK)

    assert status == 0
    assert lines == [
        "Geen bekende kwetsbaarheden in de 2 gecontroleerde pakketten van "
        "requirements/dev.txt (volgens PyPI)."
    ]


def test_packages_the_service_did_not_know_are_listed_as_unchecked():
    answer = audit.read("pypi", 0, report(clean("django"), skipped("intern-pakket")), "")

    status, lines = audit.verdict([answer], LOCK)

    assert status == 0
    assert any("niet gecontroleerd: intern-pakket" in line for line in lines)


def test_when_no_service_can_be_asked_the_log_says_nothing_was_checked_and_the_run_goes_on():
    pypi = audit.read("pypi", 0, report(skipped("django"), skipped("pyphen")), "")
    osv = audit.read(
        "osv",
        1,
        "",
        "Traceback …\nrequests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'\n",
    )

    status, lines = audit.verdict([pypi, osv], LOCK)

    assert status == 0
    assert lines[0].startswith("LET OP: de kwetsbaarheden van requirements/dev.txt zijn NIET")
    assert any("PyPI: geen antwoord voor 2 pakket(ten)" in line for line in lines)
    assert any("OSV: requests.exceptions.ConnectionError" in line for line in lines)


def test_osv_is_asked_only_when_pypi_could_not_answer(monkeypatch, capsys):
    asked = []

    def ask(service, lock):
        asked.append(service)
        if service == "pypi":
            return audit.read("pypi", 0, report(skipped("django")), "")
        return audit.read("osv", 1, report({**clean("django"), "vulns": [{"id": "X-1"}]}), "")

    monkeypatch.setattr(audit, "ask", ask)

    assert audit.main(["audit.py", LOCK]) == 1
    assert asked == ["pypi", "osv"]
    assert "KWETSBAAR: django 1.0: X-1; opgelost in: nog geen" in capsys.readouterr().out
