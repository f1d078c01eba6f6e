"""``--output`` is written atomically: a temporary file in the same directory, then a rename.

Whatever fails — rendering, the disk (simulated), an interrupt — the previous file is left
exactly as it was and no temporary file stays behind.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from peacepos import corpus, read_position, write_position
from peacepos.cli import main
from peacepos.errors import OutputFileError, PeaceposError
from peacepos.io import write_text_atomic

HEADLINE = ["compare", "china-2023-02-24", "russia-2023-02-24"]
OLD = "the previous report\n"


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    out = tmp_path / "report.md"
    out.write_text(OLD)
    return out


def one_error_line(capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def test_output_file_holds_what_stdout_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*HEADLINE, "--format", "markdown"]) == 0
    expected = capsys.readouterr().out
    out = tmp_path / "report.md"
    assert main([*HEADLINE, "--format", "markdown", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == expected
    assert listing(tmp_path) == ["report.md"]


def test_rendering_error_leaves_the_previous_file(
    previous: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer exploded")

    import peacepos.report

    monkeypatch.setattr(peacepos.report, "render", broken)
    assert main([*HEADLINE, "--output", str(previous)]) == 2
    one_error_line(capsys, "internal error", "renderer exploded")
    assert previous.read_text() == OLD
    assert listing(previous.parent) == ["report.md"]


@pytest.mark.parametrize("failing", ["write", "fsync", "replace", "fchmod"])
def test_disk_error_leaves_the_previous_file(
    previous: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))  # half of it lands, then the disk is full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "fchmod":
        previous.chmod(0o640)  # an existing file's mode is copied: that step can fail too
    monkeypatch.setattr(os, failing, half_then_full if failing == "write" else full)
    code = main([*HEADLINE, "--format", "markdown", "--output", str(previous)])
    assert code == 2
    one_error_line(capsys, str(previous), "cannot write", os.strerror(errno.ENOSPC))
    assert previous.read_text() == OLD
    assert listing(previous.parent) == ["report.md"]


def test_interrupt_during_the_write_leaves_the_previous_file(
    previous: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert main([*HEADLINE, "--output", str(previous)]) == 130
    assert previous.read_text() == OLD
    assert listing(previous.parent) == ["report.md"]


def test_convert_output_is_atomic_too(
    previous: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = previous.with_name("china.json")
    target.write_text(OLD)
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O")))
    assert main(["convert", "china-2023-02-24", "--output", str(target)]) == 2
    one_error_line(capsys, str(target), "cannot write")
    assert target.read_text() == OLD
    assert listing(target.parent) == ["china.json", "report.md"]


def test_write_position_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "p.toml"
    china, russia = corpus.load("china-2023-02-24"), corpus.load("russia-2023-02-24")
    write_position(china, out)
    before = out.read_bytes()
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.EIO, "I/O")))
    with pytest.raises(OutputFileError) as info:
        write_position(russia, out)
    assert isinstance(info.value, OSError)
    assert info.value.errno == errno.EIO
    assert out.read_bytes() == before
    assert read_position(out) == china
    assert listing(tmp_path) == ["p.toml"]


def test_text_that_cannot_be_encoded_is_refused_before_writing(previous: Path) -> None:
    with pytest.raises(OutputFileError, match="not valid Unicode"):
        write_text_atomic(previous, "bad \ud800 text")
    assert previous.read_text() == OLD
    assert listing(previous.parent) == ["report.md"]


# -- targets that are not regular files ----------------------------------------------------


def test_output_to_a_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    assert main([*HEADLINE, "--output", str(folder)]) == 2
    one_error_line(capsys, str(folder), "is a directory")
    assert listing(folder) == ["keep.txt"]
    assert listing(tmp_path) == ["out"]


def test_output_to_a_fifo_is_refused_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main([*HEADLINE, "--output", str(fifo)]) == 2
    one_error_line(capsys, str(fifo), "FIFO")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert listing(tmp_path) == ["pipe"]


def test_output_into_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "report.md"
    assert main([*HEADLINE, "--output", str(target)]) == 2
    one_error_line(capsys, str(target), "cannot write")
    assert listing(tmp_path) == []


def test_symlink_is_followed_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real.md"
    real.write_text(OLD)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert main([*HEADLINE, "--format", "markdown", "--output", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("###")
    assert listing(tmp_path) == ["link.md", "real.md"]


def test_permissions_of_the_replaced_file_are_kept(previous: Path) -> None:
    previous.chmod(0o640)
    write_text_atomic(previous, "new\n")
    assert previous.read_text() == "new\n"
    assert stat.S_IMODE(os.stat(previous).st_mode) == 0o640


def test_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    # Not the 0600 of a bare temporary file: a report is meant to be shared like any file.
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o644


def test_output_errors_are_peacepos_errors(tmp_path: Path) -> None:
    with pytest.raises(PeaceposError):
        write_text_atomic(tmp_path / "missing" / "x.txt", "x")


def test_sigterm_during_the_write_leaves_no_temporary(tmp_path: Path) -> None:
    """The command is stopped (SIGTERM) while its temporary file is open: the temporary goes,
    the previous file stays, and the exit status says so (128 + 15)."""
    target = tmp_path / "report.md"
    target.write_text("previous\n", encoding="utf-8")
    script = (
        "import sys, time\n"
        "import peacepos.io.write as w\n"
        "real = w._write_all\n"
        "def slow(fd, data):\n"
        "    real(fd, data[:10])\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
        "w._write_all = slow\n"
        "from peacepos.cli import main\n"
        f"sys.exit(main([*{HEADLINE!r}, '-o', {str(target)!r}]))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert len(listing(tmp_path)) == 2  # the target and the temporary
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    assert listing(tmp_path) == ["report.md"]
    assert target.read_text(encoding="utf-8") == "previous\n"


def test_a_killed_writers_temporary_goes_on_the_next_write(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the temporary it leaves is removed by the next write to the
    same file, once its writer's process no longer runs. Others' files are left alone."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead = int(done.stdout)
    stale = tmp_path / f".report.md.{dead}-0123456789ab.tmp"
    stale.write_text("half", encoding="utf-8")
    running = tmp_path / f".report.md.{os.getpid()}-0123456789ab.tmp"  # a live writer's
    running.write_text("in progress", encoding="utf-8")
    other = tmp_path / ".other.md.1-0123456789ab.tmp"
    other.write_text("another target's", encoding="utf-8")
    write_text_atomic(tmp_path / "report.md", "new\n")
    assert listing(tmp_path) == sorted([".other.md.1-0123456789ab.tmp", running.name, "report.md"])
