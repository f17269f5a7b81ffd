/*
 * remedykb links into a remedy page. "Copy link" and "Copy for ticket" for the remedy and for
 * each step: the link is the short link r/<id> (with #<step> for a step), on the hosted
 * address when site_url is set, else resolved from this page, so it also works in the offline
 * bundle; the ticket snippet is one line of Markdown. A link that arrives at a step scrolls to
 * it, marks it and moves focus there; the language switch keeps the position (#fragment).
 */
(function () {
  "use strict";

  function say(status, message, detail) {
    status.textContent = message;
    if (detail) status.appendChild(document.createElement("code")).textContent = " " + detail;
    clearTimeout(status.kbTimer);
    if (!detail) status.kbTimer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function fallback(text) {  // for browsers or pages without the asynchronous clipboard
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  var strings = window.kbStrings;  // assets/kb-strings.js: this language's interface texts

  function copy(text, status) {
    var done = function () { say(status, strings.copied); };
    var failed = function () {
      if (fallback(text)) done(); else say(status, strings.copy_failed, text);
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, failed);
    else failed();
  }

  function button(kind, label, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    b.setAttribute("aria-label", name);
    b.setAttribute("data-kb-copy", kind);
    return b;
  }

  /* Two copy buttons and a status line for one step: the n-th item of a cause's list of steps. */
  function stepShare(step, n, link, label) {
    var cause = step.parentNode.getAttribute("data-cause");
    var kind = step.parentNode.getAttribute("data-kind");  // none: a cause; "solution"; "single"
    var where = strings["step_label" + (kind ? "_" + kind : "")].replace("{cause}", cause).replace("{step}", String(n));
    var href = link + "#" + step.id;
    var texts = { link: href, ticket: "[" + label + " (" + where + ")](" + href + ")" };
    var group = document.createElement("span");
    group.className = "kb-step-share";
    var status = document.createElement("span");
    status.className = "kb-share__status";
    status.setAttribute("role", "status");
    group.appendChild(button("link", strings.copy_link, strings.copy_link + ": " + where));
    group.appendChild(button("ticket", strings.copy_ticket, strings.copy_ticket + ": " + where));
    group.appendChild(status);
    group.addEventListener("click", function (event) {
      var b = event.target.closest("[data-kb-copy]");
      if (b) copy(texts[b.getAttribute("data-kb-copy")], status);
    });
    step.appendChild(group);
  }

  /* The step a fragment names (its own id, or its place for a pinned step), marked and focused. */
  function arrive() {
    var previous = document.querySelector(".kb-step--target");
    if (previous) previous.classList.remove("kb-step--target");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var step = target && target.closest(".kb-steps > li");
    if (!step) return;
    step.classList.add("kb-step--target");
    step.tabIndex = -1;
    step.focus({ preventScroll: true });
    step.scrollIntoView({ block: "center" });
  }

  /* Links to this page in another language carry the fragment as it is when followed (a step, a
     guided position), so the reader stays where they are. */
  function keepFragment(event) {
    var a = event.target.closest && event.target.closest("a[hreflang]");
    var href = a ? a.getAttribute("href").split("#")[0] : "";
    if (/\.html$/.test(href)) a.setAttribute("href", href + window.location.hash);
  }

  var box = document.querySelector("[data-kb-share]");
  if (box) {
    var status = box.querySelector("[role=status]");
    var base = box.getAttribute("data-base");
    var link = base ? base + "r/" + box.getAttribute("data-id")
      : new URL(box.getAttribute("data-short"), window.location.href).href;
    var label = box.getAttribute("data-label").replace(/([\\\[\]])/g, "\\$1");
    var texts = { link: link, ticket: "[" + label + "](" + link + ")" };
    box.addEventListener("click", function (event) {
      var b = event.target.closest("[data-kb-copy]");
      if (b) copy(texts[b.getAttribute("data-kb-copy")], status);
    });
    document.querySelectorAll(".kb-steps").forEach(function (list) {
      Array.prototype.forEach.call(list.children, function (step, i) { stepShare(step, i + 1, link, label); });
    });
    var printed = document.querySelector("[data-kb-print-url]");
    if (printed) printed.textContent = link;  // printouts name the remedy's address
    box.hidden = false;
  }
  ["click", "auxclick", "contextmenu", "mouseover", "focusin"].forEach(function (kind) { document.addEventListener(kind, keepFragment, true); });
  arrive();
  window.addEventListener("hashchange", arrive);
})();
