// 复制文章: put the preview on the clipboard as rich text (HTML) with a plain-text fallback.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("copy-article");
  var status = document.getElementById("copy-status");
  if (!button) return;
  button.addEventListener("click", function () {
    var article = document.getElementById(button.dataset.target);
    var done = function () { status.textContent = "已复制，可以到公众号编辑器中粘贴。"; };
    var fallback = function () {
      var range = document.createRange();
      range.selectNodeContents(article);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = document.execCommand("copy");
      selection.removeAllRanges();
      status.textContent = ok ? "已复制，可以到公众号编辑器中粘贴。" : "浏览器不允许自动复制，请选中预览内容后按 Ctrl+C 复制。";
    };
    if (navigator.clipboard && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/html": new Blob([article.innerHTML], { type: "text/html" }),
        "text/plain": new Blob([article.innerText], { type: "text/plain" })
      });
      navigator.clipboard.write([item]).then(done, fallback);
    } else {
      fallback();
    }
  });
});
