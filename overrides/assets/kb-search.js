/*
 * remedykb search, 6 of 6: the interface. The header box and the search page, results built
 * with DOM nodes and textContent only: queries and content stay text. kb-analyzer.js,
 * kb-index.js, kb-query.js, kb-ranking.js and kb-keyboard.js come first and leave their parts on window.kbSearchParts.
 */
(function (kb) {
  "use strict";

  var HEADER_LIMIT = 8;
  var PAGE_SIZE = 25;  // the search page shows this many more at a time
  var SUGGESTIONS = 3;
  var FIRST_RESULTS = 6;  // shown first: one wave of requests (browsers open 6 connections per host)

  /* Text with the words that match the query wrapped in <mark>. */
  function highlight(text, engine, planned) {
    var exact = Object.create(null);
    var prefixes = [];
    planned.words.forEach(function (w) {
      w.alternatives.forEach(function (alt) { alt[0].forEach(function (t) { exact[t] = true; }); });
      if (w.prefix) prefixes.push(w.prefix);
    });
    planned.extra.forEach(function (t) { exact[t] = true; });
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (piece) {
      var terms = /\S/.test(piece) ? engine.analyzer.terms(piece).concat(kb.parts(piece.toLowerCase())) : [];
      var hit = terms.some(function (t) {
        return exact[t] || prefixes.some(function (p) { return t.indexOf(p) === 0; });
      });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = piece;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    return fragment;
  }

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* One result: a link, or in a listbox (the header's) an option that holds no link, since an
     option's content is not announced as controls; kb-keyboard.js opens its data-href. */
  function resultItem(root, engine, plan, ref, option) {
    var doc = kb.doc(engine, ref);
    var meta = el("p", "kb-result__meta", [doc.area]);
    doc.codes.forEach(function (code) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("code", null, [highlight(code, engine, plan)]));
    });
    var link = el(option ? "div" : "a", "md-search-result__link kb-result", [
      el("article", "md-search-result__article md-typeset", [
        el("h1", null, [highlight(doc.title, engine, plan)]),
        meta,
        el("p", "kb-result__summary", [])
      ])
    ]);
    var href = root + "/" + engine.page.replace("{id}", doc.id);
    if (option) link.setAttribute("data-href", href); else link.href = href;
    link.setAttribute("data-remedy-id", doc.id);
    var item = el("li", "md-search-result__item", [link]);
    if (option) item.setAttribute("role", "option");
    return item;
  }

  /* The summaries of results shown with their titles only, once their shards are there. */
  function snippets(engine, plan, items, refs) {
    refs.forEach(function (ref, i) {
      var summary = items[i].querySelector(".kb-result__summary");
      var text = kb.doc(engine, ref).summary;
      if (text !== undefined && !summary.firstChild) summary.appendChild(highlight(text, engine, plan));
    });
  }

  function count(config, n) {
    var forms = config.strings.results;
    var form = new Intl.PluralRules(document.documentElement.lang).select(n);
    return (forms[form] || forms.other).replace("{n}", String(n));
  }

  /* Fill a result list with the first `limit` results and a way to show more: titles as soon as
     the first results are settled, snippets after, then the rest once every result is known. A
     query typed meanwhile wins. */
  var latest = new WeakMap();  // list -> the query it should show
  function show(root, config, engine, text, list, meta, limit, more) {
    latest.set(list, text);
    var listbox = list.getAttribute("role") === "listbox";
    function current() { return latest.get(list) === text; }
    kb.search(engine, text, function (found) {
      if (!current()) return;
      var refs = found.refs;
      var shown = 0;
      function grow(count, then) {
        var next = refs.slice(shown, shown + count);
        kb.need(root, kb.docShards(engine, next), function () {
          if (!current()) return;
          if (!shown) list.textContent = "";  // the old results stay until the new ones are ready
          var items = next.map(function (ref) { return list.appendChild(resultItem(root, engine, found.plan, ref, listbox)); });
          shown += next.length;
          if (shown && !performance.getEntriesByName("kb-search-first-result").length) {
            performance.mark("kb-search-first-result");  // read by bench/: time to first result
          }
          kb.need(root, kb.docShards(engine, next, "s"), function () { snippets(engine, found.plan, items, next); });
          then();
        });
      }
      function settled() {
        if (more) more.hidden = shown >= refs.length;
        meta.textContent = !text.trim() ? config.strings.hint
          : refs.length ? count(config, refs.length) : config.strings.none;
        if (text.trim() && !refs.length) meta.appendChild(noDeadEnd(root, config, engine, found.plan, text));
        meta.setAttribute("data-kb-query", text);  // which query the list shows, for scripts and tests
      }
      function all(complete) {
        refs = complete.refs;
        grow(Math.max(limit - shown, 0), settled);
        if (more) more.onclick = function () { grow(limit, settled); };
      }
      grow(Math.min(limit, FIRST_RESULTS), function () {
        if (found.complete) all(found); else found.rest(function (complete) { if (current()) all(complete); });
      });
    }, Math.min(limit, FIRST_RESULTS));
  }

  /* When nothing matches: queries with the nearest words the pages use, and the same query in the
     other languages. */
  function noDeadEnd(root, config, engine, planned, text) {
    var box = el("span", "kb-search-suggest", []);
    var words = suggestions(engine, planned, text);
    if (words.length) {
      box.appendChild(document.createTextNode(" " + config.strings.suggest + " "));
      words.forEach(function (query, i) {
        if (i) box.appendChild(document.createTextNode(", "));
        box.appendChild(link(root + "/search.html?q=" + encodeURIComponent(query), query, "suggestion"));
      });
      box.appendChild(document.createTextNode("."));
    }
    config.others.forEach(function (other) {
      var a = link(root + "/../" + other.code + "/search.html?q=" + encodeURIComponent(text), other.label, "language");
      a.hreflang = other.code;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(a);
    });
    return box;
  }

  function link(href, text, kind) {
    var a = el("a", null, [text]);
    a.href = href;
    a.setAttribute("data-kb-" + kind, "");
    return a;
  }

  /* The query with one word replaced by the nearest word the pages' titles and summaries use. */
  function suggestions(engine, planned, text) {
    var out = [];
    planned.words.forEach(function (w) {
      if (!w.counted || w.raw.length < 3) return;
      var surface = kb.lexicon(w.raw[0]).surface;  // loaded for the query: its first character's shard
      var limit = Math.max(2, Math.floor(w.raw.length / 3));  // looser than typos: nothing matched them
      var near = [];
      Object.keys(surface).forEach(function (word) {
        var d = kb.distance(w.raw, word, limit);
        if (d <= limit && d > 0) near.push([d, word]);
      });
      near.sort(function (x, y) { return x[0] - y[0] || (x[1] < y[1] ? -1 : 1); });
      near.slice(0, SUGGESTIONS).forEach(function (n) { out.push(text.toLowerCase().split(w.raw).join(n[1])); });
    });
    return out.filter(function (q, i) { return out.indexOf(q) === i; }).slice(0, SUGGESTIONS);
  }

  function setupHeader(root, config) {
    var form = document.querySelector("form[data-kb-search]");
    if (!form) return;
    var input = form.querySelector("input");
    var box = form.closest(".md-search");
    var list = box.querySelector(".md-search-result__list");
    var meta = box.querySelector(".md-search-result__meta");
    var toggle = document.getElementById("__search");
    function update() {
      kb.load(root, config, function (engine) {
        show(root, config, engine, input.value, list, meta, HEADER_LIMIT, null);
      });
    }
    function open(yes) {
      if (toggle && yes !== undefined) toggle.checked = yes;
      return toggle ? toggle.checked : true;
    }
    input.addEventListener("focus", function () { open(true); update(); });
    input.addEventListener("input", update);
    kb.combobox(input, list, open, function () { form.submit(); });
    kb.slash(input);
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }

  function setupPage(root, config) {
    var page = document.querySelector("[data-kb-search-page]");
    if (!page) return;
    var input = page.querySelector("input");
    var list = page.querySelector("ol");
    var meta = page.querySelector("[data-kb-search-meta]");
    var more = page.querySelector("[data-kb-search-more]");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    if (input.value) kb.warm(root, input.value);
    function update() {
      kb.load(root, config, function (engine) {
        show(root, config, engine, input.value, list, meta, PAGE_SIZE, more);
        try {  // keep the address shareable: ?q= follows the box
          var url = new URL(window.location.href);
          url.searchParams.set("q", input.value);
          history.replaceState(null, "", url.toString());
        } catch (err) { /* some file:// setups refuse history changes */ }
      });
    }
    input.addEventListener("input", update);
    kb.resultLinks(input, list);
    update();
  }

  var holder = document.getElementById("kb-search-config");
  var config = JSON.parse(holder.textContent);
  var root = holder.getAttribute("data-root");
  document.documentElement.classList.add("kb-search-ready");
  // For tests and integrations: the analyzer, the query plan and the results of this page's language.
  window.kbSearch = {
    Analyzer: function (namespace, separable) { return new kb.Analyzer(kb.resolve(namespace), [], [], separable); },
    ready: function (callback) { kb.load(root, config, callback); },
    plan: function (text, callback) {
      kb.load(root, config, function (engine) {
        kb.need(root, kb.lexicons(engine, text), function () { callback(kb.plan(engine, text)); });
      });
    },
    search: function (text, callback) {
      kb.load(root, config, function (engine) {
        kb.search(engine, text, function complete(found) {
          if (!found.complete) return found.rest(complete);
          kb.need(root, kb.docShards(engine, found.refs), function () {
            callback(found.refs.map(function (ref) { return kb.doc(engine, ref).id; }));
          });
        });
      });
    }
  };
  setupHeader(root, config);
  setupPage(root, config);
})(window.kbSearchParts);
