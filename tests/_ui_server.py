"""Test helper: run ``app.py`` in a subprocess on a free port against a temp corpus.

Used by ``test_app.py`` (gradio_client) and ``test_browser.py`` (Chromium).  The
server uses the deterministic fake embedder so start-up takes seconds, and its own
corpus and index folders so the repository's ``index/`` is never touched.
``UI_TEST_EMBED_BACKEND=onnx`` uses the real model instead (slower; for the screenshots).

A :class:`Server` starts without waiting, so a test module can do other work (start
Chromium, run tests that need no server) while the app boots, and wait only when it
first needs the URL; :func:`shared` gives every UI test module the same one.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus"
INJECTION = Path(__file__).resolve().parent / "fixtures" / "synthetic_injection.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_corpus(root: Path, extra: tuple[Path, ...] = ()) -> Path:
    """A temp copy of the seed corpus plus ``extra`` files."""
    corpus = root / "corpus"
    shutil.copytree(SEED, corpus)
    for f in extra:
        shutil.copy(f, corpus / f.name)
    return corpus


class Server:
    """``app.py`` on a free port, started at construction; :meth:`wait` returns its URL."""

    def __init__(self, root: Path, extra: tuple[Path, ...] = ()) -> None:
        corpus = make_corpus(root, extra)
        self.port = free_port()
        self.log_path = root / "app.log"
        self._log = self.log_path.open("w")
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1",
               "NO_PROXY": "127.0.0.1,localhost"}
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "app.py"), "--port", str(self.port), "--corpus", str(corpus),
             "--index", str(root / "index"), "--embed-backend", os.environ.get("UI_TEST_EMBED_BACKEND", "fake")],
            cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        self.url = f"http://127.0.0.1:{self.port}/"
        self._up = False

    def wait(self, timeout: float = 120.0) -> str:
        """Block until the page answers HTTP 200; a dead or slow app fails with its log."""
        deadline = time.monotonic() + timeout
        while not self._up:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {self.proc.returncode}:\n{self._tail()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    self._up = r.status == 200
            except OSError:
                pass
            if not self._up:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"app.py did not start in {timeout:.0f} s:\n{self._tail()}")
                time.sleep(0.2)
        return self.url

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()

    def _tail(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]


_shared: Server | None = None


def shared(root: Callable[[], Path]) -> Server:
    """One server for every UI test module of this pytest run (seed + the injection
    fixture), started on first use without waiting and stopped when the run ends: a boot
    costs seconds of CPU the UI tests need not pay twice.  ``root`` makes its folder."""
    global _shared
    if _shared is None:
        _shared = Server(root(), extra=(INJECTION,))
        atexit.register(_shared.stop)
    return _shared


@contextmanager
def serve(root: Path, extra: tuple[Path, ...] = (), timeout: float = 120.0) -> Iterator[str]:
    """Start the UI, yield its URL once it answers HTTP, stop it afterwards."""
    server = Server(root, extra)
    try:
        yield server.wait(timeout)
    finally:
        server.stop()
