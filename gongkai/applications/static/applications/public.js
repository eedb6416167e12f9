// Public request pages: move focus to the error summary (or the confirmation) when the page shows one,
// so that a screen reader reads it first; print buttons print the receipt.
document.addEventListener("DOMContentLoaded", function () {
  var target = document.querySelector(".error-summary, .flash[tabindex]");
  if (target) {
    target.focus();
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });
  });
});
