"""The web UI in a real headless Chromium (Debian chromium + chromedriver, selenium).

One server (temp copy of the seed corpus + the synthetic injection fixture, fake
embedder; shared with test_app.py) and one browser for the whole module; the browser is set to English, so the
page must bring its own Chinese.  Checks: every example question is answered with its
key fact; a table row's card quotes its 牵头单位 cell as written; the page has no English
gradio strings; at 390 px the task results are cards with no horizontal overflow and no
scroll inside the page; an unknown unit says so and offers close ones; a bad upload
answers in Chinese and changes nothing; text holding ``<script>`` is shown literally.

Set ``UPDATE_SCREENSHOT=1`` to also write ``docs/screenshot.png`` (desktop) and
``docs/screenshot-phone.png`` (390 px), with ``UI_TEST_EMBED_BACKEND=onnx`` for the real
model's answers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from _ui_server import REPO, Server, shared

from assistant.ui.web import EXAMPLES

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ALERT_HOOK = ("window.__alerts = window.__alerts || [];"
              "window.alert = function(m) { window.__alerts.push(String(m)); };")
#: what each example's answer must say, read off the seed document (corpus/…碳达峰实施方案)
KEY_FACTS = {
    "海绵城市建设由哪个单位牵头？": ["住房和城乡建设局牵头"],  # 附件第9行: 牵头单位 住房和城乡建设局
    "市城市管理局牵头哪些任务？": ["共10项", "节水型城市", "供热计量"],  # rows 5-8, 10, 11, 24, 27, 28, 33
    "2025年农村地区清洁取暖率要达到多少？": ["80%以上"],  # clause (十二)
    "自查综合报告每年什么时候报送？": ["每年11月底前"],  # clause (十九)
    "新能源汽车购置补贴标准是多少？": ["没有找到"],  # the plan says nothing about it
    "Which department leads sponge city construction?": ["住房和城乡建设局牵头", "Housing"],
}
GRADIO_ENGLISH = ("Drop File Here", "Click to Upload", "Use via API", "Loading", "Clear", "Error")
SHOTS = REPO / "docs"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs Debian chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
                "apt-get install -y chromium chromium-driver fonts-noto-cjk", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException, TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    """Started first (or already running for test_app.py), so Chromium starts while the app boots."""
    return shared(lambda: tmp_path_factory.mktemp("ui-server"))


@pytest.fixture(scope="module")
def url(server: Server, driver: Any) -> str:
    return server.wait()


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic",
              "--window-size=1280,900", "--lang=en-US", f"--user-data-dir={profile}"):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})  # an English browser
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    drv.set_page_load_timeout(60)
    desktop(drv)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def desktop(drv: Any) -> None:
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})


@contextmanager
def phone(drv: Any) -> Iterator[None]:
    """A 390 x 844 phone screen (iPhone 12-15) for the block, then the desktop again."""
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                        {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        yield
    finally:
        desktop(drv)


def wait_for(drv: Any, cond: Callable[[Any], Any], timeout: float = 30, what: str = "") -> Any:
    try:
        return WebDriverWait(drv, timeout, poll_frequency=0.1).until(cond)
    except TimeoutException:
        raise AssertionError(f"timed out waiting for {what}") from None


def open_app(drv: Any, url: str) -> None:
    drv.get(url)
    drv.execute_script(ALERT_HOOK)
    wait_for(drv, lambda d: d.find_elements(By.CSS_SELECTOR, "#question textarea"), what="the question box")


def answers(drv: Any) -> list[Any]:
    return drv.find_elements(By.CSS_SELECTOR, "#chat .pa-meta, #chat .pa-error")


def newest_answer(drv: Any, n_before: int, what: str) -> Any:
    wait_for(drv, lambda d: len(answers(d)) > n_before, what=f"an answer to {what}")
    return drv.find_elements(By.CSS_SELECTOR, "#chat .pa-msg:not(.pa-question)")[-1]


def ask(drv: Any, question: str) -> Any:
    """Type a question, press 提问, return the newest bot message element."""
    n_before = len(answers(drv))
    box = drv.find_element(By.CSS_SELECTOR, "#question textarea")
    box.clear()
    box.send_keys(question)
    drv.find_element(By.ID, "send").click()
    return newest_answer(drv, n_before, question)


def open_tab(drv: Any, label: str) -> None:
    tab = next(t for t in drv.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text.strip() == label)
    tab.click()
    wait_for(drv, lambda d: tab.get_attribute("aria-selected") == "true", what=f"tab {label}")


def choose_unit(drv: Any, name: str) -> None:
    box = wait_for(drv, lambda d: d.find_elements(By.CSS_SELECTOR, "#unit input"), what="the unit box")[0]
    box.click()
    option = wait_for(drv, lambda d: d.find_elements(By.CSS_SELECTOR, f"[role=option][aria-label='{name}']"),
                      what=f"the {name} option")[0]
    option.click()


def assert_no_alert(drv: Any) -> None:
    try:
        text = drv.switch_to.alert.text
    except NoAlertPresentException:
        text = None
    assert text is None, f"a script from document text ran: alert({text})"
    assert drv.execute_script("return window.__alerts") == [], "alert() was called by injected markup"


def shot(drv: Any, name: str) -> None:
    png = drv.get_screenshot_as_png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    if os.environ.get("UPDATE_SCREENSHOT"):
        SHOTS.mkdir(exist_ok=True)
        (SHOTS / name).write_bytes(png)


def test_examples_are_answered_with_their_key_facts(driver: Any, url: str) -> None:
    t0 = time.perf_counter()
    open_app(driver, url)
    assert set(KEY_FACTS) == set(EXAMPLES)
    for button_text in EXAMPLES:
        n_before = len(answers(driver))
        next(b for b in driver.find_elements(By.CSS_SELECTOR, ".pa-example") if b.text == button_text).click()
        msg = newest_answer(driver, n_before, button_text)
        text = msg.text.replace(" ", "")
        for fact in KEY_FACTS[button_text]:
            assert fact.replace(" ", "") in text, f"{button_text}: {fact!r} missing from\n{msg.text[:600]}"
        if button_text == EXAMPLES[0]:  # a table row's card: the 牵头单位 cell as the document writes it
            card = msg.find_element(By.CSS_SELECTOR, ".pa-cite")
            assert "附件第9行" in card.text and "牵头单位：住房和城乡建设局" in card.text
            assert "市住房和城乡建设局" in card.find_element(By.CSS_SELECTOR, ".pa-canon").text
    # the chat scrolled: no label of gradio's may sit over the messages
    labels = driver.find_elements(By.CSS_SELECTOR, "#chat [data-testid='block-label'], #chat label")
    assert not [x for x in labels if x.is_displayed()], [x.text for x in labels]
    assert time.perf_counter() - t0 < 45


def test_page_speaks_chinese_to_an_english_browser(driver: Any, url: str) -> None:
    open_app(driver, url)
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    open_tab(driver, "文件库")
    upload = wait_for(driver, lambda d: [e for e in d.find_elements(By.ID, "upload") if "上传" in e.text],
                      what="the upload area")[0]
    assert "将文件拖放到此处" in upload.text and "点击上传" in upload.text, upload.text
    page = driver.find_element(By.TAG_NAME, "body").text
    assert not [s for s in GRADIO_ENGLISH if s in page], page[-400:]


def test_task_results_on_a_phone_are_cards_without_overflow(driver: Any, url: str) -> None:
    with phone(driver):
        open_app(driver, url)
        open_tab(driver, "任务查询")
        choose_unit(driver, "市城市管理局")
        driver.find_element(By.ID, "find-tasks").click()
        wait_for(driver, lambda d: "市城市管理局（全部）：共" in d.find_element(By.ID, "task-summary").text,
                 what="the task summary")
        rows = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#task-table tr"), what="task cards")
        assert len(rows) >= 10
        geometry = driver.execute_script("""
            const doc = document.documentElement, box = document.getElementById('task-table');
            const cell = box.querySelector('td[data-label="牵头单位"]');
            let trap = null;
            for (let e = box; e && e !== document.body; e = e.parentElement) {
              const s = getComputedStyle(e);
              if (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 1) trap = e.id || e.className;
            }
            return {docScroll: doc.scrollWidth, docClient: doc.clientWidth, boxScroll: box.scrollWidth,
                    boxClient: box.clientWidth, cellDisplay: getComputedStyle(cell).display,
                    cellWidth: cell.getBoundingClientRect().width, trap: trap};""")
        assert geometry["docScroll"] <= geometry["docClient"] == 390, geometry
        assert geometry["boxScroll"] <= geometry["boxClient"], geometry
        assert geometry["cellDisplay"] == "block" and geometry["cellWidth"] > 250, geometry  # a card, not a column
        assert geometry["trap"] is None, geometry
        csv = driver.find_element(By.ID, "task-csv").text
        assert "任务_市城市管理局_全部_" in csv and ".csv" in csv, csv
        driver.execute_script("document.getElementById('find-tasks').scrollIntoView()")
        shot(driver, "screenshot-phone.png")


def test_unknown_unit_says_so_and_offers_the_closest(driver: Any, url: str) -> None:
    open_app(driver, url)
    open_tab(driver, "任务查询")
    box = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#unit input"), what="the unit box")[0]
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("市交通运输局", Keys.ENTER)
    notice = wait_for(driver, lambda d: [e for e in d.find_elements(By.ID, "task-summary") if "交通运输局" in e.text],
                      what="the notice about the unit")[0]
    assert "没有" in notice.text and "最接近的已知单位" in notice.text and "共 0 项" not in notice.text
    choice = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#unit-suggest label"),
                      what="the suggested units")[0]
    name = choice.text.strip()
    choice.click()
    wait_for(driver, lambda d: f"{name}（全部）：共" in d.find_element(By.ID, "task-summary").text,
             what=f"the tasks of {name}")
    assert driver.find_elements(By.CSS_SELECTOR, "#task-table tr")


def test_injected_markup_is_shown_as_text(driver: Any, url: str) -> None:
    open_app(driver, url)
    msg = ask(driver, "网页注入测试示例条款包含什么标记？")
    assert "<script>" in msg.text or "<img" in msg.text, msg.text
    ask(driver, "<b>粗体</b><img src=x onerror=alert(3)>清洁取暖由谁牵头？")
    question = driver.find_elements(By.CSS_SELECTOR, "#chat .pa-question")[-1]
    assert "<b>粗体</b><img src=x onerror=alert(3)>" in question.text
    assert not question.find_elements(By.TAG_NAME, "b")
    assert not driver.find_elements(By.CSS_SELECTOR, "#chat img[src='x'], #chat script")
    open_tab(driver, "文件库")
    corpus = wait_for(driver, lambda d: [e for e in d.find_elements(By.ID, "corpus") if "网页注入" in e.text],
                      what="the corpus table")[0]
    assert "<script>alert(1)</script>" in corpus.text
    assert not corpus.find_elements(By.TAG_NAME, "script")
    time.sleep(0.3)
    assert_no_alert(driver)


def test_bad_upload_answers_in_chinese_and_changes_nothing(driver: Any, url: str, tmp_path: Path) -> None:
    open_app(driver, url)
    open_tab(driver, "文件库")
    corpus = wait_for(driver, lambda d: [e for e in d.find_elements(By.ID, "corpus") if "已收录文件" in e.text],
                      what="the corpus table")[0]
    before = corpus.text
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated garbage")
    driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(bad))
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#upload [aria-label='坏文件.pdf']"),
             what="the uploaded file")
    driver.find_element(By.ID, "add-doc").click()
    status = wait_for(driver, lambda d: [e for e in d.find_elements(By.ID, "upload-status") if "未加入" in e.text],
                      what="the error message")[0]
    assert "坏文件.pdf：不是有效的 PDF 文件" in status.text and "文件库和索引保持不变" in status.text
    assert "not a valid" not in status.text and "Traceback" not in status.text
    assert driver.find_element(By.ID, "corpus").text == before
    # a type we do not read: refused by us in Chinese, not by gradio's English file-type check
    other = tmp_path / "表格.xlsx"
    other.write_bytes(b"PK\x03\x04 not really a workbook")
    driver.find_element(By.CSS_SELECTOR, "#upload button[aria-label='清除']").click()  # gradio's own button, in Chinese
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#upload input[type=file]"), what="an empty upload box")
    driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(other))
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#upload [aria-label='表格.xlsx']"), what="the xlsx")
    driver.find_element(By.ID, "add-doc").click()
    wait_for(driver, lambda d: "表格.xlsx：不支持的文件类型" in d.find_element(By.ID, "upload-status").text,
             what="the refusal of the xlsx")
    assert "Invalid file" not in driver.find_element(By.TAG_NAME, "body").text
    assert driver.find_element(By.ID, "corpus").text == before
    time.sleep(0.3)
    assert_no_alert(driver)


def test_desktop_screenshot(driver: Any, url: str) -> None:
    """The README's picture: a lead answer with its row card, then a target answer."""
    open_app(driver, url)
    ask(driver, EXAMPLES[0])
    msg = ask(driver, EXAMPLES[2])
    assert "80%" in msg.text
    # the target is quoted from the body (清洁取暖率); row 17 words it otherwise (清洁能源取暖率),
    # so the card names the clause it quotes, not the row
    head = msg.find_element(By.CSS_SELECTOR, ".pa-cite-head").text
    assert "第（十二）条" in head and "第17行" not in head
    shot(driver, "screenshot.png")
