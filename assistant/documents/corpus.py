"""The corpus folder: which files, their manifest entries, their hashes, what they cite.

The manifest (``corpus/manifest.toml``) is optional per file: a file without an entry
gets its metadata from its own header (see :mod:`assistant.documents.structure`).
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import AssistantError
from assistant.reading.files import SUPPORTED
from assistant.types import LEVELS, Document, file_sha256

log = logging.getLogger(__name__)

MANIFEST = "manifest.toml"


@dataclass(frozen=True)
class CorpusFile:
    path: Path
    sha256: str
    entry: dict[str, Any]  # the manifest entry, {} when the file has none


def load_manifest(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """Manifest entries keyed by file name; a broken manifest is a one-line error."""
    path = corpus_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise AssistantError(f"{path}: invalid manifest ({e})") from None
    out: dict[str, dict[str, Any]] = {}
    entries = data.get("document", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise AssistantError(f"{path}: documents must be [[document]] tables (an array of tables)")
    for entry in entries:
        if "file" not in entry:
            raise AssistantError(f"{path}: every [[document]] needs a 'file'")
        level = entry.get("level")
        if level is not None and level not in LEVELS:
            raise AssistantError(f"{path}: {entry['file']}: level must be one of {', '.join(LEVELS)}")
        out[entry["file"]] = entry
    return out


def list_corpus(corpus_dir: Path) -> list[CorpusFile]:
    """The documents of the corpus (sorted by name), with hash and manifest entry."""
    if not corpus_dir.is_dir():
        raise AssistantError(f"corpus folder not found: {corpus_dir}")
    manifest = load_manifest(corpus_dir)
    files = sorted(p for p in corpus_dir.iterdir()
                   if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith("."))
    for name in manifest:
        if not (corpus_dir / name).exists():
            log.warning("manifest names %s, which is not in %s", name, corpus_dir)
    return [CorpusFile(p, file_sha256(p), manifest.get(p.name, {})) for p in files]


def corpus_hashes(files: Sequence[CorpusFile], corpus_dir: Path | None = None) -> dict[str, str]:
    """What the index manifest records: a hash per file (content + its manifest entry),
    so editing a document *or* its metadata makes the index stale."""
    out = {}
    for f in files:
        entry = repr(sorted(f.entry.items())).encode("utf-8")
        out[f.path.name] = hashlib.sha256(f.sha256.encode() + entry).hexdigest()
    return out


def doc_id_for(path: Path, entry: dict[str, Any]) -> str:
    """Manifest id, else a slug of the file name (readable, stable, unique per folder)."""
    if entry.get("id"):
        return str(entry["id"])
    slug = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", path.stem).strip("-").lower()
    return slug or hashlib.sha256(path.name.encode()).hexdigest()[:12]


def _norm_title(t: str) -> str:
    t = re.sub(r"[\s《》〈〉<>“”\"()（）]", "", t)
    return t


_PLACE_END_RE = re.compile(r"(省|自治区|市|自治州|州|盟|县|区|旗|国家|全国)$")


def _same_document(cited: str, title: str) -> bool:
    """One title ends with the other and the extra words are not a place: 《城乡建设领域
    碳达峰实施方案》 (the national plan) is *not* 《示例县城乡建设领域碳达峰实施方案》."""
    if cited == title:
        return True
    short, long_ = sorted((cited, title), key=len)
    if len(short) < 8 or not long_.endswith(short):
        return False
    return not _PLACE_END_RE.search(long_[: len(long_) - len(short)])


def citation_links(documents: Sequence[Document]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(links, missing): documents cited by name (《…》) that the corpus holds, and those it lacks.

    A citation matches a corpus document when the titles agree once brackets and
    spaces are ignored, or when one title ends with the other and the extra words are no
    place name (《实施方案》 cited by a county plan for 《聊城市…实施方案》 would not match:
    names must be specific; nor does the national plan's name match a county's plan)."""
    titles = {_norm_title(d.meta.title): d for d in documents}
    links: list[dict[str, Any]] = []
    missing: dict[str, dict[str, Any]] = {}
    for d in documents:
        own = _norm_title(d.meta.title)
        for name, clause_no in d.cited:
            key = _norm_title(name)
            if not key or key == own:
                continue
            target = titles.get(key)
            if target is None:
                target = next((doc for t, doc in titles.items()
                               if _same_document(key, t) and doc is not d), None)
            row = {"title": name, "cited_by": d.id, "clause_no": clause_no}
            if target is not None:
                links.append({**row, "doc_id": target.id})
            else:
                kind = "standard" if name.endswith(("标准", "规范", "标准(试行)", "标准（试行）")) else "document"
                m = missing.setdefault(name, {"title": name, "kind": kind, "cited_by": []})
                m["cited_by"].append({"doc_id": d.id, "clause_no": clause_no})
    return links, list(missing.values())
