"""OCR speed, accuracy and memory on a SYNTHETIC scanned 公文 (合成测试 text).

    python eval/bench_ocr.py [--pages 4] [--configs 200:1280:2,150:1280:2,...] [--degrade]

The document: ``--pages`` dense pages of body text (三号 16 pt, 28 characters × 22 lines,
the 公文 layout) plus the two pages of the test 公文 (header, clauses, a ruled table),
made with fpdf2 and rasterised into an image-only PDF at each configuration's dpi (with
``--degrade``: skewed, blurred, grainy, JPEG, like a paper scan).  Each
configuration ``dpi:det_side:threads`` runs in a fresh subprocess (cold engine, its own
peak RSS).  Reported: wall and CPU seconds per page (engine load excluded), character
recall / precision of the Chinese text, peak RSS, and the machine's load average at the
end (other work on the machine inflates the times).  Figures only, no targets asserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

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
from pathlib import Path
from tests.test_ocr import char_accuracy
from assistant.reading import ocr
dpi, det_side, threads, scan, ref = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
ocr.DET_SIDE, ocr.THREADS = det_side, threads
t = time.perf_counter(); ocr._get_engine(); load = time.perf_counter() - t
c0, t0 = time.process_time(), time.perf_counter()
res = ocr.ocr_pdf(Path(scan).read_bytes(), dpi=dpi)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
n = len(res.pages)
recall, precision = char_accuracy(Path(ref).read_text(encoding="utf-8"), res.text)
print(json.dumps({"dpi": dpi, "det_side": det_side, "threads": threads, "pages": n, "engine_load_s": round(load, 2),
                  "wall_s_per_page": round(wall / n, 2), "cpu_s_per_page": round(cpu / n, 2),
                  "recall": round(recall, 4), "precision": round(precision, 4),
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--degrade", action="store_true", help="paper-like scans instead of clean renders")
    ap.add_argument("--configs", default="200:1280:2,200:1600:2,200:100000:2,200:1280:1,150:1280:2,300:1280:2")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.fixtures_make import find_cjk_font, rasterise_pdf

    font = find_cjk_font()
    if font is None:
        sys.exit("no CJK TrueType font (apt-get install fonts-wqy-microhei)")
    with tempfile.TemporaryDirectory() as tmp:
        src, ref = Path(tmp) / "doc.pdf", Path(tmp) / "ref.txt"
        ref.write_text(make_document(src, args.pages, font), encoding="utf-8")
        for config in args.configs.split(","):
            dpi, det_side, threads = (int(v) for v in config.split(":"))
            scan = rasterise_pdf(src, Path(tmp) / f"scan{dpi}.pdf", dpi=dpi, degrade=args.degrade)
            out = subprocess.run([sys.executable, "-c", CHILD, str(dpi), str(det_side), str(threads), str(scan), str(ref)],
                                 cwd=REPO, capture_output=True, text=True, check=True)
            print(json.dumps(json.loads(out.stdout.strip().splitlines()[-1]), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
