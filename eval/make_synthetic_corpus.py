"""Generate a SYNTHETIC corpus for scale benchmarks: recombined sentences, not policy.

    python eval/make_synthetic_corpus.py OUT_DIR --n 1000 [--source FILE ...] [--seed 0]

Every file opens with a line saying it is synthetic, and its title says so too.  The
sentences are shuffled out of the source documents (the seed plan by default) and put
into the shape of a plan: header, numbered sections and clauses, and a tab-separated
responsibility table, so the real ingestion / parsing / indexing code paths run.
Write OUT_DIR outside the repository: synthetic text never goes into corpus/.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "corpus" / "liaocheng_construction_carbon_peak_plan_2023.txt"
UNITS = ["市住房和城乡建设局", "市城市管理局", "市自然资源和规划局", "市发展和改革委员会", "市财政局"]
CN_NUM = "一二三四五六七八九十"
BANNER = "【合成测试文本】本文件由 eval/make_synthetic_corpus.py 重组句子生成，不是真实政策文件。"


def cn(n: int) -> str:
    """1..99 in Chinese numerals as used in clause numbers."""
    if n <= 10:
        return CN_NUM[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUM[tens - 1]) + "十" + (CN_NUM[ones - 1] if ones else "")


def harvest(texts: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(sentences, clause titles, section titles) found in the source texts."""
    sentences, titles, sections = [], [], []
    for text in texts:
        body = text.split("序号\t")[0]
        sections += re.findall(r"^[一二三四五六七八九十]+、(\S{4,20})$", body, flags=re.M)
        titles += re.findall(r"[（(][一二三四五六七八九十]+[)）]\s*([^。\n]{4,20})。", body)
        flat = re.sub(r"\s*\n\s*", "", body)
        for s in re.split(r"(?<=。)", flat):
            s = re.sub(r"^.*?[（(][一二三四五六七八九十]+[)）][^。]{0,20}。", "", s).strip()
            if 15 <= len(s) <= 200 and not re.search(r"[（(][一二三四五六七八九十]+[)）]", s):
                sentences.append(s)
    if not sentences or not titles:
        raise SystemExit("no sentences / clause titles found in the source documents")
    return sentences, titles, sections or ["合成任务"]


def make_document(i: int, rng: random.Random, sentences: list[str], titles: list[str],
                  sections: list[str]) -> str:
    place = f"合成{cn(rng.randint(1, 99))}市"
    title = f"{place}城乡建设合成方案（合成测试文本第{i}号）"
    issuers = rng.sample(UNITS, 2)
    lines = [BANNER, "", *(place + u[1:] for u in issuers), "", f"合建字〔2099〕{i}号", "",
             f"关于印发《{title}》的通知", "", "各有关单位：", "", "现将本合成方案印发给你们，供测试使用。", "",
             f"2099年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "", title, "",
             "本方案为合成测试文本，" + rng.choice(sentences), ""]
    clause_no, rows = 0, []
    for s_no in range(1, rng.randint(2, 4) + 1):
        lines += [f"{cn(s_no)}、{rng.choice(sections)}", ""]
        for _ in range(rng.randint(2, 4)):
            clause_no += 1
            ctitle = rng.choice(titles)
            body = "".join(rng.sample(sentences, rng.randint(2, 5)))
            lines += [f"（{cn(clause_no)}）{ctitle}。{body}", ""]
            for _ in range(rng.randint(0, 2)):
                lead, part = rng.sample(UNITS, 2)
                rows.append((ctitle, rng.choice(sentences), lead, part if rng.random() < 0.5 else ""))
    lines += [f"附件：{title}重点任务及责任分工表", "", f"{title}重点任务及责任分工表", "",
              "序号\t重点任务\t主要措施\t工作要求\t牵头单位\t参与单位"]
    for n, (measure, req, lead, part) in enumerate(rows, 1):
        lines.append(f"{n}\t合成重点任务\t{measure}\t{req}\t{lead}\t{part}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--n", type=int, default=100, help="number of documents")
    ap.add_argument("--source", type=Path, nargs="*", default=[DEFAULT_SOURCE])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    out = args.out_dir.resolve()
    if out == REPO / "corpus" or REPO / "corpus" in out.parents:
        print("refusing to write synthetic text into corpus/", file=sys.stderr)
        return 2
    texts = [p.read_text(encoding="utf-8") for p in args.source]
    sentences, titles, sections = harvest(texts)
    rng = random.Random(args.seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(1, args.n + 1):
        (out / f"synthetic_{i:05d}.txt").write_text(make_document(i, rng, sentences, titles, sections),
                                                    encoding="utf-8")
    (out / "README.md").write_text(BANNER + f"\n{args.n} synthetic documents, seed {args.seed}.\n",
                                    encoding="utf-8")
    print(f"wrote {args.n} synthetic documents to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
