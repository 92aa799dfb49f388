"""Reading an article from a URL: only public http(s) addresses, with a time limit and a size
cap."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from quotegraph.articles import ArticleDraft
from quotegraph.config import Settings
from quotegraph.reading.documents import html_draft, read_docx, read_pdf
from quotegraph.reading.drafts import (
    URL_MAX_CHARS,
    ImportProblem,
    ReadItem,
    decode_text,
    describe_error,
    document_cap,
    looks_binary,
    make_draft,
    origin_label,
    size_label,
)

MAX_REDIRECTS = 5


USER_AGENT = "quotegraph/0.1 (article import)"


class _UrlRefused(Exception):
    """A URL that will not be fetched, or a fetch that failed, with the reason for the user."""


@dataclass(frozen=True)
class _Page:
    url: str
    content_type: str
    charset: str | None
    body: bytes


def _address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = (
            address.ipv4_mapped
            or address.sixtofour
            or (address.teredo[1] if address.teredo else None)
        )
        if embedded is not None:
            return _address_refusal(embedded)
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if address.is_multicast or address.is_reserved or address.is_unspecified:
        return "a reserved address"
    if not address.is_global:
        return "not a public address"
    return None


def _resolve(host: str, port: int, settings: Settings) -> str:
    """The address to connect to: ``host`` resolved once, and every address it has vetted, so
    a shared server cannot be made to reach into its own network."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise _UrlRefused(
            f"cannot find the server {host!r} (no address for that name, or no network)"
        ) from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise _UrlRefused(f"cannot find the server {host!r}")
    if not settings.allow_private_urls:
        for address in addresses:
            refusal = _address_refusal(address)
            if refusal:
                raise _UrlRefused(
                    f"{host} is {refusal} ({address}); importing from it is not allowed "
                    "(QUOTEGRAPH_ALLOW_PRIVATE_URLS)"
                )
    return str(addresses[0])


def _connection(scheme: str, host: str, port: int, address: str, timeout: float):
    if scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    # Connect to the vetted address, not to a second DNS answer; TLS still checks ``host``.
    def connect_vetted(_address: object, timeout: float | None = None, source: object = None):
        return socket.create_connection((address, port), timeout)

    connection._create_connection = connect_vetted  # type: ignore[attr-defined]
    return connection


def _fetch(url: str, settings: Settings) -> _Page:
    deadline = time.monotonic() + settings.url_timeout
    cap = document_cap(settings)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            parts = urlsplit(current)
            scheme = parts.scheme.lower()
            host = parts.hostname
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise _UrlRefused(f"not a valid URL ({exc})") from exc
        if scheme not in {"http", "https"}:
            raise _UrlRefused(
                f"only http and https addresses can be imported, not {scheme or 'this'}:"
            )
        if not host:
            raise _UrlRefused("the URL has no server name")
        address = _resolve(host, port, settings)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _UrlRefused(f"no answer within {settings.url_timeout:g} seconds")
        connection = _connection(scheme, host, port, address, remaining)
        try:
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            connection.request(
                "GET",
                target,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "gzip, deflate",
                },
            )
            response = connection.getresponse()
            if response.status in {301, 302, 303, 307, 308}:
                location = response.getheader("Location")
                if not location:
                    raise _UrlRefused(f"the server redirected ({response.status}) to nowhere")
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise _UrlRefused(f"the server answered {response.status} {response.reason}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise _UrlRefused(
                    f"the page is {size_label(int(declared))}, over the {size_label(cap)} limit"
                )
            body = _read_body(response, cap, deadline, settings)
            return _Page(
                url=current,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
                body=body,
            )
        except _UrlRefused:
            raise
        except TimeoutError as exc:
            raise _UrlRefused(f"no answer within {settings.url_timeout:g} seconds") from exc
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as exc:
            raise _UrlRefused(f"cannot be reached ({_network_error(exc)})") from exc
        finally:
            connection.close()
    raise _UrlRefused(f"more than {MAX_REDIRECTS} redirects")


def _network_error(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its security certificate could not be verified: {exc.verify_message}"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection failed: {exc.reason or 'no reason given'}"
    return describe_error(exc)


def _read_body(
    response: http.client.HTTPResponse, cap: int, deadline: float, settings: Settings
) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise _UrlRefused(f"the server sent an unsupported encoding ({encoding})")
    # 47 = 32 + 15: let zlib accept gzip or zlib headers.
    inflater = zlib.decompressobj(47) if encoding != "identity" else None
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise _UrlRefused(f"the page did not arrive within {settings.url_timeout:g} seconds")
        chunk = response.read1(1 << 16)
        if not chunk:
            break
        if inflater is not None:
            # Inflate no more than the cap allows: a compressed bomb stops here.
            chunk = inflater.decompress(chunk, cap + 1 - total)
        total += len(chunk)
        if total > cap:
            raise _UrlRefused(f"the page is over the {size_label(cap)} limit")
        chunks.append(chunk)
    return b"".join(chunks)


def read_url(url: str, settings: Settings) -> ReadItem:
    """An article from a web page: only http and https, never a loopback, private, link-local
    or reserved address unless settings.allow_private_urls; fetched with settings.url_timeout
    and a size cap; text, title and date extracted by trafilatura."""
    origin = origin_label(url.strip())
    if len(url.strip()) > URL_MAX_CHARS:
        return ImportProblem(origin, f"the URL is longer than {URL_MAX_CHARS} characters")
    try:
        page = _fetch(url.strip(), settings)
        if not page.body:
            return ImportProblem(origin, "the page is empty")
        if page.content_type in {"application/pdf"}:
            return _with_url(read_pdf(origin, page.body, settings), page.url)
        if page.content_type.endswith("wordprocessingml.document"):
            return _with_url(read_docx(origin, page.body, settings), page.url)
        if page.content_type not in {"text/html", "application/xhtml+xml", "text/plain"}:
            return ImportProblem(origin, f"not a text format ({page.content_type})")
        text = _decode_page(page)
        if text is None:
            return ImportProblem(origin, "not a text format (the page is not text)")
        if page.content_type == "text/plain":
            return make_draft(origin, text, settings, url=page.url)
        return html_draft(origin, text, settings, url=page.url)
    except _UrlRefused as exc:
        return ImportProblem(origin, str(exc))
    except Exception as exc:  # a parser choking on a hostile page must not crash the caller
        return ImportProblem(origin, f"could not be read: {describe_error(exc)}")


def _decode_page(page: _Page) -> str | None:
    if page.charset:
        try:
            text = page.body.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            return decode_text(page.body)
        return None if looks_binary(text) else text.lstrip("\ufeff")
    return decode_text(page.body)


def _with_url(item: ReadItem, url: str) -> ReadItem:
    if isinstance(item, ArticleDraft) and not item.url:
        return replace(item, url=url if len(url) <= URL_MAX_CHARS else None)
    return item
