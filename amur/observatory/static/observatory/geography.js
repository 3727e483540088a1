// SPDX-FileCopyrightText: Amur contributors
// SPDX-License-Identifier: AGPL-3.0-or-later
// The schematic boundary map: register the divisions' and subjects' GeoJSON (in a json_script element),
// then draw the option, as core/amur.js draws every other chart.
(function () {
  "use strict";
  function draw() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-geo-chart]").forEach(function (el) {
      var shapes = document.getElementById(el.dataset.geo);
      var option = document.getElementById(el.dataset.geoChart);
      if (!shapes || !option || el.dataset.chartDrawn) { return; }
      window.echarts.registerMap("amur-region", JSON.parse(shapes.textContent));
      var chart = window.echarts.init(el);
      chart.setOption(JSON.parse(option.textContent));
      el.dataset.chartDrawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
