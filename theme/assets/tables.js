/* Tables wider than a phone screen scroll sideways inside their box: make such a box reachable
   by keyboard and named for screen readers (what Material's own bundle did; we do not load it). */
(function () {
  "use strict";
  var label = document.documentElement.lang === "en" ? "Table (scroll sideways)" : "Bảng (kéo ngang để xem)";
  document.querySelectorAll(".md-typeset__scrollwrap, .table-wrap, .md-typeset table").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1) {
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", label);
    }
  });
})();
