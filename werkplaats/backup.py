"""Backups: the database and the uploads in one archive, and putting one back.

An archive (``.tar.gz``, or ``.tar`` when its name says so) holds

- ``database.dump``: PostgreSQL's own dump (``pg_dump --format=custom``), or
  ``database.sqlite3``: a copy of the SQLite file made with SQLite's online backup API; either
  is one consistent snapshot, taken while the site runs;
- ``media/…``: every file under ``MEDIA_ROOT``, taken after the database (so every upload the
  database names is there);
- ``manifest.json``: the format, when the archive was made, the database vendor, the last
  migration applied per app, and the size and SHA-256 of every other file. It comes last, as
  the sums are taken while the files are written.

``restore`` reads the whole archive into a temporary folder and checks it before it changes
anything: only regular files under plain relative paths (no links, no absolute paths, no
``..``), every file listed in the manifest with its size and sum, nothing missing, the same
database vendor, no migration this version of the portal does not know. Then it puts the
backup only into an empty database and an empty (or absent) media folder: the database in
one go (``pg_restore --single-transaction``, or SQLite's backup API), then the files.

Every refusal is a ``BackupError`` with a Dutch message; the commands ``backup`` and
``restore`` show it.
"""

import datetime
import gzip
import hashlib
import io
import json
import lzma
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from werkplaats import pagecache

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
MANIFEST_LIMIT = 64 * 1024 * 1024
CHUNK = 1024 * 1024
# What a damaged or foreign file raises while it is read as a (compressed) tar.
UNREADABLE = (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error, lzma.LZMAError)


class BackupError(Exception):
    """A backup that cannot be made, or an archive or a target that is refused (in Dutch).
    ``changed``: the target was changed before it went wrong (only the uploads failed)."""

    def __init__(self, message: str, *, changed: bool = False):
        super().__init__(message)
        self.changed = changed


@dataclass(frozen=True)
class Result:
    archive: Path
    manifest: dict
    media_root: Path
    pending_migrations: list[str]

    @property
    def vendor(self) -> str:
        return VENDOR_NAMES[self.manifest["database"]["vendor"]]

    @property
    def media_files(self) -> int:
        return sum(1 for name in self.manifest["files"] if name.startswith(f"{MEDIA}/"))

    def size(self, prefix: str) -> int:
        return sum(
            f["size"] for name, f in self.manifest["files"].items() if name.startswith(prefix)
        )


# --- Making a backup -------------------------------------------------------------------------


def create(output: Path) -> Result:
    """Write the database and the uploads to a new archive ``output`` (never overwritten; it
    appears only when complete, readable by its owner alone)."""
    vendor = _vendor()
    media_root = _media_root()
    output = Path(output).absolute()
    if output.name.endswith((".tar.gz", ".tgz")):
        mode = "w:gz"
    elif output.name.endswith(".tar"):
        mode = "w"
    else:
        raise BackupError(f"Kies een bestandsnaam die eindigt op .tar.gz of .tar, niet {output}.")
    if output.exists():
        raise BackupError(f"{output} bestaat al; een back-up overschrijft niets.")
    if not output.parent.is_dir():
        raise BackupError(f"De map {output.parent} bestaat niet.")
    if output.is_relative_to(media_root):
        raise BackupError(
            f"Schrijf de back-up niet in de map met uploads ({media_root}): daar is hij "
            "openbaar en zou hij in de volgende back-up terechtkomen."
        )
    migrations = _last_migrations()
    partial = output.with_name(f".{output.name}.{secrets.token_hex(4)}.deel")
    files = {}
    try:
        with tempfile.TemporaryDirectory(prefix="werkplaats-backup-") as tmp:
            dump = Path(tmp) / DATABASE_FILES[vendor]
            _dump_database(vendor, dump)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(fileobj=raw, mode=mode, format=tarfile.PAX_FORMAT) as tar:
                    files[dump.name] = _add(tar, dump, dump.name)
                    for path in _media_files(media_root):
                        name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                        files[name] = _add(tar, path, name)
                    manifest = {
                        "format": FORMAT,
                        "created_at": timezone.now().isoformat(),
                        "database": {"vendor": vendor, "file": dump.name},
                        "migrations": migrations,
                        "files": files,
                    }
                    data = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False)
                    _add_bytes(tar, MANIFEST, data.encode())
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return Result(output, manifest, media_root, [])


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Back-ups kunnen alleen van PostgreSQL en SQLite, niet van {connection.vendor}."
        )
    return connection.vendor


def _media_root() -> Path:
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            "De uploads staan niet in een map op deze server (maar in "
            f"{type(storage).__name__}); maak daarvan een back-up bij die opslag zelf."
        )
    return Path(storage.location).absolute()


