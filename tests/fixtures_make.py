"""Builders of real PDF / DOCX test files, made in a temporary folder at test time.

All wording here is SYNTHETIC test text (合成测试), written to exercise the readers:
a sentence cut by a page break, "— 1 —" page numbers, a running header, a ruled task
table whose row is split across pages, a Word table with merged cells.  It is not policy
text and must never be copied into ``corpus/``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------- CJK font for fpdf2

_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def _truetype_outlines(path: str) -> bool:
    """fpdf2 embeds TrueType (glyf) fonts; CFF collections such as NotoSansCJK-*.ttc come
    out as NUL-riddled text, so they are skipped."""
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=0, lazy=True)
        return "glyf" in font and font["cmap"].getBestCmap().get(ord("聊")) is not None
    except Exception:  # noqa: BLE001 - any unreadable font is simply not a candidate
        return False


def find_cjk_font() -> str | None:
    """A TrueType font with Chinese glyphs usable by fpdf2, or None.

    Install one with ``apt-get install -y fonts-wqy-microhei``.
    """
    paths = list(_CANDIDATES)
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10)
        paths += [ln.split(":")[0].strip() for ln in out.stdout.splitlines() if ln.strip()]
    except (OSError, subprocess.SubprocessError):
        pass
    for p in dict.fromkeys(paths):
        if Path(p).is_file() and _truetype_outlines(p):
            return p
    return None


# ---------------------------------------------------------------- the synthetic PDF

RUNNING_HEADER = "合成测试文件（仅供测试）"
BROKEN_HEAD = "（二）推进合成测试县城建设。加快以县城为重要载体的"
BROKEN_TAIL = "城镇化建设，提高县城综合承载能力，构建集约节约的发展格局。"
TABLE_TITLE = "合成测试任务及责任分工表"
HEADER = ("序号", "重点任务", "工作要求", "牵头单位", "参与单位")
# row 3's 工作要求 is cut by the page break: REQ3_A ends page 2, REQ3_B starts page 3
REQ3_A = "有序推进合成测试小区改造，到2025年全面完成2000年前建成的小区改造任务，"
REQ3_B = "累计完成改造13.64万户。"


@dataclass(frozen=True)
class PdfFixture:
    path: Path
    rows: tuple[tuple[str, ...], ...]  # the table as it should come back


def _wrap(text: str, width: float) -> list[str]:
    """Cut text into lines of at most ``width`` CJK cells (ASCII counts half)."""
    lines, cur, w = [], "", 0.0
    for ch in text:
        cw = 0.5 if ord(ch) < 0x2E80 else 1.0
        if w + cw > width and cur:
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return lines


def make_pdf(path: Path, font: str) -> PdfFixture:
    """Three A4 pages: prose with a sentence cut at the page break, footers "— n —",
    a running header, and a ruled table whose row 3 is split across pages 2-3."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", "", font)
    left = 20.0  # mm; the text area is 170 mm wide
    cols = (12.0, 32.0, 64.0, 34.0, 28.0)
    state = {"page": 0, "y": 0.0}

    def new_page() -> None:
        pdf.add_page()
        state["page"] += 1
        pdf.set_font("cjk", size=9)
        pdf.text(left + 60, 14, RUNNING_HEADER)
        pdf.set_font("cjk", size=12)
        pdf.text(left + 75, 285, f"— {state['page']} —")
        state["y"] = 30.0

    def line(s: str, size: int = 12) -> None:
        pdf.set_font("cjk", size=size)
        pdf.text(left, state["y"], s)
        state["y"] += size * 0.55

    def para(s: str) -> None:
        for ln in _wrap(s, 38):
            line(ln)

    def row(cells: tuple[str, ...]) -> None:
        pdf.set_font("cjk", size=10)
        wrapped = [[ln for part in c.split("\n") for ln in _wrap(part, (w - 2) / 3.6)]
                   for c, w in zip(cells, cols)]
        h = max(1, *(len(x) for x in wrapped)) * 5.0 + 2
        x = left
        top = state["y"]
        for lines, w in zip(wrapped, cols):
            pdf.rect(x, top, w, h)
            for k, ln in enumerate(lines):
                pdf.text(x + 1, top + 5 + k * 5.0, ln)
            x += w
        state["y"] = top + h

    new_page()
    line("关于印发《合成测试城市建设领域", 16)
    line("实施方案》的通知", 16)
    state["y"] += 4
    line("合成测试实施方案", 14)
    line("一、总体要求")
    line("（一）指导思想")
    para("以合成测试为指导，推进建筑信息模型(BIM)技术应用，到 2030 年清洁能源供暖比例达到 85% 以上，"
         "主城区道路网密度大于8公里/平方公里，新增绿地 2 公顷，累计完成城镇老旧小区改造 13.64 万户。")
    line(BROKEN_HEAD)  # cut here by the page break
    new_page()
    line(BROKEN_TAIL)
    line("(三) 主要目标")
    para("到 2025 年，合成测试指标稳步提升。")
    line("附件：" + TABLE_TITLE)
    state["y"] += 4
    line(TABLE_TITLE, 14)
    state["y"] += 2
    rows = [
        HEADER,
        ("1", "推进合成测试城市建设", "合理确定城市规模和空间结构。", "市住房和城乡建设局", "市发展和改革委员会"),
        ("2", "", "推进节水型城市建设，城市公共供水管网漏损率控制在7.9%以内。", "市城市管理局",
         "市财政局\n市城市管理局"),
        ("3", "", REQ3_A, "市住房和城乡建设局", ""),
    ]
    for r in rows:
        row(r)
    new_page()
    state["y"] = 25.0
    rest = [("", "", REQ3_B, "", ""),
            ("4", "推广合成测试建造方式", "到2025年装配式建筑占比达到40%。", "市住房和城乡建设局", "")]
    for r in rest:
        row(r)
    state["y"] += 8
    line("本表内容均为合成测试数据。")
    pdf.output(str(path))
    expect = (
        HEADER,
        rows[1],
        ("2", "", rows[2][2], "市城市管理局", "市财政局\n市城市管理局"),
        rows[3],
        *rest,
    )
    return PdfFixture(path=path, rows=expect)


