// The dictionary's entry page: the big "Listen" button plays the pronunciation beside it.
// Delegated from the document, so it also works after htmx swaps the audio block in.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-play-audio]");
    if (!button) return;
    var audio = document.getElementById(button.getAttribute("aria-controls"));
    if (!audio) return;
    event.preventDefault();
    audio.currentTime = 0;
    var playing = audio.play();
    if (playing && playing.catch) {
      playing.catch(function () {
        // The browser refused (no codec, file missing): the native controls stay usable.
        button.setAttribute("aria-disabled", "true");
      });
    }
  });
})();