def _last_migrations() -> dict[str, str]:
    last = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        last[app] = max(name, last.get(app, name))
    return dict(sorted(last.items()))


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "postgresql":
        _run_pg("pg_dump", "--format=custom", f"--file={target}")
        return
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    except sqlite3.Error as error:
        raise BackupError(f"De SQLite-database kon niet worden gekopieerd: {error}") from error
    finally:
        copy.close()


def _run_pg(program: str, *options: str) -> None:
    """Run ``pg_dump`` or ``pg_restore`` against the portal's database: the connection from
    ``DATABASES['default']``, the password in the environment (never on the command line),
    without the portal's own session options (time limits), which the bulk work must not get."""
    params = connection.settings_dict
    args = [program]
    for option, key in (("--username", "USER"), ("--host", "HOST"), ("--port", "PORT")):
        if params.get(key):
            args.append(f"{option}={params[key]}")
    if params.get("NAME"):
        args.append(f"--dbname={params['NAME']}")
    _, env = connection.client.settings_to_cmd_args_env(params, [])
    try:
        result = subprocess.run(
            [*args, *options],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{program} is niet gevonden: installeer de clientprogramma's van PostgreSQL, in "
            "de versie van de server of nieuwer."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{program} mislukte: {result.stderr.strip()}")


class _Hashing:
    """A file read through: counts and sums what is read."""

    def __init__(self, file):
        self.file, self.size, self.sha256 = file, 0, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.size += len(data)
        self.sha256.update(data)
        return data

    def summary(self) -> dict:
        return {"size": self.size, "sha256": self.sha256.hexdigest()}


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
    with path.open("rb") as file:
        reading = _Hashing(file)
        try:
            tar.addfile(info, reading)
        except OSError as error:  # shorter than a moment ago
            raise BackupError(
                f"{path} veranderde tijdens de back-up; probeer het opnieuw."
            ) from error
    return reading.summary()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    tar.addfile(info, io.BytesIO(data))


def _media_files(root: Path) -> list[Path]:
    if not root.exists():
        return []
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in [*dirs, *sorted(names)]:
            path = Path(folder) / name
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                raise BackupError(
                    f"{path} is een link of geen gewoon bestand; een back-up neemt alleen "
                    "gewone bestanden mee. Vervang de link door het bestand zelf."
                )
            if path.is_file():
                found.append(path)
    return found


# --- Putting a backup back -------------------------------------------------------------------


def restore(archive: Path) -> Result:
    """Put ``archive`` back into the (empty) database and media folder of this portal, after
    checking all of it. Raises ``BackupError`` before anything changes when the archive or the
    target is refused."""
    archive = Path(archive).absolute()
    if not archive.is_file():
        raise BackupError(f"{archive} bestaat niet of is geen bestand.")
    vendor = _vendor()
    media_root = _media_root()
    with tempfile.TemporaryDirectory(prefix="werkplaats-terugzetten-") as tmp:
        unpacked = Path(tmp)
        try:
            manifest = _unpack(archive, unpacked)
        except OSError as error:
            raise BackupError(
                f"Het archief kon niet worden uitgepakt in {tmp} ({error}); is er genoeg "
                "ruimte? Een andere tijdelijke map kies je met TMPDIR."
            ) from error
        _check_manifest(manifest, vendor)
        _check_empty(media_root)
        _restore_database(vendor, unpacked / DATABASE_FILES[vendor])
        try:
            _place_media(unpacked / MEDIA, media_root)
        except OSError as error:
            raise BackupError(
                f"De database is teruggezet, maar de uploads niet ({error}). Begin opnieuw met "
                "een lege database en een lege map voor uploads.",
                changed=True,
            ) from error
    pagecache.new_generation()  # written past Django: no page stored before may be served
    return Result(archive, manifest, media_root, _pending_migrations())


def _unpack(archive: Path, into: Path) -> dict:
    """Copy every member of ``archive`` into ``into`` and return the manifest, once all of
    it agrees with the manifest."""
    found = {}
    manifest = None
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                name = _checked_name(member)
                if name in found or (name == MANIFEST and manifest is not None):
                    raise BackupError(f"{name} staat twee keer in het archief.")
                source = tar.extractfile(member)
                if name == MANIFEST:
                    if member.size > MANIFEST_LIMIT:
                        raise BackupError("manifest.json is te groot om een manifest te zijn.")
                    manifest = source.read()
                    continue
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("xb") as copy:
                    reading = _Hashing(source)
                    shutil.copyfileobj(reading, copy, CHUNK)
                found[name] = reading.summary()
    except UNREADABLE as error:
        raise BackupError(f"{archive} is geen leesbaar archief ({error}).") from error
    if manifest is None:
        raise BackupError(
            "Het archief heeft geen manifest.json: het is geen back-up van dit portaal, of "
            "het is onvolledig."
        )
    manifest = _parsed(manifest)
    listed = manifest["files"]
    unlisted = sorted(found.keys() - listed.keys())
    if unlisted:
        raise BackupError(f"{_some(unlisted)} zit in het archief maar niet in het manifest.")
    missing = sorted(listed.keys() - found.keys())
    if missing:
        raise BackupError(f"{_some(missing)} staat in het manifest maar niet in het archief.")
    differing = [
        name
        for name in sorted(found)
        if found[name] != {"size": listed[name]["size"], "sha256": listed[name]["sha256"]}
    ]
    if differing:
        raise BackupError(
            f"{_some(differing)} klopt niet met het manifest (grootte of SHA-256 verschilt): "
            "het archief is beschadigd of veranderd."
        )
    return manifest


def _some(names: list[str]) -> str:
    shown = ", ".join(names[:3])
    return shown if len(names) <= 3 else f"{shown} en nog {len(names) - 3}"


def _checked_name(member: tarfile.TarInfo) -> str:
    """The member's path, if it is a regular file at a plain relative path."""
    name = member.name
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(part in {"", ".", ".."} for part in parts):
        raise BackupError(
            f"‘{name}’ in het archief is geen gewoon pad binnen de back-up (absoluut, met .. "
            "of leeg deel); zo'n archief kan buiten zijn map schrijven."
        )
    if not member.isreg():
        raise BackupError(
            f"‘{name}’ in het archief is geen gewoon bestand (maar een link, map of apparaat)."
        )
    return name


def _parsed(data: bytes) -> dict:
    try:
        manifest = json.loads(data)
        form = manifest.get("format")
        if form != FORMAT:
            raise BackupError(
                f"Dit archief heeft manifestformaat {form!r}; deze versie van het portaal "
                f"kent formaat {FORMAT}."
            )
        well_formed = (
            all(
                isinstance(facts["size"], int) and isinstance(facts["sha256"], str)
                for facts in manifest["files"].values()
            )
            and isinstance(manifest["database"]["vendor"], str)
            and isinstance(manifest["database"]["file"], str)
            and isinstance(manifest["migrations"], dict)
            and datetime.datetime.fromisoformat(manifest["created_at"])
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        well_formed = False
    if not well_formed:
        raise BackupError("manifest.json is geen leesbaar manifest van een back-up.")
    return manifest


def _check_manifest(manifest: dict, vendor: str) -> None:
    database = manifest["database"]
    if database["vendor"] != vendor:
        made_with = VENDOR_NAMES.get(database["vendor"], database["vendor"])
        raise BackupError(
            f"De back-up komt uit {made_with} en dit portaal gebruikt {VENDOR_NAMES[vendor]}; "
            "terugzetten kan alleen in hetzelfde soort database."
        )
    if database["file"] != DATABASE_FILES[vendor] or database["file"] not in manifest["files"]:
        raise BackupError(f"Het archief heeft geen {DATABASE_FILES[vendor]}.")
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for app, name in manifest["migrations"].items():
        if (app, name) not in known:
            raise BackupError(
                f"De back-up is gemaakt met een nieuwere versie van het portaal: migratie "
                f"{app}.{name} bestaat in deze versie niet. Zet hem terug met de versie "
                "waarmee hij gemaakt is."
            )


def _check_empty(media_root: Path) -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"De database {connection.settings_dict['NAME']} is niet leeg: er staan al "
            f"{len(tables)} tabellen in (zoals {', '.join(tables[:3])}). Zet een back-up "
            "alleen terug in een lege database: maak een nieuwe aan (PostgreSQL: createdb "
            "<naam>; SQLite: een bestandsnaam die nog niet bestaat in DATABASE_URL), draai "
            "daarin geen migrate, en zet DATABASE_URL daarop."
        )
    if media_root.exists() and (not media_root.is_dir() or any(media_root.iterdir())):
        raise BackupError(
            f"De map voor uploads ({media_root}) is niet leeg. Zet een back-up alleen terug in "
            "een lege of nog niet bestaande map: kies er een met MEDIA_ROOT."
        )


def _restore_database(vendor: str, dump: Path) -> None:
    if vendor == "postgresql":
        _run_pg(
            "pg_restore",
            "--no-owner",  # the tables become the restoring role's own
            "--no-privileges",  # grants name roles the new server may not have
            "--exit-on-error",
            "--single-transaction",  # all or nothing
            str(dump),
        )
    else:
        backup = sqlite3.connect(dump)
        try:
            connection.ensure_connection()
            backup.backup(connection.connection)  # in one step: all or nothing
        except (sqlite3.Error, DatabaseError) as error:
            raise BackupError(f"De SQLite-database kon niet worden teruggezet: {error}.") from error
        finally:
            backup.close()
    connection.close()  # what Django knew of the empty database is gone


def _place_media(unpacked: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    if unpacked.is_dir():
        for entry in sorted(unpacked.iterdir()):
            shutil.move(entry, media_root / entry.name)


def _pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
