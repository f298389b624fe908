"""Shared by the reliability tests: generated corpora, the real `accord` command, database checks.

Nothing here is committed data: every source is written by the tests, from the fictional
examples of the repository or from the short fictional texts below.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

_SCRIPT = Path(sys.executable).with_name("accord")
# the installed console script, as a user runs it (the same entry point when it is missing)
ACCORD = ([str(_SCRIPT)] if _SCRIPT.exists()
          else [sys.executable, "-c", "from accord.cli import main; main()"])

# ------------------------------------------------------------------ good sources

# Written here so that the good corpus has a Western European and a Russian text that can be
# stored in the single-byte code pages the issue names (no characters outside them).
FR = (
    "La foire aux lanternes d'Emberton\n\n"
    "Le café du port a ouvert en 1931. Sa propriétaire, Hélène Carrière, est née en 1902 à "
    "Gullrock; elle aimait la crème brûlée et les façades colorées.\n\n"
    "Hélène Carrière est morte en 1977 à Port Ellery.\n"
)
RU = (
    "Ярмарка фонарей в Угольках\n\n"
    "Вымышленный город Угольки впервые провёл ярмарку фонарей в 1931 году. Вдоль реки "
    "повесили четыреста фонарей, а жители испекли пироги.\n\n"
    "Марта Квиллон родилась 3 мая 1902 года в Угольках. Она умерла в 1977 году.\n\n"
    "Ёлка у ратуши стояла до весны.\n"
)
RU_HTML = (
    '<html><head><meta charset="{charset}"><title>Газета Угольков</title></head><body>'
    "<article><h1>Капитан и ярмарка</h1><p>Тобиас Веннерхольм родился в 1871 году в Кестрелби. "
    "Он был арестован в июле 1911 года.</p><p>Ярмарку фонарей посетили около 300 человек.</p>"
    "</article></body></html>"
)
EXTRA = {
    "extra/fair_fr.txt": FR,
    "extra/yarmarka_ru.txt": RU,
    "extra/gazeta_ru.html": RU_HTML.format(charset="utf-8"),
}


def write_good(root: Path, extra: bool = True) -> Path:
    """The good corpus: the repository's examples and (with `extra`) the three texts above,
    all in UTF-8."""
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)
    for rel, text in EXTRA.items() if extra else ():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


# fictional people, places and years: every variant of an example says something of its own
PEOPLE = ["Marta Quillon", "Oskar Brandvik", "Lisel Harrowgate", "Petra Oddmund",
          "Jonas Ferrule", "Ilka Sandaker", "Edvin Tollberg", "Runa Kestrel", "Aldo Veyle"]
PLACES = ["Kestrelby", "Port Ellery", "Gullrock", "Saltmarsh", "Emberton", "Ambermoor"]
RU_PEOPLE = ["Марта Квиллон", "Петра Оддмунд", "Илка Сандакер", "Руна Кестрел"]


def _variant(text: str, suffix: str, k: int) -> str:
    if k == 0:
        return text
    if any("а" <= ch <= "я" for ch in text[:300]):
        sentence = f"{RU_PEOPLE[k % len(RU_PEOPLE)]} родилась в {1850 + 3 * k} году в Кестрелби."
    else:
        who, where = PEOPLE[k % len(PEOPLE)], PLACES[k % len(PLACES)]
        sentence = f"{who} was born in {1850 + 3 * k} in {where}. {who} died in {1920 + k}."
    if k % 3 == 1:  # some copies disagree with the original about a year
        text = text.replace("1912", "1913") if "1912" in text else text.replace("1911", "1910")
    if suffix in (".html", ".htm"):
        return text.replace("</article>", f"<p>{sentence}</p>\n</article>", 1)
    return text.rstrip("\n") + "\n\n" + sentence + "\n"


def make_corpus(root: Path, copies: int = 6) -> Path:
    """`copies` variants of every example source, in sub-folders of `root`."""
    for src in sorted(EXAMPLES.rglob("*")):
        if not src.is_file() or src.name.startswith("."):
            continue
        text = src.read_text(encoding="utf-8")
        for k in range(copies):
            sub = root / f"set{k // 3}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{src.stem}_{k:02d}{src.suffix}").write_text(
                _variant(text, src.suffix, k), encoding="utf-8")
    return root


# ------------------------------------------------------------------ running the CLI


def env() -> dict[str, str]:
    """The environment of every `accord` process the tests start.

    PYTHONHASHSEED is pinned: two builds of one corpus under different hash seeds do not
    give the same entities today (see test_concurrency / test_crash_resume for the test
    that shows it), and these tests compare builds made by different processes.
    """
    e = dict(os.environ)
    e.update(PYTHONUNBUFFERED="1", NO_COLOR="1", TERM="dumb", PYTHONHASHSEED="0")
    e.pop("COLUMNS", None)
    e.pop("FORCE_COLOR", None)
    return e


def accord(*args: str, timeout: float = 300, **kw: Any) -> subprocess.CompletedProcess[str]:
    """Run `accord ARGS` in a fresh process, as a script would (stdout and stderr piped)."""
    return subprocess.run([*ACCORD, *args], capture_output=True, text=True, timeout=timeout,
                          env=kw.pop("env", None) or env(), **kw)


def start_build(paths: list[str], db: Path, *extra: str, **kw: Any) -> subprocess.Popen[str]:
    """`accord build PATHS --db DB -q EXTRA` started in the background.

    Its stderr goes to a file (`err(proc)` reads it), not to a pipe: workers of a killed
    build could hold a pipe open and keep the reader waiting.
    """
    log = db.parent / f"{db.name}.{time.monotonic_ns()}.stderr"
    with open(log, "w") as f:
        proc = subprocess.Popen([*ACCORD, "build", *paths, "--db", str(db), "-q", *extra],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=f,
                                text=True, env=kw.pop("env", None) or env(), **kw)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def err(proc: subprocess.Popen[str]) -> str:
    """What a build started with `start_build` wrote to stderr so far."""
    return Path(proc.log).read_text(errors="replace")  # type: ignore[attr-defined]


def skip_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped ")]


def flat(text: str) -> str:
    """Whitespace collapsed (and rich's box characters dropped): what the text says, however
    the terminal wrapped it."""
    return " ".join(text.replace("│", " ").split())


def without_dac_override() -> None:
    """For `preexec_fn`: drop root's right to read and search any file (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH), so that file permissions apply to a test run as root."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):
        if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def _mode_0_file() -> Path:
    probe = Path(f"/tmp/accord-perm-probe-{os.getpid()}-{time.monotonic_ns()}")
    probe.write_text("x")
    probe.chmod(0)
    return probe


def permissions_apply() -> bool:
    """Whether this process is refused a file with mode 0 (not so for root)."""
    probe = _mode_0_file()
    try:
        probe.read_text()
    except PermissionError:
        return True
    finally:
        probe.unlink()
    return False


def permission_runner() -> Callable[[], None] | None | bool:
    """How to start `accord` so that a file with mode 0 cannot be read: None when permissions
    already apply to this user, a preexec function that drops root's override, or False when
    neither is possible."""
    if permissions_apply():
        return None
    probe = _mode_0_file()
    try:
        r = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"],
                           preexec_fn=without_dac_override, capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.unlink()
    return without_dac_override if r.returncode != 0 else False


# ------------------------------------------------------------------ reading a database


def result(db: Path | str) -> str:
    """The public result of a build, canonical: `accord findings` and `accord entities`."""
    from accord.contracts import entities_json, findings_json
    from accord.store.db import Store

    store = Store(str(db), create=False)
    try:
        data = {"findings": findings_json(store), "entities": entities_json(store)}
    finally:
        store.close()
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)


