// The network picture: highlight a node's neighbours (hover, focus, click), show its details,
// and filter without reloading. The picture itself is drawn by the server; without this
// script every node is a plain link and the filter form reloads the page.
(function () {
  "use strict";

  function setUp(svg) {
    const nodes = new Map();
    svg.querySelectorAll(".node").forEach((node) => nodes.set(node.dataset.id, node));
    const edges = Array.from(svg.querySelectorAll(".edge"));
    const neighbours = new Map();
    nodes.forEach((_node, id) => neighbours.set(id, new Set()));
    edges.forEach((edge) => {
      const { source, target } = edge.dataset;
      if (neighbours.has(source) && neighbours.has(target)) {
        neighbours.get(source).add(target);
        neighbours.get(target).add(source);
      }
    });
    const details = document.querySelector("[data-netwerk-details]");
    const kindLabels = new Map();
    document.querySelectorAll("[data-netwerk-filters] input[name=soort]").forEach((input) => {
      kindLabels.set(input.value, input.labels[0] ? input.labels[0].textContent.trim() : input.value);
    });
    const emptyDetails = details ? Array.from(details.childNodes, (child) => child.cloneNode(true)) : [];
    let selected = null;

    function highlight(id) {
      svg.classList.toggle("is-highlighting", Boolean(id));
      const near = id ? neighbours.get(id) : new Set();
      nodes.forEach((node, key) => {
        node.classList.toggle("is-active", key === id);
        node.classList.toggle("is-near", near.has(key));
      });
      edges.forEach((edge) => {
        edge.classList.toggle(
          "is-near",
          Boolean(id) && (edge.dataset.source === id || edge.dataset.target === id)
        );
      });
    }

    function label(node) {
      return node.getAttribute("aria-label").replace(/^[^:]*:\s*/, "");
    }

    function showDetails(id) {
      if (!details) {
        return;
      }
      const node = nodes.get(id);
      const heading = document.createElement("h3");
      heading.textContent = label(node);
      const kind = document.createElement("p");
      kind.className = "meta";
      kind.textContent = kindLabels.get(node.dataset.kind) || node.dataset.kind;
      const open = document.createElement("p");
      const link = document.createElement("a");
      link.href = node.getAttribute("href");
      link.textContent = details.dataset.naar + " " + label(node);
      open.append(link);
      const list = document.createElement("ul");
      list.className = "plain-list";
      Array.from(neighbours.get(id))
        .map((key) => nodes.get(key))
        .filter((other) => !other.classList.contains("is-hidden"))
        .sort((a, b) => label(a).localeCompare(label(b), "nl"))
        .forEach((other) => {
          const item = document.createElement("li");
          const otherLink = document.createElement("a");
          otherLink.href = other.getAttribute("href");
          otherLink.textContent = label(other);
          item.append(otherLink, " (" + (kindLabels.get(other.dataset.kind) || "").toLowerCase() + ")");
          list.append(item);
        });
      const intro = document.createElement("p");
      intro.textContent = list.children.length
        ? details.dataset.verbonden + " " + list.children.length + ":"
        : details.dataset.geen;
      details.replaceChildren(heading, kind, open, intro, list);
    }

    function select(id) {
      selected = id;
      highlight(id);
      if (id) {
        showDetails(id);
      } else if (details) {
        details.replaceChildren(...emptyDetails.map((child) => child.cloneNode(true)));
      }
    }

    nodes.forEach((node, id) => {
      node.addEventListener("mouseenter", () => highlight(id));
      node.addEventListener("mouseleave", () => highlight(selected));
      node.addEventListener("focus", () => highlight(id));
      node.addEventListener("blur", () => highlight(selected));
      node.addEventListener("click", (event) => {
        // The first click or Enter chooses a node and shows its details; doing it again
        // follows its link.
        if (selected !== id) {
          event.preventDefault();
          select(id);
        }
      });
    });
    svg.addEventListener("click", (event) => {
      if (!event.target.closest(".node")) {
        select(null);
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && selected) {
        select(null);
      }
    });

    const form = document.querySelector("[data-netwerk-filters]");
    if (!form) {
      return;
    }
    function applyFilters() {
      const data = new FormData(form);
      const voorwaarde = data.get("voorwaarde");
      const thema = data.get("thema");
      const kinds = new Set(data.getAll("soort"));
      nodes.forEach((node) => {
        // As netwerk/graph.py matches(): one of the node's leerateliers has both.
        const visible =
          (!kinds.size || kinds.has(node.dataset.kind)) &&
          node.dataset.profiles.split(";").some((profile) => {
            const [voorwaarden, themas] = profile.split("|").map((part) => part.split(" "));
            return (!voorwaarde || voorwaarden.includes(voorwaarde)) && (!thema || themas.includes(thema));
          });
        node.classList.toggle("is-hidden", !visible);
        if (visible) {
          node.removeAttribute("tabindex");
          node.removeAttribute("aria-hidden");
        } else {
          node.setAttribute("tabindex", "-1");
          node.setAttribute("aria-hidden", "true");
        }
      });
      edges.forEach((edge) => {
        const shown = [edge.dataset.source, edge.dataset.target].every(
          (key) => nodes.has(key) && !nodes.get(key).classList.contains("is-hidden")
        );
        edge.classList.toggle("is-hidden", !shown);
      });
      const query = new URLSearchParams(data);
      for (const [key, value] of Array.from(query.entries())) {
        if (!value) {
          query.delete(key, value);
        }
      }
      const search = query.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      if (selected && nodes.get(selected).classList.contains("is-hidden")) {
        select(null);
      } else if (selected) {
        showDetails(selected);
      }
    }
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      applyFilters();
    });
  }

  function start() {
    document.querySelectorAll(".netwerk-svg[data-netwerk-interactive]").forEach(setUp);
    document.documentElement.dataset.netwerk = "ready";
    if (window.performance && performance.mark) {
      performance.mark("netwerk-ready");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
