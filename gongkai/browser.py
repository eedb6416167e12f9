"""Launching Debian's chromium for Playwright tests (Playwright cannot download browsers here)."""

import os
import tempfile
from contextlib import contextmanager

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium_page(viewport=None):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            locale="zh-CN",
            viewport=viewport or {"width": 1280, "height": 900},
        )
        try:
            yield context.new_page()
        finally:
            context.close()
            # Database queries made inside this block run in Playwright's context, which has its
            # own connections; close them here, or PostgreSQL cannot drop the test database.
            from django.conf import settings

            if settings.configured:
                from django.db import connections

                connections.close_all()
