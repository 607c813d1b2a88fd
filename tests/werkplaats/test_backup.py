"""``manage.py backup`` and ``manage.py restore``: the demo goes into one archive and comes back
into an empty database and media folder with every row and every file; a damaged or hostile
archive, and a target that is not empty, are refused before anything changes.

The archive is made in the test process (from the test database); it is put back by
``manage.py restore`` in a subprocess pointed at an empty target, the way an operator does it:
a new SQLite file, or a newly created PostgreSQL database beside the test database.
"""

import hashlib
import io
import json
import os
import secrets
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

from tests.helpers import run_command
from werkplaats.backup import DATABASE_FILES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


# --- Helpers -----------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def database_url(name):
    """The test database's server, with another database name."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    login = quote(params["USER"] or "", safe="")
    if params["PASSWORD"]:
        login += ":" + quote(str(params["PASSWORD"]), safe="")
    host = params["HOST"] or "localhost"
    port = f":{params['PORT']}" if params["PORT"] else ""
    return f"postgres://{login}@{host}{port}/{name}"


def postgres_admin(sql):
    import psycopg

    params = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(sql)


@pytest.fixture
def empty_target(tmp_path):
    """An empty database and a media folder that does not exist yet: a new SQLite file, or a
    new PostgreSQL database (dropped afterwards), and a ``connect()`` to read it from here."""
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_restore"
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_admin(f'CREATE DATABASE "{name}"')
    else:
        name = str(tmp_path / "restored.sqlite3")
    opened = []

    def connect():
        wrapper = type(connections["default"])(
            {**connection.settings_dict, "NAME": name}, "restored"
        )
        opened.append(wrapper)
        return wrapper

    yield SimpleNamespace(
        url=database_url(name), media_root=tmp_path / "restored-media", connect=connect
    )
    for wrapper in opened:
        wrapper.close()
    if connection.vendor == "postgresql":
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, target, tmp_path):
    """``manage.py *args`` as an operator runs it, on the target's database and media folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL", "MEDIA_ROOT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="werkplaats.settings",
        DJANGO_DEBUG="true",
        DATABASE_URL=target.url,
        MEDIA_ROOT=str(target.media_root),
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def every_row(database):
    """Every row of every table (and SQLite's and PostgreSQL's sequence counters), sorted."""
    with database.cursor() as cursor:
        tables = sorted(database.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {database.ops.quote_name(table)} ORDER BY 1")
            rows[table] = sorted(cursor.fetchall(), key=repr)
        if database.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
        else:
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY 1"
            )
        rows["(sequences)"] = cursor.fetchall()
    return rows


def every_file(root):
    root = Path(root)
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def has_no_tables(target):
    database = target.connect()
    with database.cursor() as cursor:
        return database.introspection.table_names(cursor) == []


def make_backup(tmp_path, name="backup.tar"):
    archive = tmp_path / name
    run_command("backup", output=str(archive))
    return archive


# --- The round trip ----------------------------------------------------------------------------


def test_the_demo_comes_back_into_an_empty_database_with_every_row_and_file(
    media_root, empty_target, tmp_path
):
    run_command("load_demo")
    assert every_file(media_root), "the demo stores its PDFs and images in MEDIA_ROOT"
    (media_root / "diep" / "in de map").mkdir(parents=True)
    (media_root / "diep" / "in de map" / "verslag één.pdf").write_bytes(secrets.token_bytes(5000))
    (media_root / "leeg.txt").write_bytes(b"")

    archive = tmp_path / "werkplaats.tar.gz"
    output = run_command("backup", output=str(archive))
    assert f"Back-up geschreven naar {archive}" in output
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data: for its owner only

    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        manifest = json.load(tar.extractfile("manifest.json"))
        sums = {
            m.name: hashlib.sha256(tar.extractfile(m).read()).hexdigest()
            for m in members
            if m.name != "manifest.json"
        }
    assert manifest["format"] == 1
    assert manifest["database"] == {
        "vendor": connection.vendor,
        "file": DATABASE_FILES[connection.vendor],
    }
    applied = MigrationRecorder(connection).applied_migrations()
    assert manifest["migrations"]["werkplaats"] == max(n for a, n in applied if a == "werkplaats")
    assert set(manifest["migrations"]) == {app for app, _name in applied}
    assert sums == {name: facts["sha256"] for name, facts in manifest["files"].items()}
    assert {m.name for m in members if m.name.startswith("media/")} == {
        f"media/{name}" for name in every_file(media_root)
    }

    restored = manage("restore", str(archive), target=empty_target, tmp_path=tmp_path)

    assert restored.returncode == 0, restored.stderr
    assert f"Teruggezet uit {archive}" in restored.stdout
    source, copy = every_row(connection), every_row(empty_target.connect())
    assert len(source["publicaties_publicatie"]) == 22  # the comparison compares something
    assert sum(len(rows) for rows in source.values()) > 1000
    assert copy.keys() == source.keys()
    for table in source:
        assert copy[table] == source[table], table
    assert every_file(empty_target.media_root) == every_file(media_root)


