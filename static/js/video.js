// A video on YouTube or Vimeo: its player is loaded only when the visitor presses play, so
// opening the page tells those sites nothing. Without this script the placeholder keeps its
// link to the video on the site where it is.
(function () {
  "use strict";

  function play(placeholder) {
    const frame = document.createElement("iframe");
    frame.src = placeholder.dataset.src;
    frame.title = placeholder.dataset.title;
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    const area = placeholder.querySelector(".video-embed__frame");
    area.replaceChildren(frame);
    frame.focus();
  }

  document.querySelectorAll("[data-video-embed]").forEach((placeholder) => {
    const button = placeholder.querySelector(".video-embed__play");
    button.hidden = false;
    button.addEventListener("click", () => play(placeholder));
  });
})();
