/*
 * remedykb search, 1 of 6: the analyzer. Text -> index terms, step for step as Analyzer in
 * generator/search.py (tests compare both in Chromium): split on white space, trim punctuation,
 * keep an identifier whole and by its parts, drop stop words, stem words without digits, and add
 * the canonical term of every synonym (content_src/synonyms.yaml) whose words occur in a row.
 */
(function (kb) {
  "use strict";

  var EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var SPLIT = /[^\p{L}\p{N}]+/u;
  var DIGIT = /[0-9]/;
  var CLAUSE_END = /[.;:!?,)][^\p{L}\p{N}]*$/u;  // a chunk that ends a clause: "Schakel MFA in."
  var MIN_STEM = 3;

  function parts(chunk) {
    return chunk.replace(EDGE, "").split(SPLIT).filter(Boolean);
  }

  /* namespace: lunr or lunr.<lang>; synonyms: [[canonical, [[term, ...], ...]], ...]; codeWords: the
     words that only say what kind of code follows ("error", "fout"); separable: the language's
     separable verbs, {particles, infinitive, participle, endings}, or null (generator/verbs.py). */
  function Analyzer(namespace, synonyms, codeWords, separable) {
    var stemmer = namespace.stemmer;
    var stop = namespace.stopWordFilter;
    var cache = Object.create(null);
    this.synonyms = synonyms || [];
    this.codeWords = new Set(codeWords || []);
    this.separable = separable || null;
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
    var self = this;
    var out = [];
    var words = [];
    var every = [];
    var ends = new Set();
    var chunks = text.toLowerCase().split(/\s+/);
    for (var i = 0; i < chunks.length; i++) {
      var core = chunks[i].replace(EDGE, "");
      var ps = core.split(SPLIT).filter(Boolean);
      if (ps.length > 1) out.push(core);
      for (var j = 0; j < ps.length; j++) {
        every.push(ps[j]);
        if (!this.isStopWord(ps[j])) {
          var term = this.word(ps[j]);
          out.push(term);
          words.push(term);
        }
      }
      if (every.length && CLAUSE_END.test(chunks[i])) ends.add(every.length - 1);
    }
    var verbs = [];
    this.rejoined(every, ends).forEach(function (found) { verbs = verbs.concat(found); });
    if (!this.synonyms.length) return out.concat(verbs);
    out = out.concat(verbs, this.named(words));
    verbs.forEach(function (t) { out = out.concat(self.named([t])); });
    return out;
  };

  /* Position of a verb's part -> the terms of that verb with its particle put back, as
     Separable.rejoined and Analyzer.rejoined in Python: "in te schakelen", "ingeschakeld" and a
     clause ending in the particle ("schakel mfa in") all give inschakel. A Map, by position. */
  Analyzer.prototype.rejoined = function (parts, ends) {
    var self = this;
    var sep = this.separable;
    var found = new Map();
    if (!sep) return found;
    function add(i, words) { found.set(i, (found.get(i) || []).concat(words)); }
    function forms(verb) {
      return [verb].concat(sep.endings.filter(function (e) {
        return verb.slice(-e.length) === e && verb.length - e.length >= MIN_STEM;
      }).map(function (e) { return verb.slice(0, -e.length); }));
    }
    var start = 0;
    parts.forEach(function (part, i) {
      if (sep.particles.indexOf(part) >= 0 && i + 2 < parts.length && parts[i + 1] === sep.infinitive &&
          !ends.has(i) && !ends.has(i + 1)) add(i + 2, [part + parts[i + 2]]);
      sep.particles.forEach(function (particle) {
        var prefix = particle + sep.participle;
        if (part.indexOf(prefix) === 0 && part.length - prefix.length >= MIN_STEM + 1) {
          add(i, forms(part.slice(prefix.length)).map(function (f) { return particle + f; }));
        }
      });
      if (ends.has(i) || i === parts.length - 1) {
        if (sep.particles.indexOf(part) >= 0) {
          var verbs = [];
          for (var j = start; j < i && verbs.length < 2; j++) {
            var p = parts[j];
            if (!self.isStopWord(p) && /^\p{L}+$/u.test(p) && sep.particles.indexOf(p) < 0) verbs.push(j);
          }
          verbs.forEach(function (j) { add(j, forms(parts[j]).map(function (f) { return part + f; })); });
        }
        start = i + 1;
      }
    });
    var out = new Map();
    Array.from(found.keys()).sort(function (a, b) { return a - b; }).forEach(function (i) {
      var own = self.word(parts[i]);
      var terms = [];
      found.get(i).forEach(function (w) {
        var t = self.word(w);
        if (t !== own && terms.indexOf(t) < 0) terms.push(t);
      });
      out.set(i, terms);
    });
    return out;
  };

  /* Word terms only: no whole identifiers, no synonyms (a document's words, for the phrase check). */
  Analyzer.prototype.termsPlain = function (text) {
    var self = this;
    var out = [];
    text.toLowerCase().split(/\s+/).forEach(function (chunk) {
      parts(chunk).forEach(function (p) { if (!self.isStopWord(p)) out.push(self.word(p)); });
    });
    return out;
  };

  /* The canonical term of every synonym whose variant occurs in a run of word terms, in text order. */
  Analyzer.prototype.named = function (words) {
    var found = [];
    var byFirst = this.variants();
    words.forEach(function (word, i) {
      (byFirst.get(word) || []).forEach(function (entry) {
        var variant = entry[0];
        for (var k = 0; k < variant.length; k++) if (words[i + k] !== variant[k]) return;
        found.push(entry[1]);
      });
    });
    return found;
  };

  /* First term of a variant -> [[variant, canonical], ...]: one look-up per word of a text. */
  Analyzer.prototype.variants = function () {
    if (!this.byFirst) {
      var byFirst = this.byFirst = new Map();
      this.synonyms.forEach(function (group) {
        group[1].forEach(function (variant) {
          if (!byFirst.has(variant[0])) byFirst.set(variant[0], []);
          byFirst.get(variant[0]).push([variant, group[0]]);
        });
      });
    }
    return this.byFirst;
  };

  /* A word and the number after it as one term ("error 13", "Error-13": error13), stop words left out. */
  Analyzer.prototype.joined = function (ps) {
    var self = this;
    var kept = ps.filter(function (p) { return !self.isStopWord(p); });
    var out = [];
    for (var i = 0; i + 1 < kept.length; i++) {
      if (!DIGIT.test(kept[i]) && DIGIT.test(kept[i + 1])) out.push(kept[i] + kept[i + 1]);
    }
    return out;
  };

  kb.EDGE = EDGE;
  kb.CLAUSE_END = CLAUSE_END;
  kb.SPLIT = SPLIT;
  kb.parts = parts;
  kb.Analyzer = Analyzer;
})(window.kbSearchParts = window.kbSearchParts || {});
