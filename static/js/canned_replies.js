/* A canned reply picked from the list (interactions/_canned_picker.html) is inserted into its
   text box where the cursor is, already filled in for this customer by the server; the text
   stays editable before it is saved. Placeholders left out (no value here) are named below. */
(function () {
  "use strict";
  function insert(box, text) {
    var start = box.selectionStart, end = box.selectionEnd;
    if (typeof start !== "number" || !box.value) {
      box.value = box.value ? box.value + "\n" + text : text;
    } else {
      box.value = box.value.slice(0, start) + text + box.value.slice(end);
      box.selectionStart = box.selectionEnd = start + text.length;
    }
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  }
  document.addEventListener("change", function (event) {
    var select = event.target;
    var picker = select.closest && select.closest("[data-canned-replies]");
    if (!picker || select.tagName !== "SELECT") return;
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) return;
    var box = document.getElementById(picker.dataset.target);
    if (!box) return;
    insert(box, option.dataset.text || "");
    var note = picker.querySelector("[data-canned-missing]");
    if (note) {
      var missing = option.dataset.missing || "";
      note.textContent = missing ? note.dataset.says + " " + missing : "";
      note.classList.toggle("d-none", !missing);
    }
    select.value = "";
  });
})();
