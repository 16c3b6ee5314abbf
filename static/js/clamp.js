/* Long texts (templates/_long_text.html) are clamped to a few lines; their button shows all of
   the text and clamps it again. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".sd-clamp-toggle");
    if (!button) return;
    var box = button.closest("[data-clamp]");
    var open = box.classList.toggle("sd-clamp-open");
    if (!button.dataset.more) button.dataset.more = button.textContent;
    button.textContent = open ? button.dataset.less : button.dataset.more;
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
