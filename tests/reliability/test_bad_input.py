"""A catalogue of bad input: each kind is reported on one line naming it, or built, and the
rest of the corpus is built either way.

Every case goes into one corpus given to one real `python -m kgbuild build` run (loading
the pipeline once keeps this quick); each case is then its own test of that run: the one
stderr line naming its input (and line), or its article in the graph. A few cases that need
a run of their own (exit codes, --debug, a closed stdout, a file root cannot be kept from)
follow at the end.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from .process import REPO, kgbuild

pytestmark = pytest.mark.model

GOOD = "Storm hits coast\n\nThe storm destroyed the old pier in Brighton on Sunday. Police closed the road.\n"
LONG_SENTENCE_TOKENS = 50_000
TEN_MB = 10 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One kind of bad input.

    Attributes:
        name: The test id.
        make: Writes the input into the corpus directory; returns the CLI argument(s).
        warning: A regex the one stderr line about this input matches (None: it is built).
        built: Identifiers of articles that must be in the graph.
    """

    name: str
    make: Callable[[Path], list[str]]
    warning: str | None = None
    built: tuple[str, ...] = ()
    stdin: bytes | None = field(default=None)


def file(name: str, content: bytes | str) -> Callable[[Path], list[str]]:
    def make(directory: Path) -> list[str]:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return [str(path)]
    return make


def symlink(name: str, target: str, *more: tuple[str, str]) -> Callable[[Path], list[str]]:
    def make(directory: Path) -> list[str]:
        for link, to in ((name, target), *more):
            (directory / link).symlink_to(to)
        return [str(directory / name)]
    return make


def fifo(directory: Path) -> list[str]:
    os.mkfifo(directory / "named-pipe.txt")
    return [str(directory / "named-pipe.txt")]


def nothing(name: str) -> Callable[[Path], list[str]]:
    return lambda directory: [str(directory / name)]


def empty_directory(directory: Path) -> list[str]:
    (directory / "empty-dir").mkdir()
    (directory / "empty-dir" / "notes.md").write_text("not an article")
    return [str(directory / "empty-dir")]


