// chengguo search, the forgiving part: what search.js does for a query
// term that finds nothing on its own (see the comment above FEW there). It
// is loaded by search.js the first time a query needs it, and adds its
// methods to search.js's Index; plain JavaScript, no inline script.
(function () {
  'use strict';

  // Lookups a cut of one term may make, and typo candidates checked per term.
  var SPLIT_BUDGET = 40;
  var SUGGESTION_CHECKS = 24;
  var SUGGESTION_ROUND = 6;

  // The notes above the results: what the search did besides matching
  // exactly, one line each, in the page's language (`t` gives its strings);
  // a suggestion links to its own search.
  window.chengguoRenderNotes = function (notesBox, notes, t, query) {
    // A quoted term, as the page's language quotes.
    function quoted(text) {
      return t('quote', { term: text });
    }
    notesBox.textContent = '';
    var dropped = [];
    notes.forEach(function (note) {
      if (note.kind === 'dropped') {
        dropped.push(note.from);
        return;
      }
      var line = window.document.createElement('p');
      line.className = 'search-note note-' + note.kind;
      if (note.kind === 'folded') {
        line.textContent = t('folded', { from: quoted(note.from), to: quoted(note.to) });
      } else if (note.kind === 'split') {
        line.textContent = t('split', { from: quoted(note.from), pieces: note.pieces.map(quoted).join(t('separator')) });
      } else if (note.kind === 'typo') {
        var parts = t('typo', { from: quoted(note.from) }).split('{to}');
        var params = new URLSearchParams(window.location.search);
        params.set('q', query.split(note.from).join(note.to));
        var link = window.document.createElement('a');
        link.href = window.location.pathname + '?' + params.toString();
        link.textContent = note.to;
        line.appendChild(window.document.createTextNode(parts[0]));
        line.appendChild(link);
        line.appendChild(window.document.createTextNode(parts.slice(1).join('')));
      }
      notesBox.appendChild(line);
    });
    if (dropped.length) {
      var left = window.document.createElement('p');
      left.className = 'search-note note-dropped';
      left.textContent = t('dropped', { terms: dropped.map(quoted).join(t('separator')) });
      notesBox.appendChild(left);
    }
    notesBox.hidden = !notesBox.childNodes.length;
  };

  window.chengguoForgiving = function (Index, tools) {
    if (Index.prototype.mend) return;

    // The traditional → simplified folding of `texts`' characters: only the
    // parts of the table (src/search/text.rs, t2s_parts) that hold them are
    // loaded, each the first time it is needed. The function returned
    // folds those characters (and leaves any other as it is).
    var T2S_PARTS = 64;
    Index.prototype.simplifier = function (texts) {
      var self = this;
      if (!this.t2sParts) {
        this.t2sParts = new Map();
        this.t2s = new Map();
      }
      var parts = new Set();
      texts.forEach(function (text) {
        Array.from(text).forEach(function (c) { parts.add(c.codePointAt(0) % T2S_PARTS); });
      });
      return Promise.all(Array.from(parts).map(function (part) {
        if (!self.t2sParts.has(part)) {
          var load = self.fetch('../t2s/' + part + '.txt', 'text').then(function (text) {
            text.split('\n').forEach(function (line) {
              if (!line || line[0] === '#') return;
              var chars = Array.from(line);
              for (var i = 0; i + 1 < chars.length; i += 2) self.t2s.set(chars[i], chars[i + 1]);
            });
          });
          load.catch(function () { self.t2sParts.delete(part); });
          self.t2sParts.set(part, load);
        }
        return self.t2sParts.get(part);
      })).then(function () {
        return function (run) {
          return Array.from(run).map(function (c) { return self.t2s.get(c) || c; }).join('');
        };
      });
    };

    // The keys that continue `prefix` by one character (a CJK run of one or
    // two characters), or every word that begins with a letter, with how many
    // documents hold each: one group of the dictionary, not the shards.
    Index.prototype.keysAfter = function (prefix) {
      var prefixLength = Array.from(prefix).length;
      return this.dictionaryGroup(prefix).then(function (keys) {
        var found = [];
        keys.forEach(function (size, key) {
          if (Array.from(key).length > prefixLength) found.push({ key: key, size: size });
        });
        return found;
      });
    };

    // At least as many documents as hold a Chinese run, found in the
    // dictionary alone: its own count when it is a key (three characters or
    // fewer), else the count of its rarest trigram; 0 only when no document
    // holds it. Candidates are sifted with this, which reads no shard, no
    // entry text and no positions; what is chosen is then checked exactly.
    // Trigrams are looked up one after the other and the first missing one
    // ends it, so a candidate that is no key costs one part of the dictionary.
    Index.prototype.roughCount = function (run) {
      var self = this;
      var chars = Array.from(run);
      if (chars.length <= 3) return this.keyCount(run);
      function from(i, least) {
        if (i + 3 > chars.length) return Promise.resolve(least);
        return self.keyCount(chars.slice(i, i + 3).join('')).then(function (count) {
          return count ? from(i + 1, Math.min(least, count)) : 0;
        });
      }
      return from(0, Infinity);
    };

    // A Chinese run cut into the longest pieces (two characters or more) that
    // each occur in some entry, leftmost longest first: ['知识产权', '作价入股'],
    // or null.
    Index.prototype.split = function (run) {
      var self = this;
      var chars = Array.from(run);
      var budget = SPLIT_BUDGET;
      var pieces = [];
      function from(i) {
        if (i === chars.length) return Promise.resolve(true);
        function attempt(length) {
          if (length < 2 || budget <= 0) return Promise.resolve(false);
          if (i === 0 && length === chars.length) return attempt(length - 1);
          budget--;
          var piece = chars.slice(i, i + length).join('');
          return self.roughCount(piece).then(function (bound) {
            // A piece of four or more characters may hold every trigram
            // and still occur nowhere: checked exactly before it is kept.
            return bound && length > 3 ? self.termCount({ cjk: true, text: piece }) : bound;
          }).then(function (found) {
            if (!found) return attempt(length - 1);
            pieces.push(piece);
            return from(i + length).then(function (done) {
              if (done) return true;
              pieces.pop();
              return attempt(length - 1);
            });
          });
        }
        return attempt(chars.length - i);
      }
      return from(0).then(function (done) {
        if (!done || pieces.length < 2) return null;
        return Promise.all(pieces.map(function (p) { return self.termCount({ cjk: true, text: p }); })).then(function (counts) {
          return counts.every(Boolean) ? pieces : null;
        });
      });
    };

    // The run with one character changed so that it occurs in some entry: the
    // replacement is taken from the index's own keys that continue the one or
    // two characters before it (经济人 → 经纪人 from the key 术经纪). Each
    // position's candidates are tried most common first, a few positions at a
    // time in turn (each check may fetch shards), until two rounds are done and
    // one has found any; the candidate in most entries (by roughCount, then
    // checked exactly) wins; null if none does.
    Index.prototype.cjkSuggestion = function (run) {
      var self = this;
      var chars = Array.from(run);
      var loads = [];
      chars.forEach(function (original, i) {
        if (i === 0) return;
        var from = Math.max(0, i - 2);
        var prefix = chars.slice(from, i).join('');
        loads.push(self.keysAfter(prefix).then(function (keys) {
          var here = [];
          keys.forEach(function (k) {
            var keyChars = Array.from(k.key);
            if (keyChars.length !== i - from + 1) return;
            var replacement = keyChars[keyChars.length - 1];
            if (replacement === original) return;
            var changed = chars.slice();
            changed[i] = replacement;
            here.push({ text: changed.join(''), size: k.size });
          });
          here.sort(function (a, b) { return b.size - a.size || (a.text < b.text ? -1 : 1); });
          return here;
        }));
      });
      return Promise.all(loads).then(function (positions) {
        // Round-robin over the positions: the first candidate of each, then the second…
        var order = [];
        var seen = new Set();
        for (var rank = 0; order.length < SUGGESTION_CHECKS; rank++) {
          var any = false;
          positions.forEach(function (list) {
            if (rank >= list.length || order.length >= SUGGESTION_CHECKS) return;
            any = true;
            if (!seen.has(list[rank].text)) {
              seen.add(list[rank].text);
              order.push(list[rank].text);
            }
          });
          if (!any) break;
        }
        var found = [];
        function round(at) {
          // Two rounds at least, so each position's two most common
          // candidates compete (成果转 may trail 成果的 at its position).
          if (at >= order.length || (found.length && at >= 2 * SUGGESTION_ROUND)) return verify();
          var batch = order.slice(at, at + SUGGESTION_ROUND);
          return Promise.all(batch.map(function (text) { return self.roughCount(text); })).then(function (counts) {
            batch.forEach(function (text, i) {
              if (counts[i]) found.push({ text: text, count: counts[i] });
            });
            return round(at + SUGGESTION_ROUND);
          });
        }
        // The most common first, checked exactly; the next if it is not really there.
        function verify() {
          found.sort(function (a, b) { return b.count - a.count || (a.text < b.text ? -1 : 1); });
          function next(at) {
            if (at >= found.length || at >= SUGGESTION_ROUND) return Promise.resolve(null);
            return self.termCount({ cjk: true, text: found[at].text }).then(function (exact) {
              return exact ? found[at].text : next(at + 1);
            });
          }
          return next(0);
        }
        return round(0);
      });
    };

    // Edit distance with transpositions (optimal string alignment), or
    // limit + 1 once it is sure to exceed `limit`.
    function editDistance(a, b, limit) {
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      var previous2 = null;
      var previous = [];
      for (var j = 0; j <= b.length; j++) previous.push(j);
      for (var i = 1; i <= a.length; i++) {
        var row = [i];
        var best = i;
        for (j = 1; j <= b.length; j++) {
          var cost = a[i - 1] === b[j - 1] ? 0 : 1;
          var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
          if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2] + 1);
          row.push(d);
          best = Math.min(best, d);
        }
        if (best > limit) return limit + 1;
        previous2 = previous;
        previous = row;
      }
      return previous[b.length];
    }

    // The indexed stem nearest a word that finds nothing: within one edit for
    // words of four to six letters, two from seven, with the same first letter;
    // the stem found in most entries wins a tie. Null if there is none.
    Index.prototype.wordSuggestion = function (word) {
      var wanted = tools.stem(word);
      var length = Array.from(wanted).length;
      if (length < 4 || !tools.alphabetic.test(wanted)) return Promise.resolve(null);
      var limit = length >= 7 ? 2 : 1;
      return this.keysAfter(Array.from(wanted)[0]).then(function (keys) {
        var best = null;
        keys.forEach(function (k) {
          if (!tools.alphabetic.test(k.key)) return;
          var d = editDistance(wanted, k.key, limit);
          if (d > limit) return;
          if (!best || d < best.distance || (d === best.distance && k.size > best.size)) {
            best = { stem: k.key, distance: d, size: k.size };
          }
        });
        return best && best.stem;
      });
    };

    // One term that found nothing, mended: {terms, note} (terms empty: left out).
    Index.prototype.mend = function (term, simplify) {
      var self = this;
      if (!term.cjk) {
        return this.wordSuggestion(term.text).then(function (suggested) {
          if (!suggested) return { terms: [], note: { kind: 'dropped', from: term.text } };
          return { terms: [{ cjk: false, text: suggested, stem: suggested }], note: { kind: 'typo', from: term.text, to: suggested } };
        });
      }
      var simple = simplify ? simplify(term.text) : term.text;
      var folded = simple === term.text ? Promise.resolve(0) : this.termCount({ cjk: true, text: simple });
      return folded.then(function (found) {
        if (found) return { terms: [{ cjk: true, text: simple }], note: { kind: 'folded', from: term.text, to: simple } };
        return self.split(simple).then(function (pieces) {
          if (pieces) {
            return {
              terms: pieces.map(function (p) { return { cjk: true, text: p }; }),
              note: { kind: 'split', from: term.text, pieces: pieces },
            };
          }
          return self.cjkSuggestion(simple).then(function (suggested) {
            if (!suggested) return { terms: [], note: { kind: 'dropped', from: term.text } };
            return { terms: [{ cjk: true, text: suggested }], note: { kind: 'typo', from: term.text, to: suggested } };
          });
        });
      });
    };

    // The smallest stretch of `text` that holds every piece, in characters (1e9 if none).
    function span(text, pieces) {
      var best = 1e9;
      for (var at = text.indexOf(pieces[0]); at >= 0; at = text.indexOf(pieces[0], at + 1)) {
        var low = at;
        var high = at + pieces[0].length;
        for (var i = 1; i < pieces.length; i++) {
          var nearest = null;
          for (var p = text.indexOf(pieces[i]); p >= 0; p = text.indexOf(pieces[i], p + 1)) {
            var d = p < at ? at - p : p - at;
            if (nearest === null || d < Math.abs(nearest - at)) nearest = p;
          }
          if (nearest === null) return best;
          low = Math.min(low, nearest);
          high = Math.max(high, nearest + pieces[i].length);
        }
        best = Math.min(best, high - low);
      }
      return best;
    }

    // Results of pieces of a split term: among the best of them (those of
    // the first page, whose entries are read anyway), the ones where the
    // pieces stand closest together come first.
    Index.prototype.closeFirst = function (list, splits) {
      var head = list.slice(0, tools.page);
      return this.documents(head.map(function (r) { return r.number; })).then(function (documents) {
        var spans = new Map();
        head.forEach(function (r) {
          var text = tools.normalisedParts(documents.get(r.number)).normalised.text;
          var total = 0;
          splits.forEach(function (n) { total += span(text, n.pieces); });
          spans.set(r.number, total);
        });
        head.sort(function (a, b) {
          return spans.get(a.number) - spans.get(b.number) || b.score - a.score || a.number - b.number;
        });
        return head.concat(list.slice(tools.page));
      });
    };
  };
})();
