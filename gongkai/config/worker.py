"""gunicorn's worker for the platform: uvicorn's event loop (uvloop, httptools) in each process.

`proxy_headers` is off: the client's address is read by gongkai.core.client_address from
X-Forwarded-For, walking back only through GONGKAI_TRUSTED_PROXIES, as under any other server;
uvicorn must not rewrite it first. No `Server` header tells which software runs the site."""

from uvicorn_worker import UvicornWorker


class PortalWorker(UvicornWorker):
    CONFIG_KWARGS = {
        "loop": "uvloop",
        "http": "httptools",
        "proxy_headers": False,
        "server_header": False,
        "lifespan": "off",
        "interface": "asgi3",
    }
