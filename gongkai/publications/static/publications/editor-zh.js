// The rich-text editor (django-prose-editor) in Chinese. Its dialogs ask window.gettext, read once
// when editor.js loads, so this classic script runs before it; its toolbar titles, aria-labels and
// block-type menu are fixed English strings, renamed here whenever the editor draws them.
(function () {
  var ZH = {
    // dialogs (through gettext)
    "Insert": "插入", "Update": "更新", "Cancel": "取消", "URL": "网址", "Title": "标题",
    "Open in new window": "在新窗口打开", "Edit Link": "编辑链接", "Insert Table": "插入表格",
    "Table Properties": "表格属性", "Rows": "行数", "Columns": "列数",
    "Include header row": "包含表头行", "List properties": "列表属性", "List type": "列表类型",
    "Start at": "起始编号", "Bullets": "圆点", "Decimal numbers": "数字",
    "Lowercase letters": "小写字母", "Uppercase letters": "大写字母",
    "Lowercase Roman numerals": "小写罗马数字", "Uppercase Roman numerals": "大写罗马数字",
    "Toggle fullscreen": "全屏", "Edit HTML": "编辑 HTML", "Prettify": "整理格式",
    "Image URL": "图片网址", "Alternative Text": "替代文字", "Caption": "图片说明",
    "Add caption": "添加说明", "Remove caption": "删除说明", "Edit Figure": "编辑图片",
    "Insert Figure": "插入图片", "Edit Image": "编辑图片", "Browse...": "浏览…",
    // toolbar buttons (fixed titles)
    "paragraph": "段落格式", "unordered list": "项目符号列表", "ordered list": "编号列表",
    "blockquote": "引用", "bold": "加粗", "italic": "倾斜", "underline": "下划线",
    "strike": "删除线", "subscript": "下标", "superscript": "上标",
    "insert link": "插入链接", "remove link": "取消链接", "Insert table": "插入表格",
    "Add column": "增加一列", "Delete column": "删除本列", "Add row": "增加一行",
    "Delete row": "删除本行", "Merge cells": "合并单元格", "Split cell": "拆分单元格",
    "Toggle header cell": "设为或取消表头单元格", "Delete table": "删除表格",
    "horizontal rule": "分隔线", "figure": "图片", "Code": "代码", "Code block": "代码块",
    "edit HTML": "编辑 HTML", "undo": "撤销", "redo": "重做",
    // block-type menu
    "Paragraph": "正文段落", "Heading 2": "二级标题", "Heading 3": "三级标题",
    "Heading 4": "四级标题",
  };
  if (!window.gettext) {
    window.gettext = function (text) { return ZH[text] || text; };
  }
  function rename(el, attr) {
    var value = el.getAttribute(attr);
    if (value && ZH[value]) el.setAttribute(attr, ZH[value]);
  }
  function scan() {
    document.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]").forEach(
      function (el) { rename(el, "title"); rename(el, "aria-label"); }
    );
    document.querySelectorAll(".prose-menubar *").forEach(function (el) {
      if (el.childElementCount === 0 && ZH[el.textContent] && /^(Heading \d|Paragraph)$/.test(el.textContent)) {
        el.textContent = ZH[el.textContent];
      }
    });
  }
  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", scan);
})();
