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

  function parts(chunk) {
    return chunk.replace(EDGE, "").split(SPLIT).filter(Boolean);
  }

  /* namespace: lunr or lunr.<lang>; synonyms: [[canonical, [[term, ...], ...]], ...]. */
  function Analyzer(namespace, synonyms) {
    var stemmer = namespace.stemmer;
    var stop = namespace.stopWordFilter;
    var cache = Object.create(null);
    this.synonyms = synonyms || [];
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
    var words = [];
    var chunks = text.toLowerCase().split(/\s+/);
    for (var i = 0; i < chunks.length; i++) {
      var core = chunks[i].replace(EDGE, "");
      var ps = core.split(SPLIT).filter(Boolean);
      if (ps.length > 1) out.push(core);
      for (var j = 0; j < ps.length; j++) {
        if (!this.isStopWord(ps[j])) {
          var term = this.word(ps[j]);
          out.push(term);
          words.push(term);
        }
      }
    }
    return this.synonyms.length ? out.concat(this.named(words)) : out;
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

  /* The canonical term of every synonym whose variant occurs in a run of word terms. */
  Analyzer.prototype.named = function (words) {
    var found = [];
    this.synonyms.forEach(function (group) {
      group[1].forEach(function (variant) {
        for (var i = 0; i + variant.length <= words.length; i++) {
          var same = true;
          for (var k = 0; k < variant.length; k++) if (words[i + k] !== variant[k]) { same = false; break; }
          if (same) found.push(group[0]);
        }
      });
    });
    return found;
  };

  kb.EDGE = EDGE;
  kb.SPLIT = SPLIT;
  kb.parts = parts;
  kb.Analyzer = Analyzer;
})(window.kbSearchParts = window.kbSearchParts || {});
