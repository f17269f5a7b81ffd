/*
 * remedykb search, 2 of 6: the index in shards (generator/shards.py). Each shard is a script that
 * calls kbSearchShard(name, data), so the index loads from disk too: no fetch, no worker. A query
 * loads the manifest once, then only the lexicon, term and document shards it touches.
 */
(function (kb) {
  "use strict";

  var loaded = Object.create(null);  // shard name -> data
  var waiting = Object.create(null);  // shard name -> callbacks
  window.kbSearchShard = function (name, data) {
    loaded[name] = data;
    (waiting[name] || []).forEach(function (callback) { callback(); });
    delete waiting[name];
  };

  /* Load shards (in parallel, each once); call done when all of them are there. A shard that
     fails to load counts as empty: a query never hangs. */
  function need(root, names, done) {
    var missing = names.filter(function (name, i) { return !(name in loaded) && names.indexOf(name) === i; });
    var pending = missing.length;
    if (!pending) { done(); return; }
    missing.forEach(function (name) {
      var first = !(name in waiting);
      (waiting[name] = waiting[name] || []).push(function () { if (--pending === 0) done(); });
      if (!first) return;
      var script = document.createElement("script");
      script.src = root + "/search/" + name + ".js";
      script.onerror = function () { window.kbSearchShard(name, null); };
      document.head.appendChild(script);
    });
  }

  function resolve(path) {
    return path.split(".").reduce(function (obj, key) { return obj && obj[key]; }, window);
  }

  /* Load lunr's scripts (stemmers, stop words) and the manifest once; call back with the engine. */
  var starting = null;
  function load(root, config, done) {
    if (!starting) {
      starting = [];
      var pending = config.scripts.length + 1;
      var ready = function () { if (--pending === 0) start(root, config); };
      config.scripts.forEach(function (name) {
        var script = document.createElement("script");
        script.src = root + "/" + name;
        script.async = false;  // lunr first, then the languages that extend it
        script.onload = ready;
        document.head.appendChild(script);
      });
      need(root, ["index"], ready);
    }
    if (starting.engine) done(starting.engine); else starting.push(done);
  }

  function start(root, config) {
    var manifest = loaded.index;
    var engine = {
      root: root,
      manifest: manifest,
      page: manifest.page,
      analyzer: new kb.Analyzer(resolve(config.namespace), manifest.synonyms, manifest.codeWords, manifest.separable),
      terms: Object.create(null)  // term -> {info, fields, merged}, decoded on first use
    };
    var callbacks = starting;
    starting = { engine: engine };
    callbacks.forEach(function (callback) { callback(engine); });
  }

  /* Start loading what a query needs as soon as the manifest is there, while lunr's scripts still
     load: the lexicon shards of its characters and the term shards of its words as typed, and
     of their first letters (a stem sorts just before its word: most often the same shard). */
  function warm(root, text) {
    need(root, ["index"], function () {
      var engine = { manifest: loaded.index };
      if (!engine.manifest) return;
      var words = [];
      text.toLowerCase().split(/\s+/).forEach(function (chunk) {
        kb.parts(chunk).forEach(function (p) { words.push([p, 1, false], [p.slice(0, Math.max(3, p.length - 3)), 1, false]); });
      });
      need(root, lexicons(engine, text).concat(termShards(engine, words)), function () {});
    });
  }

  function lexiconName(char) { return "l" + char.codePointAt(0).toString(16); }

  /* The term shard holding a term: the last whose first term is not after it. */
  function termShard(engine, term) {
    var firsts = engine.manifest.terms, low = 0, high = firsts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (firsts[mid] <= term) low = mid; else high = mid - 1;
    }
    return "t" + low;
  }

  /* The lexicon shards that can hold any word or part of a word of the query. */
  function lexicons(engine, text) {
    var names = [];
    Array.from(text.toLowerCase()).forEach(function (char) {
      var name = lexiconName(char);
      if (engine.manifest.lexicon.indexOf(name) >= 0 && names.indexOf(name) < 0) names.push(name);
    });
    return names;
  }

  /* Terms and page words (-> term) that start with a character; empty while its shard is not there. */
  function lexicon(char) {
    return loaded[lexiconName(char)] || { terms: [], surface: {} };
  }
  var sets = Object.create(null);  // lexicon shard -> its terms as a Set
  function isKnown(term) {
    var name = lexiconName(term[0]);
    if (!loaded[name]) return false;
    if (!sets[name]) sets[name] = new Set(loaded[name].terms);
    return sets[name].has(term);
  }

  /* The term shards for clauses [term, boost, prefix]: a prefix may span several. */
  function termShards(engine, planned) {
    var names = [];
    planned.forEach(function (c) {
      var first = Number(termShard(engine, c[0]).slice(1));
      var last = c[2] ? Number(termShard(engine, c[0] + "\uffff").slice(1)) : first;
      for (var k = first; k <= last; k++) if (names.indexOf("t" + k) < 0) names.push("t" + k);
    });
    return names;
  }

  /* A term: its info ({code, max, tail}) and postings [[field number, {ref: weight}], ...] from
     its term shard, with the tail shards loaded so far merged in. null while its shard is not there. */
  function term(engine, word) {
    var known = engine.terms[word];
    if (!known) {
      var name = termShard(engine, word);
      if (!(name in loaded)) return null;  // not loaded yet: nothing to cache
      var shard = loaded[name] || [];
      var entry = null;
      for (var i = 0; i < shard.length; i++) if (shard[i][0] === word) { entry = shard[i]; break; }
      known = engine.terms[word] = { info: entry ? entry[1] : {}, fields: [], merged: Object.create(null) };
      if (entry) merge(known, entry);
    }
    (known.info.tail || []).forEach(function (part) {
      var name = "p" + part[1];
      if (!known.merged[name] && loaded[name]) { known.merged[name] = true; merge(known, loaded[name]); }
    });
    return known;
  }

  function merge(known, entry) {
    for (var f = 2; f < entry.length; f++) {
      var flat = entry[f], ref = 0, refs = null;
      known.fields.forEach(function (pair) { if (pair[0] === flat[0]) refs = pair[1]; });
      if (!refs) known.fields.push([flat[0], refs = {}]);
      for (var j = 1; j < flat.length; j += 2) { ref += flat[j]; refs[ref] = flat[j + 1] / 1000; }
    }
  }

  function postings(engine, word) {
    var known = term(engine, word);
    return known ? known.fields : [];
  }

  /* How many remedies have a term: a term with a tail says so; else its postings show them all. */
  function count(engine, word) {
    var known = term(engine, word);
    if (!known) return 0;
    if (known.info.n) return known.info.n;
    var refs = new Set();
    known.fields.forEach(function (pair) { Object.keys(pair[1]).forEach(function (ref) { refs.add(ref); }); });
    return refs.size;
  }

  /* The tail shard of a term that holds a remedy, when it is not merged yet; else null. */
  function tailShard(engine, word, ref) {
    var tail = term(engine, word).info.tail || [];
    var k = tail.length - 1;
    while (k > 0 && tail[k][0] > ref) k--;
    var name = tail.length ? "p" + tail[k][1] : null;
    return name && !engine.terms[word].merged[name] ? name : null;
  }

  /* Every tail shard of these terms not merged yet. */
  function tails(engine, words) {
    var names = [];
    words.forEach(function (word) {
      var known = term(engine, word);
      (known.info.tail || []).forEach(function (part) {
        if (!known.merged["p" + part[1]]) names.push("p" + part[1]);
      });
    });
    return names;
  }

  /* Terms of the loaded term shards that start with a prefix, in order. */
  function expand(engine, prefix) {
    var found = [];
    termShards(engine, [[prefix, 0, true]]).forEach(function (name) {
      (loaded[name] || []).forEach(function (entry) { if (entry[0].indexOf(prefix) === 0) found.push(entry[0]); });
    });
    return found;
  }

  /* What a result shows: id, title, area, codes; and its summary and filter of adjacent terms
     (generator/runs.py) once their shard is there. */
  function doc(engine, ref) {
    var per = engine.manifest.docsPerShard, k = Math.floor(ref / per);
    var first = loaded["d" + k], snippets = loaded["s" + k];
    if (!first) return null;
    var out = Object.assign({}, first[ref % per]);
    if (snippets) { out.summary = snippets[ref % per][0]; out.runs = snippets[ref % per][1]; }
    return out;
  }

  /* The document shards of these remedies: "d" (titles) or "s" (summaries). */
  function docShards(engine, refs, kind) {
    return refs.map(function (ref) { return (kind || "d") + Math.floor(ref / engine.manifest.docsPerShard); });
  }

  kb.resolve = resolve;
  kb.load = load;
  kb.warm = warm;
  kb.need = need;
  kb.lexicons = lexicons;
  kb.termShards = termShards;
  kb.docShards = docShards;
  kb.lexicon = lexicon;
  kb.known = isKnown;
  kb.term = term;
  kb.postings = postings;
  kb.count = count;
  kb.tailShard = tailShard;
  kb.tails = tails;
  kb.expand = expand;
  kb.doc = doc;
})(window.kbSearchParts = window.kbSearchParts || {});
