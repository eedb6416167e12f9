// The 图解 page's 打印 button. A file, not an inline handler or a javascript: link: the site's CSP
// (script-src 'self') blocks both.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
