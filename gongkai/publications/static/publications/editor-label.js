// The rich-text editor's editable area (.tiptap) gets the accessible name of the form field it
// replaces, so screen readers announce "正文" instead of an unnamed text box.
(function () {
  function name(area) {
    if (area.getAttribute("aria-label")) return;
    var wrapper = area.closest(".prose-editor") || area.parentElement;
    var field = wrapper && wrapper.parentElement && wrapper.parentElement.querySelector("textarea");
    var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
    area.setAttribute("aria-label", label ? label.textContent.trim() : "正文");
    area.setAttribute("aria-multiline", "true");
  }
  function scan() { document.querySelectorAll(".tiptap").forEach(name); }
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", scan);
})();
