"""gunicorn settings shared by `make run` and production:
`gunicorn gongkai.config.asgi -c python:gongkai.config.gunicorn`.

Each worker process runs an event loop (config/worker.py) that answers repeats of public pages
itself and hands everything else to Django in a few threads (portal/front.py)."""

import gc
import os
import time

worker_class = "gongkai.config.worker.PortalWorker"
timeout = 120
# One line per request costs a sixth of a cached page's time here. Where nginx stands in front (the
# deployment in docs/deployment.md), nginx keeps the access log; GONGKAI_ACCESS_LOG=- writes it to
# standard output as well (or give a file path).
accesslog = os.environ.get("GONGKAI_ACCESS_LOG") or None
# Log times in China time in every process: the workers load Django, which sets TZ from TIME_ZONE, but
# the master never does, so without this its lines said +0000 and the workers' +0800.
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()


def post_worker_init(worker):
    # Importing WeasyPrint and loading the CJK fonts takes about a second: do it when a worker
    # starts, not when the first person asks for a PDF.
    from gongkai.reportformat.render_pdf import warm_up

    warm_up()
    # Everything loaded so far (Django, the URL patterns, the fonts) lives as long as the worker:
    # moved out of the garbage collector's sight, it is not scanned again on every collection.
    gc.freeze()
