/*
 * remedykb search: a lunr index prebuilt in Python (generator/search.py), loaded with
 * lunr.Index.load. The analyzer below mirrors generator/search.py step for step; the
 * tests compare both sides in Chromium. No fetch and no worker, so it runs from disk too.
 * Results are built with DOM nodes and textContent only: queries and content stay text.
 */
(function () {
  "use strict";

  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var SPLIT = /[^\p{L}\p{N}]+/u;
  var DIGIT = /[0-9]/;
  var PREFIX_BOOST = 0.5;
  var MIN_PREFIX = 2;
  var HEADER_LIMIT = 8;
  var PAGE_SIZE = 25;  // the search page shows this many more at a time
  var NO_METADATA = Object.freeze({});  // lunr only reads posting metadata; one object serves all

  function parts(chunk) {
    return chunk.replace(EDGE, "").split(SPLIT).filter(Boolean);
  }

  /* Text -> index terms, as Analyzer.terms in generator/search.py. */
  function Analyzer(namespace) {
    var stemmer = namespace.stemmer;
    var stop = namespace.stopWordFilter;
    var cache = Object.create(null);
    this.word = function (word) {
      if (DIGIT.test(word)) return word;
      if (!(word in cache)) cache[word] = stemmer(new lunr.Token(word)).toString();
      return cache[word];
    };
    this.isStopWord = function (word) {
      return !stop(new lunr.Token(word));
    };
  }

  Analyzer.prototype.terms = function (text) {
    var out = [];
    var chunks = text.toLowerCase().split(/\s+/);
    for (var i = 0; i < chunks.length; i++) {
      var core = chunks[i].replace(EDGE, "");
      var ps = core.split(SPLIT).filter(Boolean);
      if (ps.length > 1) out.push(core);
      for (var j = 0; j < ps.length; j++) {
        if (!this.isStopWord(ps[j])) out.push(this.word(ps[j]));
      }
    }
    return out;
  };

  /* [{term, prefix}] of a query, as clauses() in generator/search.py. */
  Analyzer.prototype.clauses = function (text) {
    var seen = Object.create(null);
    var out = [];
    this.terms(text).forEach(function (term) {
      if (!seen[term]) { seen[term] = true; out.push({ term: term, prefix: false }); }
    });
    var words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && !/\s$/.test(text)) {
      var last = parts(words[words.length - 1]);
      var tail = last[last.length - 1];
      if (tail && tail.length >= MIN_PREFIX) out.push({ term: tail, prefix: true });
    }
    return out;
  };

  /* The compact index of generator/search.py compact(), in the form lunr.Index.load takes.
     lunr only ever reads posting[field][ref], so each posting builds a field's map of refs
     on first use: a query touches a few terms, and the page need not build them all. */
  function expand(small) {
    var fields = small.fields;
    function Posting(entry) { this._index = entry[1]; this._entry = entry; this._maps = {}; }
    fields.forEach(function (name, number) {
      Object.defineProperty(Posting.prototype, name, {
        get: function () {
          var map = this._maps[name];
          if (!map) {
            map = this._maps[name] = {};
            for (var i = 2; i < this._entry.length; i++) {
              if (this._entry[i][0] !== number) continue;
              for (var j = 1; j < this._entry[i].length; j++) map[this._entry[i][j]] = NO_METADATA;
            }
          }
          return map;
        }
      });
    });
    var inverted = small.terms.map(function (entry) { return [entry[0], new Posting(entry)]; });
    var vectors = small.vectors.map(function (v) {
      var values = v[2];
      for (var i = 1; i < values.length; i += 2) values[i] = values[i] / 1000;
      return [fields[v[0]] + "/" + v[1], values];
    });
    return { version: small.version, fields: fields, fieldVectors: vectors, invertedIndex: inverted, pipeline: [] };
  }

  function resolve(path) {
    return path.split(".").reduce(function (obj, key) { return obj && obj[key]; }, window);
  }

  /* Load the scripts once, fetched in parallel and run in order; call back when all have run.
     Script tags work from disk, where fetch() and workers do not. */
  var loading = null;
  function load(root, config, done) {
    if (!loading) {
      loading = [];
      var pending = config.scripts.length;
      config.scripts.forEach(function (name) {
        var script = document.createElement("script");
        script.src = root + "/" + name;
        script.async = false;
        script.onload = function () { if (--pending === 0) start(config); };
        document.head.appendChild(script);
      });
    }
    if (loading.engine) done(loading.engine); else loading.push(done);
  }

  function start(config) {
    var data = window.kbSearchData;
    var engine = {
      index: lunr.Index.load(expand(data.index)),
      docs: data.docs,
      page: data.page,
      analyzer: new Analyzer(resolve(config.namespace))
    };
    var waiting = loading;
    loading = { engine: engine };
    waiting.forEach(function (callback) { callback(engine); });
  }

  function search(engine, text) {
    var plan = engine.analyzer.clauses(text);
    if (!plan.length) return { plan: plan, results: [] };
    try {
      var results = engine.index.query(function (q) {
        plan.forEach(function (c) {
          q.term(c.term, {
            usePipeline: false,
            boost: c.prefix ? PREFIX_BOOST : 1,
            wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
          });
        });
      });
      return { plan: plan, results: results };
    } catch (err) {
      return { plan: plan, results: [] };  // a query never breaks the page
    }
  }

  /* Text with the words that match the query wrapped in <mark>. */
  function highlight(text, engine, plan) {
    var exact = Object.create(null);
    var prefixes = [];
    plan.forEach(function (c) { if (c.prefix) prefixes.push(c.term); else exact[c.term] = true; });
    var fragment = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (piece) {
      var terms = /\S/.test(piece) ? engine.analyzer.terms(piece).concat(parts(piece.toLowerCase())) : [];
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

  function resultItem(root, engine, plan, ref) {
    var doc = engine.docs[ref];
    var meta = el("p", "kb-result__meta", [doc.area]);
    doc.codes.forEach(function (code) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("code", null, [highlight(code, engine, plan)]));
    });
    var link = el("a", "md-search-result__link kb-result", [
      el("article", "md-search-result__article md-typeset", [
        el("h1", null, [highlight(doc.title, engine, plan)]),
        meta,
        el("p", "kb-result__summary", [highlight(doc.summary, engine, plan)])
      ])
    ]);
    link.href = root + "/" + engine.page.replace("{id}", doc.id);
    link.setAttribute("data-remedy-id", doc.id);
    return el("li", "md-search-result__item", [link]);
  }

  function count(config, n) {
    var forms = config.strings.results;
    var form = new Intl.PluralRules(document.documentElement.lang).select(n);
    return (forms[form] || forms.other).replace("{n}", String(n));
  }

  /* Fill a result list with the first `limit` results and a way to show more; return the links. */
  function show(root, config, engine, text, list, meta, limit, more) {
    var found = search(engine, text);
    var refs = found.results.map(function (r) { return r.ref; });
    var shown = 0;
    list.textContent = "";
    function grow() {
      refs.slice(shown, shown + limit).forEach(function (ref) {
        list.appendChild(resultItem(root, engine, found.plan, ref));
      });
      shown = Math.min(refs.length, shown + limit);
      if (more) more.hidden = shown >= refs.length;
    }
    grow();
    if (more) more.onclick = grow;
    meta.textContent = !text.trim() ? config.strings.hint
      : refs.length ? count(config, refs.length) : config.strings.none;
    meta.setAttribute("data-kb-query", text);  // which query the list shows, for scripts and tests
    if (refs.length && !performance.getEntriesByName("kb-search-first-result").length) {
      performance.mark("kb-search-first-result");  // read by bench/: time to first result
    }
    return list.getElementsByTagName("a");  // live: grows with "show more"
  }

  /* Arrow keys move through results, Enter opens one. */
  function keyboard(input, links, onEnterWithout) {
    var active = -1;
    function mark(i) {
      Array.prototype.forEach.call(links(), function (a, j) { a.setAttribute("aria-selected", String(i === j)); });
      var chosen = links()[i];
      if (chosen) chosen.scrollIntoView({ block: "nearest" });
      active = i;
    }
    input.addEventListener("input", function () { active = -1; });
    input.addEventListener("keydown", function (event) {
      var all = links();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!all.length) return;
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + all.length) % all.length);
      } else if (event.key === "Enter") {
        event.preventDefault();
        var target = all[active] || all[0];
        if (target) window.location.href = target.href; else onEnterWithout();
      }
    });
  }

  function setupHeader(root, config) {
    var form = document.querySelector("form[data-kb-search]");
    if (!form) return;
    var input = form.querySelector("input");
    var box = form.closest(".md-search");
    var list = box.querySelector(".md-search-result__list");
    var meta = box.querySelector(".md-search-result__meta");
    var toggle = document.getElementById("__search");
    var links = [];
    function update() {
      load(root, config, function (engine) {
        links = show(root, config, engine, input.value, list, meta, HEADER_LIMIT, null);
      });
    }
    input.addEventListener("focus", function () { if (toggle) toggle.checked = true; update(); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { if (toggle) toggle.checked = false; input.blur(); }
    });
    keyboard(input, function () { return links; }, function () { form.submit(); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }

  function setupPage(root, config) {
    var page = document.querySelector("[data-kb-search-page]");
    if (!page) return;
    var input = page.querySelector("input");
    var list = page.querySelector("ol");
    var meta = page.querySelector("[data-kb-search-meta]");
    var more = page.querySelector("[data-kb-search-more]");
    var links = [];
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    function update() {
      load(root, config, function (engine) {
        links = show(root, config, engine, input.value, list, meta, PAGE_SIZE, more);
        try {  // keep the address shareable: ?q= follows the box
          var url = new URL(window.location.href);
          url.searchParams.set("q", input.value);
          history.replaceState(null, "", url.toString());
        } catch (err) { /* some file:// setups refuse history changes */ }
      });
    }
    input.addEventListener("input", update);
    keyboard(input, function () { return links; }, function () {});
    update();
  }

  var holder = document.getElementById("kb-search-config");
  var config = JSON.parse(holder.textContent);
  var root = holder.getAttribute("data-root");
  document.documentElement.classList.add("kb-search-ready");
  // For tests and integrations: the analyzer and the loaded engine of this page's language.
  window.kbSearch = {
    Analyzer: function (namespace) { return new Analyzer(resolve(namespace)); },
    ready: function (callback) { load(root, config, callback); },
    search: function (text, callback) {
      load(root, config, function (engine) {
        callback(search(engine, text).results.map(function (r) { return engine.docs[r.ref].id; }));
      });
    }
  };
  setupHeader(root, config);
  setupPage(root, config);
})();
