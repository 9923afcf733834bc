// Review flashcards: keys 1-4 press the grade buttons (or le/la), Space shows the answer.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var card = document.querySelector("[data-review]");
    if (!card) return;
    var key = event.key === " " ? "space" : event.key;
    var button = card.querySelector('[data-review-key="' + key + '"]');
    if (!button) return;
    event.preventDefault();
    button.click();
  });

  // After htmx swaps in the next card, focus what autofocus marks.
  document.addEventListener("htmx:afterSwap", function () {
    var card = document.querySelector("[data-review]");
    if (!card) return;
    var focus = card.querySelector("[autofocus]");
    if (focus) focus.focus();
  });
})();
