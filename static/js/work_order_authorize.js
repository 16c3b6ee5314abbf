// The customer's authorization of a work order, signed in person (vehicles/work_order_detail.html).
// A file of its own, not an inline script: the Content-Security-Policy allows no inline script.
(function () {
  var canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  var form = document.getElementById("authorize-form");
  var method = form.querySelector("[name='a-method']");
  var box = document.getElementById("signature-box");
  function resize() { var r = Math.max(window.devicePixelRatio || 1, 1); canvas.width = canvas.offsetWidth * r; canvas.height = 180 * r; canvas.getContext("2d").scale(r, r); pad.clear(); }
  var pad = new SignaturePad(canvas, {backgroundColor: "rgb(255,255,255)"});
  window.addEventListener("resize", resize); resize();
  function toggle() { box.style.display = method.value === "in_person" ? "" : "none"; }
  method.addEventListener("change", toggle); toggle();
  document.getElementById("signature-clear").addEventListener("click", function () { pad.clear(); });
  form.addEventListener("submit", function () {
    form.querySelector("[name='a-signature']").value = (method.value === "in_person" && !pad.isEmpty()) ? pad.toDataURL("image/png") : "";
  });
})();
