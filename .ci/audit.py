"""Known vulnerabilities in the locked dependencies (`make audit`, and CI before the tests).

Runs pip-audit over the lock file (default requirements/dev.txt, which holds the runtime
dependencies too), asking PyPI's vulnerability data first and OSV when PyPI could not answer.
Exit status 1 when a locked package has a known vulnerability, with each one listed. When
neither service could be asked (no network, or an index mirror without PyPI's JSON API), it
says so plainly and exits 0: that is not a clean bill of health, and the log says which
packages went unchecked.
"""

import json
import subprocess
import sys
from dataclasses import dataclass, field

SERVICES = {"pypi": "PyPI", "osv": "OSV"}


@dataclass
class Answer:
    service: str
    checked: list[dict] = field(default_factory=list)  # packages the service answered for
    skipped: list[dict] = field(default_factory=list)
    problem: str = ""  # why the service could not be asked at all

    @property
    def vulnerable(self) -> list[dict]:
        return [package for package in self.checked if package.get("vulns")]

    @property
    def answered(self) -> bool:
        return bool(self.checked)


def read(service: str, returncode: int, stdout: str, stderr: str) -> Answer:
    """What one pip-audit run (``--format json``) said."""
    try:
        report = json.loads(stdout)
    except ValueError:
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        last = lines[-1].strip() if lines else f"pip-audit stopte met status {returncode}"
        return Answer(service, problem=last)
    answer = Answer(service)
    for package in report.get("dependencies", []):
        (answer.skipped if "skip_reason" in package else answer.checked).append(package)
    return answer


def ask(service: str, lock: str) -> Answer:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        lock,
        "--require-hashes",
        "--disable-pip",
        "--vulnerability-service",
        service,
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "30",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return read(service, done.returncode, done.stdout, done.stderr)


def verdict(answers: list[Answer], lock: str) -> tuple[int, list[str]]:
    """The exit status and the lines for the log, from the services asked (in order)."""
    answer = next((answer for answer in answers if answer.answered), None)
    if answer is None:
        lines = [
            f"LET OP: de kwetsbaarheden van {lock} zijn NIET gecontroleerd: geen "
            "kwetsbaarhedendienst kon worden gevraagd."
        ]
        for tried in answers:
            name = SERVICES[tried.service]
            if tried.problem:
                lines.append(f"  {name}: {tried.problem}")
            else:
                example = tried.skipped[0]["skip_reason"] if tried.skipped else "geen antwoord"
                lines.append(
                    f"  {name}: geen antwoord voor {len(tried.skipped)} pakket(ten), "
                    f"bijvoorbeeld: {example}"
                )
        lines.append(
            "  Draai `make audit` waar de JSON-API van PyPI (pypi.org/pypi/…/json) of "
            "api.osv.dev antwoordt."
        )
        return 0, lines

    name = SERVICES[answer.service]
    vulnerable = answer.vulnerable
    lines = []
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "nog geen"
            aliases = ", ".join(vuln.get("aliases") or [])
            also = f" ({aliases})" if aliases else ""
            lines.append(
                f"KWETSBAAR: {package['name']} {package['version']}: {vuln['id']}{also}; "
                f"opgelost in: {fixed}"
            )
    if answer.skipped:
        names = ", ".join(f"{package['name']}" for package in answer.skipped)
        lines.append(
            f"LET OP: {name} gaf geen antwoord voor {len(answer.skipped)} van de "
            f"{len(answer.checked) + len(answer.skipped)} pakketten; niet gecontroleerd: {names}"
        )
    if vulnerable:
        lines.append(
            f"{len(vulnerable)} vastgezet(te) pakket(ten) met een bekende kwetsbaarheid "
            f"(volgens {name}). Zet een versie met de oplossing vast: "
            "make lock LOCK_OPTIONS='--upgrade-package NAAM'."
        )
        return 1, lines
    lines.append(
        f"Geen bekende kwetsbaarheden in de {len(answer.checked)} gecontroleerde pakketten "
        f"van {lock} (volgens {name})."
    )
    return 0, lines


def main(argv: list[str]) -> int:
    lock = argv[1] if len(argv) > 1 else "requirements/dev.txt"
    answers = []
    for service in SERVICES:
        answers.append(ask(service, lock))
        if answers[-1].answered:
            break
    status, lines = verdict(answers, lock)
    print("\n".join(lines), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
