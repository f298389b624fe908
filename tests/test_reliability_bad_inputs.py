"""Bad inputs at the build level: each one fails alone, is named with its reason, and nothing
else changes (issue #6).

What is promised, for `pipeline.build` and for the `accord build` command:

- every bad input (empty or blank, binary under a text extension, only page furniture, over
  the size limit or endless — rejected from its size or read only up to the limit, never
  whole —, HTML without text, encrypted, truncated, fake or scanned PDF, symlink loops,
  broken links, unreadable files and folders, named pipes, missing paths, unsupported types
  and URL schemes, empty folders, URLs that fail, loop, are refused, never answer or never
  end) is reported once, as "skipped NAME: REASON" on one line, and recorded in the
  database's errors; a name is printed as it is, whatever characters it holds;
- the good sources of the same build give exactly the findings and entities of a build
  without the bad inputs;
- text in cp1251, koi8-r, latin-1, cp1252, UTF-16 (with or without a BOM) or UTF-8 with a BOM
  is read, not rejected, and gives the same result as its UTF-8 original; deeply nested or
  malformed HTML and UTF-8 with a few broken bytes are read too; a source whose words look
  like parts of names (the town of Van) is read like any other;
- exit codes, documented in `--help`: 0 all read, 1 some inputs skipped, 2 usage error
  (including a `--db` that is not a database, which is left untouched), 3 nothing could be
  read.

Every input is generated here (from the fictional examples and short fictional texts); URLs
are served by a real server on 127.0.0.1. The in-process builds use a 100 kB size limit, the
CLI runs the default (50 MB).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from accord.pipeline import build
from accord.store.db import Store
from tests.reliability.corpus import (
    EXTRA,
    RU,
    RU_HTML,
    accord,
    err,
    flat,
    make_pdf,
    permission_runner,
    permissions_apply,
    result,
    rows,
    skip_lines,
    start_build,
    stop,
    write_good,
)
from tests.reliability.web import closed_port, failing_pages, serve

LIMIT = 100_000  # the size limit of the in-process builds (the CLI runs keep the default)
DEFAULT_LIMIT = 50_000_000  # `--max-mb 50`
SUPPORTED = ".txt .md .html .htm .pdf"
PERMISSIONS_APPLY = permissions_apply()  # False for root


# --------------------------------------------------------------------------- the bad inputs


@dataclass
class Made:
    """What a bad input must produce: (name, reason) for each failure — a reason is exact, or
    a compiled pattern that must match it whole — and inputs to name on the command line."""

    failures: list[tuple[str, str | re.Pattern[str]]]
    inputs: list[str] = field(default_factory=list)


def _file(pile: Path, rel: str, data: bytes) -> Path:
    p = pile / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def empty(pile: Path, limit: int) -> Made:
    _file(pile, "bad/empty.txt", b"")
    return Made([("bad/empty.txt", "empty")])


def blank(pile: Path, limit: int) -> Made:
    _file(pile, "bad/blank.md", b"  \n\n\t \r\n  \xc2\xa0\n")
    return Made([("bad/blank.md", "empty")])


def bom_only(pile: Path, limit: int) -> Made:
    _file(pile, "bad/bom.txt", b"\xef\xbb\xbf")
    return Made([("bad/bom.txt", "empty")])


def png_as_text(pile: Path, limit: int) -> Made:
    _file(pile, "bad/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return Made([("bad/photo.txt", "binary content, not text")])


def random_as_markdown(pile: Path, limit: int) -> Made:
    _file(pile, "bad/data.md", os.urandom(4096) + b"\x00" * 16)
    return Made([("bad/data.md", "binary content, not text")])


def bytes_as_html(pile: Path, limit: int) -> Made:
    _file(pile, "bad/page.html", bytes(range(256)) * 8)
    return Made([("bad/page.html", "binary content, not text")])


def only_page_furniture(pile: Path, limit: int) -> Made:
    _file(pile, "bad/furniture.txt", b"Skip to content\nShare this:\nLeave a Reply\n")
    return Made([("bad/furniture.txt", "no text left after removing page boilerplate")])


def html_without_text(pile: Path, limit: int) -> Made:
    _file(pile, "bad/blank.html",
          b"<html><head><script>var a=1;</script></head><body><img src=x.png></body></html>")
    return Made([("bad/blank.html", "no text in the page")])


def sparse_giant(pile: Path, limit: int) -> Made:
    """20 GiB that take no disk: rejected from its size, never read."""
    p = _file(pile, "bad/giant.txt", b"")
    os.truncate(p, 20 * 2**30)
    return Made([("bad/giant.txt", f"too large: {20 * 2**30} bytes exceeds the limit of {limit} bytes")])


def one_byte_over(pile: Path, limit: int) -> Made:
    _file(pile, "bad/long.txt", (b"lantern " * (limit // 8 + 1))[: limit + 1])
    return Made([("bad/long.txt", f"too large: {limit + 1} bytes exceeds the limit of {limit} bytes")])


def endless(pile: Path, limit: int) -> Made:
    """A file that says it is empty and never ends (/dev/zero): not a regular file, skipped."""
    (pile / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink("/dev/zero", pile / "bad/endless.txt")
    return Made([("bad/endless.txt", "not a regular file")])


def encrypted_pdf(pile: Path, limit: int) -> Made:
    _file(pile, "bad/locked.pdf", make_pdf(["Secret lantern accounts"], password="s3cret"))
    return Made([("bad/locked.pdf", "encrypted PDF (password required)")])


def truncated_pdf(pile: Path, limit: int) -> Made:
    data = make_pdf(["The lantern fair began in 1931 along the river bank."])
    _file(pile, "bad/cut.pdf", data[: len(data) // 3])
    return Made([("bad/cut.pdf", re.compile(r"corrupt PDF: .+"))])


def text_named_pdf(pile: Path, limit: int) -> Made:
    _file(pile, "bad/fake.pdf", b"plain text pretending to be a PDF")
    return Made([("bad/fake.pdf", "corrupt PDF: no PDF header")])


def scanned_pdf(pile: Path, limit: int) -> Made:
    _file(pile, "bad/scan.pdf", make_pdf([]))
    return Made([("bad/scan.pdf", "no extractable text (scanned PDF? OCR it first)")])


def symlink_loop(pile: Path, limit: int) -> Made:
    (pile / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink("loop_b.txt", pile / "bad/loop_a.txt")
    os.symlink("loop_a.txt", pile / "bad/loop_b.txt")
    os.symlink("self", pile / "bad/self")
    return Made([("bad/loop_a.txt", "symlink loop"), ("bad/loop_b.txt", "symlink loop"),
                 ("bad/self", "symlink loop")])


def folder_link_to_its_parent(pile: Path, limit: int) -> Made:
    (pile / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink("..", pile / "bad/up")
    return Made([("bad/up", "symlink loop (folder links back to its own parent)")])


def broken_link(pile: Path, limit: int) -> Made:
    (pile / "bad").mkdir(parents=True, exist_ok=True)
    os.symlink(pile / "nowhere.txt", pile / "bad/gone.txt")
    return Made([("bad/gone.txt", "broken symbolic link")])


def missing_path(pile: Path, limit: int) -> Made:
    given = str(pile.parent / "missing.txt")
    return Made([(given, "no such file or directory")], [given])


def unsupported_type(pile: Path, limit: int) -> Made:
    p = pile.parent / "notes.docx"
    p.write_bytes(b"PK\x03\x04 not really")
    return Made([("notes.docx", f"unsupported file type '.docx' (supported: {SUPPORTED})")], [str(p)])


def folder_without_sources(pile: Path, limit: int) -> Made:
    p = pile.parent / "nothing_here"
    p.mkdir()
    (p / "table.csv").write_text("a,b\n1,2\n")
    return Made([(str(p), f"no supported files in folder ({SUPPORTED})")], [str(p)])


def ftp_url(pile: Path, limit: int) -> Made:
    return Made([("ftp://127.0.0.1/notes.txt", "unsupported URL scheme 'ftp' (only http and https)")],
                ["ftp://127.0.0.1/notes.txt"])


def unreadable_file(pile: Path, limit: int) -> Made:
    _file(pile, "bad/secret.txt", EXTRA["extra/fair_fr.txt"].encode()).chmod(0)
    return Made([("bad/secret.txt", "permission denied")])


def unreadable_folder(pile: Path, limit: int) -> Made:
    _file(pile, "bad/closed/inside.txt", RU.encode())
    (pile / "bad/closed").chmod(0)
    return Made([("bad/closed", "permission denied")])


BAD: list[Callable[[Path, int], Made]] = [
    empty, blank, bom_only, png_as_text, random_as_markdown, bytes_as_html, only_page_furniture,
    html_without_text, sparse_giant, one_byte_over, endless, encrypted_pdf, truncated_pdf,
    text_named_pdf, scanned_pdf, symlink_loop, folder_link_to_its_parent, broken_link,
    missing_path, unsupported_type, folder_without_sources, ftp_url,
]
PERMISSIONS = [unreadable_file, unreadable_folder]


def matches(got: list[tuple[str, str]], want: list[tuple[str, str | re.Pattern[str]]]) -> bool:
    def ok(g: tuple[str, str], w: tuple[str, str | re.Pattern[str]]) -> bool:
        return g[0] == w[0] and (w[1].fullmatch(g[1]) is not None
                                 if isinstance(w[1], re.Pattern) else g[1] == w[1])

    return len(got) == len(want) and all(any(ok(g, w) for g in got) for w in want)


def as_lines(want: list[tuple[str, str | re.Pattern[str]]]) -> list[re.Pattern[str]]:
    """The line `accord build` prints for each expected failure."""
    return [re.compile(re.escape(f"skipped {name}: ")
                       + (reason.pattern if isinstance(reason, re.Pattern) else re.escape(reason)))
            for name, reason in want]


def restore_permissions(root: Path) -> None:
    for p in [root, *root.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() else 0o644)


# --------------------------------------------------------------------------- in-process builds


def run(inputs: list[str], db: Path, max_bytes: int = LIMIT):
    store = Store(str(db))
    try:
        report = build(inputs, store, max_bytes=max_bytes)
        recorded = store.errors()
    finally:
        store.close()
    return report, recorded


def _reference(root: Path, extra: bool) -> str:
    report, _ = run([str(write_good(root / "pile", extra))], root / "ref.db")
    assert report.exit_code == 0 and not report.failed, report.failed
    return result(root / "ref.db")


@pytest.fixture(scope="module")
def examples_only(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Findings and entities of the repository's examples alone."""
    return _reference(tmp_path_factory.mktemp("examples_only"), extra=False)


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good corpus (examples and extra texts) built alone."""
    root = tmp_path_factory.mktemp("reference")
    _reference(root, extra=True)
    return root / "ref.db"


@pytest.fixture(scope="module")
def reference(reference_db: Path) -> str:
    """Findings and entities of the good corpus alone."""
    return result(reference_db)


@pytest.mark.parametrize("bad", BAD + PERMISSIONS, ids=lambda f: f.__name__)
def test_a_bad_input_fails_alone(bad: Callable[[Path, int], Made], tmp_path: Path,
                                 examples_only: str) -> None:
    if bad in PERMISSIONS and not PERMISSIONS_APPLY:
        pytest.skip("this user reads any file: see test_unreadable_files_and_folders_are_named")
    pile = write_good(tmp_path / "pile", extra=False)
    good = sum(1 for p in pile.rglob("*") if p.is_file())
    made = bad(pile, LIMIT)
    try:
        report, recorded = run([str(pile), *made.inputs], tmp_path / "t.db")
    finally:
        restore_permissions(pile)
    assert matches(report.failed, made.failures), report.failed
    assert all("\n" not in f"{n}: {r}" for n, r in report.failed)
    assert recorded == report.failed  # the database says what was skipped, and why
    assert report.exit_code == 1
    assert report.read == good
    assert result(tmp_path / "t.db") == examples_only


def test_every_bad_input_at_once_fails_one_by_one(tmp_path: Path, reference: str) -> None:
    pile = write_good(tmp_path / "pile")
    made = [bad(pile, LIMIT) for bad in BAD]
    report, recorded = run([str(pile), *(i for m in made for i in m.inputs)], tmp_path / "t.db")
    want = [f for m in made for f in m.failures]
    assert matches(report.failed, want), report.failed
    assert recorded == report.failed
    assert report.exit_code == 1
    assert result(tmp_path / "t.db") == reference


# --------------------------------------------------------------------------- encodings


def _reencode(pile: Path, rel: str, encoding: str) -> None:
    p = pile / rel
    utf8 = p.read_bytes()
    if p.suffix == ".html":
        declared = {"cp1251": "windows-1251", "koi8_r": "koi8-r"}[encoding]
        p.write_bytes(RU_HTML.format(charset=declared).encode(encoding))
    else:
        p.write_bytes(utf8.decode("utf-8").encode(encoding))
    assert p.read_bytes() != utf8


# Four builds, each with several files in other encodings than UTF-8.
ENCODED = [
    {"extra/fair_fr.txt": "latin-1", "extra/yarmarka_ru.txt": "cp1251",
     "extra/gazeta_ru.html": "cp1251", "lantern/coastal_blog.txt": "utf-16-le"},  # no BOM
    {"extra/fair_fr.txt": "cp1252", "extra/yarmarka_ru.txt": "koi8_r",
     "extra/gazeta_ru.html": "koi8_r"},  # the HTML declares its charset in <meta>
    {"extra/fair_fr.txt": "utf-16", "extra/yarmarka_ru.txt": "utf-16"},  # with a BOM
    {"extra/yarmarka_ru.txt": "utf-8-sig"},
]


@pytest.mark.parametrize("encodings", ENCODED, ids=lambda e: "+".join(sorted(set(e.values()))))
def test_texts_in_other_encodings_give_the_same_result(encodings: dict[str, str],
                                                       tmp_path: Path, reference: str) -> None:
    pile = write_good(tmp_path / "pile")
    for rel, encoding in encodings.items():
        _reencode(pile, rel, encoding)
    report, _ = run([str(pile)], tmp_path / "t.db")
    assert report.failed == [] and report.exit_code == 0
    assert result(tmp_path / "t.db") == reference


def _claims_by_source(db: Path) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for name, *claim in rows(db, 'SELECT s.name, c.property, c.value_text, c.quote, c.start, '
                                 'c."end" FROM claims c JOIN sources s ON s.id = c.source_id'):
        out.setdefault(name, []).append(tuple(claim))
    return {k: sorted(v) for k, v in out.items()}


def test_hard_but_valid_inputs_are_read_and_change_nothing_else(tmp_path: Path,
                                                                reference_db: Path) -> None:
    """Deep or broken HTML and UTF-8 with broken bytes are read, not rejected; the claims of
    the other sources stay what they are without them."""
    pile = write_good(tmp_path / "pile")
    fair = "The lantern fair is held every autumn in Emberton."
    depth = 100_000
    _file(pile, "hard/deep.html", (f"<html><head><title>Deep</title></head><body>{'<div>' * depth}"
                                   f"<p>{fair}</p>{'</div>' * depth}</body></html>").encode())
    _file(pile, "hard/unclosed.html", f"<html><body>{'<div><span>' * depth}<p>{fair}".encode())
    _file(pile, "hard/broken.htm", (
        b"<html><body><p>Unclosed <b>bold <i>lanterns<div>hung by the river</p></span></table>"
        b"& < > <<<>>> <p>Another paragraph about the 1931 fair<script>var x = '<p>';</script>"
        b"</body"))
    _file(pile, "hard/mixed.txt", RU.encode().replace("Ёлка".encode(), b"\xff\xfe\xc0")
          + "\nКонец.".encode())
    _file(pile, "hard/western.txt",
          b"The caf\xe9 opened in 1931 and served cr\xe8me br\xfbl\xe9e \x96 every day.")
    report, _ = run([str(pile)], tmp_path / "t.db", max_bytes=DEFAULT_LIMIT)
    assert report.failed == [] and report.exit_code == 0
    texts = dict(rows(tmp_path / "t.db", "SELECT name, text FROM sources"))
    assert fair in texts["hard/deep.html"] and fair in texts["hard/unclosed.html"]
    assert "Another paragraph about the 1931 fair" in texts["hard/broken.htm"]
    assert "var x" not in texts["hard/broken.htm"]
    assert "\ufffd" in texts["hard/mixed.txt"] and "Вымышленный город Угольки" in texts["hard/mixed.txt"]
    assert "café opened in 1931 and served crème brûlée – every day" in texts["hard/western.txt"]
    before, after = _claims_by_source(reference_db), _claims_by_source(tmp_path / "t.db")
    assert {k: v for k, v in after.items() if not k.startswith("hard/")} == before


def test_a_place_called_like_a_name_particle_does_not_break_the_build(tmp_path: Path) -> None:
    """The town of Van (a particle in Dutch names) is a place like any other."""
    pile = write_good(tmp_path / "pile")
    _file(pile, "travel/van.txt", b"Travels in the East\n\nThe traveller Aldo Veyle reached Van "
          b"in 1898. He stayed in Van for two winters and wrote about Lake Van.\n")
    report, _ = run([str(pile)], tmp_path / "t.db")
    assert report.exit_code == 0 and report.failed == []
    assert "travel/van.txt" in dict(rows(tmp_path / "t.db", "SELECT name, id FROM sources"))


# --------------------------------------------------------------------------- the CLI


@pytest.fixture(scope="module", autouse=True)
def url_build(tmp_path_factory: pytest.TempPathFactory):
    """`accord build` on the good corpus and every kind of failing URL, started before the
    first test of this module: it waits out accord's 20 s fetch timeout on a server that never
    answers, so it runs while the other tests do (test_urls_that_fail_... reads its result)."""
    root = tmp_path_factory.mktemp("urls")
    pile = write_good(root / "pile")
    refused = f"http://127.0.0.1:{closed_port()}/notes.txt"
    with serve(failing_pages(make_pdf(["Hidden"], password="pw"))) as base:
        want: list[tuple[str, str | re.Pattern[str]]] = [
            (f"{base}/missing.html", "HTTP 404 Not Found"),
            (f"{base}/error", "HTTP 500 Internal Server Error"),
            (f"{base}/loop", re.compile(r"HTTP 302 .*")),
            (refused, re.compile(r"cannot fetch \(.*[Cc]onnection refused.*\)")),
            (f"{base}/image.png", "unsupported content type 'image/png'"),
            (f"{base}/empty.txt", "empty"),
            (f"{base}/binary", "binary content, not text"),
            (f"{base}/locked.pdf", "encrypted PDF (password required)"),
            (f"{base}/endless", re.compile(r"too large: over \d+ bytes exceeds the limit of "
                                           r"1000000 bytes")),
            (f"{base}/hang", re.compile(r"timed out after \d+(\.\d+)?s")),
        ]
        proc = start_build([str(pile), *(u for u, _ in want)], root / "t.db", "--max-mb", "1")
        try:
            yield proc, root / "t.db", want
        finally:
            stop(proc)


@pytest.fixture(scope="module")
def cli_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], str]:
    """`accord build` on the good corpus alone: its output and its result."""
    root = tmp_path_factory.mktemp("cli_reference")
    done = accord("build", str(write_good(root / "pile")), "--db", str(root / "ref.db"))
    return done, result(root / "ref.db") if done.returncode == 0 else ""


def test_a_build_with_nothing_wrong_exits_0_and_skips_nothing(cli_reference) -> None:
    done, _ = cli_reference
    assert done.returncode == 0, done.stderr
    assert skip_lines(done.stderr) == [] and "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def cli_pile(tmp_path_factory: pytest.TempPathFactory):
    """`accord build` on the good corpus and every bad input, with the default size limit;
    unreadable files and folders too, where file permissions can be made to apply (as root,
    the build runs without the capability to read any file)."""
    root = tmp_path_factory.mktemp("cli_pile")
    pile = write_good(root / "pile")
    how = permission_runner()
    bad = [b for b in BAD if b is not one_byte_over] + (PERMISSIONS if how is not False else [])
    made = [b(pile, DEFAULT_LIMIT) for b in bad]
    inputs = [str(pile), *(i for m in made for i in m.inputs)]
    try:
        done = accord("build", *inputs, "--db", str(root / "t.db"),
                      **({"preexec_fn": how} if how else {}))
    finally:
        restore_permissions(pile)
    return done, root / "t.db", [f for m in made for f in m.failures]


def test_the_cli_names_each_bad_input_with_its_reason_and_exits_1(cli_pile, cli_reference) -> None:
    done, db, want = cli_pile
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    said = flat(done.stderr)
    for line in as_lines(want):
        assert line.search(said), (line.pattern, done.stderr)
    assert said.count("skipped ") == len(want)
    assert matches(rows(db, "SELECT name, reason FROM errors"), want)
    assert result(db) == cli_reference[1]


def test_each_skip_message_is_a_single_line_even_on_a_pipe(cli_pile) -> None:
    done, _db, want = cli_pile
    lines = skip_lines(done.stderr)
    for pattern in as_lines(want):
        assert any(pattern.fullmatch(line) for line in lines), (pattern.pattern, done.stderr)


def test_nothing_readable_exits_3(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    made = [bad(pile, DEFAULT_LIMIT) for bad in (empty, png_as_text, encrypted_pdf, symlink_loop,
                                                  broken_link, html_without_text, missing_path)]
    done = accord("build", str(pile), *(i for m in made for i in m.inputs),
                  "--db", str(tmp_path / "t.db"))
    assert done.returncode == 3, done.stderr
    said = flat(done.stderr)
    for line in as_lines([f for m in made for f in m.failures]):
        assert line.search(said), (line.pattern, done.stderr)
    assert rows(tmp_path / "t.db", "SELECT count(*) FROM sources") == [(0,)]


@pytest.mark.parametrize("args", [
    ["build"],  # no inputs
    ["build", "{good}", "--jobs", "many"],
    ["build", "{good}", "--no-such-option"],
    ["build", "{good}", "--db", "{folder}"],
    ["findings", "--db", "{missing}"],
], ids=["no-inputs", "bad-number", "unknown-option", "db-is-a-folder",
        "no-database"])
def test_usage_errors_exit_2_with_a_message(args: list[str], tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EXTRA["extra/fair_fr.txt"])
    (tmp_path / "folder").mkdir()
    paths = {"good": good, "folder": tmp_path / "folder", "missing": tmp_path / "missing.db"}
    done = accord(*(a.format(**paths) for a in args))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.strip() and "Traceback" not in done.stderr
    assert not (tmp_path / "missing.db").exists()  # reading never creates a database


@pytest.mark.parametrize("command", [[], ["build"]], ids=["accord", "accord-build"])
def test_help_documents_the_exit_codes(command: list[str]) -> None:
    done = accord(*command, "--help")
    assert done.returncode == 0
    said = flat(done.stdout)
    for code in (r"0 (all|every input was) read", r"1 some inputs (were )?skipped",
                 r"2 usage error", r"3 nothing could be read"):
        assert re.search(r"\b" + code, said), (code, said)


def test_unreadable_files_and_folders_are_named(cli_pile) -> None:
    """Part of the pile above: named like any other bad input, the rest of the build intact."""
    if permission_runner() is False:
        pytest.skip("cannot run accord without the right to read any file")
    done, _db, _want = cli_pile
    said = flat(done.stderr)
    for line in as_lines([("bad/secret.txt", "permission denied"),
                          ("bad/closed", "permission denied")]):
        assert line.search(said), (line.pattern, done.stderr)


def test_a_named_pipe_is_skipped_not_waited_on(tmp_path: Path, cli_reference) -> None:
    pile = write_good(tmp_path / "pile")
    (pile / "bad").mkdir()
    fifo = pile / "bad/pipe.txt"
    os.mkfifo(fifo)
    proc = start_build([str(pile)], tmp_path / "t.db")
    waited_on = False
    try:
        while proc.poll() is None:
            try:  # succeeds only when a reader has the pipe open: the build is blocked on it
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.05)
                continue
            waited_on = True
            os.close(fd)  # end of file for the reader: the build can go on
    finally:
        stop(proc)
    assert proc.returncode == 1
    assert result(tmp_path / "t.db") == cli_reference[1]
    assert not waited_on, "the build opened the named pipe bad/pipe.txt and waited for a writer"


def test_urls_that_fail_are_named_and_the_rest_is_built(url_build, cli_reference) -> None:
    """404, 500, redirect loop, refused, unsupported type, empty, binary, encrypted, endless
    (streamed up to the limit) and a server that never answers (accord's fetch timeout)."""
    proc, db, want = url_build
    proc.wait(timeout=300)
    said = flat(err(proc))
    assert proc.returncode == 1, said
    for line in as_lines(want):
        assert line.search(said), (line.pattern, said)
    assert said.count("skipped ") == len(want)
    assert result(db) == cli_reference[1]


def test_names_are_printed_as_they_are(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "draft[bold]1.txt").write_bytes(b"")
    url = f"http://127.0.0.1:{closed_port()}/notes[/x].txt"
    done = accord("build", str(pile), url, "--db", str(tmp_path / "t.db"))
    assert "Traceback" not in done.stderr and "MarkupError" not in done.stderr
    assert done.returncode == 3
    said = flat(done.stderr)
    assert "skipped draft[bold]1.txt: empty" in said
    assert f"skipped {url}: cannot fetch" in said


@pytest.mark.parametrize("command", [["build", "{good}"], ["findings"]], ids=["build", "findings"])
def test_a_db_that_is_not_a_database_is_a_usage_error_and_left_alone(command: list[str],
                                                                    tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EXTRA["extra/fair_fr.txt"])
    notes = tmp_path / "notes.db"
    notes.write_bytes(b"my own notes, not a database\n" * 100)
    done = accord(*(a.format(good=good) for a in command), "--db", str(notes))
    assert notes.read_bytes() == b"my own notes, not a database\n" * 100
    assert "Traceback" not in done.stderr
    assert done.returncode == 2 and "not a database" in flat(done.stderr)
