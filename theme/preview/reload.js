/* Live preview only (make serve): never part of the published site. The preview server adds
   this script to every page it serves. It asks the server every half second for the build
   number and the last error: a new build reloads the page; an error is shown over the page
   (the last good preview stays underneath) until a build succeeds again. */
(function () {
  "use strict";
  var STATE = "/__xem-truoc__/trang-thai";
  var seen = null;
  var overlay = null;

  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "xem-truoc-loi";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:10000;overflow:auto;padding:1.5rem;" +
        "background:#fff;color:#7a0010;font:15px/1.5 'Noto Sans',sans-serif;";
      var title = document.createElement("h2");
      title.textContent = "Nội dung có lỗi – trang bên dưới là bản xem trước đúng gần nhất";
      title.style.cssText = "margin:0 0 1rem;font-size:1.2rem;";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;color:#1a1a1a;font:14px/1.5 monospace;";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;  /* text, never HTML */
  }

  function hideError() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function poll() {
    fetch(STATE, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (seen === null) { seen = s.build; }
      else if (s.build !== seen) { location.reload(); return; }
      if (s.error) { showError(s.error); } else { hideError(); }
    }).catch(function () { /* server restarting: try again */ }).then(function () {
      setTimeout(poll, 500);
    });
  }
  poll();
})();
