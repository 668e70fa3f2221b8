"""The web UI's entry point (gradio 6): 问答, 任务查询, 目标指标, 文件库.

    python app.py [--host 127.0.0.1] [--port 7860] [--corpus DIR] [--index DIR] [--embed-backend fake]

The page itself lives in :mod:`assistant.ui.web`; this file only loads the index and serves it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import assistant
from assistant.ui.web import UI, build_blocks, launch

log = logging.getLogger("app")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="政策文件问答助手 — web UI")
    p.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    p.add_argument("--corpus", default=None, help="corpus folder (default: corpus/)")
    p.add_argument("--index", default=None, help="index folder (default: index/)")
    p.add_argument("--embed-backend", default=None, choices=["onnx", "torch", "fake"],
                   help="embedding backend (also ASSISTANT_EMBED_BACKEND); 'fake' is for tests")
    p.add_argument("--concurrency", type=int, default=4, help="questions answered at the same time")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("faiss.loader", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    settings = {"embed_backend": args.embed_backend} if args.embed_backend else {}
    log.info("loading the index (building it first if missing or stale) …")
    try:
        qa = assistant.load(index_dir=args.index, corpus_dir=args.corpus, progress=True, **settings)
    except assistant.AssistantError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    qa.warm()  # the first questions asked answer as fast as the later ones
    log.info("index ready: %d document(s)", len(qa.documents))
    for err in getattr(qa, "build_errors", ()):
        log.warning("skipped: %s", err)
    ui = UI(qa)
    demo = build_blocks(ui)
    demo.queue(default_concurrency_limit=args.concurrency, max_size=64)
    try:
        launch(demo, ui, args.host, args.port)
    except OSError as e:  # port taken, bad host: one line, not a traceback
        print(f"error: cannot serve on {args.host}:{args.port}: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
