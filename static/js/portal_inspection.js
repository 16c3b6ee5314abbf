// The customer's inspection page (portal/inspection.html): the new total follows the choices,
// approved jobs added to the work order's total. The server computes the same on submit.
(function () {
  var form = document.getElementById("inspection-form");
  var shown = document.getElementById("new-total");
  if (!form || !shown) return;
  var base = Number(document.getElementById("current-total").dataset.total);
  function update() {
    var cents = Math.round(base * 100);
    form.querySelectorAll("input[type=radio][value=approved]:checked").forEach(function (r) {
      cents += Math.round(Number(r.dataset.price) * 100);
    });
    shown.textContent = (cents / 100).toFixed(2);
  }
  form.addEventListener("change", update);
  update();
})();
