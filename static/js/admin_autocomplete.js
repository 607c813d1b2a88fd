/*
 * The admin's autocomplete fields (select2, for the long lists: organisaties, personen,
 * publicaties) named and built as assistive technology expects (WCAG 4.1.2, 1.3.1). Select2
 * 4.0 names its box only by the choice in it (nothing when empty), leaves the search field of
 * a multiple choice without a name, calls the shown choice a text box, and puts its "remove
 * all" button straight in a list. Each box gets the name of its field's label, followed by
 * the choice; the button goes in a list item of its own. Select2 redraws a box on every
 * change and a new inline row brings new boxes, so this watches the page and mends each
 * redraw. Without JavaScript the field is a plain select box with its label.
 */
(function () {
  "use strict";

  function labelId(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) {
      return null;
    }
    if (!label.id) {
      label.id = select.id + "_label";
    }
    return label.id;
  }

  function mend(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") {
      return;
    }
    var name = labelId(select);
    var box = container.querySelector(".select2-selection");
    var shown = container.querySelector(".select2-selection__rendered");
    if (!box || !shown || !name) {
      return;
    }
    if (box.classList.contains("select2-selection--single")) {
      shown.removeAttribute("role");
      shown.removeAttribute("aria-readonly");
      box.setAttribute("aria-labelledby", name + " " + shown.id);
    } else {
      box.setAttribute("aria-labelledby", name);
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        field.setAttribute("aria-labelledby", name);
      });
      shown.querySelectorAll(":scope > .select2-selection__clear").forEach(function (clear) {
        var item = document.createElement("li");
        item.className = "select2-selection__clear-item";
        shown.insertBefore(item, clear);
        item.appendChild(clear);
      });
    }
  }

  function mendAll() {
    document.querySelectorAll("select + .select2-container").forEach(mend);
  }

  // Mended at once, before the page is shown again; mending itself changes nothing twice.
  new MutationObserver(mendAll).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
  document.addEventListener("DOMContentLoaded", mendAll);
})();
