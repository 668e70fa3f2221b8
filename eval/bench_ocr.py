"""OCR speed, accuracy and memory on SYNTHETIC scans (合成测试 text, not policy text).

    python eval/bench_ocr.py [--pages 4] [--configs 200:1280:2,150:1280:2,...] [--degrade]
                             [--matrix LAYOUT ...] [--out eval/bench.json]

Two documents sets, each OCR'd per configuration ``dpi:det_side:threads`` in a fresh
subprocess (cold engine, its own peak RSS):

* ``gongwen``: ``--pages`` dense pages of body text (三号 16 pt, 28 characters × 22 lines,
  the 公文 layout) plus the two pages of the test 公文 (header, clauses, a ruled table),
  made with fpdf2 and rasterised into an image-only PDF at each configuration's dpi (with
  ``--degrade``: skewed, blurred, grainy, JPEG, like a paper scan).  Accuracy: characters
  in reading order (difflib over the Chinese characters).
* ``matrix``: the scanned cells of the layout matrix (tests/synthetic; ``--matrix`` names
  the layouts, one file each, levels taken in turn) — ruled, borderless and marked tables
  at 10 pt.  Accuracy: characters recovered whatever the reading order (a table is read
  row by row, the reference is drawn cell by cell).

Reported per set: wall and CPU seconds per page (engine load excluded), character recall /
precision, peak RSS, and the machine's load average (other work inflates the times).
``--out`` merges the first configuration's figures into that JSON file under ``"ocr"``
(what ``make bench`` shows).  Figures only, no targets asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MATRIX = ("table_ruled", "table_borderless", "table_marked", "inline_lead_coop")
LEVELS = ("national", "provincial", "municipal", "county")

SENTENCES = (
    "推进合成测试城市建设，合理确定城市规模和空间结构，加快形成集约紧凑的发展模式。",
    "到2025年，合成测试城市建成区绿地率达到37.5%，人均公园绿地面积达到16平方米。",
    "各县（市、区）要建立合成测试工作台账，按照合测办字〔2023〕12号文件要求定期调度。",
    "加强供热、供气、供水等市政基础设施智能化建设管理，新增地下综合管廊7.5公里。",
    "全面推进海绵城市建设，综合采用渗、滞、蓄、净、用、排等措施，减少雨水径流峰值。",
    "本文件为合成测试文本，不是真实政策，仅用于检验扫描件识别的速度和准确率。",
)

CHILD = r"""
import json, os, resource, sys, time
from collections import Counter
from pathlib import Path
from tests.test_ocr import _cjk, char_accuracy
from assistant.reading import ocr
dpi, det_side, threads, spec = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
ocr.DET_SIDE, ocr.THREADS = det_side, threads
t = time.perf_counter(); ocr._get_engine(); load = time.perf_counter() - t
out = {}
for name, files in spec.items():
    pages = wall = cpu = 0.0
    n_ref = n_got = same = 0
    for f in files:
        c0, t0 = time.process_time(), time.perf_counter()
        res = ocr.ocr_pdf(Path(f["scan"]).read_bytes(), dpi=dpi)
        wall += time.perf_counter() - t0; cpu += time.process_time() - c0; pages += len(res.pages)
        ref = Path(f["ref"]).read_text(encoding="utf-8")
        a, b = _cjk(ref), _cjk(res.text)
        if f["order"] == "reading":
            recall, precision = char_accuracy(ref, res.text)
            hit = round(recall * len(a))
        else:
            got = Counter(b)
            hit = sum(min(k, got[c]) for c, k in Counter(a).items())
        n_ref += len(a); n_got += len(b); same += hit
    out[name] = {"files": len(files), "pages": int(pages), "wall_s_per_page": round(wall / pages, 2),
                 "cpu_s_per_page": round(cpu / pages, 2), "recall": round(same / max(n_ref, 1), 4),
                 "precision": round(same / max(n_got, 1), 4)}
