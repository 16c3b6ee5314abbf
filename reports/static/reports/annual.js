// Draws the annual report's charts from the JSON the page embeds (#chart-data).
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var d = JSON.parse(source.textContent);
  var common = { responsive: true, maintainAspectRatio: false, animation: false };

  new Chart(document.getElementById("chart-trend"), {
    type: "line",
    data: {
      labels: d.months,
      datasets: [
        { label: d.csat_label, data: d.csat, yAxisID: "csat", borderColor: "#0d6efd", backgroundColor: "#0d6efd", spanGaps: true },
        { label: d.nps_label, data: d.nps, yAxisID: "nps", borderColor: "#dc3545", backgroundColor: "#dc3545", spanGaps: true }
      ]
    },
    options: Object.assign({}, common, {
      scales: {
        csat: { type: "linear", position: "left", min: 1, max: 5, title: { display: true, text: d.csat_label } },
        nps: { type: "linear", position: "right", min: -100, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: d.nps_label } }
      }
    })
  });

  function bars(id, labels, counts, color) {
    new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels: labels, datasets: [{ data: counts, backgroundColor: color }] },
      options: Object.assign({}, common, {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
      })
    });
  }
  bars("chart-categories", d.categories, d.category_counts, "#0d6efd");
  bars("chart-close", d.close_buckets, d.close_counts, "#6f42c1");
})();
