// Verbal Voyager: the teacher's exercise builder (templates/exercises/build*.html).
// Items move up and down, their numbers and positions follow; the live preview is refreshed;
// fields shown only for some exercise types. Everything also works without this file.
(function () {
  "use strict";

  // <div data-shown-when="kind=gap_fill">: shown only while the form's `kind` has that value.
  function toggleShown(root) {
    root.querySelectorAll("[data-shown-when]").forEach(function (block) {
      var rule = block.dataset.shownWhen.split("=");
      var form = block.closest("form");
      var field = form && form.elements[rule[0]];
      if (field) block.hidden = field.value !== rule[1];
    });
  }

  function items(form) {
    return Array.prototype.slice.call(form.querySelectorAll("#build-items > [data-build-item]"));
  }

  // Number the items 1, 2, 3 in the order they stand and write that into their position fields.
  function renumber(form) {
    items(form).forEach(function (item, index) {
      var number = item.querySelector("[data-build-number]");
      if (number) number.textContent = String(index + 1);
      var position = item.querySelector("input[name$='-ORDER']");
      if (position) position.value = String(index + 1);
    });
  }

  function refreshPreview() {
    document.body.dispatchEvent(new CustomEvent("buildChanged", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-build-move]");
    if (!button) return;
    var item = button.closest("[data-build-item]");
    var form = button.closest("form");
    if (!item || !form) return;
    var list = items(form);
    var index = list.indexOf(item);
    if (button.dataset.buildMove === "up" && index > 0) {
      list[index - 1].before(item);
    } else if (button.dataset.buildMove === "down" && index < list.length - 1) {
      list[index + 1].after(item);
    } else {
      return;
    }
    renumber(form);
    button.focus();
    refreshPreview();
  });

  document.addEventListener("change", function (event) {
    if (event.target.form && event.target.form.querySelector("[data-shown-when]")) {
      toggleShown(event.target.form);
    }
  });

  // The preview does not need the files: leave them out of its requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.matches || !elt.matches("[data-build-form]")) return;
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (name) {
      var value = params[name];
      if (value instanceof File || (Array.isArray(value) && value.some(function (v) { return v instanceof File; }))) {
        delete params[name];
      }
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    // A row added to the list or a row removed (its target is the row itself).
    var form = document.querySelector("[data-build-form]");
    var target = event.detail.target;
    if (form && target && target.matches && target.matches("#build-items, [data-build-item]")) {
      renumber(form);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    toggleShown(document);
  });
})();
