"""The desk's pages in a real headless Chromium: they render (not blank, our colours drawn) with no console output.

Chromium prints every console message and uncaught error of the page as a
``CONSOLE`` line on stderr with ``--enable-logging=stderr --v=0``; our pages
log nothing, so any such line is a failure. Skipped only where no chromium
binary is installed (CI installs the Debian package, see .ci/run).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Tuple

import pytest

Image = pytest.importorskip("PIL.Image")

from pipeline.html import write_annotation_pages  # noqa: E402
from tests.desk.records import make_records  # noqa: E402

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _hex(color: str) -> Tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _render(page: Path, tmp_path: Path, size: str = "1200,1400") -> Tuple[Path, str]:
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    shot = tmp_path / f"{page.stem}.png"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
               f"--screenshot={shot}", f"--window-size={size}", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists(), done.stderr[-2000:]
    return shot, done.stderr


def _console_lines(stderr: str):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _colours(shot: Path):
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 24)
    return image, {c for _, c in colours}


def _has_colour_near(found, target, tolerance=6) -> bool:
    return any(all(abs(a - b) <= tolerance for a, b in zip(c, target)) for c in found)


@pytest.fixture()
def batch(tmp_path):
    out = tmp_path / "batch"
    out.mkdir()
    records = make_records(2)
    records[4]["id"] = '</script><script>console.error("injected")</script>'  # must stay text
    (out / "annotations.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return out


def test_annotation_page_renders_marks_without_console_errors(batch, tmp_path):
    paths = write_annotation_pages(batch, batch, page_size=4)
    for page in paths[:2]:  # the index and the first page of records
        shot, stderr = _render(page, tmp_path)
        assert _console_lines(stderr) == []
        image, found = _colours(shot)
        assert len(found) > 20, f"{page.name}: the screenshot is (nearly) one colour"
    # the first page's marks are drawn: MIL_UNIT, WEAPON and QUANTITY backgrounds from the page's CSS
    for colour in ("#fbd3bd", "#c6e2f0", "#d9efb6"):
        assert _has_colour_near(found, _hex(colour)), colour


def test_index_finder_links_a_record_id_to_its_page(batch, tmp_path):
    """annotations.html#find=TEXT runs the id finder on load; the DOM then lists the matching ids with links."""
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    index = write_annotation_pages(batch, batch, page_size=4)[0]
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0",
               "--dump-dom", index.resolve().as_uri() + "#find=plain-3"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_lines(done.stderr) == []
    found = done.stdout[done.stdout.index('<ul id="found">'):]
    found = found[:found.index("</ul>")]
    # ex-plain-3 is record 3 (page 1), ex-plain-3-1 record 6 (page 2, page size 4)
    assert 'href="annotations-0001.html#r3">ex-plain-3</a>' in found
    assert 'href="annotations-0002.html#r6">ex-plain-3-1</a>' in found
    assert "nested" not in found


def test_report_renders_charts_without_console_errors(batch, tmp_path):
    pytest.importorskip("altair")
    pytest.importorskip("vl_convert")
    from pipeline.report import write_report

    page = write_report(batch, batch / "report.html")
    shot, stderr = _render(page, tmp_path, size="1200,3000")
    assert _console_lines(stderr) == []
    _, found = _colours(shot)
    assert len(found) > 20
    assert _has_colour_near(found, _hex("#4c78a8"))  # Vega's first category colour: the bars are drawn


def test_a_page_that_logs_is_caught(tmp_path):
    """The console check itself can fail: a page that throws shows up on stderr."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p><script>noSuchFunction();</script></body></html>",
                    encoding="utf-8")
    _, stderr = _render(page, tmp_path, size="400,300")
    assert any("noSuchFunction" in line for line in _console_lines(stderr))
