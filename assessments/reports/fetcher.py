"""The only way the report renderer may reach a resource: `data:` URLs and the project's own files.

WeasyPrint's default fetcher follows http(s), ftp, redirects and any `file:` path. A report mixes our
template with text typed by users, so everything else is refused here, whatever the HTML or CSS asks
for. No Django import: the renderer runs this in a child process.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_RESOURCE_BYTES = 5 * 1024 * 1024  # a logo or a font; nothing in a report is bigger

mimetypes.add_type("font/ttf", ".ttf")
mimetypes.add_type("font/otf", ".otf")
mimetypes.add_type("font/woff", ".woff")
mimetypes.add_type("font/woff2", ".woff2")


class RefusedURL(ValueError):
    """The report asked for a resource it may not have."""


class SafeURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher limited to `data:` URLs and files inside `allowed_roots`."""

    def __init__(self, *, allowed_roots: Iterable[str | Path], max_bytes: int = MAX_RESOURCE_BYTES) -> None:
        # The parent's own opener is never used (fetch() below never calls it); the arguments
        # only keep WeasyPrint's options consistent with what this class allows.
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)
        self.allowed_roots = tuple(Path(root).resolve() for root in allowed_roots)
        self.max_bytes = max_bytes

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return self._fetch_data(url)
        if scheme == "file":
            return self._fetch_file(url)
        raise RefusedURL(f"refused URL scheme {scheme or '(none)'!r}: {url[:200]}")

    def _fetch_data(self, url: str) -> URLFetcherResponse:
        header, sep, payload = url[len("data:") :].partition(",")
        if not sep:
            raise RefusedURL("malformed data: URL")
        if len(payload) > self.max_bytes * 4 // 3 + 4:
            raise RefusedURL("data: URL too large")
        params = [p.strip() for p in header.split(";")]
        is_base64 = params[-1].lower() == "base64"
        if is_base64:
            params.pop()
        media_type = params[0] or "text/plain"
        raw = unquote_to_bytes(payload)
        try:
            body = base64.b64decode(raw, validate=False) if is_base64 else raw
        except ValueError as exc:
            raise RefusedURL("malformed base64 in data: URL") from exc
        content_type = ";".join([media_type, *params[1:]])
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        path = self.resolve_file_url(url)
        with path.open("rb") as handle:
            body = handle.read(self.max_bytes + 1)
        if len(body) > self.max_bytes:
            raise RefusedURL(f"file too large: {path.name}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body, headers={"Content-Type": content_type})

    def resolve_file_url(self, url: str) -> Path:
        """The real path behind a `file:` URL, if it stays inside an allowed root; else RefusedURL."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused remote file URL: {url[:200]}")
        raw_path = url2pathname(parts.path)
        if "\x00" in raw_path or not Path(raw_path).is_absolute():
            raise RefusedURL(f"refused file URL: {url[:200]}")
        try:
            # resolve() follows symlinks and '..', so a link inside static/ cannot point outside it.
            path = Path(raw_path).resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise RefusedURL(f"no such file: {url[:200]}") from exc
        if not any(path.is_relative_to(root) for root in self.allowed_roots):
            raise RefusedURL(f"refused file outside the project's static and branding files: {url[:200]}")
        if not path.is_file():
            raise RefusedURL(f"not a regular file: {url[:200]}")
        return path
