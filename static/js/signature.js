// A signature drawn on the screen: the complaint's confirmation (complaints/confirm.html) and the
// customer's pages on their link (portal/inspection.html, portal/authorize.html). The pad is
// the canvas #signature-pad; its form gets the PNG in #id_signature on submit.
// A file of its own, not an inline script: the Content-Security-Policy allows no inline script.
(function () {
  var canvas = document.getElementById("signature-pad");
  if (!canvas) return;
  var pad = new SignaturePad(canvas, {backgroundColor: "rgba(255,255,255,0)"});
  function resize() {
    // A tablet turned, or its keyboard closing, resizes the page: keep what was signed
    // (resizing a canvas wipes it, and the form would go without the signature).
    var strokes = pad.toData();
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    pad.fromData(strokes);
  }
  window.addEventListener("resize", resize);
  resize();
  document.getElementById("clear-signature").addEventListener("click", function () { pad.clear(); });
  canvas.closest("form").addEventListener("submit", function () {
    document.getElementById("id_signature").value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
  });
})();
