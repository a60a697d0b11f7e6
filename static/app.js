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
  // At intake: as the narrative, suspect details or pasted messages are filled, show the
  // identifiers in them and where each has been seen before.
  var preview = document.getElementById("ident-preview");
  if (preview && preview.closest("form")) {
    var form = preview.closest("form");
    var timer = null;
    var refresh = function () {
      var body = new URLSearchParams();
      body.set("csrf", form.elements.csrf.value);
      ["narrative", "suspect_details", "pasted_messages"].forEach(function (name) {
        if (form.elements[name]) { body.set(name, form.elements[name].value); }
      });
      fetch("/identifiers/preview", { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { preview.innerHTML = html; })
        .catch(function () {});
    };
    ["narrative", "suspect_details", "pasted_messages"].forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      field.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 600);
      });
    });
  }
  // The closure reason matters only when closing.
  var status = document.getElementById("status");
  var reason = document.getElementById("closure_reason");
  if (status && reason && status.form && status.form.action.indexOf("/status") !== -1) {
    var sync = function () { reason.disabled = status.value !== "closed"; };
    status.addEventListener("change", sync);
    sync();
  }
})();
