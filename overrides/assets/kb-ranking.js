/*
 * remedykb search, 3 of 4: planning a query and ranking the results, step for step as
 * generator/ranking.py (tests compare both). Each query word may match by its own term, by the
 * parts of a compound, by a vocabulary word one or two edits away, by a synonym, or, typed last,
 * as a prefix. Results that match every word come first; then lunr's score, scaled by the share
 * of words matched and by the longest run of query words in a row in the title or summary.
 */
(function (kb) {
  "use strict";

  var PREFIX_BOOST = 0.5;
  var COMPOUND_BOOST = 0.7;
  var TYPO_BOOST = 0.3;
  var MIN_PREFIX = 2;
  var MIN_COMPOUND = 6;
  var MIN_PART = 3;
  var LINKS = ["s", "e", "en"];  // Dutch joins compound parts with these: opslag-s-sleutel
  var TYPOS_KEPT = 3;
  var PHRASE_CANDIDATES = 10;
  var DIGIT = /[0-9]/;

  function maxTypos(word) {
    if (word.length < 4 || DIGIT.test(word)) return 0;
    return word.length <= 7 ? 1 : 2;
  }

  /* Levenshtein distance, or limit + 1 as soon as it must exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
        smallest = Math.min(smallest, current[j]);
      }
      if (smallest > limit) return limit + 1;
      previous = current;
    }
    return previous[b.length];
  }

  /* Terms nearest to a word the vocabulary lacks; also by the words titles and summaries use,
     since a typo often keeps the stemmer from finding the stem. Same first character only: that
     is the lexicon shard the query loaded. */
  function typos(term, raw) {
    var limit = maxTypos(raw);
    if (!limit) return [];
    var near = new Map();
    function keep(v, d) { if (d <= limit && (!near.has(v) || d < near.get(v))) near.set(v, d); }
    kb.lexicon(term[0]).terms.forEach(function (v) { keep(v, distance(term, v, limit)); });
    var surface = kb.lexicon(raw[0]).surface;
    Object.keys(surface).forEach(function (word) { keep(surface[word], distance(raw, word, limit)); });
    var found = [];
    near.forEach(function (d, v) { found.push([d, v]); });
    found.sort(function (x, y) { return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0); });
    return found.filter(function (f) { return f[0] === found[0][0]; }).slice(0, TYPOS_KEPT)
      .map(function (f) { return f[1]; });
  }

  function compound(raw, analyzer, depth) {
    if (depth === undefined) depth = 2;
    if (raw.length < MIN_COMPOUND || DIGIT.test(raw)) return null;
    var best = null;
    for (var i = MIN_PART; i <= raw.length - MIN_PART; i++) {
      var right = raw.slice(i);
      var lefts = [raw.slice(0, i)];
      LINKS.forEach(function (link) {
        if (raw.slice(0, i).endsWith(link)) lefts.push(raw.slice(0, i - link.length));
      });
      for (var k = 0; k < lefts.length; k++) {
        var left = lefts[k];
        if (left.length < MIN_PART || !kb.known(analyzer.word(left))) continue;
        var tail = kb.known(analyzer.word(right)) ? [analyzer.word(right)]
          : (depth > 1 ? compound(right, analyzer, depth - 1) : null);
        if (tail) {
          var evenness = Math.min(left.length, right.length);
          if (best === null || evenness > best[0]) best = [evenness, [analyzer.word(left)].concat(tail)];
        }
      }
    }
    return best ? best[1] : null;
  }

  function Word(raw, alternatives, prefix, counted) {
    this.raw = raw;
    this.alternatives = alternatives;  // [[terms], boost]: every term of a group must match
    this.prefix = prefix || null;
    this.counted = counted !== false;
  }

  Word.prototype.matched = function (terms) {
    var prefix = this.prefix;
    if (prefix && terms.some(function (t) { return t.indexOf(prefix) === 0; })) return true;
    return this.alternatives.some(function (alt) {
      return alt[0].every(function (t) { return terms.indexOf(t) >= 0; });
    });
  };

  function widen(word, analyzer) {
    var term = word.alternatives[0][0][0];
    var parts = compound(word.raw, analyzer);  // also for known words: pages write them apart too
    if (parts) word.alternatives.push([parts, COMPOUND_BOOST]);
    if (kb.known(term)) return;
    typos(term, word.raw).forEach(function (t) { word.alternatives.push([[t], TYPO_BOOST]); });
  }

  function synonyms(words, analyzer) {
    var terms = words.map(function (w) { return w.alternatives.length ? w.alternatives[0][0][0] : ""; });
    analyzer.synonyms.forEach(function (group) {
      group[1].forEach(function (variant) {
        for (var i = 0; i + variant.length <= terms.length; i++) {
          var same = true;
          for (var k = 0; k < variant.length; k++) if (terms[i + k] !== variant[k]) { same = false; break; }
          if (same) for (k = 0; k < variant.length; k++) words[i + k].alternatives.push([[group[0]], 1]);
        }
      });
    });
  }

  /* {words, extra} of a query, as plan() in generator/ranking.py. */
  function plan(engine, text) {
    var analyzer = engine.analyzer;
    var words = [];
    var extra = [];
    var chunks = text.toLowerCase().split(/\s+/).filter(Boolean);
    chunks.forEach(function (chunk) {
      var core = chunk.replace(kb.EDGE, "");
      var ps = core.split(kb.SPLIT).filter(Boolean);
      if (ps.length > 1) extra.push(core);
      ps.forEach(function (p) {
        if (analyzer.isStopWord(p)) return;
        var word = new Word(p, [[[analyzer.word(p)], 1]]);
        widen(word, analyzer);
        words.push(word);
      });
    });
    if (chunks.length && !/\s$/.test(text)) {
      var tail = kb.parts(chunks[chunks.length - 1]);
      var last = tail[tail.length - 1];
      if (last && last.length >= MIN_PREFIX) {
        if (words.length && words[words.length - 1].raw === last) words[words.length - 1].prefix = last;
        else words.push(new Word(last, [], last, false));
      }
    }
    synonyms(words, analyzer);
    return { words: words, extra: extra };
  }

  /* [term, boost, prefix] for lunr: every term any word may match, once, at its highest boost. */
  function clauses(planned) {
    var best = new Map();
    var order = [];
    function put(term, boost, prefix) {
      var key = (prefix ? "*" : " ") + term;
      if (!best.has(key)) { order.push([term, prefix]); best.set(key, boost); }
      else best.set(key, Math.max(best.get(key), boost));
    }
    planned.extra.forEach(function (t) { put(t, 1, false); });
    planned.words.forEach(function (w) {
      w.alternatives.forEach(function (alt) { alt[0].forEach(function (t) { put(t, alt[1], false); }); });
      if (w.prefix) put(w.prefix, PREFIX_BOOST, true);
    });
    return order.map(function (o) { return [o[0], best.get((o[1] ? "*" : " ") + o[0]), o[1]]; });
  }

  function phrase(words, docTerms) {
    var query = words.filter(function (w) { return w.alternatives.length; })
      .map(function (w) { return w.alternatives[0][0][0]; });
    var longest = 0;
    for (var i = 0; i < query.length; i++) {
      for (var j = 0; j < docTerms.length; j++) {
        var run = 0;
        while (i + run < query.length && j + run < docTerms.length && query[i + run] === docTerms[j + run]) run++;
        if (run > longest) longest = run;
      }
    }
    return longest;
  }

  function compare(a, b) {
    if (a.complete !== b.complete) return a.complete ? -1 : 1;
    if (a.score !== b.score) return b.score - a.score;
    return a.ref - b.ref;
  }

  /* lunr's scoring over postings that carry its weights, as score() in generator/ranking.py:
     [{ref, score, matched: {term: [field name, ...]}}], by ref. */
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
    return Array.from(byRef.values()).sort(function (a, b) { return a.ref - b.ref; });
  }

  /* Whether a term matched in the codes field names a code: a whole code, or its number (65005),
     not a word that is part of one ("contact" of CONTACT_SUPPORT). */
  function namesCode(term) {
    return DIGIT.test(term) || kb.lexicon(term[0]).codes.indexOf(term) >= 0;
  }

  function compare(a, b) {
    if (a.complete !== b.complete) return a.complete ? -1 : 1;
    if (a.score !== b.score) return b.score - a.score;
    return a.ref - b.ref;
  }

  /* The order before the phrase check, as preliminary() in rank() of generator/ranking.py: every
     word matched (or a code of the remedy named) first. Needs the documents of code matches. */
  function preliminary(engine, planned, results) {
    var counted = planned.words.filter(function (w) { return w.counted; });
    var n = counted.length || 1;
    var own = ownTerms(planned);
    return results.map(function (r) {
      var matched = Object.keys(r.matched);
      var covered = counted.filter(function (w) { return w.matched(matched); }).length;
      var code = matched.some(function (t) {
        return own.has(t) && r.matched[t].indexOf("codes") >= 0 && namesCode(t);
      });
      var share = code ? 1 : covered / n;  // the code is what the reader is after: other words are context
      return { ref: r.ref, complete: covered === n || code, score: r.score * Math.pow(share, 2) };
    }).sort(compare);
  }

  function ownTerms(planned) {
    var own = new Set(planned.extra);
    planned.words.forEach(function (w) { if (w.alternatives.length) own.add(w.alternatives[0][0][0]); });
    return own;
  }

  /* The final order: the first PHRASE_CANDIDATES scaled by their longest run of query words. */
  function final(engine, planned, keyed) {
    var n = planned.words.filter(function (w) { return w.counted; }).length || 1;
    keyed.forEach(function (k, position) {
      if (position < PHRASE_CANDIDATES && n > 1) {
        var doc = kb.doc(engine, k.ref);
        var run = phrase(planned.words, engine.analyzer.termsPlain(doc.title + " " + doc.summary));
        k.score *= 1 + (run >= 2 ? run / n : 0);
      }
    });
    return keyed.sort(compare).map(function (k) { return k.ref; });
  }

  function docShards(engine, refs) {
    return refs.map(function (ref) { return kb.docShard(engine, ref); });
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
    if (tail && !/\s$/.test(text)) guess.push([tail, PREFIX_BOOST, true]);
    return kb.termShards(engine, guess);
  }

  /* Search; call done({plan, refs}) once the shards it needs are loaded: the lexicon shards of its
     characters (with the term shards of its words as typed), any further term shards its plan
     names, then the document shards of the results the phrase check reads, or of the first
     `prefetch` when there is no phrase to check (one word). */
  function search(engine, text, done, prefetch) {
    var root = engine.root;
    kb.need(root, kb.lexicons(engine, text).concat(likely(engine, text)), function () {
      var planned = plan(engine, text);
      var wanted = clauses(planned);
      if (!wanted.length) { done({ plan: planned, refs: [] }); return; }
      kb.need(root, kb.termShards(engine, wanted), function () {
        var keyed = preliminary(engine, planned, score(engine, wanted));
        var phrases = planned.words.filter(function (w) { return w.counted; }).length > 1;
        var first = keyed.slice(0, phrases ? PHRASE_CANDIDATES : (prefetch || 0)).map(function (k) { return k.ref; });
        kb.need(root, docShards(engine, first), function () {
          done({ plan: planned, refs: final(engine, planned, keyed) });
        });
      });
    });
  }

  kb.plan = plan;
  kb.search = search;
  kb.distance = distance;
  kb.docShards = docShards;
})(window.kbSearchParts = window.kbSearchParts || {});
