/* Forms sent by htmx (the interaction's stage, close and escalate forms…) never fail silently.

   A form the server refuses comes back re-rendered with the reason under the field, what was
   typed and the record's current version (servicedesk.errors.submit): base.html's htmx-config
   tells htmx to swap those 400/409/422 answers in like any other, and the first field in error
   is brought into view here. Any other failure (no connection, 403, 404, 5xx) leaves the form
   as it is — nothing typed is lost — and says so at the top of the page. */
(function () {
  "use strict";

  function say(text) {
    var box = document.getElementById("sd-request-error");
    if (!box) return;
    box.querySelector("[data-text]").textContent = text;
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  function hide() {
    var box = document.getElementById("sd-request-error");
    if (box) box.hidden = true;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : "";
    say(document.body.dataset.sdRefused + (status ? " (HTTP " + status + ")" : ""));
  });

  document.addEventListener("htmx:sendError", function () {
    say(document.body.dataset.sdNotSent);
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 200;
    if (status < 400) { hide(); return; }
    var invalid = event.detail.target.querySelector(".is-invalid, .alert-danger");
    if (!invalid) return;
    invalid.scrollIntoView({ block: "center" });
    if (invalid.matches("input, select, textarea")) invalid.focus({ preventScroll: true });
  });
})();
