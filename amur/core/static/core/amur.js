// SPDX-License-Identifier: AGPL-3.0-or-later
// The page shell's behaviour. Kept in a file (no inline script) so a strict CSP holds.
(function () {
  "use strict";
  // Remember the visitor's time zone so the server can show times in it.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("amur_tz=" + zone) === -1) {
      document.cookie = "amur_tz=" + zone + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) { /* old browsers: the server's default zone is used */ }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.submit();
    }
  });

  // Below tablet width the navigation sits behind a menu button.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-toggle");
    if (!button) { return; }
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  });

  // Charts: any element with data-chart holding an ECharts option as JSON. The chart
  // library is loaded here when a page has a chart (its address is on this script's tag),
  // so no page can forget it and leave an empty box.
  var shell = document.currentScript;

  // The number of points along a chart's category axis (years, kinds …); null for maps,
  // scatter plots and pies, where one mark is a picture of its own.
  function pointCount(option) {
    var categories = [].concat(option.xAxis || []).filter(function (axis) {
      return axis.type === "category";
    });
    return categories.length ? (categories[0].data || []).length : null;
  }

  function drawCharts(root) {
    if (!root.querySelector || !root.querySelector("[data-chart]")) { return; }
    if (!window.echarts) { loadCharts(root); return; }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.chartDrawn) { return; }
      var source = document.getElementById(el.dataset.chart);
      if (!source) { return; }
      var option = JSON.parse(source.textContent);
      var points = pointCount(option);
      if (points !== null && points < 2 && document.body.dataset.onePoint) {
        // One point is no trend: say so, the table beside the chart holds the number.
        el.textContent = points ? document.body.dataset.onePoint : document.body.dataset.noPoint;
        el.classList.add("chart-note");
        el.dataset.chartDrawn = "note";
        return;
      }
      var chart = window.echarts.init(el);
      chart.setOption(option);
      el.dataset.chartDrawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function loadCharts(root) {
    var src = shell && shell.dataset.echarts;
    if (!src) { return; }
    var script = document.querySelector("script[data-chart-library]");
    if (!script) {
      script = document.createElement("script");
      script.src = src;
      script.dataset.chartLibrary = "1";
      document.head.appendChild(script);
    }
    script.addEventListener("load", function () { drawCharts(root); });
  }
  // Ticket scanning with the device camera where the browser can read QR codes itself
  // (BarcodeDetector); elsewhere the field takes a hand scanner's or a person's typing.
  function enableQrScan(root) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
    root.querySelectorAll("button[data-qr-scan]").forEach(function (button) {
      var input = document.getElementById(button.dataset.qrScan);
      if (!input || button.dataset.qrReady) { return; }
      button.dataset.qrReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        var video = document.createElement("video");
        video.setAttribute("playsinline", "");
        video.className = "qr-video";
        button.after(video);
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
          .then(function (stream) {
            video.srcObject = stream;
            video.play();
            var timer = window.setInterval(function () {
              detector.detect(video).then(function (codes) {
                if (!codes.length) { return; }
                window.clearInterval(timer);
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = codes[0].rawValue.split("/").filter(Boolean).pop();
                input.form.submit();
              });
            }, 300);
          })
          .catch(function () { video.remove(); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawCharts(document);
    enableQrScan(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { drawCharts(event.target); });
})();
