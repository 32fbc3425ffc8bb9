/* Self-review form, enhanced. The form works fully without this script ("Save draft" posts it).
   Here: autosave (on every change, and 1.5 s after typing stops in a text area) to the same
   endpoint and partial response as before, one request at a time and at most one every
   `data-autosave-every` milliseconds (changes made meanwhile go together in the next one; what is
   still unsent goes at once when the page is left or hidden); the measure and deadline fields
   appear as soon as a level other than "none" is chosen; every change is kept on this device
   until the server has it and is sent again when the network returns or the page is opened
   again; a second click on a button is ignored; the report's print button. */
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
  var every = Number(form.dataset.autosaveEvery) || 0;  // milliseconds between two autosaves
  var changes = 0;  // changes made on this page so far
  var stored = 0;  // how many of them the server has (as of the last answer "saved")
  var sentAt = -Infinity;  // when the last autosave left
  var submitting = false;
  var busy = false;
  var again = false;
  var typing = 0;  // the pause after typing in a text area
  var timer = 0;  // the next autosave, when it has to wait its turn

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
    // Empty fields say nothing: a measure field added on this device but left blank changes nothing.
    return JSON.stringify(list.filter(function (f) {
      return f[0] !== "base_version" && f[0] !== "client" && f[1] !== "";
    }));
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
  function say(text, quiet) {
    var status = document.getElementById("save-status");
    if (status && text) { status.textContent = text; status.className = quiet ? "small text-muted" : "small text-danger"; }
  }

  // The measure and deadline of an indicator, from the one <template>, once its level calls for them.
  function commitFields(radio) {
    var card = radio.closest("fieldset");
    if (!card || !radio.checked || radio.value === form.dataset.none || card.querySelector(".commit")) { return; }
    var code = radio.name.slice(4);  // "ans-<code>"
    var part = document.getElementById("commit-tpl").content.firstElementChild.cloneNode(true);
    part.querySelector("textarea").name = "m-" + code;
    part.querySelector("input").name = "d-" + code;
    card.appendChild(part);
  }
  function restore(list) {
    var values = {};
    list.forEach(function (f) { values[f[0]] = f[1]; });
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (el) {
      el.checked = values[el.name] === el.value;
      commitFields(el);
    });
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "radio") { return; }
      if (Object.prototype.hasOwnProperty.call(values, el.name)) { el.value = values[el.name]; }
    });
  }

  // The answer is the status line, then the hidden version and progress counters: each element
  // replaces the one with the same id on the page.
  function apply(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var status = tpl.content.getElementById("save-status");
    if (!status) { return ""; }
    Array.prototype.forEach.call(tpl.content.querySelectorAll("[id]"), function (el) {
      var old = document.getElementById(el.id);
      el.removeAttribute("hx-swap-oob");
      if (old) { old.replaceWith(el); }
    });
    return status.dataset.outcome;
  }
  // One autosave request; `keepalive`: it outlives the page that sends it.
  function post(keepalive) {
    var sent = changes;
    return window.fetch(form.dataset.autosave, {
      method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: keepalive
    }).then(function (response) {
      return response.text().then(function (text) {
        var outcome = response.ok && !response.redirected ? apply(text) : "";
        progress();  // the page may hold more answers than that save carried
        if (!outcome) { say(form.dataset.failed); }
        if (outcome === "saved") {
          stored = Math.max(stored, sent);
          if (sent === changes) { forget(); }
        }
      });
    }, function () {
      say(form.dataset.offline);
    });
  }
  // `keepalive`: when the page is being left (the request outlives it).
  function save(keepalive) {
    window.clearTimeout(timer);
    timer = 0;
    if (submitting) { return; }
    if (busy) { again = true; return; }
    busy = true;
    sentAt = Date.now();
    post(keepalive === true).then(function () {
      busy = false;
      if (again) { again = false; soon(); }
    });
  }
  // An autosave now, or as soon as the last one is `every` milliseconds old.
  function soon() {
    if (submitting || timer) { return; }
    var wait = sentAt + every - Date.now();
    if (wait <= 0) { save(); return; }
    timer = window.setTimeout(save, wait);
    say(form.dataset.pending, true);
  }
  // Leaving or hiding the page (another app, on a phone): what the server does not have yet goes now,
  // unless an autosave is on its way (two of a page's saves must not cross: the older could land
  // last) or the device is offline; what is not sent stays on this device for the next visit.
  function flush() {
    if (!submitting && !busy && stored !== changes && navigator.onLine !== false) { save(true); }
  }

  form.addEventListener("input", function (event) {
    changes += 1;
    keep();
    if (event.target.tagName === "TEXTAREA") {
      window.clearTimeout(typing);
      typing = window.setTimeout(soon, 1500);
    }
  });
  // The counts of answered indicators (per group, and in all) follow the clicks at once, counted on
  // the page (a save's answer carries the counts of what it stored, which later clicks may exceed).
  function progress() {
    var answered = 0;
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll("section[id^='g']"), function (section) {
      var names = {};
      Array.prototype.forEach.call(section.querySelectorAll("input[type=radio][name^='ans-']"), function (el) {
        names[el.name] = names[el.name] || el.checked;
      });
      var codes = Object.keys(names);
      var done = codes.filter(function (code) { return names[code]; }).length;
      var count = document.getElementById("p" + section.id);
      if (count) { count.textContent = done + "/" + codes.length; }
      answered += done;
      total += codes.length;
    });
    var all = document.getElementById("pa");
    if (all) { all.textContent = answered + "/" + total; }
  }
  form.addEventListener("change", function (event) {
    changes += 1;
    if (event.target.type === "radio") {
      commitFields(event.target);
      progress();
    }
    keep();
    soon();
  });
  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
    window.clearTimeout(timer);
    window.clearTimeout(typing);
  });
  window.addEventListener("pageshow", function () { submitting = false; });
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { flush(); } });
  window.addEventListener("online", function () { if (kept()) { save(); } });

  document.addEventListener("DOMContentLoaded", function () {
    window.setTimeout(function () {  // after the browser has put back what it restores on a reload
      var previous = kept();
      if (!previous) { return; }
      if (content(previous) === content(initial())) { forget(); return; }
      // Sent with the version it was based on: the server saves it, or reports a conflict.
      restore(previous);
      progress();
      say(form.dataset.restored);
      save();
    }, 0);
  });
}());
