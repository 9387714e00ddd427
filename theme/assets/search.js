/* Accent-insensitive search for Vietnamese (and any Latin-script locale).
   "bao hiem mot lan", "dong bao hiem" and "bảo hiểm một lần" all match "bảo hiểm ... đóng ... một lần".
   The index (search-index.json, built from the content model) holds the original text; this file folds
   index and query the same way: lower case, no tone/vowel marks, đ -> d, one character for one. */
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var ui = {};
  try { ui = JSON.parse(box.getAttribute("data-ui") || "{}"); } catch (e) { ui = {}; }
  function t(key, fallback, vars) {
    var s = ui[key] || fallback;
    Object.keys(vars || {}).forEach(function (k) { s = s.split("{" + k + "}").join(vars[k]); });
    return s;
  }

  function fold(s) {
    var out = "";
    s = s.normalize("NFC");
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === "đ" || c === "Đ") { out += "d"; continue; }
      var base = c.normalize("NFD")[0].toLowerCase();
      out += base.length === 1 ? base : c;
    }
    return out;
  }
  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function words(s) { return fold(s).split(/[^0-9a-z\u00c0-\uffff]+/).filter(Boolean); }
  function reEsc(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  var params = new URLSearchParams(window.location.search);
  var q = (params.get("q") || "").trim();
  var input = document.getElementById("q");
  if (input) input.value = q;
  if (!q) return;

  var indexUrl = document.querySelector('link[rel="search-index"]');
  var url = indexUrl ? indexUrl.href : "../assets/search-index.json";
  box.textContent = t("search.loading", "…");
  fetch(url).then(function (r) { return r.json(); }).then(function (index) {
    var syn = {};
    (index.synonyms || []).forEach(function (p) { (syn[fold(p[0])] = syn[fold(p[0])] || []).push(fold(p[1])); });
    var terms = words(q);
    var scored = [];
    index.docs.forEach(function (d) {
      var title = fold(d.t), body = fold(d.x + (d.s ? " " + d.s : "")), score = 0, first = -1, ok = true;
      terms.forEach(function (term) {
        var alts = [term].concat(syn[term] || []), hit = false;
        alts.forEach(function (a) {
          var re = new RegExp("(^|[^0-9a-z])" + reEsc(a).replace(/ /g, "[^0-9a-z]+"), "g");
          var m, n = 0;
          while ((m = re.exec(body)) !== null) { n++; if (first < 0 || m.index < first) first = m.index + m[1].length; if (n > 20) break; }
          var inTitle = re.test(title);
          if (n || inTitle) { hit = true; score += n + (inTitle ? 10 : 0); }
        });
        if (!hit) ok = false;
      });
      var phrase = terms.join(" ");
      if (terms.length > 1) {
        var pre = new RegExp("(^|[^0-9a-z])" + reEsc(phrase).replace(/ /g, "[^0-9a-z]+"));
        var pm = pre.exec(body);
        if (pm) { score += 50; first = pm.index + pm[1].length; }
        if (pre.test(title)) score += 100;
      }
      if (ok) scored.push({ d: d, score: score, first: first < d.x.length ? Math.max(first, 0) : 0 });
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    if (!scored.length) {
      box.innerHTML = "<p>" + esc(t("search.none", "0: {q}", { q: q, phone: index.hotline || "" })) + "</p>";
      return;
    }
    var html = "<p>" + esc(t("search.count", "{n}: {q}", { n: String(scored.length), q: q })) + "</p><ol>";
    scored.slice(0, 30).forEach(function (r) {
      var start = Math.max(0, r.first - 60);
      if (start > 0) { var sp = r.d.x.indexOf(" ", start); start = sp >= 0 && sp < r.first ? sp + 1 : start; }
      var snip = r.d.x.slice(start, start + 200);
      html += '<li><a href="' + esc(r.d.u) + '">' + esc(r.d.t) + "</a> <span class=\"search-kind\">" + esc(t("kind." + r.d.k, "")) +
        "</span><br>" + (start > 0 ? "…" : "") + esc(snip) + "…</li>";
    });
    box.innerHTML = html + "</ol>";
  }).catch(function () { box.textContent = t("search.error", "Error"); });
  var vi = document.getElementById("search-vi");
  if (vi) vi.href = vi.getAttribute("href").split("?")[0] + "?q=" + encodeURIComponent(q);
})();
