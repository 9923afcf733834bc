// Verbal Voyager: the exercise player's behaviours. Every one works from data- attributes on
// server-rendered markup, and the form still works without this file (selects stand in).
(function () {
  "use strict";

  // --- Accent buttons: insert a letter at the cursor of the last focused text field. ---
  var lastField = null;

  function isTextField(el) {
    return el && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && (el.type === "text" || el.type === "search")));
  }

  document.addEventListener("focusin", function (event) {
    if (isTextField(event.target) && event.target.closest("[data-player]")) lastField = event.target;
  });

  function insertAtCursor(field, text) {
    var start = field.selectionStart == null ? field.value.length : field.selectionStart;
    var end = field.selectionEnd == null ? field.value.length : field.selectionEnd;
    field.value = field.value.slice(0, start) + text + field.value.slice(end);
    var caret = start + text.length;
    field.focus();
    try { field.setSelectionRange(caret, caret); } catch (e) { /* not every input has a caret */ }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function initAccents(root) {
    root.querySelectorAll("[data-accent]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      // Keep the focus in the text field when the button is pressed with a mouse or finger.
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function (event) {
        var player = button.closest("[data-player]");
        var field = lastField && document.body.contains(lastField) ? lastField : null;
        if (!field && player) field = player.querySelector("input[type=text], textarea");
        if (!field) return;
        var letter = button.dataset.accent;
        if (event.shiftKey) letter = letter.toUpperCase();  // Shift+click: the capital
        insertAtCursor(field, letter);
      });
    });
    root.querySelectorAll("[data-accent-bar]").forEach(function (bar) { bar.hidden = false; });
  }

  // --- Word bank: tap (or press) a word, then tap a gap. Tap a filled gap to empty it. ---
  function initWordBank(item) {
    if (item.dataset.ready) return;
    item.dataset.ready = "1";
    var bank = item.querySelector("[data-bank]");
    var selects = Array.prototype.slice.call(item.querySelectorAll("select[data-gap]"));
    if (!bank || !selects.length) return;
    var tiles = Array.prototype.slice.call(bank.querySelectorAll("button[data-word]"));
    var chosen = null;

    function choose(tile) {
      if (chosen) chosen.setAttribute("aria-pressed", "false");
      chosen = tile && tile !== chosen ? tile : null;
      if (chosen) chosen.setAttribute("aria-pressed", "true");
    }

    function slotOf(select) { return select.nextElementSibling; }

    function place(select, tile) {
      var slot = slotOf(select);
      if (slot.tile) { slot.tile.hidden = false; slot.tile = null; }
      var label = select.getAttribute("aria-label") || "";
      slot.setAttribute("aria-label", tile ? label + ": " + tile.dataset.word : label);
      if (tile) {
        select.value = tile.dataset.word;
        slot.tile = tile;
        tile.hidden = true;
        slot.textContent = tile.dataset.word;
        slot.classList.add("filled");
      } else {
        select.value = "";
        slot.textContent = slot.dataset.empty;
        slot.classList.remove("filled");
      }
    }

    selects.forEach(function (select) {
      var slot = document.createElement("button");
      slot.type = "button";
      slot.className = "gap-slot";
      slot.dataset.empty = "\u00a0".repeat(6);
      slot.setAttribute("aria-label", select.getAttribute("aria-label") || "");
      slot.textContent = slot.dataset.empty;
      select.after(slot);
      select.hidden = true;
      var value = select.value;
      if (value) {
        var tile = tiles.find(function (t) { return !t.hidden && t.dataset.word === value; });
        if (tile) place(select, tile);
      }
      slot.addEventListener("click", function () {
        if (chosen) {
          var tile = chosen;
          choose(null);
          place(select, tile);
        } else if (slot.tile) {
          var back = slot.tile;
          place(select, null);
          back.focus();
        }
      });
      slot.addEventListener("dragover", function (event) { event.preventDefault(); });
      slot.addEventListener("drop", function (event) {
        event.preventDefault();
        var id = event.dataTransfer.getData("text/plain");
        var tile = tiles.find(function (t) { return t.id === id; });
        if (tile) { choose(null); place(select, tile); }
      });
    });
    tiles.forEach(function (tile, n) {
      tile.id = tile.id || item.id + "-tile-" + n;
      tile.draggable = true;
      tile.addEventListener("click", function () { choose(tile); });
      tile.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("text/plain", tile.id);
      });
    });
    bank.hidden = false;
  }

  // --- Word order: tap tiles to build the sentence, tap a placed tile to take it back. ---
  function initWordOrder(item) {
    if (item.dataset.ready) return;
    item.dataset.ready = "1";
    var builder = item.querySelector("[data-builder]");
    var fallback = item.querySelector("[data-fallback]");
    if (!builder || !fallback) return;
    var sentence = builder.querySelector("[data-sentence]");
    var pool = builder.querySelector("[data-pool]");
    var selects = Array.prototype.slice.call(fallback.querySelectorAll("select"));

    function sync() {
      var placed = sentence.querySelectorAll("button");
      selects.forEach(function (select, n) {
        select.value = placed[n] ? placed[n].dataset.tile : "";
      });
    }

    function move(tile) {
      (tile.parentElement === pool ? sentence : pool).appendChild(tile);
      tile.focus();
      sync();
    }

    // Answers kept after checking are put back in their order.
    selects.forEach(function (select) {
      if (!select.value) return;
      var tile = Array.prototype.find.call(pool.querySelectorAll("button"), function (t) {
        return t.dataset.tile === select.value;
      });
      if (tile) sentence.appendChild(tile);
    });
    builder.querySelectorAll("button[data-tile]").forEach(function (tile) {
      tile.addEventListener("click", function () { move(tile); });
    });
    fallback.hidden = true;
    builder.hidden = false;
    sync();
  }

  // --- Recording an answer in the browser; the file input stays as the other way. ---
  function initRecorder(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("input[type=file]");
    if (!input || !window.MediaRecorder || !navigator.mediaDevices || !window.DataTransfer) return;
    var start = box.querySelector("[data-record-start]");
    var stop = box.querySelector("[data-record-stop]");
    var status = box.querySelector("[data-record-status]");
    var preview = box.querySelector("audio[data-record-preview]");
    var recorder = null;
    var chunks = [];
    box.querySelector("[data-recorder-controls]").hidden = false;

    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.addEventListener("dataavailable", function (event) { chunks.push(event.data); });
        recorder.addEventListener("stop", function () {
          stream.getTracks().forEach(function (track) { track.stop(); });
          var type = recorder.mimeType || "audio/webm";
          var extension = type.indexOf("mp4") !== -1 ? "m4a" : type.indexOf("ogg") !== -1 ? "ogg" : "webm";
          var file = new File(chunks, "recording." + extension, { type: type });
          var transfer = new DataTransfer();
          transfer.items.add(file);
          input.files = transfer.files;
          preview.src = URL.createObjectURL(file);
          preview.hidden = false;
          status.textContent = status.dataset.done;
          start.disabled = false;
          stop.disabled = true;
        });
        recorder.start();
        status.textContent = status.dataset.recording;
        start.disabled = true;
        stop.disabled = false;
        stop.focus();
      }).catch(function () {
        status.textContent = status.dataset.denied;
      });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    });
  }

  function init(root) {
    initAccents(root);
    root.querySelectorAll("[data-word-bank-item]").forEach(initWordBank);
    root.querySelectorAll("[data-word-order-item]").forEach(initWordOrder);
    root.querySelectorAll("[data-recorder]").forEach(initRecorder);
    var focus = root.querySelector && root.querySelector("[data-focus-on-load]");
    if (focus && root !== document) focus.focus();
  }

  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
