/*
 * remedykb search, 2 of 4: the index in shards (generator/shards.py). Each shard is a script that
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
      analyzer: new kb.Analyzer(resolve(config.namespace), manifest.synonyms),
      postings: Object.create(null)  // term -> [[field, {ref: weight}], ...], decoded on first use
    };
    var callbacks = starting;
    starting = { engine: engine };
    callbacks.forEach(function (callback) { callback(engine); });
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

  function docShard(engine, ref) { return "d" + Math.floor(ref / engine.manifest.docsPerShard); }

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

  /* A term's postings from its (loaded) shard: [[field number, {ref: weight}], ...]. */
  function postings(engine, term) {
    if (term in engine.postings) return engine.postings[term];
    var name = termShard(engine, term);
    if (!(name in loaded)) return [];  // not loaded yet: nothing to cache
    var shard = loaded[name] || [];
    var entry = null;
    for (var i = 0; i < shard.length; i++) if (shard[i][0] === term) { entry = shard[i]; break; }
    var out = [];
    if (entry) {
      for (var f = 1; f < entry.length; f++) {
        var flat = entry[f], refs = {}, ref = 0;
        for (var j = 1; j < flat.length; j += 2) { ref += flat[j]; refs[ref] = flat[j + 1] / 1000; }
        out.push([flat[0], refs]);
      }
    }
    return (engine.postings[term] = out);
  }

  /* Terms of the loaded term shards that start with a prefix, in order. */
  function expand(engine, prefix) {
    var found = [];
    termShards(engine, [[prefix, 0, true]]).forEach(function (name) {
      (loaded[name] || []).forEach(function (entry) { if (entry[0].indexOf(prefix) === 0) found.push(entry[0]); });
    });
    return found;
  }

  function doc(engine, ref) {
    var shard = loaded[docShard(engine, ref)];
    return shard ? shard[ref % engine.manifest.docsPerShard] : null;
  }

  kb.resolve = resolve;
  kb.load = load;
  kb.need = need;
  kb.lexicons = lexicons;
  kb.termShards = termShards;
  kb.docShard = docShard;
  kb.lexicon = lexicon;
  kb.known = isKnown;
  kb.postings = postings;
  kb.expand = expand;
  kb.doc = doc;
})(window.kbSearchParts = window.kbSearchParts || {});
