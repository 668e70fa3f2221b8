"""The corpus folder: which files, their manifest entries, their hashes, what they cite.

The manifest (``corpus/manifest.toml``) is optional per file: a file without an entry
gets its metadata from its own header (see :mod:`assistant.documents.structure`).
"""

from __future__ import annotations

import hashlib
import logging
import re
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
    sha256: str  # of the bytes; for a file that cannot be read, of what stat() says about it
    entry: dict[str, Any]  # the manifest entry, {} when the file has none
    problem: str | None = None  # why it cannot be indexed (unreadable, broken link, a folder, a duplicate)

    @property
    def name(self) -> str:
        return self.path.name


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


def _examine(path: Path, entry: dict[str, Any]) -> CorpusFile:
    """A corpus entry with its hash, or with the reason it cannot be read: nothing in the
    folder is skipped silently, and one bad file never stops the others."""
    def bad(problem: str, key: str) -> CorpusFile:
        return CorpusFile(path, hashlib.sha256(f"{problem}|{key}".encode()).hexdigest(), entry, problem)

    try:
        st = path.stat()
    except OSError as e:  # dangling link, link loop
        return bad("broken link" if path.is_symlink() else f"cannot read file ({e.strerror or e})", "")
    if stat.S_ISDIR(st.st_mode):
        return bad("a folder, not a document", "")
    if not stat.S_ISREG(st.st_mode):
        return bad("not a regular file", "")
    try:
        return CorpusFile(path, file_sha256(path), entry)
    except OSError as e:
        return bad(f"cannot read file ({e.strerror or type(e).__name__})", f"{st.st_size}:{st.st_mtime_ns}")


def list_corpus(corpus_dir: Path) -> list[CorpusFile]:
    """Every entry of the corpus folder with a document extension (sorted by name): its
    hash and manifest entry, or the problem that keeps it out of the index.  A file with
    the same bytes as an earlier one is a duplicate."""
    if not corpus_dir.is_dir():
        raise AssistantError(f"corpus folder not found: {corpus_dir}")
    manifest = load_manifest(corpus_dir)
    paths = sorted(p for p in corpus_dir.iterdir()
                   if p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$")))
    for name in manifest:
        if not (corpus_dir / name).exists():
            log.warning("manifest names %s, which is not in %s", name, corpus_dir)
    out: list[CorpusFile] = []
    first_of: dict[str, str] = {}
    for p in paths:
        f = _examine(p, manifest.get(p.name, {}))
        if f.problem is None and f.sha256 in first_of:
            f = replace(f, problem=f"same content as {first_of[f.sha256]} (duplicate)")
        elif f.problem is None:
            first_of[f.sha256] = p.name
        out.append(f)
    return out


def corpus_hashes(files: Sequence[CorpusFile]) -> dict[str, str]:
    """What the index manifest records: a hash per file (content + its manifest entry),
    so editing a document *or* its metadata makes the index stale."""
    out = {}
    for f in files:
        entry = repr(sorted(f.entry.items())).encode("utf-8")
        out[f.name] = hashlib.sha256(f.sha256.encode() + entry + (f.problem or "").encode()).hexdigest()
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
