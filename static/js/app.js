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

  // Dialogs: links and forms with hx-target="#dialog-body" fill the one <dialog> of the page.
  function openDialog() {
    var dialog = document.getElementById("dialog");
    if (dialog && !dialog.open) dialog.showModal();
    var first = dialog && dialog.querySelector("input:not([type=hidden]), select, textarea, button");
    if (first) first.focus();
  }

  function closeDialog() {
    var dialog = document.getElementById("dialog");
    if (dialog && dialog.open) dialog.close();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-dialog]")) closeDialog();
    var dialog = document.getElementById("dialog");
    if (dialog && event.target === dialog) closeDialog();  // a click on the backdrop
  });

  // A field shown only while another field of its form has some other value:
  // <div data-hidden-when="measure=lessons_held">.
  function toggleDependentFields(root) {
    root.querySelectorAll("[data-hidden-when]").forEach(function (block) {
      var rule = block.dataset.hiddenWhen.split("=");
      var form = block.closest("form");
      var field = form && form.elements[rule[0]];
      if (field) block.hidden = field.value === rule[1];
    });
  }

  function init(root) {
    guessTimeZones(root);
    copyButtons(root);
    toggleDependentFields(root);
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
    // Timetable rows: "Remove" greys the row out; it goes when the form is saved.
    if (event.target.matches("[data-remove-row]")) {
      var row = event.target.closest("[data-slot-row]");
      if (row) row.classList.toggle("removed", event.target.checked);
    }
    if (event.target.form && event.target.form.querySelector("[data-hidden-when]")) {
      toggleDependentFields(event.target.form);
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
      if (event.detail.target && event.detail.target.id === "dialog-body") openDialog();
    });
    document.body.addEventListener("closeDialog", closeDialog);
  });
})();
