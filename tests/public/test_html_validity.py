"""The Nu HTML Checker finds no errors on any public page type of the demo.

The checker is `vnu.jar` from npm's `vnu-jar` (pinned in package.json,
installed with `npm install --no-package-lock`; `VNU_JAR` may point at
another copy) and needs a Java runtime (Debian: default-jre-headless)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .crawl import Crawl

pytestmark = pytest.mark.django_db

IN_CI = os.environ.get("CI", "").lower() == "true"
JAVA = shutil.which("java")
PROJECT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR") or PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")

PAGE_TYPES = {
    "home": "/en/",
    "national-page": "/en/principles/",
    "step": "/en/assessment/?tier=two",
    "step-section": "/en/referrals-and-screening/mash-resources/",
    "resource": "/en/hackney/assessment/hackney-peer-group-mapping/",
    "locality-home": "/en/hackney/",
    "locality-step": "/en/hackney/assessment/",
    "inherited-page": "/en/hackney/principles/",
    "adapted-page": "/en/bristol/principles/",
    "national-changes": "/en/bristol/principles/national-changes/",
    "local-toolkits": "/en/toolkits/",
    "history": "/en/hackney/assessment/history/",
    "updates": "/en/updates/",
    "resources": "/en/resources/",
    "search": "/en/search/?q=peer",
    "tips": "/en/tips/",
    "compare-localities": "/en/compare/assessment/?sites=hackney,bristol",
    "audit": "/en/audit/self-assessment/",
    "privacy-notice": "/en/privacy/",
    "welsh-home": "/cy/",
    "not-found": "/en/no-such-page/",
}


@pytest.fixture
def checker():
    """The command that runs the Nu HTML Checker."""
    missing = []
    if JAVA is None:
        missing.append("a Java runtime (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append("vnu.jar (npm install --no-package-lock)")
    if missing:
        message = "Nu HTML Checker needs " + " and ".join(missing)
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return [JAVA, "-jar", str(VNU_JAR)]


def page_html(client, demo) -> dict:
    crawl = Crawl(client, port=80)
    pages = {}
    for name, path in PAGE_TYPES.items():
        response = crawl.get(f"http://localhost{path}")
        assert response.status_code == (404 if name == "not-found" else 200), name
        pages[name] = response.content.decode()
    history = pages["history"]
    compare = history[history.index('href="', history.index("history/compare/?") - 80) :]
    compare_path = compare[len('href="') : compare.index('"', len('href="'))].replace("&amp;", "&")
    pages["compare-versions"] = client.get(compare_path).content.decode()
    started = client.post("/en/audit/self-assessment/", {}, follow=True)
    assert started.status_code == 200
    pages["audit-answers"] = started.content.decode()
    results_path = started.redirect_chain[-1][0].rstrip("/") + "/results/"
    pages["audit-results"] = client.get(results_path).content.decode()
    return pages


def test_every_public_page_type_has_no_html_errors(client, demo, checker, tmp_path):
    files = []
    for name, html in page_html(client, demo).items():
        path = tmp_path / f"{name}.html"
        path.write_text(html)
        files.append(str(path))
    result = subprocess.run(  # noqa: S603 - a fixed command on files this test wrote
        [*checker, "--format", "json", "--stdout", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