def _ro(db: Path | str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def rows(db: Path | str, sql: str) -> list[tuple]:
    con = _ro(db)
    try:
        return con.execute(sql).fetchall()
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e):
            raise
        # a build killed mid-write can leave a write-ahead log whose index must be
        # rebuilt, which a read-only connection may not do; any opener (the next
        # build) recovers it the same way, without changing what the database holds
        con.close()
        con = sqlite3.connect(str(db), timeout=30)
        return con.execute(sql).fetchall()
    finally:
        con.close()


def built(db: Path | str) -> bool:
    """Whether a build has created the schema yet. A build killed while creating it
    leaves an empty file, which the next build initialises (each migration commits
    whole or not at all): no database yet, for readers as for checks."""
    if not Path(db).exists():
        return False
    return bool(rows(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'"))


def count(db: Path | str, table: str) -> int:
    """Rows of `table`, 0 while the database or the table does not exist yet."""
    if not Path(db).exists():
        return 0
    try:
        return rows(db, f"SELECT count(*) FROM {table}")[0][0]
    except sqlite3.OperationalError:
        return 0


TABLES = ("sources", "claims", "mentions", "times", "entities", "aliases", "findings",
          "finding_claims")


def counts(db: Path | str) -> dict[str, int]:
    return {t: count(db, t) for t in TABLES}


def health(db: Path | str) -> dict[str, Any]:
    """integrity_check, duplicate rows and orphan rows, read with the plain sqlite3 module.

    HEALTHY is what every database must show after a build, interrupted or not.
    "dangling" counts links from findings to claims that are gone: a finding that shows
    fewer claims than it was made of (see test_crash_resume).
    """
    dup = {
        "sources": "SELECT location, count(*) FROM sources GROUP BY location HAVING count(*) > 1",
        "source texts": "SELECT id, count(*) FROM sources GROUP BY id HAVING count(*) > 1",
        "claims": 'SELECT source_id, property, start, "end", value_text, subject, count(*) '
                  'FROM claims GROUP BY source_id, property, start, "end", value_text, subject '
                  "HAVING count(*) > 1",
        "mentions": 'SELECT source_id, start, "end", label, count(*) FROM mentions '
                    'GROUP BY source_id, start, "end", label HAVING count(*) > 1',
        "times": 'SELECT source_id, start, "end", count(*) FROM times '
                 'GROUP BY source_id, start, "end" HAVING count(*) > 1',
        "finding claims": "SELECT finding_id, claim_id, count(*) FROM finding_claims "
                          "GROUP BY finding_id, claim_id HAVING count(*) > 1",
    }
    orphan = {
        t: f"SELECT count(*) FROM {t} WHERE source_id NOT IN (SELECT id FROM sources)"
        for t in ("claims", "mentions", "times")
    }
    orphan["finding claims"] = ("SELECT count(*) FROM finding_claims WHERE finding_id NOT IN "
                                "(SELECT id FROM findings)")
    dangling = "SELECT count(*) FROM finding_claims WHERE claim_id NOT IN (SELECT id FROM claims)"
    con = _ro(db)
    try:
        return {
            "integrity": [r[0] for r in con.execute("PRAGMA integrity_check")],
            "duplicates": {k: v for k, q in dup.items() if (v := con.execute(q).fetchall())},
            "orphans": {k: n for k, q in orphan.items() if (n := con.execute(q).fetchone()[0])},
            "dangling": con.execute(dangling).fetchone()[0],
        }
    finally:
        con.close()


HEALTHY = {"integrity": ["ok"], "duplicates": {}, "orphans": {}, "dangling": 0}


def storage(h: dict[str, Any]) -> dict[str, Any]:
    """The part of `health` about stored rows, without the findings' links to claims."""
    return {k: v for k, v in h.items() if k != "dangling"}


STORED_WELL = storage(HEALTHY)


def group(pgid: int) -> list[int]:
    """Live processes of a process group (zombies left out), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def build_lock(db: Path | str) -> list[str]:
    try:
        return [r[0] for r in rows(db, "SELECT value FROM meta WHERE key = 'build_lock'")]
    except sqlite3.OperationalError:
        return []


def wait_for(predicate: Callable[[], Any], timeout: float = 120.0, every: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return False


def stop(proc: subprocess.Popen[str]) -> None:
    """End a build a test started, whatever state it is in."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def make_pdf(lines: list[str], password: str | None = None) -> bytes:
    """A one-page PDF with `lines` of text (Helvetica), encrypted when `password` is given."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    ops = ["BT", "/F1 10 Tf", "14 TL", "40 760 Td", *(f"({ln}) Tj T*" for ln in lines), "ET"]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------ one corpus for the session


@dataclass(frozen=True)
class Reference:
    """A generated corpus and what an uninterrupted `accord build` of it gives."""

    corpus: Path
    result: str
    counts: dict[str, int]
    seconds: float  # wall time of the whole build
    working_from: float  # when it had taken the build lock (imports done)


_SHARED: dict[str, Reference] = {}


def shared_corpus(tmp_path_factory: Any) -> Reference:
    """20 sources made from the examples, built once per test session (crash and concurrency
    tests start from it; a test that changes the files puts them back)."""
    if "corpus" not in _SHARED:
        root = tmp_path_factory.mktemp("corpus")
        corpus = make_corpus(root / "pile", copies=4)
        db = root / "reference.db"
        started = time.monotonic()
        proc = start_build([str(corpus)], db)
        wait_for(lambda: build_lock(db) or proc.poll() is not None)
        working_from = time.monotonic() - started
        proc.wait(timeout=300)
        assert proc.returncode == 0, err(proc)
        _SHARED["corpus"] = Reference(corpus, result(db), counts(db),
                                      time.monotonic() - started, working_from)
    return _SHARED["corpus"]
