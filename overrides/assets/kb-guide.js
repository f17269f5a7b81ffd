/*
 * remedykb "Step by step" on remedy pages (issue 16): a guided mode for someone on the phone
 * with the helpdesk. It shows one cause at a time, simplest first (the record's order), its
 * steps as a checklist, and "This solved it" / "Next cause". The position lives in the URL
 * fragment, so a copied link opens the same cause with the same boxes ticked:
 *
 *   #guide               cause 1, nothing ticked
 *   #guide-2             cause 2
 *   #guide-2-done-1.3    cause 2, steps 1 and 3 ticked
 *   #guide-solved-2      solved by cause 2
 *
 * No server is needed (works from file:// and in the offline bundle). The normal page stays as
 * it is until the reader asks for guided mode; without scripts the button stays hidden. Page
 * text is copied with cloneNode/textContent, never as markup. UI strings come from the
 * template (data-* attributes on [data-kb-guide], from the language's catalogue).
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-guide]");
  if (!box) return;
  var start = box.querySelector("[data-kb-guide-start]");
  /* Each solution starts at #cause-N: its heading ("Cause N", "Solution N"), or, for the only
     solution of a page that names no cause, an empty marker. It may have a list of steps. */
  var causes = [];
  for (var n = 1, first; (first = document.getElementById("cause-" + n)); n++) {
    causes.push({ n: n, heading: first, kind: first.getAttribute("data-kind") || "cause",
                  list: document.querySelector("ol.kb-steps[data-cause='" + n + "']") });
  }
  if (!causes.length) return;
  var FRAGMENT = /^#guide(?:-(\d+)(?:-done-(\d+(?:\.\d+)*))?|-solved-(\d+))?$/;

  var hidden = [];  // the normal page's cause elements this mode hid
  var panel = null;
  var state = null;  // { cause: 1.., done: [step numbers], solved: bool }

  // The catalogue's guide_* strings and "steps" (assets/kb-strings.js, one file per language).
  function text(name) { return window.kbStrings[name === "steps" ? "steps" : "guide_" + name.replace(/-/g, "_")] || ""; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }
  function button(label, primary, action) {
    var b = el("button", "md-button" + (primary ? " md-button--primary" : ""), label);
    b.type = "button";
    b.setAttribute("data-kb-guide-action", action);
    return b;
  }

  /* A step's text: the item without the controls other scripts add to it (copy buttons). */
  function stepText(item) {
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("button, input, select, textarea, [role=status], .kb-step-share"),
      function (node) { node.parentNode.removeChild(node); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* What belongs to a solution on the normal page: from its start up to the next solution, or to
     the end of the section (the next h2, or the page's "last updated" line). */
  function partsOf(cause) {
    var parts = [];
    var next = causes[cause.n] ? causes[cause.n].heading : null;
    for (var node = cause.heading; node && node !== next; node = node.nextElementSibling) {
      if (node !== cause.heading && (node.tagName === "H2" || node.matches(".kb-updated"))) break;
      parts.push(node);
    }
    return parts;
  }

  /* A copy of the cause's own text and "Who must act", without ids (no duplicates) and shown
     (the original is hidden while the panel is open). */
  function clone(node) {
    var copy = node.cloneNode(true);
    copy.removeAttribute("id");
    copy.hidden = false;
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    return copy;
  }

  function parse(hash) {
    var m = FRAGMENT.exec(hash || "");
    if (!m) return null;
    var total = causes.length;
    var clamp = function (n) { return Math.min(Math.max(Number(n) || 1, 1), total); };
    if (m[3]) return { cause: clamp(m[3]), done: [], solved: true };
    var cause = clamp(m[1]);
    var list = causes[cause - 1].list;
    var count = list ? list.querySelectorAll(":scope > li").length : 0;
    var done = (m[2] ? m[2].split(".") : []).map(Number).filter(function (n, i, all) {
      return n >= 1 && n <= count && all.indexOf(n) === i;
    }).sort(function (a, b) { return a - b; });
    return { cause: cause, done: done, solved: false };
  }

  function fragment(s) {
    if (s.solved) return "#guide-solved-" + s.cause;
    if (s.cause === 1 && !s.done.length) return "#guide";
    return "#guide-" + s.cause + (s.done.length ? "-done-" + s.done.join(".") : "");
  }

  /* Put the position in the address bar without a new history entry or a jump. */
  function remember(hash) {
    var url = window.location.href.split("#")[0] + hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (err) {  // some file:// setups refuse history changes
      try { window.location.replace(hash || "#"); } catch (err2) { /* the position stays on screen only */ }
    }
  }

  function heading(id, content) {
    var h = el("h3", "kb-guide__heading", content);
    h.id = id;
    h.tabIndex = -1;
    return h;
  }

  function render() {
    var cause = causes[state.cause - 1];
    var total = causes.length;
    var kind = cause.kind;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var actions = el("div", "kb-guide__actions");
    if (state.solved) {
      panel.appendChild(heading("kb-guide-heading", text("solved-heading")));
      var said = { cause: "solved", solution: "solved-solution", single: "solved-plain" }[kind];
      var message = el("p", "kb-guide__solved", fill(text(said), { n: state.cause }));
      panel.appendChild(message);
      actions.appendChild(button(exitLabel(), true, "exit"));
      panel.appendChild(actions);
      return;
    }
    var title = kind === "single" ? window.kbStrings.solutions_plain
      : fill(text(kind === "solution" ? "heading_solution" : "heading"), { n: state.cause, total: total });
    panel.appendChild(heading("kb-guide-heading", title));
    var parts = partsOf(cause), at = parts.indexOf(cause.list);
    parts.forEach(function (node, i) {
      // the cause, the text and "Who must act" before the steps, the note after them; the "Steps"
      // label becomes the checklist's legend
      if (node.matches(".kb-text, .kb-responsible") && (at === -1 || i < at)) panel.appendChild(clone(node));
    });
    if (cause.list) panel.appendChild(checklist(cause));
    parts.forEach(function (node, i) {
      if (at !== -1 && i > at && node.matches(".kb-text")) panel.appendChild(clone(node));
    });
    actions.appendChild(button(text("solved-button"), true, "solved"));
    if (state.cause < total) actions.appendChild(button(text("next"), false, "next"));
    actions.appendChild(button(exitLabel(), false, "exit"));
    if (state.cause === total && kind !== "single") {
      panel.appendChild(el("p", "kb-guide__last", text(kind === "solution" ? "last-solution" : "last")));
    }
    panel.appendChild(actions);
  }

  /* "Show all causes", or, where the page names no cause, "Show the whole page". */
  function exitLabel() {
    return text(causes.some(function (c) { return c.kind === "cause"; }) ? "exit" : "exit-plain");
  }

  /* The steps of a solution as a checklist, ticked as the fragment says. */
  function checklist(cause) {
    var set = el("fieldset", "kb-guide__steps");
    set.appendChild(el("legend", null, text("steps")));
    var list = el("ol", "kb-guide__list");
    if (cause.list.hasAttribute("lang")) list.setAttribute("lang", cause.list.getAttribute("lang"));
    Array.prototype.forEach.call(cause.list.querySelectorAll(":scope > li"), function (item, i) {
      var number = i + 1;
      var id = "kb-guide-step-" + number;
      var li = el("li", "kb-guide__step");
      var check = el("input");
      check.type = "checkbox";
      check.id = id;
      check.value = String(number);
      check.checked = state.done.indexOf(number) !== -1;
      var label = el("label", null, stepText(item));
      label.htmlFor = id;
      li.appendChild(check);
      li.appendChild(label);
      list.appendChild(li);
    });
    set.appendChild(list);
    return set;
  }

  function enter(s, focus) {
    state = s;
    if (!panel) {
      panel = el("section", "kb-guide");
      panel.setAttribute("aria-labelledby", "kb-guide-heading");
      box.parentNode.insertBefore(panel, box.nextSibling);
      causes.forEach(function (c) {
        partsOf(c).forEach(function (node) {
          if (!node.hidden) { node.hidden = true; hidden.push(node); }
        });
      });
      box.hidden = true;
    }
    render();
    remember(fragment(state));
    if (focus) document.getElementById("kb-guide-heading").focus();
  }

  function leave(clear, focus) {
    if (!panel) return;
    panel.parentNode.removeChild(panel);
    panel = null;
    state = null;
    hidden.forEach(function (node) { node.hidden = false; });
    hidden = [];
    box.hidden = false;
    if (clear) remember("");
    if (focus) start.focus();
  }

  start.addEventListener("click", function () { enter(parse("#guide"), true); });
  box.parentNode.addEventListener("click", function (event) {
    var b = panel && event.target.closest("[data-kb-guide-action]");
    if (!b || !panel.contains(b)) return;
    var action = b.getAttribute("data-kb-guide-action");
    if (action === "next") enter({ cause: state.cause + 1, done: [], solved: false }, true);
    else if (action === "solved") enter({ cause: state.cause, done: [], solved: true }, true);
    else if (action === "exit") leave(true, true);
  });
  box.parentNode.addEventListener("change", function (event) {
    if (!panel || !panel.contains(event.target) || event.target.type !== "checkbox") return;
    state.done = Array.prototype.filter.call(panel.querySelectorAll("input[type=checkbox]"), function (c) {
      return c.checked;
    }).map(function (c) { return Number(c.value); });
    remember(fragment(state));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel && panel.contains(document.activeElement)) leave(true, true);
  });

  /* A guide fragment opens (or moves) guided mode; any other fragment (a link to a cause or a
     step, the table of contents) shows the whole page again so its target is visible. */
  function follow(focus) {
    var s = parse(window.location.hash);
    if (s) {
      if (!state || fragment(s) !== fragment(state)) enter(s, focus);
    } else if (panel) {
      leave(false, false);
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id && document.getElementById(id);
      if (target) target.scrollIntoView();  // it was hidden when the browser went to it
    }
  }
  box.hidden = false;
  follow(false);
  if (panel) panel.scrollIntoView({ block: "start" });  // a shared link opens at its position
  window.addEventListener("hashchange", function () { follow(true); });
})();