def mixed_directory(directory: Path) -> list[str]:
    """Articles among files of other kinds, hidden folders, a link loop and a loop of folders."""
    root = directory / "mixed-dir"
    (root / "nested" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a-mixed.txt").write_text("The council approved the new library in Leeds on Tuesday.")
    (root / "nested" / "deeper" / "b.jsonl").write_text(
        json.dumps({"id": "mixed-b", "text": "The ferry sailed from Dover on Wednesday."}) + "\n")
    (root / "notes.md").write_text("# Notes\nThe ferry is not an article here.")
    (root / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main")
    (root / "nested" / "up").symlink_to("..")  # a loop of folders: read once, never followed
    (root / "loop.txt").symlink_to("loop.txt")  # reported, not followed for ever
    return [str(root)]


def jsonl_lines(directory: Path) -> list[str]:
    lines = [
        json.dumps({"id": "jsonl-good", "text": "Police arrested two men in Leeds on Friday."}),
        "this line is not JSON",
        json.dumps({"id": "no-text", "title": "A headline without a body"}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "blank", "text": "   "}),
        "[" * 100_000,
        '{"id": ' + "7" * 5000 + ', "text": "The bank raised its rates."}',
        '{"id": "surrogate", "text": "The mayor \\ud800 said the bridge in Hull would reopen."}',
        json.dumps({"id": "null-text", "text": None}),
        '{"id": "cut", "text": "The fire sta',
    ]
    path = directory / "records.jsonl"
    path.write_text("\n".join(lines))
    return [str(path)]


def truncated_gzip(directory: Path) -> list[str]:
    records = "".join(json.dumps({"id": f"gz-{i}", "text": f"The council of ward {i} met on Monday."}) + "\n"
                      for i in range(40))
    data = gzip.compress(records.encode())
    path = directory / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    return [str(path)]


def long_sentence() -> str:
    words = " and ".join(["the council approved the plan"] * (LONG_SENTENCE_TOKENS // 6))
    return f"The minister said {words}."


NESTED_HTML = ("<html><head><title>Deep</title></head><body>" + "<div>" * 20_000
               + "<p>The council approved the budget on Monday.</p>" + "</div>" * 20_000 + "</body></html>")
BROKEN_HTML = ("<html><head><title>Fire in Leeds</title><body><article><h1>Fire in Leeds<p>Firefighters rescued "
               "three people from a burning flat in Leeds on Monday night, the fire service said.<p>The fire "
               "started in a kitchen on the second floor and spread to the roof, neighbours told reporters."
               "<p><div><span>Crews from four stations fought the blaze for <b>two hours before they <i>brought "
               "it under control.<p>A spokesman said the cause of the fire was being investigated.</article"
               "<div class=")

CASES = [
    # ── files that are not text ──
    Case("empty-file", file("empty.txt", b""), r"empty\.txt: empty file"),
    Case("whitespace-only", file("whitespace.txt", " \n\t\n  \r\n"), r"whitespace\.txt: empty file"),
    Case("binary-nul-bytes", file("nul.txt", b"\x00\x01\x02\x03ELF binary"), r"nul\.txt: binary file"),
    Case("binary-high-bytes", file("noise.txt", bytes(range(0x80, 0x100)) * 8), r"noise\.txt: not UTF-8"),
    Case("latin-1", file("latin1.txt", "Café owners in Nîmes said prices rose.".encode("latin-1")),
         r"latin1\.txt: not UTF-8 \(byte 0xe9"),
    Case("utf-16-with-bom", file("utf16.txt", "The mayor said the bridge would reopen.".encode("utf-16")),
         r"utf16\.txt: not UTF-8 \(starts with a UTF-16 byte-order mark\)"),
    Case("utf-16-without-bom", file("utf16le.txt", "The mayor said the bridge would reopen.".encode("utf-16-le")),
         r"utf16le\.txt: not UTF-8 \(looks like UTF-16 without a byte-order mark\)"),
    Case("furniture-only", file("furniture.txt", "Share this story\nSign up to our newsletter\nRead more\n"),
         r"furniture\.txt: no article text left after removing page furniture"),
    Case("non-english", file("german.txt", "Die Regierung hat am Montag beschlossen, die Steuern zu senken. " * 6),
         r"not in the pipeline's language 'en' skipped: .*german\.txt \(de\)"),
    # ── sizes ──
    Case("ten-megabyte-line", file("huge.txt", b"word " * (TEN_MB // 5)),
         r"huge\.txt: the text is 10,485,759 characters long, more than the 1,000,000"),
    Case("fifty-thousand-token-sentence", file("long-sentence.txt", long_sentence()), built=("long-sentence",)),
    # ── pages ──
    Case("empty-page", file("empty.html", b""), r"empty\.html: empty file"),
    Case("script-only-page", file("script.html", "<html><head><script>var a = 1; alert(a)</script></head>"
                                  "<body><script>document.write('<p>' + 'x'.repeat(500))</script></body></html>"),
         r"script\.html: no article text found in the page"),
    Case("style-only-page", file("style.html", "<html><head><style>body{color:red}</style></head>"
                                 "<body><style>p{margin:0}</style></body></html>"),
         r"style\.html: no article text found in the page"),
    Case("deeply-nested-page", file("nested.html", NESTED_HTML), r"nested\.html: no article text found in the page"),
    Case("broken-page", file("broken.html", BROKEN_HTML), built=("broken",)),
    # ── text that is odd but readable ──
    Case("utf-8-with-bom", file("bom.txt", "\ufeffThe mayor of York said the bridge would reopen on Monday."),
         built=("bom",)),
    Case("mixed-line-endings", file("endings.txt", b"Flood warning\r\n\r\nThe river burst its banks on Monday.\r"
                                    b"Residents of Selby left their homes.\nThe army sent boats.\r\n"),
         built=("endings",)),
    Case("emoji", file("emoji.txt", "Fans cheer \U0001f389\U0001f525\n\nThe team \U0001f3c6 won the cup in Cardiff "
                       "on Saturday \U0001f600. The coach \U0001f468\u200d\U0001f469\u200d\U0001f467 praised the "
                       "players \U0001f64c.\n"), built=("emoji",)),
    Case("right-to-left", file("rtl.txt", "The ambassador met \u202eofficials\u202c from \u05d9\u05e8\u05d5\u05e9"
                               "\u05dc\u05d9\u05dd and \u0627\u0644\u0642\u0627\u0647\u0631\u0629 in Geneva on "
                               "Monday.\n"), built=("rtl",)),
    Case("zero-width-characters", file("zero-width.txt", "The Prime\u200b Minister\u200d met the\u200c President"
                                       "\ufeff in Paris\u2060 on Monday.\n"), built=("zero-width",)),
    Case("control-characters", file("control.txt", "The bank\x01 raised\x07 rates\x1b[31m in Frankfurt\x7f on "
                                    "Thursday\x85, analysts\x0b said.\x0c\u2028The euro fell.\u2029\n"),
         built=("control",)),
    Case("punctuation-only", file("punctuation.txt", "!!! ??? ... ,,, --- *** ;;; :::\n"), built=("punctuation",)),
    # ── records ──
    Case("jsonl-good-line", jsonl_lines, built=("jsonl-good",)),
    Case("jsonl-broken-line", nothing("records.jsonl"), r"records\.jsonl:2: not valid JSON"),
    Case("jsonl-missing-text-field", nothing("records.jsonl"), r'records\.jsonl:3: no "text" field'),
    Case("jsonl-text-not-a-string", nothing("records.jsonl"), r'records\.jsonl:4: "text" is a number'),
    Case("jsonl-not-an-object", nothing("records.jsonl"), r"records\.jsonl:5: a JSON array"),
    Case("jsonl-empty-text", nothing("records.jsonl"), r'records\.jsonl:6: empty "text"'),
    Case("jsonl-nested-too-deeply", nothing("records.jsonl"), r"records\.jsonl:7: JSON nested too deeply"),
    Case("jsonl-huge-number", nothing("records.jsonl"), r"records\.jsonl:8: unreadable JSON"),
    Case("jsonl-lone-surrogate", nothing("records.jsonl"), built=("surrogate",)),
    Case("jsonl-null-text", nothing("records.jsonl"), r'records\.jsonl:10: no "text" field'),
    Case("jsonl-cut-off-last-line", nothing("records.jsonl"), r"records\.jsonl:11: not valid JSON"),
    Case("csv-ragged-row", file("ragged.csv", "id,text\ncsv-1,The storm hit Whitby on Monday.\ncsv-2,a,b,c\n"),
         r"ragged\.csv:3: 4 fields where the header has 2", built=("csv-1",)),
    Case("csv-without-text-column", file("columns.csv", "id,body\n1,The storm hit Whitby.\n"),
         r'columns\.csv: no "text" column'),
    Case("gzip-truncated", truncated_gzip, r"cut\.jsonl\.gz: truncated gzip file .* whole lines before the break "
         r"were read", built=("gz-0", "gz-1")),
    Case("gzip-not-gzip", file("fake.txt.gz", "not gzip at all"), r"fake\.txt\.gz: not a gzip file"),
    # ── paths ──
    Case("missing-file", nothing("missing.txt"), r"missing\.txt: no such file or directory"),
    Case("unknown-file-type", file("report.pdf", b"%PDF-1.4"), r"report\.pdf: unknown file type '\.pdf'"),
    Case("dangling-symlink", symlink("dangling.txt", "nowhere.txt"),
         r"dangling\.txt: broken symbolic link \(to nowhere\.txt"),
    Case("symlink-to-itself", symlink("self.txt", "self.txt"), r"self\.txt: symbolic link loop"),
    Case("symlink-loop", symlink("ping.txt", "pong.txt", ("pong.txt", "ping.txt")), r"ping\.txt: symbolic link loop"),
    Case("named-pipe", fifo, r"named-pipe\.txt: not a regular file"),
    Case("directory-without-articles", empty_directory, r"empty-dir: directory holds no files kgbuild reads"),
    Case("directory-of-mixed-files", mixed_directory, r"mixed-dir/loop\.txt: symbolic link loop",
         built=("a-mixed", "mixed-b")),
    Case("newline-in-file-name", file("bad\nname.txt", b""), r"bad\\nname\.txt: empty file"),
    Case("stdin-not-utf-8", lambda directory: ["-"], r"<stdin>: not UTF-8", stdin="Caf\xe9".encode("latin-1")),
]


@dataclass
class Run:
    completed: subprocess.CompletedProcess
    warnings: list[str]
    identifiers: set[str]
    arguments: dict[str, list[str]]  # each case's inputs


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Run:
    """Every case, and one good article, through one `kgbuild build`."""
    corpus = tmp_path_factory.mktemp("bad-input")
    out = tmp_path_factory.mktemp("bad-input-out")
    (corpus / "good.txt").write_text(GOOD)
    arguments = [str(corpus / "good.txt")]
    stdin, made = None, {}
    for case in CASES:
        made[case.name] = case.make(corpus)
        arguments += [argument for argument in made[case.name] if argument not in arguments]
        stdin = case.stdin or stdin
    completed = kgbuild("build", *arguments, "-o", str(out), stdin=stdin, timeout=600)
    store = ox.Store()
    if (out / "graph.ttl").exists():
        store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    identifiers = {row[0].value for row in store.query("SELECT ?id { ?a <https://schema.org/identifier> ?id }")}
    return Run(completed, completed.stderr.splitlines(), identifiers, made)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_bad_input_gets_one_line_or_is_built(catalogue, case):
    if case.warning is not None:
        matching = [line for line in catalogue.warnings if re.search(case.warning, line)]
        assert len(matching) == 1, (case.warning, catalogue.warnings)
        assert matching[0].startswith("kgbuild: warning: ")
    elif not any(other.warning and catalogue.arguments[other.name] == catalogue.arguments[case.name]
                 for other in CASES):
        for argument in catalogue.arguments[case.name]:
            assert not [line for line in catalogue.warnings if argument in line], case.name
    for identifier in case.built:
        assert identifier in catalogue.identifiers, (identifier, catalogue.warnings)


def test_the_run_ends_well_and_says_nothing_more(catalogue):
    """Exit 0, the good article built, no traceback, and no line that no case expects."""
    assert catalogue.completed.returncode == 0, catalogue.completed.stderr[-3000:]
    assert "good" in catalogue.identifiers
    assert "Traceback" not in catalogue.completed.stderr
    expected = [case.warning for case in CASES if case.warning]
    unexpected = [line for line in catalogue.warnings if not any(re.search(w, line) for w in expected)]
    assert unexpected == []
    assert "inputs skipped" in catalogue.completed.stdout


# ── cases that need a run of their own ──────────────────────────────────────────────────


def test_nothing_buildable_exits_1_with_one_error_line(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    completed = kgbuild("build", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert completed.returncode == 1
    assert completed.stderr.splitlines() == [
        f"kgbuild: warning: {tmp_path / 'empty.txt'}: empty file",
        f"kgbuild: warning: {tmp_path / 'missing.txt'}: no such file or directory",
        "kgbuild: error: no article could be built from the inputs given; nothing written.",
    ]
    assert not (tmp_path / "out").exists()


def test_wrong_usage_exits_2():
    completed = kgbuild("build", "--no-such-option", "x.txt")
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "usage:" in completed.stderr


def test_debug_shows_the_traceback_and_only_then(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    quiet = kgbuild("build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"))
    debug = kgbuild("build", "--debug", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"))
    assert "Traceback" not in quiet.stderr and quiet.returncode == 1
    assert "Traceback" in debug.stderr and "InputError" in debug.stderr


def test_a_closed_stdout_ends_quietly_with_141(tmp_path):
    """`kgbuild extract ... | head -1`: the reader leaves, kgbuild stops without a traceback."""
    article = tmp_path / "article.txt"
    article.write_text(GOOD * 50)
    process = subprocess.Popen([sys.executable, "-m", "kgbuild", "extract", str(article), "--format", "tsv"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    process.stdout.close()  # before it writes anything: every write meets a closed pipe
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=300) == 141, stderr
    assert stderr == ""


def test_an_unreadable_file_is_named_and_skipped():
    """chmod 000 keeps a file from everyone but root, so as root the run is made as `nobody`."""
    directory = Path(tempfile.mkdtemp(prefix="kgbuild-unreadable-"))
    try:
        directory.chmod(0o777)
        (directory / "good.txt").write_text(GOOD)
        locked = directory / "locked.txt"
        locked.write_text("The council approved the plan.")
        locked.chmod(0o000)
        command = [sys.executable, "-m", "kgbuild", "build", str(directory / "good.txt"), str(locked),
                   "-o", str(directory / "out")]
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root, who reads any file, and util-linux's setpriv is missing to run as nobody")
            nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
            probe = subprocess.run([*nobody, sys.executable, "-c", "import kgbuild"], capture_output=True,
                                   text=True, cwd=directory)
            if probe.returncode != 0:
                pytest.skip(f"running as root, who reads any file, and user nobody cannot run kgbuild from "
                            f"{REPO}: {probe.stderr.strip()[-200:]}")
            command = [*nobody, *command]
        completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)
        assert completed.returncode == 0, completed.stderr
        assert completed.stderr.splitlines() == [f"kgbuild: warning: {locked}: cannot be read (Permission denied)"]
        assert "1 article," in completed.stdout
    finally:
        shutil.rmtree(directory, ignore_errors=True)


# ── inputs that would take all memory or hang: each skipped on its own line ───────────────

#: Address space for a build beside bombs: a build of small articles fits in well under it,
#: reading any of the bombs whole does not.
BOUNDED_MEMORY = 3 * 1024 ** 3


def _bounded_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (BOUNDED_MEMORY, BOUNDED_MEMORY))


def gzip_bomb(decompressed_gb: int) -> bytes:
    """Gzip members of 1 MiB of text (one endless line) each, back to back: about 1 kB per
    MiB it expands to. (Zeros would be refused at once as a binary file.)"""
    member = gzip.compress(b"lol " * (256 * 1024), compresslevel=9)
    return member * (decompressed_gb * 1024)


def test_bombs_devices_and_pipes_beside_good_files_lose_no_good_article(tmp_path):
    corpus = tmp_path / "corpus"
    folder = corpus / "folder"
    folder.mkdir(parents=True)
    (corpus / "good.txt").write_text(GOOD)
    (folder / "in-folder.txt").write_text("The ferry sailed from Dover to Calais on Wednesday.")
    (corpus / "bomb.jsonl.gz").write_bytes(gzip_bomb(4))  # 4 MB that expands to 4 GB
    (corpus / "bomb.txt.gz").write_bytes(gzip_bomb(4))
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "random.txt").symlink_to("/dev/urandom")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "outside-pipe")
    (folder / "pipe-link.jsonl").symlink_to(tmp_path / "outside-pipe")
    huge = json.dumps({"id": "huge", "text": "The council met. " * 2_500_000})  # 42 MB on one line
    (corpus / "huge-line.jsonl").write_text(
        huge + "\n" + json.dumps({"id": "after-huge", "text": "Police closed the bridge in York on Monday."}) + "\n")
    (corpus / "bad-byte.jsonl").write_bytes(
        json.dumps({"id": "before-bad", "text": "The mayor of Hull opened the library on Friday."}).encode() + b"\n"
        + b'{"id": "bad", "text": "Caf\xe9 owners protested."}\n'
        + json.dumps({"id": "after-bad", "text": "The airport in Leeds reopened on Sunday."}).encode() + b"\n")
    out = tmp_path / "out"
    completed = kgbuild("build", str(corpus), "-o", str(out), timeout=300, preexec_fn=_bounded_memory)
    assert completed.returncode == 0, completed.stderr[-2000:]
    warnings = completed.stderr.splitlines()
    expected = [
        r"bomb\.jsonl\.gz: decompresses to more than 200 times its size .*; skipped",
        r"bomb\.txt\.gz: larger than 67,108,864 bytes",
        r"folder/zero\.txt: not a regular file \(a device, through a symbolic link to /dev/zero\)",
        r"folder/random\.txt: not a regular file \(a device, through a symbolic link to /dev/urandom\)",
        r"folder/pipe\.txt: not a regular file \(a named pipe\)",
        r"folder/pipe-link\.jsonl: not a regular file \(a named pipe, through a symbolic link",
        r"huge-line\.jsonl:1: a line longer than 16,777,216 bytes",
        r"bad-byte\.jsonl:2: not UTF-8 \(byte 0xe9 at offset \d+\); line skipped",
    ]
    for pattern in expected:
        assert len([line for line in warnings if re.search(pattern, line)]) == 1, (pattern, warnings)
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    identifiers = {row[0].value for row in store.query("SELECT ?id { ?a <https://schema.org/identifier> ?id }")}
    assert identifiers == {"good", "in-folder", "after-huge", "before-bad", "after-bad"}


def test_stdin_is_read_with_a_bound(tmp_path):
    """An endless stdin (here /dev/zero, then endless text) is cut off at the limit."""
    for endless in ("/dev/zero", "yes"):
        if endless == "yes":
            producer = subprocess.Popen(["yes", "The council met on Monday."], stdout=subprocess.PIPE)
            stream = producer.stdout
        else:
            producer, stream = None, open(endless, "rb")
        try:
            completed = subprocess.run([sys.executable, "-m", "kgbuild", "build", "-", "-o", str(tmp_path / "out")],
                                       stdin=stream, capture_output=True, text=True, cwd=REPO, timeout=300,
                                       preexec_fn=_bounded_memory)
        finally:
            stream.close()
            if producer is not None:
                producer.kill()
                producer.wait()
        assert completed.returncode == 1, completed.stderr[-500:]
        assert re.search(r"<stdin>: (larger than 67,108,864 bytes|binary file)", completed.stderr), completed.stderr
