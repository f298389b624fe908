"""ingest on bad inputs: each problem is one IngestError naming the input, never a traceback,
and the other inputs of the same run are still read.

All inputs are generated here; URLs are served by a local server on 127.0.0.1.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from accord.ingest import IngestError, InputRef, discover, read_source
from accord.model import Source

GOOD = (
    "The Lantern Fair of Emberton\n\nThe fictional town of Emberton held its first lantern fair "
    "in 1931, when 400 lanterns were hung along the river.\n\nThe fair now draws visitors "
    "from three valleys every autumn."
)
RU = (
    "Ярмарка фонарей в Угольках\n\nВымышленный город Угольки впервые провёл ярмарку фонарей "
    "в 1931 году. Вдоль реки повесили четыреста фонарей, а жители испекли пироги.\n\n"
    "Ёлка у ратуши стояла до весны."
)
FR = "La fête des lanternes\n\nLe café du village a ouvert en 1931. Son propriétaire aimait la crème brûlée et les façades colorées."


def run_all(
    paths: list[str], max_bytes: int = 50_000_000, timeout: float = 20.0
) -> tuple[list[Source], list[IngestError]]:
    """What a caller does: discover, read each, collect sources and errors."""
    sources: list[Source] = []
    errors: list[IngestError] = []
    for item in discover(paths, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            errors.append(item)
            continue
        try:
            sources.append(read_source(item, max_bytes=max_bytes, timeout=timeout))
        except IngestError as e:
            errors.append(e)
    return sources, errors


def read_one(path: Path, **kw: object) -> Source:
    (item,) = discover([str(path)], **kw)  # type: ignore[arg-type]
    if isinstance(item, IngestError):
        raise item
    return read_source(item, **kw)  # type: ignore[arg-type]


def make_pdf(lines: list[str], password: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    ops = ["BT", "/F1 10 Tf", "14 TL", "40 760 Td", *(f"({ln}) Tj T*" for ln in lines), "ET"]
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------- one pile, every problem


def test_a_pile_of_bad_files_fails_file_by_file(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "00_good.txt").write_text(GOOD, encoding="utf-8")
    (pile / "01_empty.txt").write_bytes(b"")
    (pile / "02_blank.md").write_text("  \n\n\t \r\n  ")
    (pile / "03_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (pile / "04_locked.pdf").write_bytes(make_pdf(["Secret lantern accounts"], password="s3cret"))
    good_pdf = make_pdf(["The lantern fair began in 1931 along the river bank."])
    (pile / "05_cut.pdf").write_bytes(good_pdf[:150])
    (pile / "06_scan.pdf").write_bytes(make_pdf([]))
    (pile / "07_huge.txt").write_text(GOOD * 100)
    (pile / "08_good.pdf").write_bytes(good_pdf)
    (pile / "09_only_furniture.txt").write_text("Share this:\nLeave a Reply\nSkip to content\n")
    (pile / "ignored.csv").write_text("a,b\n1,2\n")

    sources, errors = run_all([str(pile)], max_bytes=5_000)
    assert [s.name for s in sources] == ["00_good.txt", "08_good.pdf"]
    assert sources[0].title == "The Lantern Fair of Emberton"
    assert "lantern fair began in 1931" in sources[1].text
    assert sorted(str(e) for e in errors) == [
        "01_empty.txt: empty",
        "02_blank.md: empty",
        "03_binary.txt: binary content, not text",
        "04_locked.pdf: encrypted PDF (password required)",
        "05_cut.pdf: " + next(e.reason for e in errors if e.name == "05_cut.pdf"),
        "06_scan.pdf: no extractable text (scanned PDF? OCR it first)",
        f"07_huge.txt: too large: {len(GOOD.encode()) * 100} bytes exceeds the limit of 5000 bytes",
        "09_only_furniture.txt: no text left after removing page boilerplate",
    ]
    cut = next(e for e in errors if e.name == "05_cut.pdf")
    assert cut.reason.startswith("corrupt PDF: ")
    assert all("\n" not in str(e) for e in errors)


# --------------------------------------------------------------------------- text encodings


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RU, "cp1251"),
        (RU, "koi8_r"),
        (RU, "utf-8-sig"),
        (RU, "utf-16"),  # with a BOM
        (FR, "latin-1"),
        (FR, "cp1252"),
        (FR, "utf-16"),
        (GOOD, "utf-16-le"),  # no BOM, but every other byte is NUL
    ],
)
def test_encodings_are_read_correctly(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "enc.txt"
    p.write_bytes(text.encode(encoding))
    s = read_one(p)
    assert s.text == text
    assert s.language == ("ru" if text is RU else "en")


def test_cp1251_and_koi8r_are_told_apart_on_short_lines(tmp_path: Path) -> None:
    for line in ("Ёж и ёлка.", "ПРОТОКОЛ СОБРАНИЯ ЖИТЕЛЕЙ", "Щука и рак", "Короткий текст"):
        for enc in ("cp1251", "koi8_r"):
            p = tmp_path / f"{enc}.txt"
            p.write_bytes(line.encode(enc))
            assert read_one(p).text == line, (line, enc)


def test_mostly_utf8_with_broken_bytes_keeps_utf8_and_marks_the_bad_bytes(tmp_path: Path) -> None:
    """Invalid UTF-8 mixed into UTF-8: decoded as UTF-8 with U+FFFD replacing the bad bytes."""
    p = tmp_path / "mixed.txt"
    p.write_bytes(RU.encode("utf-8").replace("Ёлка".encode(), b"\xff\xfe\xc0") + "\nКонец.".encode())
    s = read_one(p)
    assert "\ufffd" in s.text and "Вымышленный город Угольки" in s.text and s.text.endswith("Конец.")


def test_ascii_with_a_few_latin1_bytes_falls_back_to_cp1252(tmp_path: Path) -> None:
    """Invalid UTF-8 that is really a Western single-byte text: read as cp1252, no U+FFFD."""
    p = tmp_path / "western.txt"
    p.write_bytes(b"The caf\xe9 opened in 1931 and served cr\xe8me br\xfbl\xe9e \x96 every day.")
    assert read_one(p).text == "The café opened in 1931 and served crème brûlée – every day."


def test_binary_with_text_extension(tmp_path: Path) -> None:
    p = tmp_path / "data.md"
    p.write_bytes(os.urandom(2048) + b"\x00" * 16)
    with pytest.raises(IngestError) as e:
        read_one(p)
    assert str(e.value) == "data.md: binary content, not text"


# --------------------------------------------------------------------------- sizes


def test_file_over_max_bytes(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("lantern " * 1000)
    (item,) = discover([str(p)], max_bytes=100)
    assert isinstance(item, IngestError)
    assert str(item) == "big.txt: too large: 8000 bytes exceeds the limit of 100 bytes"
    # read_source checks again (the file may have grown since discover)
    with pytest.raises(IngestError, match="exceeds the limit of 100 bytes"):
        read_source(InputRef(str(p), "big.txt", 10), max_bytes=100)


# --------------------------------------------------------------------------- HTML


def test_deeply_nested_html(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    body = "<div>" * 5000 + "<p>The lantern fair is held every autumn in Emberton.</p>" + "</div>" * 5000
    p.write_text(f"<html><head><title>Deep</title></head><body>{body}</body></html>")
    s = read_one(p)
    assert "The lantern fair is held every autumn in Emberton." in s.text


def test_malformed_html(tmp_path: Path) -> None:
    p = tmp_path / "broken.htm"
    p.write_text(
        "<html><body><p>Unclosed <b>bold <i>lanterns<div>hung by the river</p></span></table>"
        "& < > <<<>>> <p>Another paragraph about the 1931 fair<script>var x = '<p>';</script></body"
    )
    s = read_one(p)
    assert "lanterns" in s.text and "Another paragraph about the 1931 fair" in s.text
    assert "var x" not in s.text


def test_html_without_text(tmp_path: Path) -> None:
    p = tmp_path / "nothing.html"
    p.write_text("<html><head><script>var a=1;</script></head><body><img src=x.png></body></html>")
    with pytest.raises(IngestError, match=r"^nothing\.html: "):
        read_one(p)


def test_html_charset_from_meta(tmp_path: Path) -> None:
    p = tmp_path / "cp.html"
    page = f'<html><head><meta charset="windows-1251"><title>Ярмарка</title></head><body><p>{RU}</p></body></html>'
    p.write_bytes(page.encode("cp1251"))
    s = read_one(p)
    assert "Вымышленный город Угольки" in s.text and s.language == "ru"


# --------------------------------------------------------------------------- PDF


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    p = tmp_path / "open.pdf"
    p.write_bytes(make_pdf(["The lantern fair opened in 1931."], password=""))
    assert "lantern fair opened in 1931" in read_one(p).text


def test_encrypted_pdf(tmp_path: Path) -> None:
    p = tmp_path / "notes.pdf"
    p.write_bytes(make_pdf(["Hidden"], password="pw"))
    with pytest.raises(IngestError) as e:
        read_one(p)
    assert str(e.value) == "notes.pdf: encrypted PDF (password required)"


@pytest.mark.parametrize("keep", [0.5, 0.2, 0.05])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = make_pdf(["The lantern fair opened in 1931."])
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(IngestError) as e:
        read_one(p)
    assert e.value.reason.startswith("corrupt PDF: ")


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    p = tmp_path / "fake.pdf"
    p.write_text("this is plain text pretending to be a PDF")
    with pytest.raises(IngestError, match=r"^fake\.pdf: corrupt PDF: no PDF header$"):
        read_one(p)


# --------------------------------------------------------------------------- file system


def test_symlink_loop_in_folder(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(GOOD)
    os.symlink(root, root / "sub" / "back")  # sub/back -> root: a cycle
    os.symlink("self", root / "self")  # a link to itself
    sources, errors = run_all([str(root)])
    assert [s.name for s in sources] == ["sub/a.txt"]
    assert sorted(e.name for e in errors) == ["self", "sub/back"]
    assert all("symlink loop" in e.reason for e in errors)


def test_broken_symlink_to_a_text_file(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    (tmp_path / "ok.txt").write_text(GOOD)
    sources, errors = run_all([str(tmp_path)])
    assert [s.name for s in sources] == ["ok.txt"]
    assert [str(e) for e in errors] == ["link.txt: broken symbolic link"]


def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "x.txt").write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    secret.chmod(0)
    closed.chmod(0)
    try:
        if os.access(secret, os.R_OK) or os.access(closed, os.R_OK):
            pytest.skip("running with rights that read any file (root)")
        sources, errors = run_all([str(tmp_path)])
        assert [s.name for s in sources] == ["ok.txt"]
        assert sorted(str(e) for e in errors) == ["closed: permission denied", "secret.txt: permission denied"]
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)


def test_permission_errors_when_running_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same messages when the OS refuses (simulated, so the test runs as root too)."""
    import importlib

    discover_module = importlib.import_module("accord.ingest.discover")  # the module, not the function
    read_module = importlib.import_module("accord.ingest.read")

    (tmp_path / "secret.txt").write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    real_access = os.access
    monkeypatch.setattr(
        discover_module.os, "access", lambda p, m: not str(p).endswith("secret.txt") and real_access(p, m)
    )
    sources, errors = run_all([str(tmp_path)])
    assert [s.name for s in sources] == ["ok.txt"]
    assert [str(e) for e in errors] == ["secret.txt: permission denied"]

    def refuse(*args: object, **kw: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    with pytest.raises(IngestError, match=r"^ok\.txt: permission denied$"):
        read_source(InputRef(str(tmp_path / "ok.txt"), "ok.txt", None))


def test_missing_path_and_wrong_extension(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_text("x")
    good = tmp_path / "g.txt"
    good.write_text(GOOD)
    sources, errors = run_all([str(tmp_path / "none.txt"), str(tmp_path / "a.docx"), str(good)])
    assert [s.name for s in sources] == ["g.txt"]
    assert [e.reason.split(" (")[0] for e in errors] == ["no such file or directory", "unsupported file type '.docx'"]


# --------------------------------------------------------------------------- URLs


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/slow":
            time.sleep(3)
        status, ctype, body = self.pages.get(self.path, (404, "text/plain", b"not here"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    page = (
        "<html><head><title>The Lantern Fair</title><meta name='author' content='Tomas Quill'>"
        f"</head><body><article><h1>The Lantern Fair</h1><p>{GOOD.split(chr(10))[2]}</p>"
        f"<p>{GOOD.split(chr(10))[4]}</p></article></body></html>"
    ).encode()
    _Handler.pages = {
        "/fair.html": (200, "text/html; charset=utf-8", page),
        "/fair": (200, "text/plain; charset=koi8-r", RU.encode("koi8_r")),
        "/fair.pdf": (200, "application/pdf", make_pdf(["The lantern fair opened in 1931."])),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        "/slow": (200, "text/plain", b"late"),
        "/big": (200, "text/plain", b"lantern " * 10_000),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_urls(server: str) -> None:
    urls = [f"{server}/fair.html", f"{server}/missing", f"{server}/fair", f"{server}/fair.pdf",
            f"{server}/image.png", f"{server}/big"]  # fmt: skip
    sources, errors = run_all(urls, timeout=5.0, max_bytes=50_000)
    assert [s.name for s in sources] == [urls[0], urls[2], urls[3]]
    html, text, pdf = sources
    assert (html.format, html.title, html.author) == ("html", "The Lantern Fair", "Tomas Quill")
    assert html.site.startswith("127.0.0.1")
    assert html.location == urls[0] and "400 lanterns" in html.text
    assert text.format == "txt" and text.text == RU and text.language == "ru"
    assert pdf.format == "pdf" and "opened in 1931" in pdf.text
    assert [str(e) for e in errors] == [
        f"{urls[1]}: HTTP 404 Not Found",
        f"{urls[4]}: unsupported content type 'image/png'",
        f"{urls[5]}: too large: 80000 bytes exceeds the limit of 50000 bytes",
    ]


def test_url_timeout(server: str) -> None:
    ref = InputRef(f"{server}/slow", f"{server}/slow", None)
    started = time.monotonic()
    with pytest.raises(IngestError) as e:
        read_source(ref, timeout=0.5)
    assert str(e.value) == f"{server}/slow: timed out after 0.5s"
    assert time.monotonic() - started < 2.5


def test_url_nobody_listening() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    ref = InputRef(f"http://127.0.0.1:{port}/x", f"http://127.0.0.1:{port}/x", None)
    with pytest.raises(IngestError, match="cannot fetch"):
        read_source(ref, timeout=2.0)


def test_a_url_that_trickles_bytes_meets_its_deadline():
    """A server that sends one byte at a time cannot hold a build past the timeout."""
    import time

    from accord.ingest.url import fetch
    from tests.reliability.web import serve

    with serve({}) as base:
        started = time.monotonic()
        with pytest.raises(Exception, match="timed out"):
            fetch(f"{base}/trickle", max_bytes=10**6, timeout=0.5)
        assert time.monotonic() - started < 5  # the deadline, not the server, ends it
