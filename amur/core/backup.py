# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backups of a whole installation, database and uploaded files, in one archive that
``amur restore`` brings into an empty installation (``amur backup`` writes it).

The archive is a gzip-compressed tar file:

- ``database.jsonl``: every row of every model, one object a line (Django's serialisation,
  primary keys kept, so every reference stays as it was; times to the microsecond, which
  Django's own encoder would cut to milliseconds);
- ``media/<path>``: every file under MEDIA_ROOT;
- ``manifest.json``: the format, when and from which database vendor it was made, the
  migrations applied (the schema the rows belong to), rows per model, and the size and
  SHA-256 of every other member.

Why Django's serialisation rather than pg_dump or SQLite's backup API: one format for both
databases (a backup of a SQLite trial restores into PostgreSQL), no client tools that must
match the server's version, and restoring is checked row by row through the models. The cost
is speed on very large databases, and that data outside the models is not in the archive: the
search indexes are rebuilt by the database as the rows go in (SQLite's FTS triggers,
PostgreSQL's expression indexes), and the task queue's rows travel like any other model's.

Consistency: all rows are read in one transaction. On PostgreSQL it is REPEATABLE READ and
READ ONLY, so every table is read as of one moment while the site keeps running; on SQLite a
read transaction does the same (in WAL mode a snapshot, otherwise by keeping writers out).
Files are copied after the rows: a file uploaded meanwhile is in the archive without a row
(harmless, as any orphan file), and a row whose file was deleted meanwhile is reported.

What is protected: an archive that was cut short, altered or damaged is refused before
anything is written, and a restore never mixes with existing data (it refuses a non-empty
database or media folder). What is not: the archive holds personal data and password hashes
in clear; it is written readable by its owner only, and keeping it safe is the operator's.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import secrets
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "amur-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
MEDIA = "media"
CHUNK = 1 << 20
# Rows a fresh installation has before anyone uses it: ``migrate`` creates them. A restore
# replaces them with the archive's own, so that every reference to them stays exact.
SEEDED = ("contenttypes.ContentType", "auth.Permission")
# Bookkeeping of the caches, not data: counters any write raises (amur.core.versions),
# restore included, and that a new installation may start anywhere.
NOT_BACKED_UP = ("core.DataVersion",)


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass
class Summary:
    path: Path
    rows: int
    files: int
    missing: list[str] = field(default_factory=list)


def _models():
    """Every concrete model whose rows a backup holds (auto-created many-to-many tables
    travel with their models)."""
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label not in NOT_BACKED_UP
    ]


def _applied(connection) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


class _Hashing(io.RawIOBase):
    """Reads from ``source`` and hashes exactly the bytes read (what the archive holds)."""

    def __init__(self, source):
        self.source, self.sha256, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        data = self.source.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(tar, name: str, path: Path, files: dict) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as source:
        reader = _Hashing(source)
        tar.addfile(info, reader)
    files[name] = {"size": reader.size, "sha256": reader.sha256.hexdigest()}


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds; a backup keeps them whole
    (the deserialiser reads both)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def _write_rows(stream, model, using: str) -> None:
    rows = model._base_manager.using(using).order_by(model._meta.pk.name).iterator(2000)
    serializers.serialize("jsonl", rows, stream=stream, cls=_ExactEncoder)


def _dump(path: Path, using: str) -> dict[str, int]:
    """Every row into ``path``, read in one consistent transaction; rows per model."""
    connection = connections[using]
    # Only the outermost transaction can choose its isolation (inside a caller's, e.g. a
    # test's, the caller's snapshot holds).
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using), path.open("w", encoding="utf-8") as stream:
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = {m._meta.label: m._base_manager.using(using).count() for m in _models()}
        for model in _models():
            _write_rows(stream, model, using)
    return counts


def backup_write(destination: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the archive to ``destination`` (a new file, never overwritten half-way: it is
    written beside it under a temporary name and renamed when complete)."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} exists already: name a new file.")
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent} is not a folder.")
    connection = connections[using]
    partial = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.partial")
    media_root = Path(settings.MEDIA_ROOT)
    files: dict[str, dict] = {}
    missing: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="amur-backup-") as work:
            dump = Path(work) / DATABASE
            counts = _dump(dump, using)
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add(tar, DATABASE, dump, files)
                for path in sorted(media_root.rglob("*")) if media_root.is_dir() else []:
                    if path.is_symlink() or not path.is_file():
                        continue
                    relative = path.relative_to(media_root).as_posix()
                    try:
                        _add(tar, f"{MEDIA}/{relative}", path, files)
                    except FileNotFoundError:
                        missing.append(relative)  # deleted while the backup ran
                missing += _files_without_rows(media_root, files)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": timezone.now().isoformat(),
                    "vendor": connection.vendor,
                    "migrations": _applied(connection),
                    "rows": counts,
                    "files": files,
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
                tar.addfile(info, io.BytesIO(body))
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Summary(destination, sum(counts.values()), len(files) - 1, missing)


def _files_without_rows(media_root: Path, files: dict) -> list[str]:
    """Files that rows name but the media folder does not hold (deleted meanwhile or lost
    before): the backup says so rather than pretend they are safe."""
    from django.db.models import FileField

    held = {name.removeprefix(f"{MEDIA}/") for name in files}
    named = []
    for model in _models():
        for f in model._meta.get_fields():
            if isinstance(f, FileField):
                values = model._base_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True)
                named += [v for v in values if v and v not in held]
    return sorted(named)


