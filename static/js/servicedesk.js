/* Small behaviours of every page, declared in the markup with data attributes instead of
   inline handlers (onclick=, javascript: links): the Content-Security-Policy allows no inline
   script. Loaded by base.html and by the pages that stand alone (the printable invoice).
   - data-print: a button that prints the page;
   - data-autosubmit: a select that submits its form when changed (the language switcher);
   - data-back: a link that goes back a page, following its href where there is no history. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-print], [data-back]");
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
    } else if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });
})();
