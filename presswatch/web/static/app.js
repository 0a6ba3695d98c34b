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
        copy.setAttribute("data-for", id);
        list.appendChild(copy);
      }
      document.querySelectorAll('.hl[data-marks~="' + id + '"]').forEach(function (el) { el.classList.add("active"); });
    });
    panel.hidden = false;
    var rect = panel.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) { panel.scrollIntoView({ block: "nearest" }); }
  }

  document.addEventListener("click", function (ev) {
    var seg = ev.target.closest ? ev.target.closest(".hl[data-marks]") : null;
    if (seg) { show(seg); }
  });
  document.addEventListener("keydown", function (ev) {
    var el = document.activeElement;
    if ((ev.key === "Enter" || ev.key === " ") && el && el.matches && el.matches(".hl[data-marks]")) {
      ev.preventDefault();
      show(el);
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
