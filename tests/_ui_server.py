"""Test helper: run ``app.py`` in a subprocess on a free port against a temp corpus.

Used by ``test_app.py`` (gradio_client) and ``test_browser.py`` (Chromium).  The
server uses the deterministic fake embedder so start-up takes seconds, and its own
corpus and index folders so the repository's ``index/`` is never touched.
``UI_TEST_EMBED_BACKEND=onnx`` uses the real model instead (slower; for the screenshot).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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


@contextmanager
def serve(root: Path, extra: tuple[Path, ...] = (), timeout: float = 90.0) -> Iterator[str]:
    """Start the UI, yield its URL once it answers HTTP, stop it afterwards."""
    corpus = make_corpus(root, extra)
    port = free_port()
    log = (root / "app.log").open("w")
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "NO_PROXY": "127.0.0.1,localhost"}
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "app.py"), "--port", str(port), "--corpus", str(corpus),
         "--index", str(root / "index"), "--embed-backend", os.environ.get("UI_TEST_EMBED_BACKEND", "fake")],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app.py exited with {proc.returncode}:\n{(root / 'app.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"app.py did not start in {timeout:.0f} s:\n{(root / 'app.log').read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
