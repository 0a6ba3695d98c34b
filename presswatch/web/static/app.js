// presswatch article view: click (or Enter on) a highlight to see what it marks (DOM cloning only, no HTML strings).
(function () {
  "use strict";
  var form = document.querySelector("form.analyze-form");
  if (form) {
    form.addEventListener("submit", function () {
      var button = document.getElementById("analyze-submit");
      if (button) { button.textContent = "Analysing\u2026"; }
      form.classList.add("busy");
      form.setAttribute("aria-busy", "true");
    });
  }
  // the corrections form: the selected words of the article become the span of an added technique
  var text = document.getElementById("article-text");
  var selStart = document.getElementById("sel-start");
  var selEnd = document.getElementById("sel-end");
  var hint = document.getElementById("selection-hint");
  function offsetIn(par, node, offset) {
    var r = document.createRange();
    r.setStart(par, 0);
    r.setEnd(node, offset);
    return parseInt(par.getAttribute("data-start") || "0", 10) + r.toString().length;
  }
  if (text && selStart && selEnd) {
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var range = sel.getRangeAt(0);
      var a = range.startContainer.parentElement ? range.startContainer.parentElement.closest("p[data-start]") : null;
      var b = range.endContainer.parentElement ? range.endContainer.parentElement.closest("p[data-start]") : null;
      if (!a || a !== b || !text.contains(a)) { return; }
      var s = offsetIn(a, range.startContainer, range.startOffset);
      var e = offsetIn(a, range.endContainer, range.endOffset);
      if (e <= s) { return; }
      selStart.value = String(s);
      selEnd.value = String(e);
      if (hint) { hint.textContent = "Selected: \u201c" + range.toString() + "\u201d [" + s + ", " + e + ")"; }
    });
  }
  // an analysed (not stored) article: its JSON, carried in an (escaped) attribute, downloads as a file
  var download = document.getElementById("download-json");
  if (download) {
    download.addEventListener("click", function () {
      var blob = new Blob([download.getAttribute("data-json") || "{}"], { type: "application/json" });
      download.href = URL.createObjectURL(blob);
    });
  }
  var panel = document.getElementById("explain");
  var list = document.getElementById("explain-list");
  if (!panel || !list) { return; }

  function clearActive() {
    document.querySelectorAll(".hl.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function show(seg) {
    var ids = (seg.getAttribute("data-marks") || "").split(" ").filter(Boolean);
    clearActive();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    ids.forEach(function (id) {
      var item = document.getElementById("mark-" + id);
      if (item) {
        var copy = item.cloneNode(true);
        copy.removeAttribute("id");
        copy.querySelectorAll("button, input, label, .fix-speaker").forEach(function (el) { el.remove(); });
        copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
        copy.setAttribute("data-for", id);
        list.appendChild(copy);
      }
      document.querySelectorAll('.hl[data-marks~="' + id + '"]').forEach(function (el) { el.classList.add("active"); });
    });
    panel.hidden = false;
    var rect = panel.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) { panel.scrollIntoView({ block: "nearest" }); }
  }

  function showChip(chip) {
    clearActive();
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var li = document.createElement("li");
    li.className = "ann";
    li.textContent = chip.getAttribute("data-detail") || chip.textContent;
    list.appendChild(li);
    panel.hidden = false;
  }

  function jump(id) {
    var seg = document.querySelector('.hl[data-marks~="' + id + '"]');
    if (seg) { seg.scrollIntoView({ block: "center" }); seg.focus(); show(seg); }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a[data-jump]") : null;
    if (link) { ev.preventDefault(); jump(link.getAttribute("data-jump")); return; }
    var chip = ev.target.closest ? ev.target.closest(".para-label[data-detail]") : null;
    if (chip) { showChip(chip); return; }
    var seg = ev.target.closest ? ev.target.closest(".hl[data-marks]") : null;
    if (seg) { show(seg); }
  });
  document.addEventListener("keydown", function (ev) {
    var el = document.activeElement;
    if ((ev.key === "Enter" || ev.key === " ") && el && el.matches && el.matches(".hl[data-marks]")) {
      ev.preventDefault();
      show(el);
    } else if ((ev.key === "Enter" || ev.key === " ") && el && el.matches && el.matches(".para-label[data-detail]")) {
      ev.preventDefault();
      showChip(el);
    } else if (ev.key === "Escape" && !panel.hidden) {
      panel.hidden = true;
      clearActive();
    }
  });
  var close = document.getElementById("explain-close");
  if (close) {
    close.addEventListener("click", function () { panel.hidden = true; clearActive(); });
  }
})();
