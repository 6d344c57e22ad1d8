"""Hostile input: company names, branding and answers with HTML, CSS, url(...) and very long text."""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from assessments.reports import render, resources
from assessments.reports.fetcher import RefusedURL, SafeURLFetcher
from assessments.reports.samples import sample_subject
from assessments.reports.services import report_html
from tests.reports.conftest import HOSTILE, download, pdf_reader, pdf_text, render_subject


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.style_text = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style_text += data


def _hostile_subject(db=None):
    snapshot, organization = sample_subject(
        company=HOSTILE["html"] + HOSTILE["long"], brand_name=HOSTILE["css"] + HOSTILE["url"]
    )
    # Answers are choice labels from the bank, but the appendix is stored text: treat it as hostile too.
    for row, value in zip(snapshot.result["appendix"], HOSTILE.values(), strict=False):
        row["answer_es"] = row["answer_en"] = value
    return snapshot, organization


@pytest.fixture(scope="module")
def hostile_html(django_db_blocker):
    with django_db_blocker.unblock():
        snapshot, organization = _hostile_subject()
        return report_html(snapshot=snapshot, organization=organization, lang="es"), (snapshot, organization)


def test_user_text_is_escaped_never_markup(hostile_html):
    html, _ = hostile_html
    parser = _Elements()
    parser.feed(html)
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags and "style" not in tags and "iframe" not in tags
    images = [attrs for tag, attrs in parser.tags if tag == "img"]
    assert images == []  # no logo in this subject, and the hostile <img> stays text
    # No <link>: the renderer is handed the report's stylesheet (resources.stylesheets()).
    assert [attrs for tag, attrs in parser.tags if tag == "link"] == []
    url_attributes = ("src", "href", "data", "style", "srcset", "xlink:href", "poster", "background")
    # The only style attribute is the firm's colour, validated as #RRGGBB on the way in and out.
    styled = [attrs for _, attrs in parser.tags if any(name in attrs for name in url_attributes[2:])]
    assert all(re.fullmatch(r"background-color: #[0-9a-fA-F]{6}", attrs.get("style", "")) for attrs in styled)
    assert all(set(attrs) & set(url_attributes[2:]) == {"style"} for attrs in styled)
    assert "evil.example" not in "".join(attrs.get(name) or "" for _, attrs in parser.tags for name in url_attributes)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;/style&gt;&lt;style&gt;@import url(&quot;http://evil.example/a.css&quot;)" in html


def test_hostile_report_renders_and_fetches_only_project_files(hostile_html, monkeypatch):
    html, _ = hostile_html
    fetched: list[str] = []

    class Recording(SafeURLFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(render, "SafeURLFetcher", Recording)
    render.forget_design()  # so that the stylesheet and its fonts are fetched (once per process otherwise)
    pdf = render.html_to_pdf(
        html,
        base_url=resources.stylesheet_uri(),
        allowed_roots=resources.allowed_roots(),
        stylesheets=resources.stylesheets(),
    )
    render.forget_design()
    static_root = resources.static_path("css").parent.as_uri()
    assert fetched and all(url.startswith(static_root) for url in fetched), fetched
    reader = pdf_reader(pdf)
    text = pdf_text(reader)
    assert '<script>alert("x")</script>' in text.replace("\n", "")  # printed as text, harmlessly
    assert "url(file:///etc/passwd)" in text.replace("\n", "")
    assert 5 <= len(reader.pages) < 40


def test_very_long_company_name_is_clipped_in_the_running_header(hostile_html):
    html, _ = hostile_html
    header = html.split('<span class="company">', 1)[1].split("</span>", 1)[0]
    assert len(header) < 200 and header.endswith("…")


def test_hostile_report_through_the_render_process(hostile_html):
    _, (snapshot, organization) = hostile_html
    reader = pdf_reader(render_subject(snapshot, organization, "en"))
    assert len(reader.pages) >= 5
    assert reader.metadata.title.startswith('Cybersecurity and AI report: <script>alert("x")</script>')


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's API
        self.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"p{}")

    def log_message(self, *args):
        pass


def test_renderer_never_reaches_the_network_nor_files_outside_the_project(tmp_path, monkeypatch):
    """Markup that asks for network and local files, as if escaping had failed: nothing is fetched."""
    server = HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    html = f"""<html lang="es"><head><link rel="stylesheet" href="{base}/a.css">
      <style>@import url("{base}/b.css"); @font-face {{ font-family: X; src: url({base}/f.woff2) }}
      body {{ background: url({base}/bg.png) }}</style></head>
      <body><img src="{base}/img.png" alt=""><img src="{secret.as_uri()}" alt="">
      <img src="file:///etc/passwd" alt=""><object data="{base}/o"></object><iframe src="{base}/i"></iframe>
      <svg><image href="{base}/svg.png" width="10" height="10"/></svg>
      <p style="font-family: X">Hola</p></body></html>"""
    fetched: list[str] = []
    refused: list[str] = []

    class Recording(SafeURLFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            try:
                return super().fetch(url, headers)
            except RefusedURL:
                refused.append(url)
                raise

    monkeypatch.setattr(render, "SafeURLFetcher", Recording)
    try:
        # Through the report's own path: the XML fast path refuses this markup, WeasyPrint parses it.
        pdf = render.html_to_pdf(html, base_url=f"{base}/", allowed_roots=resources.allowed_roots())
    finally:
        server.shutdown()
    assert pdf.startswith(b"%PDF")
    assert _Counter.hits == []
    assert fetched and refused == fetched  # every request was refused


def test_the_download_filename_is_a_safe_slug(submitted, client):
    assessment, token = submitted
    assessment.organization.name = '../../etc/passwd"; <script>'
    assessment.organization.save()
    response = download(client, f"/evaluacion/{token}/reporte/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="reporte-etcpasswd-script-')
    assert "/" not in disposition.split("filename=", 1)[1]
