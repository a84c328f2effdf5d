// tendlc portal: small enhancements on top of forms that work without JavaScript.
(function () {
  "use strict";

  // Live compliance check and carrier terms on the create-campaign form.
  function liveCheck(form) {
    var url = form.getAttribute("data-live");
    var target = document.getElementById("live-check");
    if (!url || !target) { return; }
    var timer = null;
    var sequence = 0;
    function run() {
      var mine = ++sequence;
      var data = new FormData(form);
      data.delete("action");
      var token = data.get("csrf_token") || "";
      fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRF-Token": token } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          if (body && mine === sequence) {
            target.innerHTML = body.html;
            target.setAttribute("data-checked", String(mine));
          }
        })
        .catch(function () { /* the plain "Check" button still works */ });
    }
    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(run, 350);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  // A job's progress bar: reload its status until it is finished.
  function followJob(el) {
    var url = el.getAttribute("data-follow");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          var bar = el.querySelector("progress");
          var text = el.querySelector("[data-progress-text]");
          if (bar) { bar.max = job.total || 1; bar.value = job.done || 0; }
          if (text) { text.textContent = job.text || ""; }
          if (!job.finished) { setTimeout(poll, 700); return; }
          el.setAttribute("data-finished", "true");
          if (el.getAttribute("data-reload-when-done")) { window.location.reload(); }
        });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-live]");
    for (var i = 0; i < forms.length; i++) { liveCheck(forms[i]); }
    var jobs = document.querySelectorAll("[data-follow]");
    for (var j = 0; j < jobs.length; j++) { followJob(jobs[j]); }
  });
})();
