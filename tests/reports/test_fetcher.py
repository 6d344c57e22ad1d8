"""The renderer's URL fetcher: data: URLs and the project's own files, nothing else."""

from __future__ import annotations

import base64

import pytest

from assessments.reports import resources
from assessments.reports.fetcher import RefusedURL, SafeURLFetcher


@pytest.fixture
def roots(tmp_path):
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "a.css").write_text("p { color: red }")
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    (static / "link-out").symlink_to(secret)
    branding = tmp_path / "media" / "branding"
    branding.mkdir(parents=True)
    (branding / "logo.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "media" / "reports").mkdir()
    (tmp_path / "media" / "reports" / "other.pdf").write_bytes(b"%PDF")
    return {"static": static, "branding": branding, "secret": secret, "media": tmp_path / "media"}


@pytest.fixture
def fetcher(roots):
    return SafeURLFetcher(allowed_roots=[roots["static"], roots["branding"]])


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/a.css",
        "https://evil.example/font.woff2",
        "ftp://evil.example/x",
        "HTTP://EVIL.EXAMPLE/",
        "//evil.example/protocol-relative",
        "javascript:alert(1)",
        "gopher://evil.example/",
        "file://evil.example/etc/passwd",
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "relative/path.css",
    ],
)
def test_network_and_foreign_urls_are_refused(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    with pytest.raises(RefusedURL):
        fetcher(url)  # WeasyPrint calls the fetcher object itself


def test_files_outside_the_allowed_roots_are_refused_even_through_tricks(fetcher, roots):
    static = roots["static"]
    for url in [
        roots["secret"].as_uri(),
        f"{static.as_uri()}/../secret.txt",
        f"{static.as_uri()}/css/../../secret.txt",
        f"{static.as_uri()}/%2e%2e/secret.txt",
        f"{static.as_uri()}/link-out",  # a symlink inside static/ pointing outside
        f"{roots['media'].as_uri()}/reports/other.pdf",  # media, but not branding
        f"{static.as_uri()}/css",  # a directory
        f"{static.as_uri()}/missing.css",
        f"{static.as_uri()}/css/a.css%00.png",
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_project_static_and_branding_files_are_served(fetcher, roots):
    css = fetcher.fetch((roots["static"] / "css" / "a.css").as_uri())
    assert css.read() == b"p { color: red }" and css.content_type == "text/css"
    logo = fetcher.fetch((roots["branding"] / "logo.png").as_uri())
    assert logo.read().startswith(b"\x89PNG") and logo.content_type == "image/png"


def test_data_urls_are_decoded_without_any_fetch(fetcher):
    png = base64.b64encode(b"\x89PNG data").decode()
    response = fetcher.fetch(f"data:image/png;base64,{png}")
    assert response.read() == b"\x89PNG data" and response.content_type == "image/png"
    plain = fetcher.fetch("data:,hola%20mundo")
    assert plain.read() == b"hola mundo" and plain.content_type == "text/plain"


def test_oversized_resources_are_refused(roots):
    big = roots["static"] / "big.bin"
    big.write_bytes(b"0" * 2048)
    small = SafeURLFetcher(allowed_roots=[roots["static"]], max_bytes=1024)
    with pytest.raises(RefusedURL):
        small.fetch(big.as_uri())
    with pytest.raises(RefusedURL):
        small.fetch("data:text/plain;base64," + "A" * 4096)


def test_the_report_is_allowed_its_static_files_and_branding_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    fetcher = SafeURLFetcher(allowed_roots=resources.allowed_roots())
    assert fetcher.fetch(resources.stylesheet_uri()).read().startswith(b"/*")
    font = resources.static_path("fonts/source-sans-3/SourceSans3-400-normal.ttf")
    assert fetcher.fetch(font.as_uri()).content_type == "font/ttf"
    with pytest.raises(RefusedURL):
        fetcher.fetch((settings.BASE_DIR / "manage.py").as_uri())
    with pytest.raises(RefusedURL):
        fetcher.fetch((tmp_path / "media" / "reports" / "x.pdf").as_uri())
