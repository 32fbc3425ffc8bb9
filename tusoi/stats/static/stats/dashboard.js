/* Statistics dashboard charts (Chart.js 4). The tables beside each chart carry the same figures, so
   without JavaScript nothing is lost; the chart boxes stay hidden until a chart is drawn in them.
   A suppressed count (null) is not drawn. */
(function () {
  "use strict";
  var source = document.getElementById("stats-charts");
  if (!source || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || "vi";
  var number = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : lang);
  var palette = ["#198754", "#ffc107", "#dc3545", "#0d6efd", "#6c757d"];
  var base = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + (c.raw === null ? "—" : number.format(c.raw)); } } } },
    scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: function (v) { return number.format(v); } } } }
  };

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    canvas.parentElement.hidden = false;
    new window.Chart(canvas, config);
  }

  function label(name) {
    return (data.labels || {})[name] || name;
  }

  var p = data.progress;
  if (p && p.labels.length) {
    draw("chart-progress", {
      data: {
        labels: p.labels,
        datasets: [
          { type: "bar", label: label("daily"), data: p.daily, backgroundColor: "#6ea8fe", yAxisID: "y1" },
          { type: "line", label: label("cumulative"), data: p.cumulative, borderColor: "#198754", pointRadius: 0, yAxisID: "y" },
          { type: "line", label: label("pace"), data: p.pace, borderColor: "#6c757d", borderDash: [6, 4], pointRadius: 0, yAxisID: "y" }
        ]
      },
      options: Object.assign({}, base, {
        scales: {
          y: base.scales.y,
          y1: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
        }
      })
    });
  }

  var s = data.sub_units;
  if (s && s.labels.length) {
    // One bar pair per sub-unit: the box grows with their number.
    document.getElementById("chart-sub-units").parentElement.style.height = Math.max(200, 60 + 26 * s.labels.length) + "px";
    draw("chart-sub-units", {
      type: "bar",
      data: {
        labels: s.labels,
        datasets: [
          { label: label("held"), data: s.held, backgroundColor: "#198754" },
          { label: label("submitted"), data: s.submitted, backgroundColor: "#0d6efd" }
        ]
      },
      options: Object.assign({}, base, { indexAxis: "y", scales: { x: { beginAtZero: true, max: 100 } } })
    });
  }

  var m = data.manifestations;
  if (m && m.labels.length) {
    draw("chart-manifestations", {
      type: "bar",
      data: {
        labels: m.labels,
        datasets: m.levels.map(function (name, i) {
          return { label: name, data: m.counts[i], backgroundColor: palette[(i + 1) % palette.length] };
        })
      },
      options: Object.assign({}, base, { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } })
    });
  }
})();
