/* The interaction's stage form (interactions/_cycle.html) keeps what the advisor typed and has
   not saved yet when the page loads again: after "Open the work order", "Log", "Update the
   profile", the language switcher, a reload. (Escalating and choosing or adding the customer
   are done in place and never touch the form.)

   While the advisor types, the fields that differ from what the page showed are kept in the
   tab's sessionStorage under the interaction, each with the saved value it was typed over. When
   the interaction's page loads again, a field is put back where the page still shows that saved
   value; a field saved differently on another screen meanwhile keeps what was saved there, and
   what had been typed over it is shown above the form, so that nothing typed is lost. A save
   (or close) that goes through forgets the draft.
   A file of its own, not an inline script: the Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  var first = document.getElementById("stage-form");
  if (!first || !window.sessionStorage) return;
  var KEY = "sd-draft:interaction:" + first.dataset.draft;
  var SKIP = /^(hidden|submit|button|reset|file|image)$/;
  var base = null; // the form as saved: as the page showed it, or as the last save returned it
  var saved = false;

  function stageForm() { return document.getElementById("stage-form"); }

  // The form's fields by key: a field by its name, a radio or checkbox by name and value, a
  // search picker's chosen id (its hidden input) by name and its search box by id.
  function fields(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name === "csrfmiddlewaretoken" || el.name === "version" || el.disabled) return;
      if (el.matches("[data-picker-value]")) {
        if (el.name) out[el.name] = { el: el, kind: "picker" };
      } else if (SKIP.test(el.type)) {
        return;
      } else if (el.type === "checkbox" || el.type === "radio") {
        if (el.name) out[el.name + "=" + el.value] = { el: el, kind: "check" };
      } else if (el.name) {
        out[el.name] = { el: el, kind: "text" };
      } else if (el.id) {
        out["#" + el.id] = { el: el, kind: "text" };
      }
    });
    return out;
  }

  function value(field) {
    if (field.kind === "check") return field.el.checked ? "on" : "";
    return field.el.value;
  }

  function read(form) {
    var all = fields(form), state = {};
    Object.keys(all).forEach(function (k) { state[k] = value(all[k]); });
    return state;
  }

  function put(field, typed) {
    if (field.kind === "check") field.el.checked = typed === "on";
    else field.el.value = typed;
  }

  function store(draft) {
    try {
      if (draft) window.sessionStorage.setItem(KEY, JSON.stringify(draft));
      else window.sessionStorage.removeItem(KEY);
    } catch (e) { /* storage full or switched off: the page works as it did */ }
  }

  function keep() {
    var form = stageForm();
    if (!form || !base) return;
    var all = fields(form), typed = {}, any = false;
    Object.keys(all).forEach(function (k) {
      var now = value(all[k]);
      if (now !== base[k]) {
        typed[k] = { typed: now, over: base[k], text: all[k].kind === "text" };
        any = true;
      }
    });
    store(any ? { stage: form.dataset.draftStage, fields: typed } : null);
  }

  function notice(form, texts) {
    var box = document.createElement("div");
    box.className = "alert alert-warning";
    box.id = "draft-kept";
    box.setAttribute("role", "status");
    var intro = document.createElement("div");
    intro.textContent = form.dataset.draftKept;
    box.appendChild(intro);
    texts.forEach(function (text) {
      var line = document.createElement("div");
      line.className = "fw-semibold text-break";
      line.textContent = text;
      box.appendChild(line);
    });
    form.insertBefore(box, form.firstChild);
  }

  function restore(form) {
    var raw = null;
    try { raw = window.sessionStorage.getItem(KEY); } catch (e) { /* as if none */ }
    base = read(form);
    if (!raw) return;
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store(null); return; }
    var all = fields(form), kept = [];
    Object.keys(draft.fields || {}).forEach(function (k) {
      var entry = draft.fields[k], field = all[k];
      if (field && base[k] === entry.over) put(field, entry.typed);
      else if (base[k] !== entry.typed && entry.text && entry.typed.trim()) kept.push(entry.typed);
    });
    // A picker put back shows its choice as chosen (picker.js un-chooses one typed over).
    form.querySelectorAll("[data-picker]").forEach(function (picker) {
      var hidden = picker.querySelector("[data-picker-value]");
      var input = picker.querySelector("[data-picker-input]");
      if (hidden.value) hidden.dataset.pickerLabel = input.value;
    });
    if (kept.length) notice(form, kept);
    keep();
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#stage-form")) keep();
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#stage-form")) keep();
  });

  // The stage and close forms post through htmx: one that goes through (2xx; a refusal comes
  // back 400/409/422 with the typing kept) forgets the draft, and the form it returns is the
  // new saved state.
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt, xhr = event.detail.xhr;
    if (!elt || elt.tagName !== "FORM" || !elt.closest("#cycle")) return;
    if (xhr && xhr.status >= 200 && xhr.status < 300) {
      store(null);
      saved = true;
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!saved) return;
    saved = false;
    var form = stageForm();
    if (form) base = read(form);
  });

  restore(first);
})();
