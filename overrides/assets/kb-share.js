/*
 * remedykb "Copy link" and "Copy for ticket" on remedy pages. The link is the short link
 * r/<id>: on the hosted address when site_url is set, else resolved from this page, so it
 * also works in the offline bundle. The ticket snippet is one line of Markdown.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-share]");
  if (!box) return;
  var status = box.querySelector("[role=status]");
  var base = box.getAttribute("data-base");
  var link = base ? base + "r/" + box.getAttribute("data-id")
    : new URL(box.getAttribute("data-short"), window.location.href).href;
  var label = box.getAttribute("data-label").replace(/([\\\[\]])/g, "\\$1");
  var texts = { link: link, ticket: "[" + label + "](" + link + ")" };
  var timer = null;

  function say(message, detail) {
    status.textContent = message;
    if (detail) status.appendChild(document.createElement("code")).textContent = " " + detail;
    clearTimeout(timer);
    if (!detail) timer = setTimeout(function () { status.textContent = ""; }, 4000);
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

  function copy(kind) {
    var text = texts[kind];
    var done = function () { say(box.getAttribute("data-copied")); };
    var failed = function () {
      if (fallback(text)) done(); else say(box.getAttribute("data-copy-failed"), text);
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, failed);
    else failed();
  }

  box.addEventListener("click", function (event) {
    var button = event.target.closest("[data-kb-copy]");
    if (button) copy(button.getAttribute("data-kb-copy"));
  });
  var printed = document.querySelector("[data-kb-print-url]");
  if (printed) printed.textContent = link;  // printouts name the remedy's address
  box.hidden = false;
})();