# --- Refusals: the archive ---------------------------------------------------------------------


def test_a_dump_with_one_byte_changed_is_refused_and_the_empty_target_stays_empty(
    media_root, empty_target, tmp_path
):
    (media_root / "logo.png").write_bytes(b"\x89PNG" + secrets.token_bytes(100))
    archive = make_backup(tmp_path)  # uncompressed, so the byte is the dump's own
    with tarfile.open(archive) as tar:
        dump = tar.getmember(DATABASE_FILES[connection.vendor])
    with archive.open("r+b") as file:
        file.seek(dump.offset_data + dump.size // 2)
        byte = file.read(1)
        file.seek(-1, io.SEEK_CUR)
        file.write(bytes([byte[0] ^ 0xFF]))

    refused = manage("restore", str(archive), target=empty_target, tmp_path=tmp_path)

    assert refused.returncode != 0
    assert f"{dump.name} klopt niet met het manifest" in refused.stderr
    assert "Er is niets veranderd." in refused.stderr
    assert has_no_tables(empty_target)
    assert not empty_target.media_root.exists()


def craft(tmp_path, members, *, manifest=None, listed=None, compressed=False):
    """An archive of ``members`` (name → bytes, or a TarInfo for links), with a manifest that
    lists ``listed`` (default: the regular members) correctly unless ``manifest`` changes it."""
    database = DATABASE_FILES[connection.vendor]
    dump = b"SQLite format 3\x00 or PGDMP"
    members = {database: dump, **members}
    listed = members if listed is None else {database: dump, **listed}
    files = {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in listed.items()
        if isinstance(data, bytes)
    }
    content = {
        "format": 1,
        "created_at": "2025-03-01T10:00:00+00:00",
        "database": {"vendor": connection.vendor, "file": database},
        "migrations": {"werkplaats": "0001_initial"},
        "files": files,
        **(manifest or {}),
    }
    if manifest is not False:
        members["manifest.json"] = json.dumps(content).encode()
    path = tmp_path / f"crafted-{secrets.token_hex(4)}.tar{'.gz' if compressed else ''}"
    with tarfile.open(path, "w:gz" if compressed else "w") as tar:
        for name, data in members.items():
            if isinstance(data, tarfile.TarInfo):
                tar.addfile(data)
            else:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def link(name, target, kind=tarfile.SYMTYPE):
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


OUTSIDE = f"buiten-{secrets.token_hex(4)}.txt"  # where a path traversal would write


@pytest.mark.parametrize(
    ("arguments", "refusal"),
    [
        pytest.param({"members": {}, "manifest": False}, "geen manifest.json", id="no-manifest"),
        pytest.param(
            {"members": {"media/a.pdf": b"%PDF"}, "listed": {}},
            "media/a.pdf zit in het archief maar niet in het manifest",
            id="member-not-listed",
        ),
        pytest.param(
            {"members": {}, "listed": {"media/weg.pdf": b"%PDF"}},
            "media/weg.pdf staat in het manifest maar niet in het archief",
            id="listed-member-missing",
        ),
        pytest.param(
            {"members": {"media/a.pdf": b"%PDF"}, "listed": {"media/a.pdf": b"%PDF-1.7"}},
            "media/a.pdf klopt niet met het manifest",
            id="size-and-sum-differ",
        ),
        pytest.param(
            {"members": {f"media/../../{OUTSIDE}": b"x"}}, "geen gewoon pad", id="dot-dot"
        ),
        pytest.param({"members": {f"../{OUTSIDE}": b"x"}}, "geen gewoon pad", id="leading-dot-dot"),
        pytest.param(
            {"members": {f"{tempfile.gettempdir()}/{OUTSIDE}": b"x"}},
            "geen gewoon pad",
            id="absolute-path",
        ),
        pytest.param(
            {"members": {"media/link": link("media/link", "/etc/passwd")}},
            "geen gewoon bestand",
            id="symbolic-link",
        ),
        pytest.param(
            {"members": {"media/hard": link("media/hard", "/etc/passwd", tarfile.LNKTYPE)}},
            "geen gewoon bestand",
            id="hard-link",
        ),
        pytest.param(
            {
                "members": {},
                "manifest": {
                    "database": {
                        "vendor": "mysql",
                        "file": DATABASE_FILES["sqlite"],
                    }
                },
            },
            "De back-up komt uit mysql",
            id="other-vendor",
        ),
        pytest.param(
            {"members": {}, "manifest": {"migrations": {"werkplaats": "9999_uit_de_toekomst"}}},
            "migratie werkplaats.9999_uit_de_toekomst bestaat in deze versie niet",
            id="newer-portal",
        ),
        pytest.param(
            {"members": {}, "manifest": {"format": 2}}, "manifestformaat 2", id="newer-format"
        ),
        # An intact archive gets past every check of the archive, to the test database's tables.
        pytest.param({"members": {"media/a.pdf": b"%PDF"}}, "is niet leeg", id="intact"),
    ],
)
def test_a_damaged_or_hostile_archive_is_refused_before_anything_changes(
    arguments, refusal, media_root, tmp_path, make_gemeente
):
    archive = craft(tmp_path, **arguments)
    make_gemeente("Heumen")
    before = every_row(connection)

    with pytest.raises(CommandError, match="Niet teruggezet") as refused:
        call_command("restore", str(archive))

    assert refusal in str(refused.value)
    assert "Er is niets veranderd." in str(refused.value)
    assert every_row(connection) == before
    assert list(media_root.iterdir()) == []
    assert not (Path(tempfile.gettempdir()) / OUTSIDE).exists()
    assert not (tmp_path / OUTSIDE).exists()


def test_a_file_that_is_no_archive_or_a_damaged_compressed_one_is_refused(media_root, tmp_path):
    not_an_archive = tmp_path / "foto.tar.gz"
    not_an_archive.write_bytes(secrets.token_bytes(2000))
    compressed = craft(tmp_path, {"media/a.txt": secrets.token_bytes(50_000)}, compressed=True)
    data = bytearray(compressed.read_bytes())
    data[len(data) // 2] ^= 0xFF
    compressed.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="geen leesbaar archief"):
        call_command("restore", str(not_an_archive))
    # Where the damage sits decides who sees it first: gzip's own check or the manifest's sums.
    with pytest.raises(CommandError, match=r"geen leesbaar archief|klopt niet met het manifest"):
        call_command("restore", str(compressed))
    assert list(media_root.iterdir()) == []


# --- Refusals: the target ------------------------------------------------------------------------


def test_a_media_folder_that_is_not_empty_is_refused_and_left_as_it_was(
    media_root, empty_target, tmp_path
):
    archive = make_backup(tmp_path)
    empty_target.media_root.mkdir()
    (empty_target.media_root / "van-iemand-anders.pdf").write_bytes(b"%PDF-1.7")

    refused = manage("restore", str(archive), target=empty_target, tmp_path=tmp_path)

    assert refused.returncode != 0
    assert f"De map voor uploads ({empty_target.media_root}) is niet leeg" in refused.stderr
    assert has_no_tables(empty_target)
    assert every_file(empty_target.media_root) == {"van-iemand-anders.pdf": b"%PDF-1.7"}


def test_a_database_with_tables_is_refused_with_how_to_get_an_empty_one(
    media_root, tmp_path, make_gemeente
):
    archive = make_backup(tmp_path)
    make_gemeente("Heumen")
    before = every_row(connection)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))

    message = str(refused.value)
    assert "is niet leeg" in message
    assert "maak een nieuwe aan (PostgreSQL: createdb" in message
    assert "draai daarin geen migrate" in message
    assert every_row(connection) == before


def test_a_backup_never_overwrites_a_file(media_root, tmp_path):
    existing = tmp_path / "backup.tar.gz"
    existing.write_bytes(b"eerdere back-up")

    with pytest.raises(CommandError, match="bestaat al"):
        call_command("backup", output=str(existing))
    with pytest.raises(CommandError, match="niet in de map met uploads"):
        call_command("backup", output=str(media_root / "backup.tar.gz"))

    assert existing.read_bytes() == b"eerdere back-up"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.tar.gz", "media"]
