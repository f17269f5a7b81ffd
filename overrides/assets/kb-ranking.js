/*
 * remedykb search, 4 of 6: ranking, step for step as score() and rank() in generator/ranking.py
 * (tests compare both). Results that match every word come first, then those naming a code, then
 * those quoting most of the query anywhere (a pasted message); then lunr's score, scaled by the
 * share of words matched and by the longest run of query words in a row. A common term's shard holds only its head (generator/shards.py): the first results
 * are shown once they are proven final without its tail, and the tails load after.
 */
(function (kb) {
  "use strict";

  var PHRASE_CANDIDATES = 10;
  var DIGIT = /[0-9]/;
  var ROUNDS = 3;  // rounds of tail shards for the remedies in doubt, before loading every tail
  var RESOLVE = 12;  // at most this many tail shards per round
  var MARGIN = 1e-9;  // bounds are sums of floats too

  /* lunr's scoring over postings that carry its weights, as score() in generator/ranking.py:
     {hits: [{ref, score, matched: {term: [field name, ...]}}] by ref, boosts: term -> boost, length}. */
  function score(engine, planned) {
    var boosts = new Map();
    planned.forEach(function (c) {
      var found = c[2] ? kb.expand(engine, c[0]) : (kb.postings(engine, c[0]).length ? [c[0]] : []);
      found.forEach(function (t) { boosts.set(t, (boosts.get(t) || 0) + c[1]); });
    });
    var length = 0;
    boosts.forEach(function (b) { length += b * b; });
    length = Math.sqrt(length) || 1;
    var byRef = new Map();
    var fields = engine.manifest.fields;
    boosts.forEach(function (boost, term) {
      kb.postings(engine, term).forEach(function (pair) {
        Object.keys(pair[1]).forEach(function (key) {
          var ref = Number(key);
          var hit = byRef.get(ref) || { ref: ref, score: 0, matched: {} };
          hit.score += boost * pair[1][key] / length;
          (hit.matched[term] = hit.matched[term] || []).push(fields[pair[0]]);
          byRef.set(ref, hit);
        });
      });
    });
    var hits = Array.from(byRef.values()).sort(function (a, b) { return a.ref - b.ref; });
    return { hits: hits, boosts: boosts, length: length };
  }

  /* Whether a term matched in the codes field names a code: a whole code, or its number (65005),
     not a word that is part of one ("contact" of CONTACT_SUPPORT). */
  function namesCode(engine, term) {
    return DIGIT.test(term) || Boolean(kb.term(engine, term).info.code);
  }

  function compare(a, b) {
    if (a.complete !== b.complete) return a.complete ? -1 : 1;
    if (a.code !== b.code) return a.code ? -1 : 1;
    if ((a.quoted || 0) !== (b.quoted || 0)) return (b.quoted || 0) - (a.quoted || 0);
    if (a.score !== b.score) return b.score - a.score;
    return a.ref - b.ref;
  }

  /* Whether key a comes before key b, whose score is a ceiling: equal scores go by ref. */
  function beats(a, b) {
    if (a.complete !== b.complete) return a.complete;
    if (a.code !== b.code) return a.code;
    return Math.abs(a.score - b.score) > MARGIN ? a.score > b.score : a.ref < b.ref;
  }

  function ownTerms(planned) {
    var own = new Set(planned.extra);
    planned.words.forEach(function (w) { if (w.alternatives.length) own.add(w.alternatives[0][0][0]); });
    return own;
  }

  /* A result's key before the phrase check, as preliminary() in rank(): every word matched first, then
     a code of the remedy named (every word the reader typed beats a code alone); matched: {term: [field
     name, ...]}. */
  function keyer(engine, planned) {
    var counted = planned.words.filter(function (w) { return w.counted; });
    var weights = counted.map(function (w) { return rarity(engine, w); });
    var total = weights.reduce(function (a, b) { return a + b; }, 0) || 1;
    return key.bind(null, engine, counted, weights, total, ownTerms(planned));
  }

  /* How much a query word says, as rarity() in ranking.py: lunr's idf of its term as typed, or, when no
     remedy has that, of the rarest term it may match; 1 when no remedy has any. */
  function rarity(engine, word) {
    var counts = [];
    word.alternatives.forEach(function (alt) { alt[0].forEach(function (t) { counts.push(kb.count(engine, t)); }); });
    var found = counts.length && counts[0] ? [counts[0]] : counts.filter(Boolean);
    if (!found.length) return 1;
    var n = engine.manifest.count, df = Math.min.apply(null, found);
    return Math.log(1 + Math.abs(n - df + 0.5) / (df + 0.5));
  }

  function key(engine, counted, weights, total, own, ref, matched, score) {
    var terms = Object.keys(matched);
    var share = 0, all = true;
    counted.forEach(function (w, i) { if (w.matched(terms)) share += weights[i]; else all = false; });
    var code = terms.some(function (t) {
      return own.has(t) && matched[t].indexOf("codes") >= 0 && namesCode(engine, t);
    });
    return { ref: ref, complete: all, code: code, score: score * Math.pow(share / total, 2) };
  }

  function preliminary(keyOf, hits) {
    return hits.map(function (r) { return keyOf(r.ref, r.matched, r.score); }).sort(compare);
  }

  /* The best key a remedy could still reach: every term in doubt matched, in the codes field too,
     at the most its tail holds. Terms in doubt: their tail is not all loaded, and the remedy is not
     in what is. A remedy reaching the ceiling holds each term's maximum: its ref is no lower than
     the first tail remedy that does (`tie`). */
  function ceiling(engine, keyOf, found, hit, open) {
    var matched = Object.assign({}, hit ? hit.matched : {});
    var score = hit ? hit.score : 0;
    var doubt = open.filter(function (t) { return !(t in matched) && (!hit || kb.tailShard(engine, t, hit.ref)); });
    var ref = hit ? hit.ref : 0;  // a remedy no loaded posting names reaches the ceiling only at tie refs
    doubt.forEach(function (t) {
      var info = kb.term(engine, t).info;
      matched[t] = ["codes"];
      score += found.boosts.get(t) * info.max / 1000 / found.length;
      if (!hit) ref = Math.max(ref, info.tie);
    });
    return { key: keyOf(ref, matched, score), doubt: doubt };
  }

  /* The tail shards that would settle the first `wanted` results, RESOLVE at most, those of the
     remedies with the highest ceilings first: [] when the results are final as they stand, null
     when the rounds left could not settle them, or only every tail could (a remedy no loaded
     posting names could still rank). */
  function unsettled(engine, keyOf, found, keyed, wanted, open, rounds) {
    if (keyed.length < wanted) return null;
    var hits = new Map(found.hits.map(function (h) { return [h.ref, h]; }));
    var last = keyed[wanted - 1];
    if (!beats(last, ceiling(engine, keyOf, found, null, open).key)) return null;
    var doubts = [];
    keyed.forEach(function (k, position) {
      var top = ceiling(engine, keyOf, found, hits.get(k.ref), open);
      if (position < wanted ? top.doubt.length : !beats(last, top.key)) doubts.push([top, k.ref]);
    });
    doubts.sort(function (a, b) { return compare(a[0].key, b[0].key); });
    var names = [];
    doubts.forEach(function (d) {
      d[0].doubt.forEach(function (t) {
        var name = kb.tailShard(engine, t, d[1]);
        if (names.indexOf(name) < 0) names.push(name);
      });
    });
    return names.length > RESOLVE * rounds ? null : names.slice(0, RESOLVE);
  }

  /* The final order: the first PHRASE_CANDIDATES scaled by their longest run of query words, those
     quoting most of the query first. */
  function final(engine, planned, keyed) {
    var n = planned.words.filter(function (w) { return w.counted; }).length || 1;
    keyed.forEach(function (k, position) {
      if (position < PHRASE_CANDIDATES && n > 1) {
        var doc = kb.doc(engine, k.ref);
        k.quoted = kb.quoted(planned.words, doc.runs);
        var run = Math.max(kb.phrase(planned.words, engine.analyzer.termsPlain(doc.title + " " + doc.summary)), k.quoted);
        k.score *= 1 + (run >= 2 ? run / n : 0);
      }
    });
    return keyed.sort(compare).map(function (k) { return k.ref; });
  }

  /* The term shards a query will surely need: those of its words as typed, and of the last as a
     prefix. Loaded with the lexicon shards, they save a round trip in the common case. */
  function likely(engine, text) {
    var analyzer = engine.analyzer;
    var guess = [];
    text.toLowerCase().split(/\s+/).filter(Boolean).forEach(function (chunk) {
      kb.parts(chunk).forEach(function (p) { if (!analyzer.isStopWord(p)) guess.push([analyzer.word(p), 1, false]); });
    });
    var tail = kb.parts(text.toLowerCase().split(/\s+/).filter(Boolean).pop() || "").pop();
    if (tail && !/\s$/.test(text)) guess.push([tail, kb.PREFIX_BOOST, true]);
    return kb.termShards(engine, guess);
  }

  /* Search. done({plan, refs, complete, rest}) is called once the shards it needs are loaded: the
     lexicon shards of its characters (with the term shards of its words as typed), any further
     term shards its plan names, tail shards that settle the first results, and the documents the
     phrase check reads (or the first `prefetch` titles when there is no phrase to check). When the
     first results were settled without every tail, refs holds only those, complete is false, and
     rest(done) loads the tails and calls done again with every result. */
  function search(engine, text, done, prefetch) {
    var root = engine.root;
    kb.need(root, kb.lexicons(engine, text).concat(likely(engine, text)), function () {
      var planned = kb.plan(engine, text);
      var wanted = kb.clauses(planned);
      if (!wanted.length) { done({ plan: planned, refs: [], complete: true }); return; }
      var phrases = planned.words.filter(function (w) { return w.counted; }).length > 1;
      var first = phrases ? PHRASE_CANDIDATES : (prefetch || 0);
      var keyOf = null;
      function rank(round) {
        keyOf = keyOf || keyer(engine, planned);  // once the term shards are in: it counts the remedies of each
        var found = score(engine, wanted);
        var keyed = preliminary(keyOf, found.hits);
        var open = [];
        found.boosts.forEach(function (b, t) { if (kb.tails(engine, [t]).length) open.push(t); });
        var todo = !open.length ? []
          : round < ROUNDS && first ? unsettled(engine, keyOf, found, keyed, first, open, ROUNDS - round) : null;
        if (todo === null) { kb.need(root, kb.tails(engine, open), function () { rank(ROUNDS); }); return; }
        if (todo.length) { kb.need(root, todo, function () { rank(round + 1); }); return; }
        var shown = open.length ? keyed.slice(0, first) : keyed;
        var docs = shown.slice(0, first).map(function (k) { return k.ref; });
        var needed = kb.docShards(engine, docs).concat(phrases ? kb.docShards(engine, docs, "s") : []);
        kb.need(root, needed, function () {
          done({ plan: planned, refs: final(engine, planned, shown), complete: !open.length, rest: function (then) {
            done = then;
            kb.need(root, kb.tails(engine, open), function () { rank(ROUNDS); });
          } });
        });
      }
      kb.need(root, kb.termShards(engine, wanted), function () { rank(0); });
    });
  }

  kb.search = search;
})(window.kbSearchParts = window.kbSearchParts || {});
