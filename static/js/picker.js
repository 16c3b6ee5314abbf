/* Search pickers (servicedesk/pickers.py): the text box asks the server for matches through
   htmx; this file picks one, forwards related fields and keeps the hidden id honest. */
(function () {
  "use strict";

  function root(el) { return el.closest("[data-picker]"); }
  function results(picker) { return picker.querySelector(".sd-picker-results"); }

  function fieldValue(form, name) {
    if (!form) return "";
    var el = form.querySelector('[name="' + name + '"]') ||
             form.querySelector('[name$="-' + name + '"]');
    return el ? el.value : "";
  }

  function params(input) {
    var out = {};
    var fixed = JSON.parse(input.dataset.pickerParams || "{}");
    var forward = JSON.parse(input.dataset.pickerForward || "{}");
    Object.keys(fixed).forEach(function (k) { out[k] = fixed[k]; });
    Object.keys(forward).forEach(function (k) {
      var v = fieldValue(input.form, forward[k]);
      if (v) out[k] = v;
    });
    return out;
  }

  function close(picker) {
    results(picker).innerHTML = "";
    picker.querySelector("[data-picker-input]").setAttribute("aria-expanded", "false");
  }

  function choose(option) {
    var picker = root(option);
    var hidden = picker.querySelector("[data-picker-value]");
    var input = picker.querySelector("[data-picker-input]");
    hidden.value = option.dataset.value;
    hidden.dataset.pickerLabel = option.dataset.label;
    input.value = option.dataset.label;
    close(picker);
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
    // Focus stays on the option's place without re-opening the list (focus asks the server).
    option.blur();
  }

  function options(picker) {
    return Array.prototype.slice.call(picker.querySelectorAll(".sd-picker-option"));
  }

  function move(picker, step) {
    var list = options(picker);
    if (!list.length) return;
    var i = list.indexOf(document.activeElement);
    var next = i < 0 ? (step > 0 ? 0 : list.length - 1) : i + step;
    if (next < 0) { picker.querySelector("[data-picker-input]").focus(); return; }
    list[Math.min(next, list.length - 1)].focus();
  }

  // Nothing matches and the page has a place to add one: open it, with what was typed.
  function add(button) {
    var picker = root(button);
    var typed = picker.querySelector("[data-picker-input]").value.trim();
    var target = document.getElementById(button.dataset.pickerAdd);
    close(picker);
    if (!target) return;
    if (target.tagName === "DETAILS") target.open = true;
    var kind = /^[\d\s+()-]+$/.test(typed) ? "number" : "text";
    var field = target.querySelector('[data-picker-fill="' + kind + '"]');
    if (field && !field.value) field.value = typed;
    target.scrollIntoView({ block: "start" });
    (field || target).focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest(".sd-picker-option");
    if (option) { choose(option); return; }
    var adder = event.target.closest("[data-picker-add]");
    if (adder) { add(adder); return; }
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      if (!picker.contains(event.target)) close(picker);
    });
  });

  document.addEventListener("focusout", function (event) {
    var picker = event.target.closest && event.target.closest("[data-picker]");
    if (picker && !(event.relatedTarget && picker.contains(event.relatedTarget))) {
      close(picker);
    }
  });

  document.addEventListener("input", function (event) {
    var input = event.target.closest("[data-picker-input]");
    if (!input) return;
    var hidden = root(input).querySelector("[data-picker-value]");
    // Typing over a choice un-chooses it: what is posted is only ever what was picked.
    if (input.value !== hidden.dataset.pickerLabel && hidden.value) {
      hidden.value = "";
      hidden.dataset.pickerLabel = "";
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  document.addEventListener("keydown", function (event) {
    var picker = event.target.closest && event.target.closest("[data-picker]");
    if (!picker) return;
    if (event.key === "ArrowDown") { event.preventDefault(); move(picker, 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(picker, -1); }
    else if (event.key === "Escape") { close(picker); picker.querySelector("[data-picker-input]").focus(); }
    else if (event.key === "Enter") {
      var list = options(picker);
      var target = event.target.classList.contains("sd-picker-option") ? event.target : list[0];
      if (target && (list.length === 1 || target === event.target)) {
        event.preventDefault();
        choose(target);
      } else if (event.target.matches("[data-picker-input]") && list.length) {
        event.preventDefault();  // several matches: choose one, do not submit the form
        list[0].focus();
      }
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var picker = event.target.closest && event.target.closest("[data-picker]");
    if (picker) {
      picker.querySelector("[data-picker-input]").setAttribute("aria-expanded",
        results(picker).children.length ? "true" : "false");
    }
  });

  // The query and the picker's parameters go with each request. Added here, not with
  // hx-vals="js:…": htmx evaluates that as code, which the Content-Security-Policy forbids.
  document.addEventListener("htmx:configRequest", function (event) {
    var input = event.detail.elt;
    if (!input.matches || !input.matches("[data-picker-input]")) return;
    var extra = params(input);
    event.detail.parameters.q = input.value;
    Object.keys(extra).forEach(function (k) { event.detail.parameters[k] = extra[k]; });
  });

  window.sdPicker = { params: params };
})();
