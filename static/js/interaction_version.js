/* The interaction page's forms all send the one current version (interactions/_version.html).

   An in-place answer (the stage form's, who the customer is) re-renders its own card with the
   version the server decided for it, and carries the interaction's current version out of band
   into #interaction-version; once the answer is swapped in, every form of the page outside that
   card takes it. So a form submitted right after another card's save does not hold the version
   from before it and is not refused as changed elsewhere. An answer that does not carry the
   version (escalating) changes no form's version. */
(function () {
  "use strict";

  var carried = null;

  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (event.target.id === "interaction-version") carried = event.target.value;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (carried === null) return;
    var version = carried;
    carried = null;
    var swapped = event.detail.target;
    document.querySelectorAll("form input[name=version]").forEach(function (input) {
      if (swapped && swapped.contains(input)) return;
      input.value = version;
      input.setAttribute("value", version);
    });
  });
})();
