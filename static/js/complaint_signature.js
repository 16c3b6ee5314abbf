// The customer signs the complaint's confirmation on the screen (complaints/confirm.html).
// A file of its own, not an inline script: the Content-Security-Policy allows no inline script.
(function () {
  var canvas = document.getElementById("signature-pad");
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
  document.getElementById("confirm-form").addEventListener("submit", function () {
    document.getElementById("id_signature").value = pad.isEmpty() ? "" : pad.toDataURL("image/png");
  });
})();