def make_scanned_pdf(path: Path) -> Path:
    """An image-only PDF: a page with a picture and no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline=0, width=5)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(img, x=10, y=10, w=150)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path, font: str | None = None) -> Path:
    """A PDF that needs a user password to open."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


# ---------------------------------------------------------------- the synthetic DOCX

DOCX_MERGED = "推进合成测试城市建设"


def make_docx(path: Path) -> Path:
    """Paragraphs, a layout table, a task table with a vertically merged 重点任务 cell
    (rows 1-2) and a horizontally merged cell (row 3), and a paragraph after it."""
    import docx

    d = docx.Document()
    d.add_paragraph("合成测试市住房和城乡建设局")
    d.add_paragraph("关于印发《合成测试城市建设领域")
    d.add_paragraph("实施方案》的通知")
    layout = d.add_table(rows=1, cols=2)
    layout.cell(0, 0).text = "签发人：测试员"
    layout.cell(0, 1).text = "合成测试〔2023〕1号"
    d.add_paragraph("一、总体要求")
    d.add_paragraph("(一) 推进合成测试。到 2025 年，新增绿地 2 公顷，清洁能源供暖比例达到 85% 以上。")
    d.add_paragraph("附件：合成测试分工表")
    d.add_paragraph("合成测试分工表")
    t = d.add_table(rows=4, cols=5)
    for j, h in enumerate(("序号", "重点任务", "主要措施", "牵头单位", "参与单位")):
        t.cell(0, j).text = h
    merged = t.cell(1, 1).merge(t.cell(2, 1))
    merged.text = DOCX_MERGED
    data = [("1", None, "措施甲。", "市住房和城乡建设局", "市财政局"),
            ("2", None, "措施乙。", "市城市管理局", ""),
            ("3", "推广合成测试建造方式", "措施丙跨两列。", None, "市发展和改革委员会")]
    for i, r in enumerate(data, start=1):
        for j, v in enumerate(r):
            if v is not None:
                t.cell(i, j).text = v
    t.cell(3, 2).merge(t.cell(3, 3))
    t.cell(3, 2).text = "措施丙跨两列。"
    d.add_paragraph("本表内容均为合成测试数据。")
    d.save(str(path))
    return path


# ---------------------------------------------------------------- scanned copies


def _degrade(img: Any, seed: int) -> Any:
    """What a paper scan does to a page: a slight skew, blur, grain, JPEG compression."""
    import io

    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    img = img.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    grain = np.asarray(img, dtype=np.float32) + rng.normal(0, 14, (img.height, img.width))
    img = Image.fromarray(np.clip(grain, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=55)
    return Image.open(io.BytesIO(buf.getvalue()))


def rasterise_pdf(src: Path, dst: Path, dpi: int = 200, *, blank_after: int | None = None,
                  degrade: bool = False) -> Path:
    """A "scanned" copy of ``src``: every page rendered by pypdfium2 at ``dpi`` (grey) and
    placed as a full-page picture, so ``dst`` has no text layer at all.

    With ``blank_after=n`` an empty white page is inserted after page n (0 = before the
    first), the way a scanner keeps the empty back of a sheet.  With ``degrade`` each page
    is skewed by 0.6°, blurred, given grain and JPEG-compressed (deterministically), to look
    like a real paper scan rather than a clean render.
    """
    import pypdfium2 as pdfium
    from fpdf import FPDF
    from PIL import Image

    doc = pdfium.PdfDocument(str(src))
    out = FPDF(unit="pt")
    out.set_auto_page_break(False)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            w, h = page.get_size()
            img = page.render(scale=dpi / 72, grayscale=True).to_pil()
            pages.append((w, h, _degrade(img, seed=i) if degrade else img))
            page.close()
    finally:
        doc.close()
    if blank_after is not None:
        w, h = pages[0][:2] if pages else (595.0, 842.0)
        blank = Image.new("L", (round(w * dpi / 72), round(h * dpi / 72)), 255)
        pages.insert(blank_after, (w, h, blank))
    for w, h, img in pages:
        out.add_page(format=(w, h))
        out.image(img, x=0, y=0, w=w, h=h)
    out.output(str(dst))
    return dst