print(json.dumps({"dpi": dpi, "det_side": det_side, "threads": threads, "engine_load_s": round(load, 2), **out,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "load_avg_1min": round(os.getloadavg()[0], 2)}))
"""


def make_document(path: Path, pages: int, font: str) -> str:
    """Dense body-text pages + the test 公文; returns the drawn text in reading order."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    from tests.test_ocr import make_gongwen

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", font)
    pdf.set_font("cjk", size=16)
    stream = "".join(SENTENCES[(k * 5) % len(SENTENCES)] for k in range(pages * 22 * 28 // 30 + 6))
    lines: list[str] = []
    pos = 0
    for _ in range(pages):
        pdf.add_page()
        for row in range(22):
            line = stream[pos:pos + 28]
            pos += 28
            pdf.text(28, 45 + row * 10.2, line)
            lines.append(line)
    body = path.with_suffix(".body.pdf")
    pdf.output(str(body))
    doc = make_gongwen(path.with_suffix(".gongwen.pdf"), font)
    writer = PdfWriter()
    for src in (body, doc.path):
        for page in PdfReader(src).pages:
            writer.add_page(page)
    with open(path, "wb") as f:
        writer.write(f)
    return "\n".join([*lines, *doc.lines])


def matrix_files(tmp: Path, layouts: list[str]) -> list[dict[str, str]]:
    """One scanned matrix file per layout (levels in turn) with the text drawn on it."""
    from tests.synthetic.matrix import Cell
    from tests.synthetic.render_scan import render_scan

    out = []
    for k, layout in enumerate(layouts):
        cell = Cell(layout, "scan", LEVELS[k % len(LEVELS)])
        pdf, drawn = cell.pdf()
        scan, ref = tmp / f"{cell.folder}.pdf", tmp / f"{cell.folder}.txt"
        scan.write_bytes(render_scan(pdf, cell.doc.header.title))
        ref.write_text("\n".join(text for _, _, text in drawn.lines), encoding="utf-8")
        out.append({"scan": str(scan), "ref": str(ref), "order": "any"})
    return out


def run(config: str, spec: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    dpi, det_side, threads = (int(v) for v in config.split(":"))
    out = subprocess.run([sys.executable, "-c", CHILD, str(dpi), str(det_side), str(threads), json.dumps(spec)],
                         cwd=REPO, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"OCR benchmark child failed: {(out.stderr.strip().splitlines() or ['?'])[-1]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--degrade", action="store_true", help="paper-like scans instead of clean renders")
    ap.add_argument("--configs", default="200:1280:2,200:1600:2,200:100000:2,200:1280:1,150:1280:2,300:1280:2")
    ap.add_argument("--matrix", nargs="*", default=list(MATRIX), help="layouts of the matrix set (none: skip it)")
    ap.add_argument("--out", help="merge the first configuration's figures into this JSON file under 'ocr'")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from tests.fixtures_make import find_cjk_font, rasterise_pdf

    font = find_cjk_font()
    if font is None:
        sys.exit("no CJK TrueType font (apt-get install fonts-wqy-microhei)")
    results = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src, ref = tmp / "doc.pdf", tmp / "ref.txt"
        ref.write_text(make_document(src, args.pages, font), encoding="utf-8")
        matrix = matrix_files(tmp, args.matrix) if args.matrix else []
        for config in args.configs.split(","):
            dpi = int(config.split(":")[0])
            scan = rasterise_pdf(src, tmp / f"scan{dpi}.pdf", dpi=dpi, degrade=args.degrade)
            spec = {"gongwen": [{"scan": str(scan), "ref": str(ref), "order": "reading"}]}
            if matrix:
                spec["matrix"] = matrix
            results.append(run(config, spec))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    if args.out:
        path = Path(args.out)
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        data["ocr"] = {**results[0], "degraded": args.degrade, "matrix_layouts": args.matrix,
                       "cpus": os.cpu_count(), "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
