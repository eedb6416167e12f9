"""gunicorn settings shared by `make run` and production (`gunicorn -c python:gongkai.config.gunicorn`)."""

timeout = 120
accesslog = "-"


def post_worker_init(worker):
    # Importing WeasyPrint and loading the CJK fonts takes about a second: do it when a worker
    # starts, not when the first person asks for a PDF.
    from gongkai.reportformat.render_pdf import warm_up

    warm_up()
