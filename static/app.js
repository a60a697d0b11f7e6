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
  // Evidence uploads: sizes checked before sending, and a progress bar while large files go.
  document.querySelectorAll("form.evidence-upload").forEach(function (form) {
    if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
    var bar = form.querySelector(".upload-progress");
    var status = form.querySelector(".upload-status");
    var button = form.querySelector("button[type=submit]");
    var say = function (text, failed) { status.textContent = text; status.classList.toggle("failed", failed); };
    var finish = function (text) { button.disabled = false; bar.hidden = true; say(text, true); };
    form.addEventListener("submit", function (e) {
      var input = form.querySelector("input[type=file]");
      var files = input ? input.files : [];
      var maxFile = Number(form.dataset.maxFile), room = Number(form.dataset.room), total = 0;
      for (var i = 0; i < files.length; i++) {
        if (files[i].size > maxFile) { e.preventDefault(); say(form.dataset.msgTooLarge + " (" + files[i].name + ")", true); return; }
        total += files[i].size;
      }
      if (total > room) { e.preventDefault(); say(form.dataset.msgCaseFull, true); return; }
      if (!files.length) { return; } // the server says what is missing, beside the field
      e.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.addEventListener("progress", function (ev) {
        if (!ev.lengthComputable) { return; }
        var p = Math.floor(ev.loaded * 100 / ev.total);
        bar.value = p;
        say(form.dataset.msgSending + " " + p + "%", false);
      });
      xhr.addEventListener("load", function () {
        if (xhr.status < 400 && xhr.responseURL) {
          // Back to the case, at its evidence. The same page needs a reload: a changed hash alone
          // does not fetch it again.
          var target = xhr.responseURL.split("#")[0];
          if (target === window.location.href.split("#")[0]) {
            window.location.hash = "evidence";
            window.location.reload();
          } else {
            window.location.assign(target + "#evidence");
          }
          return;
        }
        // The form came back with what to correct, or an error page: show its message here.
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var msg = doc.querySelector("main [role=alert]") || doc.querySelector("main h1");
        finish(msg ? msg.textContent.replace(/\s+/g, " ").trim() : form.dataset.msgFailed);
      });
      xhr.addEventListener("error", function () { finish(form.dataset.msgFailed); });
      bar.hidden = false;
      bar.value = 0;
      button.disabled = true;
      say(form.dataset.msgSending, false);
      xhr.send(new FormData(form));
    });
  });
})();

// Print buttons (CSP forbids inline handlers).
(function () {
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();

// The header on narrow screens: the menu behind a button (without this script it just wraps).
(function () {
  var header = document.querySelector("header.top");
  var button = header && header.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (!button || !nav) { return; }
  header.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = nav.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();

// Time fields: show what the typed words mean ("07-12-2026 21:28 IST — 30 min ago"), read by
// the same parser the server uses (GET /when).
(function () {
  document.querySelectorAll("input[data-when]").forEach(function (input) {
    var echo = document.getElementById(input.id + "-echo");
    if (!echo || !window.fetch) { return; }
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/when?text=" + encodeURIComponent(input.value), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (text) { echo.textContent = text; })
          .catch(function () {});
      }, 250);
    });
  });
})();

// The case form: Enter in a box goes to the next field instead of sending a half-filled form
// (the form's first, disabled submit button already stops that without this script).
(function () {
  document.querySelectorAll("form.case-form").forEach(function (form) {
    form.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key !== "Enter" || t.tagName !== "INPUT" || t.type === "submit" || t.type === "button") { return; }
      e.preventDefault();
      var fields = Array.prototype.filter.call(form.elements, function (el) {
        return el.tagName !== "FIELDSET" && !el.disabled && el.type !== "hidden" && !el.hidden && el.offsetParent !== null;
      });
      var next = fields[fields.indexOf(t) + 1];
      if (next) { next.focus(); }
    });
  });
})();
