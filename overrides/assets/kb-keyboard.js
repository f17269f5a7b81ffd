/*
 * remedykb search, 5 of 6: the keyboard. The header box is a WAI-ARIA combobox: arrow keys move
 * through its listbox of results, Enter opens one, Escape closes the list and keeps focus in the
 * box. On the search page the arrow keys move focus through the result links. "/" focuses the
 * header box from anywhere, as on Material sites. The language menu is a disclosure: its button
 * opens it (Enter, Space or arrow down), the arrow keys move through it, Escape closes it.
 */
(function (kb) {
  "use strict";

  function each(items, callback) { Array.prototype.forEach.call(items, callback); }

  /* The header box over `list`, a listbox whose options each name a page (data-href); open(yes)
     shows or hides the list and open() tells whether it is shown. */
  function combobox(input, list, open, onEnterWithout) {
    var active = -1;
    function options() { return list.children; }
    function mark(i) {
      each(options(), function (option, j) { option.setAttribute("aria-selected", String(i === j)); });
      var chosen = options()[i];
      if (chosen) {
        input.setAttribute("aria-activedescendant", chosen.id);
        chosen.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
      active = chosen ? i : -1;
    }
    function expanded() { input.setAttribute("aria-expanded", String(open() && options().length > 0)); }
    function go(option) { window.location.href = option.querySelector("[data-href]").getAttribute("data-href"); }
    new MutationObserver(function () {
      each(options(), function (option, i) { option.id = list.id + "-" + i; });
      mark(active);
      expanded();
    }).observe(list, { childList: true });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) go(option);
    });
    input.addEventListener("input", function () { mark(-1); open(true); expanded(); });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        open(true);
        expanded();
        if (!all.length) return;
        var down = event.key === "ArrowDown";
        mark(active < 0 ? (down ? 0 : all.length - 1) : (active + (down ? 1 : -1) + all.length) % all.length);
      } else if (event.key === "Enter") {
        event.preventDefault();
        var target = all[active] || all[0];
        if (target) go(target); else onEnterWithout();
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (open()) {
          open(false);
          mark(-1);
          expanded();
        } else {
          input.value = "";
          input.dispatchEvent(new Event("input"));
        }
      }
    });
  }

  /* The search page: arrow down from the box to the first result, then up and down the links;
     Enter in the box opens the first result. */
  function resultLinks(input, list) {
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a[data-remedy-id]")); }
    input.addEventListener("keydown", function (event) {
      var all = links();
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[0].focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (all.length) window.location.href = all[0].href;
      }
    });
    list.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      event.preventDefault();
      var all = links();
      var next = all.indexOf(event.target.closest("a")) + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus(); else if (all[next]) all[next].focus();
    });
  }

  /* "/" focuses the header box, unless the reader is typing somewhere. */
  function slash(input) {
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      input.focus();
    });
  }

  /* The language menu (Material's .md-select) as a disclosure button; kb.css hides it when shut. */
  function languageMenu(select) {
    var button = select.querySelector("button");
    var links = select.querySelectorAll("a");
    function show(yes) {
      select.classList.toggle("kb-open", yes);
      button.setAttribute("aria-expanded", String(yes));
    }
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      show(!select.classList.contains("kb-open"));
      if (select.classList.contains("kb-open") && links.length) links[0].focus();
    });
    select.addEventListener("keydown", function (event) {
      var i = Array.prototype.indexOf.call(links, document.activeElement);
      if (event.key === "Escape") {
        show(false);
        button.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!select.classList.contains("kb-open")) show(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        links[i < 0 ? 0 : (i + step + links.length) % links.length].focus();
      }
    });
    select.addEventListener("focusout", function (event) {
      if (!select.contains(event.relatedTarget)) show(false);
    });
  }

  document.documentElement.classList.add("kb-keys");
  each(document.querySelectorAll(".md-header .md-select"), languageMenu);

  kb.combobox = combobox;
  kb.resultLinks = resultLinks;
  kb.slash = slash;
})(window.kbSearchParts = window.kbSearchParts || {});
