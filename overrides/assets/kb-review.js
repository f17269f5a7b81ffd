/*
 * remedykb review notice on remedy pages. Each page carries its review date (review_by, or
 * updated plus review_after_days of site.yaml) and a hidden notice in the page's language.
 * The notice is shown here, in the reader's browser, once the reader's local date is on or
 * after that date: it then appears without a rebuild, and a build of the same content stays
 * byte-identical whatever day it runs. Without scripts the notice stays hidden.
 */
(function () {
  "use strict";
  var notice = document.querySelector("[data-kb-notice=review-due][data-kb-review-by]");
  if (!notice) return;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  var now = new Date();  // local date, as YYYY-MM-DD: such strings compare like the dates
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  if (today >= notice.getAttribute("data-kb-review-by")) notice.removeAttribute("hidden");
})();
