"""Does Milvus's jieba analyzer keep domain words whole?  With and without a custom dictionary.

    PYTHONPATH=. python eval/milvus_jieba_words.py

Milvus Lite 3.2 has no run_analyzer RPC, so tokens come from the analyzer Lite itself
builds from the same ``analyzer_params`` (milvus_lite.analyzer.factory), and the effect
on ranking from a real BM25 search on a Lite file.  Each configuration runs in its own
process: Lite adds dictionary words to the process-global jieba, so they would leak
into the next configuration.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
WORDS = ["海绵城市", "清洁取暖", "装配式建筑", "市城市管理局"]
SENTENCES = ["推进海绵城市建设，推广清洁取暖。", "大力发展装配式建筑。", "牵头单位：市城市管理局、市住房和城乡建设局"]
# a right answer per word and a decoy holding its pieces apart
DOCS = {"right-sponge": "系统化全域推进海绵城市建设。", "decoy-sponge": "城市道路铺装采用海绵状透水材料。",
        "right-heat": "农村地区推广清洁取暖。", "decoy-heat": "清洁能源替代燃煤，保障冬季取暖。",
        "right-unit": "牵头单位：市城市管理局", "decoy-unit": "城市更新项目管理由区局负责"}
QUERIES = {"海绵城市": "right-sponge", "清洁取暖": "right-heat", "市城市管理局": "right-unit"}
CONFIGS = {
    "jieba search (Milvus default), built-in dictionary only": {"words": "none", "mode": "search"},
    "jieba exact, built-in dictionary only": {"words": "none", "mode": "exact"},
    "jieba search + domain_terms.txt (the backend's default)": {"words": "domain", "mode": "search"},
    "jieba exact + domain_terms.txt": {"words": "domain", "mode": "exact"},
    "jieba search + domain_terms.txt + 4 unit names": {"words": "units", "mode": "search"},
}


def run_one(name: str) -> dict[str, object]:
    from milvus_lite.analyzer.factory import create_analyzer

    from assistant.config import DATA_DIR
    from assistant.search.backends.milvus import MilvusBackend, analyzer_params, word_list
    from assistant.types import Chunk

    cfg = CONFIGS[name]
    words = word_list(DATA_DIR / "domain_terms.txt") if cfg["words"] != "none" else []
    if cfg["words"] == "units":
        words += ["市城市管理局", "城市管理局", "市住房和城乡建设局", "住房和城乡建设局"]
    params = analyzer_params(words, word_list(DATA_DIR / "stopwords.txt"), str(cfg["mode"]))
    analyzer = create_analyzer(params)
    tokens = {s: analyzer.tokenize(s) for s in SENTENCES}
    whole = {w: any(w in toks for toks in tokens.values()) for w in WORDS}

    class Enc:
        dim = 8

        def chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
            return np.eye(8, dtype=np.float32)[np.arange(len(chunks)) % 8]

        def query(self, text: str) -> np.ndarray:
            return np.eye(8, dtype=np.float32)[0]

    ranking = {}
    with tempfile.TemporaryDirectory() as tmp, \
            MilvusBackend(f"{tmp}/m.db", "w", Enc(), user_words=words, jieba_mode=str(cfg["mode"])) as be:
        be.upsert([Chunk(id=i, doc_id=i, doc_title="", level="other", kind="clause", text=t)
                   for i, t in DOCS.items()])
        for q in QUERIES:
            ranking[q] = [(h.chunk.id, round(h.score, 3)) for h in be.search(q, 3, mode="sparse")]
    return {"tokens": tokens, "whole": whole, "bm25": ranking}


def main() -> int:
    if len(sys.argv) > 1:
        print(json.dumps(run_one(sys.argv[1]), ensure_ascii=False))
        return 0
    for name in CONFIGS:
        out = subprocess.run([sys.executable, __file__, name], capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(REPO), "PATH": ""})
        res = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"== {name}")
        for s, toks in res["tokens"].items():
            print(f"   {s} -> {' / '.join(toks)}")
        print("   kept whole:", ", ".join(f"{w} {'yes' if ok else 'NO'}" for w, ok in res["whole"].items()))
        for q, hits in res["bm25"].items():
            print(f"   BM25 {q}: {hits}  (right: {QUERIES[q]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
