/*
 * The leesbaarheidsindicatie under a text field (werkplaats.forms.LeesbaarheidWidget), renewed
 * while typing. The page already shows it for the text as it was loaded; this script asks the
 * endpoint in data-leesbaarheid again 600 ms after the last key, only for a text that changed,
 * one request at a time per field, and writes the answer into the field's two parts. The
 * one-line result sits in a polite live region and is replaced only when it changes, so a
 * screen reader hears it after a pause in typing, not on every key. Without this script the
 * indication is renewed when the form is saved or shown again.
 */
(function () {
  "use strict";

  var WAIT_MS = 600;
  var state = new WeakMap();

  function stateOf(box) {
    var s = state.get(box);
    if (!s) {
      s = { timer: null, busy: false, again: false, sent: null };
      state.set(box, s);
    }
    return s;
  }

  function fieldOf(box) {
    return box.querySelector("textarea, input");
  }

  function token(box) {
    var form = box.closest("form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function words(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function show(box, parts) {
    var result = box.querySelector(".leesbaarheid__uitslag");
    var details = box.querySelector(".leesbaarheid__details");
    var parsed = document.createElement("template");
    parsed.innerHTML = parts.uitslag;
    // The live region changes only when what it says changes: nothing to hear otherwise.
    if (words(parsed.content.textContent) !== words(result.textContent)) {
      result.innerHTML = parts.uitslag;
    }
    details.innerHTML = parts.details;
  }

  function showMessage(box, message) {
    var p = document.createElement("p");
    p.textContent = message;
    var wrapper = document.createElement("div");
    wrapper.appendChild(p);
    show(box, { uitslag: wrapper.innerHTML, details: "" });
  }

  function check(box) {
    var s = stateOf(box);
    var field = fieldOf(box);
    if (!field) {
      return;
    }
    var text = field.value;
    if (text === s.sent) {
      return;
    }
    if (s.busy) {
      s.again = true;
      return;
    }
    if (text.length > Number(box.dataset.leesbaarheidMax)) {
      s.sent = text;
      showMessage(box, box.dataset.leesbaarheidTeLang);
      return;
    }
    s.busy = true;
    s.sent = text;
    var body = new URLSearchParams();
    body.append("tekst", text);
    fetch(box.dataset.leesbaarheid, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(box), Accept: "application/json" },
      body: body,
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        if (typeof data.uitslag === "string" && typeof data.details === "string") {
          show(box, data);
        } else {
          s.sent = null; // ask again after the next pause
          showMessage(box, typeof data.fout === "string" ? data.fout : box.dataset.leesbaarheidFout);
        }
      })
      .catch(function () {
        s.sent = null;
        showMessage(box, box.dataset.leesbaarheidFout);
      })
      .finally(function () {
        s.busy = false;
        if (s.again) {
          s.again = false;
          schedule(box);
        }
      });
  }

  function schedule(box) {
    var s = stateOf(box);
    clearTimeout(s.timer);
    s.timer = setTimeout(function () {
      check(box);
    }, WAIT_MS);
  }

  // One listener for the whole page, so rows that the admin adds to an inline count as well.
  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-leesbaarheid]");
    if (box && event.target === fieldOf(box)) {
      schedule(box);
    }
  });
})();
