"""PostgreSQL's own client tools (pg_dump, pg_restore, psql) run against the project's database."""

import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


class PgToolError(RuntimeError):
    """A PostgreSQL client tool failed; the message carries its stderr."""


def _env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {"PGDATABASE": db["NAME"], "PGUSER": db["USER"] or "postgres", "PGHOST": db["HOST"] or "127.0.0.1"}
    env["PGPORT"] = str(db["PORT"] or 5432)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(args: list[str], *, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(args, input=stdin, capture_output=True, env={"PATH": "/usr/bin:/bin", **_env()})
    if result.returncode != 0:
        raise PgToolError(f"{args[0]} failed: {result.stderr.decode(errors='replace')[-2000:]}")
    return result.stdout


def tool_version(tool: str) -> str:
    return _run([tool, "--version"]).decode().strip()


def schema_dump(*, schema: str, output: Path, snapshot: str = "") -> None:
    """`pg_dump -Fc` of one schema (compressed custom format), optionally in an exported snapshot."""
    args = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--schema={schema}", f"--file={output}"]
    _run([*args, f"--snapshot={snapshot}"] if snapshot else args)


def dump_list(dump: Path) -> str:
    """pg_restore's table of contents: fails on a truncated or foreign file."""
    return _run(["pg_restore", "--list", str(dump)]).decode()


def schema_restore(*, dump: Path, source: str, target: str) -> None:
    """Restore a one-schema dump under the name `target`, in one transaction.

    pg_restore cannot rename a schema, so the SQL it writes runs in one psql transaction that
    moves an existing `source` schema aside, restores, renames the result to `target` and moves
    `source` back; other sessions never see the intermediate names.
    """
    sql = _run(["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)])
    before, after = b"", b""
    if source != target:
        if _schema_exists(source):
            before = f'ALTER SCHEMA "{source}" RENAME TO "{source}__restore_hold";\n'.encode()
            after = f'ALTER SCHEMA "{source}__restore_hold" RENAME TO "{source}";\n'.encode()
        after = f'ALTER SCHEMA "{source}" RENAME TO "{target}";\n'.encode() + after
    _run(["psql", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--file=-"], stdin=before + sql + after)


def _schema_exists(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        return cursor.fetchone() is not None


def schema_drop(*, schema: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def schema_script(*, schema: str) -> str:
    """One schema as plain SQL (`pg_dump`, rows as INSERTs), objects qualified by the schema's name."""
    args = ["pg_dump", "--no-owner", "--no-privileges", "--inserts", "--rows-per-insert=1000", f"--schema={schema}"]
    return _run(args).decode()
