/* Self-review form, enhanced. The form works fully without this script (and htmx autosaves it).
   Here: unsent changes are kept on this device until the server has them and are sent again when
   the network returns or the page is opened again; a second click on a button is ignored; the
   report's print button. The kept copy is removed as soon as the server has saved it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // A submitted review can no longer take unsent changes: drop any copy kept on this device.
  document.querySelectorAll("[data-review-locked]").forEach(function (el) {
    try { window.localStorage.removeItem("tusoi.review." + el.dataset.reviewLocked); } catch (e) { /* off */ }
  });
  var form = document.getElementById("review-form");
  if (!form) { return; }
  var key = "tusoi.review." + form.dataset.review;
  var changes = 0;
  var sent = 0;
  var submitting = false;

  function fields() {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") { out.push([name, String(value).trim()]); }
    });
    return out;
  }
  function initial() {
    // The form as the server sent it (a reload may show the browser's restored values instead).
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "button") { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.defaultChecked) { out.push([el.name, el.value.trim()]); }
        return;
      }
      out.push([el.name, String(el.defaultValue).trim()]);
    });
    return out;
  }
  function content(list) {
    return JSON.stringify(list.filter(function (f) { return f[0] !== "base_version" && f[0] !== "client"; }));
  }
  function keep() {
    try { window.localStorage.setItem(key, JSON.stringify(fields())); } catch (e) { /* storage full or off */ }
  }
  function forget() {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
  }
  function kept() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function restore(list) {
    var values = {};
    list.forEach(function (f) { values[f[0]] = f[1]; });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") { return; }
      if (el.type === "radio") { el.checked = values[el.name] === el.value; }
      else if (Object.prototype.hasOwnProperty.call(values, el.name)) { el.value = values[el.name]; }
    });
  }
  function say(text) {
    var status = document.getElementById("save-status");
    if (status && text) { status.textContent = text; status.className = "small text-danger"; }
  }

  form.addEventListener("input", function () { changes += 1; keep(); });
  form.addEventListener("change", function () { changes += 1; keep(); });
  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
  });
  window.addEventListener("pageshow", function () { submitting = false; });
  form.addEventListener("htmx:beforeRequest", function () { sent = changes; });
  form.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var saved = event.detail.successful && xhr && xhr.responseText.indexOf('data-outcome="saved"') >= 0;
    if (saved && sent === changes) { forget(); }
  });
  form.addEventListener("htmx:sendError", function () { say(form.dataset.offline); });
  window.addEventListener("online", function () {
    if (kept() && window.htmx) { window.htmx.trigger(form, "change"); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(function () {
      var previous = kept();
      if (!previous) { return; }
      if (content(previous) === content(initial())) { forget(); return; }
      // Sent with the version it was based on: the server saves it, or reports a conflict.
      restore(previous);
      say(form.dataset.restored);
      if (window.htmx) { window.htmx.trigger(form, "change"); }
    }, 0);
  });
}());
