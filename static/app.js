// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Warn before leaving a half-filled intake form, so a victim's account is not lost.
  document.querySelectorAll("form.case-form").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (e) {
      if (dirty) { e.preventDefault(); e.returnValue = ""; }
    });
  });
  // The closure reason matters only when closing.
  var status = document.getElementById("status");
  var reason = document.getElementById("closure_reason");
  if (status && reason && status.form && status.form.action.indexOf("/status") !== -1) {
    var sync = function () { reason.disabled = status.value !== "closed"; };
    status.addEventListener("change", sync);
    sync();
  }
})();
