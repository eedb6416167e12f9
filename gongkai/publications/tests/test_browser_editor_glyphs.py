"""The editor's toolbar draws no missing glyph (a “⊠” box): its icon font loads (document.fonts), and
every character drawn by CSS (::before/::after) exists in the font the browser picks for it.
Waiting assertions only."""

import pytest
from playwright.sync_api import expect

from gongkai.browser import chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Characters drawn by CSS in the toolbar that render exactly like a code point no font has
# (U+10FFFD, private use): the browser's missing-glyph box.
MISSING_GLYPHS = """() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext("2d");
  const draw = (font, text) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = font;
    ctx.fillText(text, 4, 40);
    return ctx.getImageData(0, 0, 64, 64).data.join(",");
  };
  const missing = [];
  for (const el of document.querySelectorAll(".prose-menubar, .prose-menubar *")) {
    for (const pseudo of ["::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      const text = (style.content.match(/^"(.*)"$/) || [])[1];
      if (!text) continue;
      const font = `${style.fontSize} ${style.fontFamily}`;
      for (const ch of text.trim()) {
        if (draw(font, ch) === draw(font, "\\u{10FFFD}")) missing.push(ch);
      }
    }
  }
  return missing;
}"""


def test_toolbar_icons_load_and_no_glyph_is_missing(live_server, county, personas):
    clerk = personas["clerk"]
    with chromium_page() as page:
        page.goto(f"{live_server.url}/admin/login/?next=/publications/staff/new/")
        page.get_by_label("用户名").fill(clerk.username)
        page.get_by_label("密码").fill("Gongkai-test-2025")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{live_server.url}/publications/staff/new/")
        menu = page.locator(".prose-menubar__selected .material-icons").first
        expect(menu).to_be_visible()
        expect(menu).to_have_css("font-family", '"Material Icons"')
        page.wait_for_function(
            """() => document.fonts.status === "loaded"
                && document.fonts.check('24px "Material Icons"', "notes")
                && [...document.fonts].some(
                    f => f.family.replace(/"/g, "") === "Material Icons" && f.status === "loaded")"""
        )
        assert page.evaluate(MISSING_GLYPHS) == []
