// dbctl studio-lite: theme switch, filters, delete confirmation, console history and shortcut.
(function () {
  "use strict";
  var root = document.documentElement;
  var saved = localStorage.getItem("dbctl-theme");
  if (saved) root.dataset.theme = saved;

  document.addEventListener("DOMContentLoaded", function () {
    var theme = document.getElementById("theme");
    if (theme) theme.addEventListener("click", function () {
      var dark = root.dataset.theme ? root.dataset.theme === "dark"
        : window.matchMedia("(prefers-color-scheme: dark)").matches;
      root.dataset.theme = dark ? "light" : "dark";
      localStorage.setItem("dbctl-theme", root.dataset.theme);
    });

    document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });

    // A filter row's input is named f.<column>.<operator> once a column is chosen.
    document.querySelectorAll(".filter").forEach(function (row) {
      var col = row.querySelector("[data-filter-col]");
      var op = row.querySelector("[data-filter-op]");
      var val = row.querySelector(".fval");
      function rename() {
        if (col.value) val.name = "f." + col.value + "." + op.value; else val.removeAttribute("name");
        var needs = op.value !== "null" && op.value !== "notnull";
        val.placeholder = needs ? "value" : "(no value)";
      }
      col.addEventListener("change", rename);
      op.addEventListener("change", rename);
      rename();
    });

    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.dataset.confirm)) e.preventDefault();
      });
    });

    var form = document.getElementById("console");
    if (form) {
      var area = form.querySelector("textarea");
      var list = document.getElementById("history");
      var key = "dbctl-sql-history";
      var load = function () { try { return JSON.parse(localStorage.getItem(key)) || []; } catch (e) { return []; } };
      var show = function () {
        list.textContent = "";
        load().forEach(function (q) {
          var li = document.createElement("li");
          li.textContent = q;
          li.title = "Put this statement back in the editor";
          li.addEventListener("click", function () { area.value = q; area.focus(); });
          list.appendChild(li);
        });
      };
      form.addEventListener("submit", function () {
        var q = area.value.trim();
        if (!q) return;
        var h = load().filter(function (x) { return x !== q; });
        h.unshift(q);
        localStorage.setItem(key, JSON.stringify(h.slice(0, 50)));
      });
      area.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          form.querySelector('button[value="run"]').click();
        }
      });
      show();
    }
  });
})();
