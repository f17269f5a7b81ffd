/*
 * remedykb search, 3 of 6: planning a query, step for step as plan() in generator/query.py
 * (tests compare both). Each query word may match by its own term, by the parts of a compound,
 * by a vocabulary word one or two edits away, by a synonym, or, typed last, as a prefix.
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
  var DIGIT = /[0-9]/;
  var QUOTED = 3, QUOTED_SHARE = [3, 4];  // query.py: a quotation of the query
  var HASHES = 5, SEED = 0x9e3779b9;  // runs.py: the filter

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
    if (parts && parts[0] !== term) word.alternatives.push([parts, COMPOUND_BOOST]);  // not stem + ending
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
          if (!same && variant.length === 1) same = whole(words[i], variant[0]);
          if (same) for (k = 0; k < variant.length; k++) words[i + k].alternatives.push([[group[0]], 1]);
        }
      });
    });
  }

  /* Whether a word matches a term by itself at full weight (a separable verb put together, say). */
  function whole(word, term) {
    return word.alternatives.some(function (alt) { return alt[1] === 1 && alt[0].length === 1 && alt[0][0] === term; });
  }

  /* {words, extra} of a query, as plan() in generator/query.py. */
  function plan(engine, text) {
    var analyzer = engine.analyzer;
    var words = [];
    var extra = [];
    var chunks = text.toLowerCase().split(/\s+/).filter(Boolean);
    var every = [];
    var ends = new Set();
    var at = new Map();  // position in `every` -> the word made of that part
    chunks.forEach(function (chunk) {
      var core = chunk.replace(kb.EDGE, "");
      var ps = core.split(kb.SPLIT).filter(Boolean);
      if (ps.length > 1) extra.push(core);
      ps.forEach(function (p) {
        every.push(p);
        if (analyzer.isStopWord(p)) return;
        var word = new Word(p, [[[analyzer.word(p)], 1]]);
        widen(word, analyzer);
        words.push(word);
        at.set(every.length - 1, word);
      });
      if (every.length && kb.CLAUSE_END.test(chunk)) ends.add(every.length - 1);
    });
    analyzer.rejoined(every, ends).forEach(function (verbs, position) {  // "schakel mfa in": inschakelen
      if (at.has(position)) verbs.forEach(function (t) { at.get(position).alternatives.push([[t], 1]); });
    });
    if (words.some(function (w) { return DIGIT.test(w.raw); })) {  // "error 0x80070005": the word says what follows
      words.forEach(function (w) { w.counted = !analyzer.codeWords.has(w.raw); });
    }
    analyzer.joined(every).forEach(function (t) { if (extra.indexOf(t) < 0) extra.push(t); });  // "error 13"
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

  /* Each query word's own term, in order (words no remedy has are left out). */
  function firsts(words) {
    return words.filter(function (w) { return w.alternatives.length; })
      .map(function (w) { return w.alternatives[0][0][0]; });
  }

  function phrase(words, docTerms) {
    var query = firsts(words);
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

  var CRC = (function () {  // CRC-32's table (zlib's polynomial)
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  /* CRC-32 of a text's UTF-8, as zlib.crc32 in generator/runs.py. */
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), c = -1;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  }

  /* murmur3's 32-bit finalizer, as mix() in runs.py. */
  function mix(h) {
    h = Math.imul(h ^ h >>> 16, 0x85ebca6b);
    h = Math.imul(h ^ h >>> 13, 0xc2b2ae35);
    return (h ^ h >>> 16) >>> 0;
  }

  /* A test for one remedy's filter of adjacent terms (base64), as follows() in runs.py. */
  function follows(encoded) {
    var bytes = atob(encoded || ""), size = bytes.length * 8;
    return function (first, second) {
      if (!size) return false;
      var crc = crc32(first + " " + second), h1 = mix(crc), h2 = (mix((crc ^ SEED) >>> 0) | 1) >>> 0;
      for (var i = 0; i < HASHES; i++) {
        var p = (h1 + i * h2) % size;
        if (!(bytes.charCodeAt(p >> 3) >> (p & 7) & 1)) return false;
      }
      return true;
    };
  }

  /* As quoted() in generator/query.py: the longest run of query words in a row anywhere in a remedy,
     when it is a quotation (QUOTED words or more, and most of the query); else 0. */
  function quoted(words, encoded) {
    var terms = firsts(words), adjacent = follows(encoded);
    var longest = Math.min(terms.length, 1), run = longest;
    for (var i = 1; i < terms.length; i++) {
      run = adjacent(terms[i - 1], terms[i]) ? run + 1 : 1;
      if (run > longest) longest = run;
    }
    var counted = words.filter(function (w) { return w.counted; }).length;
    return longest >= QUOTED && longest * QUOTED_SHARE[1] >= counted * QUOTED_SHARE[0] ? longest : 0;
  }

  kb.PREFIX_BOOST = PREFIX_BOOST;
  kb.plan = plan;
  kb.clauses = clauses;
  kb.phrase = phrase;
  kb.quoted = quoted;
  kb.follows = follows;
  kb.distance = distance;
})(window.kbSearchParts = window.kbSearchParts || {});
