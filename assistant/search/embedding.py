"""Sentence embedders: the protocol, the fast ONNX path (:mod:`assistant.search.onnx`),
the sentence-transformers path it is checked against, and a fake one for tests."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from assistant.config import AssistantError, Settings
from assistant.search.onnx import OnnxEmbedder, l2_normalize, model_fingerprint, onnx_cache_dir

log = logging.getLogger(__name__)

__all__ = ["Embedder", "FakeEmbedder", "TorchEmbedder", "OnnxEmbedder", "get_embedder", "embedder_identity",
           "phrase_embedder",
           "l2_normalize", "model_fingerprint", "onnx_cache_dir"]


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               show_progress: bool = False) -> np.ndarray:
        """float32 array (len(texts), dim) with L2-normalised rows."""
        ...


class FakeEmbedder:
    """Deterministic hashed character uni+bigram embedder for unit tests (no model, no torch)."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"fake-{dim}"
        self.calls = 0  # number of encode() calls, so tests can check cache reuse
        self.encoded = 0  # number of texts encoded

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        grams = list(text) + [text[i:i + 2] for i in range(len(text) - 1)]
        for g in grams:
            d = hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest()
            v[int.from_bytes(d[:4], "little") % self.dim] += 1.0 if d[4] & 1 else -1.0
        if not v.any():
            v[0] = 1.0
        return v

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               show_progress: bool = False) -> np.ndarray:
        self.calls += 1
        self.encoded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return l2_normalize(np.stack([self._vector(t) for t in texts]))


class TorchEmbedder:
    """sentence-transformers on CPU; the reference the ONNX path is checked against."""

    def __init__(self, model_path: str, name: str = "", max_seq_length: int = 512) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise AssistantError("the torch embedder needs sentence-transformers: "
                                 "pip install sentence-transformers torch") from e
        if not Path(model_path).is_dir():
            raise AssistantError(f"embedding model folder not found: {model_path}")
        self.model = SentenceTransformer(model_path, device="cpu")
        self.model.max_seq_length = min(max_seq_length, self.model.max_seq_length or max_seq_length)
        self.name = name or Path(model_path).name
        getdim = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        dim = getdim()
        self.dim = int(dim) if dim else int(self.model.encode(["x"]).shape[1])

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(list(texts), batch_size=batch_size, show_progress_bar=show_progress,
                                convert_to_numpy=True, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)


def get_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.embed_backend``: "onnx" (default) | "torch" | "fake"."""
    backend = settings.embed_backend.lower()
    if backend == "fake":
        return FakeEmbedder()
    path = settings.resolved_model_path
    if not path or not Path(path).is_dir():
        raise AssistantError("embedding model not found; set ASSISTANT_MODEL_PATH to a "
                             "sentence-transformers folder (e.g. m3e-small) or use embed_backend='fake'")
    if backend == "onnx":
        return OnnxEmbedder.from_settings(settings)
    if backend == "torch":
        return TorchEmbedder(path, name=settings.model_name, max_seq_length=settings.max_seq_length)
    raise AssistantError(f"unknown embed_backend {settings.embed_backend!r} (use onnx, torch or fake)")


def phrase_embedder(settings: Settings) -> Callable[[], Embedder] | None:
    """How to open the model for the short texts weighed while answering: the int8 export
    when ``settings.phrase_int8`` and the chunks are fp32 on ONNX; None = the chunks' model.
    A factory, so the second model is loaded (and quantised, once) only when a question
    first needs it."""
    if not settings.phrase_int8 or settings.onnx_int8 or settings.embed_backend.lower() != "onnx":
        return None
    return lambda: OnnxEmbedder.from_settings(replace(settings, onnx_int8=True))


def embedder_identity(settings: Settings, embedder: Embedder | None = None) -> dict[str, Any]:
    """What the manifest records about the model; compared by ``index_status``."""
    if embedder is not None and isinstance(embedder, FakeEmbedder):
        return {"model_name": embedder.name, "model_hash": embedder.name, "dim": embedder.dim,
                "embed_backend": "fake"}
    if embedder is None and settings.embed_backend.lower() == "fake":
        fake = FakeEmbedder()
        return {"model_name": fake.name, "model_hash": fake.name, "dim": fake.dim, "embed_backend": "fake"}
    path = settings.resolved_model_path
    int8 = settings.onnx_int8 and settings.embed_backend.lower() == "onnx"
    ident: dict[str, Any] = {"model_name": settings.model_name,
                             "model_hash": model_fingerprint(path) + ("-int8" if int8 else ""),
                             "embed_backend": settings.embed_backend.lower(), "model_path": str(path)}
    if embedder is not None:
        ident["dim"] = embedder.dim
    return ident


