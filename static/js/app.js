// Verbal Voyager: the few behaviours pages share. No build step, no framework.
(function () {
  "use strict";

  var TIME_ZONE_COOKIE = "vv_tz";

  function browserTimeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      return "";
    }
  }

  // Tell the server the browser's zone, for visitors who have not chosen one yet.
  function rememberTimeZone() {
    var zone = browserTimeZone();
    if (zone && document.cookie.indexOf(TIME_ZONE_COOKIE + "=" + zone) === -1) {
      document.cookie = TIME_ZONE_COOKIE + "=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;samesite=lax";
    }
  }

  // Time zone selects left empty are filled with the browser's zone.
  function guessTimeZones(root) {
    var zone = browserTimeZone();
    root.querySelectorAll("select[data-guess-time-zone]").forEach(function (select) {
      if (!select.value && zone && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  }

  function showMessages(items) {
    var region = document.getElementById("messages");
    if (!region) return;
    items.forEach(function (item) {
      var p = document.createElement("p");
      p.className = "message message-" + (item.tags || "info");
      p.textContent = item.text;
      region.appendChild(p);
      setTimeout(function () { p.remove(); }, 8000);
    });
  }

  function copyButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      if (button.dataset.copyReady) return;
      button.dataset.copyReady = "1";
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copy);
        if (!target) return;
        var text = target.value || target.textContent;
        var done = function () {
          var label = button.textContent;
          button.textContent = button.dataset.copiedLabel || label;
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done);
        } else {
          target.select && target.select();
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  function init(root) {
    guessTimeZones(root);
    copyButtons(root);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    rememberTimeZone();
    init(document);
    document.body.addEventListener("messages", function (event) {
      showMessages(event.detail.items || []);
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      init(event.detail.elt);
    });
  });
})();
