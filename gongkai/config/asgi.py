"""The application gunicorn serves (`gunicorn gongkai.config.asgi -c python:gongkai.config.gunicorn`):
the public-page front (portal/front.py) in front of Django's WSGI application."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.local")

from gongkai.portal.front import PublicFront  # noqa: E402  (needs the settings above)

application = PublicFront(get_wsgi_application())
