"""gunicorn's worker for the platform: uvicorn's event loop (uvloop, httptools) in each process.

`proxy_headers` is off: the client's address is read by gongkai.core.client_address from
X-Forwarded-For, walking back only through GONGKAI_TRUSTED_PROXIES, as under any other server;
uvicorn must not rewrite it first. No `Server` header tells which software runs the site."""

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn_worker import UvicornWorker

# gunicorn's own parser refused a request line over 4 KB and more than 100 headers of 8 KB; httptools
# has no limit at all (a 50 MB header was read into memory). nginx's client_header_timeout likewise
# closes a connection that sends its headers too slowly, or nothing at all; uvicorn only times out
# idle keep-alive connections, after a first request.
MAX_REQUEST_HEAD = 64 * 1024  # request line and headers, bytes
HEAD_TIMEOUT = 30  # seconds to send them, counted from the connection or the request's first byte


# uvicorn answers a request it cannot parse with an English line; visitors read Chinese.
REFUSALS = {
    "Request head too large.": f"请求头超过 {MAX_REQUEST_HEAD // 1024} KB 的上限，已拒绝。",
    "Invalid HTTP request received.": "请求格式有误，已拒绝。",
}


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a size and time limit on each request's head, and its
    400 answers in Chinese."""

    def send_400_response(self, msg: str) -> None:
        body = REFUSALS.get(msg, "请求有误，已拒绝。").encode()
        head = [b"HTTP/1.1 400 Bad Request\r\n"]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: %d\r\n" % len(body),
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self.head_bytes = 0
        self.in_head = True
        self.head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_too_slow)

    def data_received(self, data: bytes) -> None:
        if self.in_head and self.head_timer is None:
            self.head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_too_slow)
        super().data_received(data)
        if self.in_head and not self.transport.is_closing():  # the head is not complete yet
            self.head_bytes += len(data)
            if self.head_bytes > MAX_REQUEST_HEAD:
                self.logger.warning("Request head over %d bytes refused.", MAX_REQUEST_HEAD)
                self.send_400_response("Request head too large.")

    def on_headers_complete(self) -> None:
        self.in_head = False
        self._stop_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.in_head, self.head_bytes = True, 0  # what comes next is the next request's head

    def connection_lost(self, exc) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def _stop_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_too_slow(self) -> None:
        self.head_timer = None
        if self.in_head and not self.transport.is_closing():
            self.transport.close()


class PortalWorker(UvicornWorker):
    CONFIG_KWARGS = {
        "loop": "uvloop",
        "http": GuardedHttpToolsProtocol,
        "proxy_headers": False,
        "server_header": False,
        "lifespan": "off",
        "interface": "asgi3",
    }
