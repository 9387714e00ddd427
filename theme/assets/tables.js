/* Tables wider than a phone screen scroll sideways inside their box: make such a box reachable
   by keyboard and named for screen readers (what Material's own bundle did; we do not load it). */
(function () {
  "use strict";
  var label = document.documentElement.lang === "en" ? "Table (scroll sideways)" : "Bảng (kéo ngang để xem)";
  var used = {};
  document.querySelectorAll(".md-typeset__scrollwrap, .table-wrap, .md-typeset table").forEach(function (el) {
    if (el.scrollWidth > el.clientWidth + 1) {
      /* each region is named after the heading above it, so that several tables on a page stay distinct */
      var heading = null, node = el;
      while (node && !heading) {
        var prev = node.previousElementSibling;
        while (prev && !/^H[1-6]$/.test(prev.tagName)) prev = prev.previousElementSibling;
        heading = prev;
        node = node.parentElement;
      }
      var name = label + (heading ? ": " + heading.textContent.trim() : "");
      used[name] = (used[name] || 0) + 1;
      el.tabIndex = 0;
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", used[name] > 1 ? name + " (" + used[name] + ")" : name);
    }
  });
})();
