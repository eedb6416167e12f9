// The rich-text editor's editable area (.tiptap) gets the accessible name of the form field it
// replaces, so screen readers announce "正文" instead of an unnamed text box; a toolbar button the
// editor marks unavailable (class "disabled") is announced as such (aria-disabled).
(function () {
  function name(area) {
    if (area.getAttribute("aria-label")) return;
    var wrapper = area.closest(".prose-editor") || area.parentElement;
    var field = wrapper && wrapper.parentElement && wrapper.parentElement.querySelector("textarea");
    var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
    area.setAttribute("aria-label", label ? label.textContent.trim() : "正文");
    area.setAttribute("aria-multiline", "true");
  }
  function state(button) {
    var off = button.classList.contains("disabled") && !button.classList.contains("active");
    if ((button.getAttribute("aria-disabled") === "true") !== off) {
      button.setAttribute("aria-disabled", off ? "true" : "false");
    }
  }
  function scan() {
    document.querySelectorAll(".tiptap").forEach(name);
    document.querySelectorAll(".prose-menubar__button").forEach(state);
  }
  new MutationObserver(scan).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"],
  });
  document.addEventListener("DOMContentLoaded", scan);
})();
