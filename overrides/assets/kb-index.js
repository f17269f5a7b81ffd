/*
 * remedykb search, 2 of 4: loading the index. The lunr index is prebuilt in Python
 * (generator/search.py) and shipped as a script, so it loads from disk too: no fetch, no worker.
 */
(function (kb) {
  "use strict";

  var NO_METADATA = Object.freeze({});  // lunr only reads posting metadata; one object serves all

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
    var terms = data.index.terms.map(function (entry) { return entry[0]; });
    var engine = {
      index: lunr.Index.load(expand(data.index)),
      docs: data.docs,
      page: data.page,
      vocabulary: terms,  // sorted, as lunr writes them: the words typos and compounds are checked against
      known: new Set(terms),
      analyzer: new kb.Analyzer(resolve(config.namespace), data.synonyms)
    };
    var waiting = loading;
    loading = { engine: engine };
    waiting.forEach(function (callback) { callback(engine); });
  }

  kb.resolve = resolve;
  kb.load = load;
})(window.kbSearchParts = window.kbSearchParts || {});