# Restore ----------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    if name in (MANIFEST, DATABASE):
        return True
    return (
        len(path.parts) >= 2
        and path.parts[0] == MEDIA
        and not path.is_absolute()
        and ".." not in path.parts
        and "" not in path.parts
        and "\\" not in name
    )


def _read_archive(source: Path, staging: Path) -> dict:
    """Unpack ``source`` into ``staging``, checking every member against the manifest;
    the manifest when everything matches, else BackupError naming what does not."""
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            members = tar.getmembers()
            names = [m.name for m in members]
            if MANIFEST not in names:
                raise BackupError(f"{source} has no {MANIFEST}: not an Amur backup.")
            manifest = json.loads(tar.extractfile(MANIFEST).read())
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupError(f"{source} is not an Amur backup (unknown manifest).")
            if manifest.get("version") != VERSION:
                raise BackupError(
                    f"{source} is an Amur backup of format {manifest.get('version')}; "
                    f"this Amur reads format {VERSION}."
                )
            expected = manifest.get("files") or {}
            if len(set(names)) != len(names):
                raise BackupError(f"{source} holds a member twice: refused.")
            for member in members:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_member(member.name):
                    raise BackupError(f"{source}: unexpected member {member.name!r}: refused.")
                if member.name not in expected:
                    raise BackupError(f"{source}: {member.name} is not in the manifest.")
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with tar.extractfile(member) as data, target.open("wb") as out:
                    while chunk := data.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                want = expected[member.name]
                if size != want.get("size") or digest.hexdigest() != want.get("sha256"):
                    raise BackupError(
                        f"{source}: {member.name} does not match its checksum in the manifest "
                        "(the archive is damaged or was changed): nothing was restored."
                    )
            absent = sorted(set(expected) - set(names))
            if absent or DATABASE not in expected:
                raise BackupError(
                    f"{source} lacks {', '.join(absent) or DATABASE}: nothing was restored."
                )
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError, KeyError) as exc:
        # ValueError covers a manifest that is not JSON (json.JSONDecodeError).
        raise BackupError(
            f"{source} cannot be read as an Amur backup ({exc.__class__.__name__}: {exc}): "
            "nothing was restored."
        ) from None
    return manifest


def installation_contents(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """What an installation already holds beyond what ``migrate`` creates: tables with rows
    (as "label: n rows") and files in MEDIA_ROOT. Empty for an empty installation."""
    held = []
    for model in _models():
        if model._meta.label in SEEDED:
            continue
        if n := model._base_manager.using(using).count():
            held.append(f"{model._meta.db_table}: {n} rows")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        held.append(f"{media_root}: files")
    return held


def backup_restore(source: Path, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Bring the archive ``source`` into this installation, which must be empty (a new
    database, migrated or not, and an empty MEDIA_ROOT) and at the backup's migrations."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="amur-restore-") as work:
        staging = Path(work)
        manifest = _read_archive(source, staging)
        if not connection.introspection.table_names():
            call_command("migrate", database=using, interactive=False, verbosity=0)
        if held := installation_contents(using):
            raise BackupError(
                "This installation is not empty; restore only into a new one (nothing was "
                "restored). It holds: " + "; ".join(held[:10]) + ("; …" if len(held) > 10 else "")
            )
        ours = _applied(connection)
        theirs = sorted(list(m) for m in manifest.get("migrations", []))
        if ours != theirs:
            missing = [f"{a}.{n}" for a, n in theirs if [a, n] not in ours]
            extra = [f"{a}.{n}" for a, n in ours if [a, n] not in theirs]
            raise BackupError(
                "The backup was made with other database migrations than this installation "
                "has; install the Amur version that made it (nothing was restored). "
                f"Only in the backup: {', '.join(missing[:5]) or '—'}; "
                f"only here: {', '.join(extra[:5]) or '—'}."
            )
        copied: list[Path] = []
        try:
            for name in sorted(manifest["files"]):
                if name == DATABASE:
                    continue
                target = media_root / name.removeprefix(f"{MEDIA}/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(staging / name, target)
                copied.append(target)
            with transaction.atomic(using=using):
                Permission.objects.using(using).all().delete()
                ContentType.objects.using(using).all().delete()
                call_command("loaddata", str(staging / DATABASE), database=using, verbosity=0)
                _check_counts(manifest.get("rows", {}), using)
        except BaseException:
            for path in copied:
                path.unlink(missing_ok=True)
            raise
        finally:
            ContentType.objects.clear_cache()
    return Summary(source, sum(manifest.get("rows", {}).values()), len(copied))


def _check_counts(rows: dict[str, int], using: str) -> None:
    """The database holds as many rows of each model as the backup counted (else the
    transaction is rolled back: a loaded fixture that silently skipped rows is no restore)."""
    for label, count in rows.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            raise BackupError(f"The backup holds rows of {label}, unknown here.") from None
        if (found := model._base_manager.using(using).count()) != count:
            raise BackupError(f"{label}: {found} rows restored, the backup counted {count}.")
