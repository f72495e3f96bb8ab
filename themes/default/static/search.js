// chengguo search: reads the static index under search-index/<lang>/ and runs
// the search page. Plain JavaScript, no framework, no inline script; every
// piece of index data reaches the page through DOM text APIs.
//
// The text rules below (fold, normalise, terms, stem) are twins of
// src/search/text.rs and must stay identical to them; the method is explained
// in src/search/mod.rs.
(function () {
  'use strict';

  // ---------------------------------------------------------------- text rules

  var WORD_CHAR = /^[\p{Alphabetic}\p{N}]$/u;
  var ALPHABETIC = /^\p{Alphabetic}+$/u;

  function isCjk(cp) {
    return cp === 0x3007 ||
      (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x2fa1f);
  }

  // Unicode's White_Space property, as Rust's char::is_whitespace.
  function isWhiteSpace(cp) {
    return (cp >= 9 && cp <= 13) || cp === 32 || cp === 0x85 || cp === 0xa0 || cp === 0x1680 ||
      (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f ||
      cp === 0x205f || cp === 0x3000;
  }

  // A letter or digit that is not CJK (ASCII and CJK answered without a regular expression).
  function isWordChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
    if (isCjk(cp)) return false;
    return WORD_CHAR.test(ch);
  }

  function foldChar(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp < 0x80) return String.fromCharCode(cp >= 65 && cp <= 90 ? cp + 32 : cp);
    if (isCjk(cp)) return String.fromCodePoint(cp);
    return String.fromCodePoint(cp).toLowerCase();
  }

  function fold(text) {
    var out = '';
    for (var ch of text) out += foldChar(ch.codePointAt(0));
    return out;
  }

  // Normalised text and, for each of its UTF-16 units, the index in `text`
  // it came from (for snippets).
  function normalise(text) {
    var parts = [];
    var length = 0;
    var map = [];
    var pendingSpace = false;
    var previousCjk = false;
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var folded = foldChar(cp);
      for (var ch of folded) {
        if (ch.length === 1 && isWhiteSpace(ch.charCodeAt(0))) {
          pendingSpace = length > 0;
          continue;
        }
        var c = ch.codePointAt(0);
        if (pendingSpace) {
          if (!(previousCjk && isCjk(c))) {
            parts.push(' ');
            map.push(i);
            length++;
          }
          pendingSpace = false;
        }
        parts.push(ch);
        for (var k = 0; k < ch.length; k++) map.push(i);
        length += ch.length;
        previousCjk = isCjk(c);
      }
      i += cp > 0xffff ? 2 : 1;
    }
    return { text: parts.join(''), map: map };
  }

  // Runs of CJK characters and words, with their positions in `text`.
  function terms(text) {
    var found = [];
    var current = '';
    var currentCjk = false;
    var start = 0;
    var position = 0;
    function flush() {
      if (current) found.push({ cjk: currentCjk, text: current, start: start });
      current = '';
    }
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      var kind = isCjk(cp) ? 1 : isWordChar(ch) ? 0 : -1;
      if (kind >= 0 && (current === '' || (kind === 1) === currentCjk)) {
        if (current === '') start = position;
        current += ch;
        currentCjk = kind === 1;
      } else {
        flush();
        if (kind >= 0) {
          start = position;
          current = ch;
          currentCjk = kind === 1;
        }
      }
      position += ch.length;
    }
    flush();
    return found;
  }

  function queryTerms(query) {
    return terms(fold(query));
  }

  function undouble(stem) {
    var n = stem.length;
    var last = stem[n - 1];
    if (n >= 3 && last === stem[n - 2] && /[a-z]/i.test(last) && 'aeiouylsz'.indexOf(last) < 0) {
      return stem.slice(0, -1);
    }
    return stem;
  }

  function ends(s, suffix) {
    return s.length >= suffix.length && s.slice(s.length - suffix.length) === suffix;
  }

  function stem(word) {
    var length = Array.from(word).length;
    if (length <= 3 || !ALPHABETIC.test(word)) return word;
    var s = word;
    if (ends(s, 'ies') && length > 4) s = s.slice(0, -3) + 'y';
    else if (ends(s, 'sses')) s = s.slice(0, -2);
    else if (ends(s, 'es') && ['ses', 'xes', 'zes', 'ches', 'shes'].some(function (x) { return ends(s, x); })) s = s.slice(0, -2);
    else if (ends(s, 's') && !['ss', 'us', 'is'].some(function (x) { return ends(s, x); })) s = s.slice(0, -1);
    else if (ends(s, 'ing') && length >= 6) s = undouble(s.slice(0, -3));
    else if (ends(s, 'ed') && !ends(s, 'eed')) s = undouble(s.slice(0, -2));
    if (ends(s, 'e') && Array.from(s).length > 3) s = s.slice(0, -1);
    return s;
  }

  // Whether a query word also matches the words it begins (an unfinished
  // word): two or more characters ending in a letter; a number is exact.
  function matchesAsPrefix(word) {
    var chars = Array.from(word);
    return chars.length >= 2 && !/^\p{N}$/u.test(chars[chars.length - 1]);
  }


  // ---------------------------------------------------------------- index files

  var IN_TITLE = 1;
  var IN_HEAD = 2;

  function readVarint(bytes, state) {
    var value = 0;
    var shift = 0;
    for (;;) {
      if (state.at >= bytes.length) throw new Error('the search index is cut short');
      var byte = bytes[state.at++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      if (byte < 0x80) return value;
      shift += 7;
    }
  }

  // `count` numbers stored as the gaps between them, from `state.at`.
  function readGaps(bytes, state, count) {
    var numbers = new Uint32Array(count);
    var previous = 0;
    for (var i = 0; i < count; i++) {
      previous += readVarint(bytes, state);
      numbers[i] = previous;
    }
    return numbers;
  }

  function isTrigram(key) {
    var chars = Array.from(key);
    return chars.length === 3 && chars.every(function (c) { return isCjk(c.codePointAt(0)); });
  }

  // Bytes of a gzip member (shards, long positions, document records are
  // stored gzipped: src/search/index.rs).
  function gunzip(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function Index(url) {
    this.url = url;
    this.shards = new Map();
    this.positionLists = new Map();
    this.dictionaryParts = new Map();
    this.longStarts = null;
    this.entryFiles = new Map();
    this.manifestPromise = null;
    this.utf8 = new TextDecoder();
  }

  Index.prototype.fetch = function (path, kind) {
    var url = this.url + path + (this.version ? '?v=' + this.version : '');
    return fetch(url, { cache: path === 'manifest.json' ? 'no-cache' : 'default' }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return kind === 'json' ? response.json() : kind === 'text' ? response.text() : response.arrayBuffer();
    });
  };

  // Bytes [from, to) of a file, with a range request; a server that ignores
  // the range sends the whole file, which is cut here. Not through the HTTP
  // cache: Chromium fails simultaneous range requests for one cached URL
  // (net::ERR_CACHE_OPERATION_NOT_SUPPORTED, crbug.com/770694), and one search
  // reads several ranges of a pack or bundle at once. Each range is read once
  // a page anyway: the promises below keep what was read.
  Index.prototype.fetchRange = function (path, from, to) {
    var url = this.url + path + (this.version ? '?v=' + this.version : '');
    var range = { Range: 'bytes=' + from + '-' + (to - 1) };
    return fetch(url, { headers: range, cache: 'no-store' }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.arrayBuffer().then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        if (response.status === 206) return bytes;
        if (bytes.length < to) throw new Error(url + ': cut short');
        return bytes.subarray(from, to);
      });
    });
  };

  // The manifest, the titles' lengths and the type facet: what every search needs.
  Index.prototype.load = function () {
    var self = this;
    if (!this.manifestPromise) {
      this.facetValues = {};
      this.facetLoads = {};
      this.manifestPromise = this.fetch('manifest.json', 'json').then(function (manifest) {
        self.manifest = manifest;
        self.version = manifest.version;
        return Promise.all([self.fetch('titles.bin', 'bytes'), self.facet('type')]);
      }).then(function (parts) {
        var bytes = new Uint8Array(parts[0]);
        var state = { at: 0 };
        self.titleLengths = new Uint32Array(self.manifest.count);
        for (var n = 0; n < self.manifest.count; n++) self.titleLengths[n] = readVarint(bytes, state);
        return self.manifest;
      });
      this.manifestPromise.catch(function () { self.manifestPromise = null; });
    }
    return this.manifestPromise;
  };

  // One facet's values for every document, loaded when first needed.
  Index.prototype.facet = function (key) {
    var self = this;
    if (!this.facetLoads[key]) {
      this.facetLoads[key] = this.fetch('f/' + key + '.bin', 'bytes').then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        var state = { at: 0 };
        var values = new Array(self.manifest.count);
        for (var n = 0; n < values.length; n++) {
          var k = readVarint(bytes, state);
          var list = [];
          for (var j = 0; j < k; j++) list.push(readVarint(bytes, state));
          values[n] = list;
        }
        self.facetValues[key] = values;
        return values;
      });
      this.facetLoads[key].catch(function () { delete self.facetLoads[key]; });
    }
    return this.facetLoads[key];
  };

  // Shard `number`: Map(key → {numbers, info, and for a trigram where its
  // positions lie in its pack's positions file: stored {from, to,
  // gzipped}}), in stored order.
  Index.prototype.shard = function (number) {
    return this.shardFile('s/' + number + '.bin');
  };

  // Shard `number` of the longer keys (src/search/longer.rs), read the same way.
  Index.prototype.longShard = function (number) {
    return this.shardFile('l/' + number + '.bin');
  };

  Index.prototype.shardFile = function (path) {
    var self = this;
    if (!this.shards.has(path)) {
      var promise = this.fetch(path, 'bytes').then(function (buffer) {
        return gunzip(new Uint8Array(buffer));
      }).then(function (bytes) {
        var state = { at: 0 };
        var keys = new Map();
        // Where the shard's trigram positions begin in its pack's positions file.
        var stored = readVarint(bytes, state);
        while (state.at < bytes.length) {
          var length = readVarint(bytes, state);
          var key = self.utf8.decode(bytes.subarray(state.at, state.at + length));
          state.at += length;
          var df = readVarint(bytes, state);
          var numbers = readGaps(bytes, state, df);
          var posting = { numbers: numbers, info: bytes.subarray(state.at, state.at + df) };
          state.at += df;
          if (isTrigram(key)) {
            // The stored length times four, plus the form (POSITIONS_* in src/search/index.rs).
            var storedLength = readVarint(bytes, state);
            var size = Math.floor(storedLength / 4);
            posting.stored = { from: stored, to: stored + size, form: storedLength % 4 };
            stored += size;
          }
          keys.set(key, posting);
        }
        return keys;
      });
      promise.catch(function () { self.shards.delete(path); });
      this.shards.set(path, promise);
    }
    return this.shards.get(path);
  };

  // How a trigram's positions are stored (src/search/index.rs): varints
  // (per document, how many, then the gaps), the same gzipped, or fixed (two
  // bytes each, as many per document as its info byte counts).
  var PLAIN = 0;
  var GZIPPED = 1;
  var FIXED = 2;

  // The positions of one trigram of shard `number`, fetched alone (a range
  // of p/<pack>.bin, shared by manifest.pack shards), only for CJK terms
  // longer than three characters: one sorted Uint32Array per document of its
  // posting, in the same order.
  Index.prototype.positions = function (number, key, posting) {
    var self = this;
    var id = number + ':' + key;
    if (!this.positionLists.has(id)) {
      var stored = posting.stored;
      var pack = Math.floor(number / this.manifest.pack);
      var promise = this.fetchRange('p/' + pack + '.bin', stored.from, stored.to).then(function (bytes) {
        return stored.form === GZIPPED ? gunzip(bytes) : bytes;
      }).then(function (bytes) {
        var lists = new Array(posting.numbers.length);
        if (stored.form === FIXED) {
          var at = 0;
          for (var i = 0; i < lists.length; i++) {
            lists[i] = readFixed(bytes, at, posting.info[i] >> 2);
            at += 2 * (posting.info[i] >> 2);
          }
          return lists;
        }
        var state = { at: 0 };
        for (var d = 0; d < lists.length; d++) lists[d] = readGaps(bytes, state, readVarint(bytes, state));
        return lists;
      });
      promise.catch(function () { self.positionLists.delete(id); });
      this.positionLists.set(id, promise);
    }
    return this.positionLists.get(id);
  };

  // `count` positions of two bytes each (little-endian) from `at`.
  function readFixed(bytes, at, count) {
    var list = new Uint32Array(count);
    for (var k = 0; k < count; k++) list[k] = bytes[at + 2 * k] | (bytes[at + 2 * k + 1] << 8);
    return list;
  }

  // A range of a multipart answer costs about this much besides its bytes,
  // gzipped; search-ranges.js reads a few documents' positions that way.
  var RANGE_COST = 24;

  // The last shard whose first key is at or before `key` (UTF-16 order),
  // among `starts` (the manifest's shards unless given).
  Index.prototype.shardOf = function (key, starts) {
    starts = starts || this.manifest.shards;
    var low = 0;
    var high = starts.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (starts[middle] <= key) low = middle + 1;
      else high = middle;
    }
    return Math.max(0, low - 1);
  };

  // Where a key, or every key it begins, occurs: dense arrays over all
  // documents, `count` (0 where absent) and `info` (title and metadata bits).
  Index.prototype.postings = function (key, prefix) {
    var count = this.manifest.count;
    var hits = { counts: new Uint16Array(count), info: new Uint8Array(count), size: 0 };
    if (!this.manifest.shards.length) return Promise.resolve(hits);
    var first = this.shardOf(key);
    var last = prefix ? this.shardOf(key + '\uffff') : first;
    var loads = [];
    for (var n = first; n <= last; n++) loads.push(this.shard(n));
    return Promise.all(loads).then(function (shards) {
      shards.forEach(function (keys) {
        keys.forEach(function (posting, term) {
          if (term !== key && !(prefix && term.indexOf(key) === 0)) return;
          for (var i = 0; i < posting.numbers.length; i++) {
            var number = posting.numbers[i];
            var info = posting.info[i];
            if (!hits.counts[number]) hits.size++;
            hits.counts[number] = Math.min(65535, hits.counts[number] + Math.max(1, info >> 2));
            hits.info[number] |= info & 3;
          }
        });
      });
      return hits;
    });
  };

  // The first key of each shard of longer keys, read only by a long term
  // whose first three characters are frequent.
  Index.prototype.longShardOf = function (key) {
    var self = this;
    if (!this.longStarts) {
      this.longStarts = this.fetch('l/starts.json', 'json');
      this.longStarts.catch(function () { self.longStarts = null; });
    }
    return this.longStarts.then(function (starts) { return self.shardOf(key, starts); });
  };

  // Where a longer key occurs, as `postings` gives it.
  Index.prototype.longPostings = function (key) {
    var self = this;
    var count = this.manifest.count;
    var hits = { counts: new Uint16Array(count), info: new Uint8Array(count), size: 0 };
    return this.longShardOf(key).then(function (number) {
      return self.longShard(number);
    }).then(function (keys) {
      var posting = keys.get(key);
      for (var i = 0; posting && i < posting.numbers.length; i++) {
        var number = posting.numbers[i];
        var info = posting.info[i];
        hits.size++;
        hits.counts[number] = Math.max(1, info >> 2);
        hits.info[number] = info & 3;
      }
      return hits;
    });
  };

  // The positions of one trigram: Map(document → sorted offsets), for the
  // documents `few` (sorted numbers) at least, every document unless given.
  Index.prototype.trigram = function (key, few) {
    var self = this;
    var number = this.shardOf(key);
    return this.shard(number).then(function (keys) {
      var posting = keys.get(key);
      if (!posting) return new Map();
      var stored = posting.stored;
      var alone = few && stored.form === FIXED && !self.oneRange && !self.positionLists.has(number + ':' + key) &&
        few.length * (RANGE_COST + 4) < stored.to - stored.from &&
        loadScript('search-ranges.js', 'chengguoRanges', { readFixed: readFixed, FIXED: FIXED, RANGE_COST: RANGE_COST })
          .then(function () { return self.fewPositions(number, posting, few); });
      return Promise.resolve(alone || null).then(function (some) {
        return some || self.positions(number, key, posting).then(function (lists) {
          var all = new Map();
          for (var i = 0; i < posting.numbers.length; i++) all.set(posting.numbers[i], lists[i]);
          return all;
        });
      });
    });
  };

  // How a CJK term of four or more characters (as an array of characters)
  // is found, from its longest prefix that is a key (src/search/longer.rs):
  // {key} when it is a key itself, {none} when it occurs nowhere, {within:
  // numbers} when only the few documents holding that prefix may hold it,
  // or {positions} when the trigrams' positions must decide.
  Index.prototype.plan = function (chars) {
    var self = this;
    var manifest = this.manifest;
    var firstCount = 0;
    function down(length) {
      if (length < 3) return Promise.resolve({ none: true });
      // A frequent first trigram that no longer key continues as the term
      // does: the term is nowhere (its shard would say no more).
      if (length === 3 && firstCount >= manifest.frequent) return Promise.resolve({ none: true });
      if (length > 3 && !manifest.long) return down(3);
      var key = chars.slice(0, length).join('');
      var shard = length > 3 ? self.longShardOf(key).then(function (n) { return self.longShard(n); })
        : self.shard(self.shardOf(key));
      return shard.then(function (keys) {
        var posting = keys.get(key);
        if (!posting) return down(length - 1);
        if (length === chars.length) return { key: key };
        if (posting.numbers.length < manifest.frequent) return { within: Array.from(posting.numbers) };
        if (length < manifest.longest) return { none: true };
        return { positions: true };
      });
    }
    // No longer key begins with a trigram in fewer than `frequent`
    // documents: the dictionary says so without reading the longer keys.
    return this.keyCount(chars.slice(0, 3).join('')).then(function (count) {
      firstCount = count;
      if (!count) return { none: true };
      return down(count < manifest.frequent ? 3 : Math.min(chars.length, manifest.longest));
    });
  };

  // The dictionary part of a group: FNV-1a (32 bits) over its UTF-16 code
  // units, modulo the number of parts (dictionary_part in src/search/index.rs).
  function dictionaryPart(group, parts) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < group.length; i++) hash = Math.imul(hash ^ group.charCodeAt(i), 0x01000193) >>> 0;
    return hash % parts;
  }

  // A key's group in the dictionary (dictionary_group in src/search/index.rs):
  // a CJK key's all but its last character, a single one its own; a word's first letter.
  function dictionaryGroup(key) {
    var chars = Array.from(key);
    if (!isCjk(chars[0].codePointAt(0))) return chars[0];
    return chars.length === 1 ? key : chars.slice(0, -1).join('');
  }

  // The keys of one dictionary group: Map(key → how many documents hold it).
  // A part (k/<n>.bin, about a KB) is read the first time one of its groups is wanted.
  Index.prototype.dictionaryGroup = function (group) {
    var self = this;
    var part = dictionaryPart(group, this.manifest.dictionary);
    if (!this.dictionaryParts.has(part)) {
      var promise = this.fetch('k/' + part + '.bin', 'bytes').then(function (buffer) {
        return gunzip(new Uint8Array(buffer));
      }).then(function (bytes) {
        var state = { at: 0 };
        function text() {
          var length = readVarint(bytes, state);
          var decoded = self.utf8.decode(bytes.subarray(state.at, state.at + length));
          state.at += length;
          return decoded;
        }
        var groups = new Map();
        while (state.at < bytes.length) {
          var name = text();
          var keys = new Map();
          for (var n = readVarint(bytes, state); n > 0; n--) {
            var key = name + text();
            keys.set(key, readVarint(bytes, state));
          }
          groups.set(name, keys);
        }
        return groups;
      });
      promise.catch(function () { self.dictionaryParts.delete(part); });
      this.dictionaryParts.set(part, promise);
    }
    return this.dictionaryParts.get(part).then(function (groups) { return groups.get(group) || new Map(); });
  };

  // How many documents hold a key of the shards (a CJK run of one to three
  // characters, or a stem), from the dictionary: 0 when none does.
  Index.prototype.keyCount = function (key) {
    return this.dictionaryGroup(dictionaryGroup(key)).then(function (keys) { return keys.get(key) || 0; });
  };

  // Where record `slot` of bundle `bundle` begins and ends: two of the
  // offsets at the head of the bundle file, read alone (8 bytes, not the
  // whole table: the records a search reads are mostly in different bundles).
  Index.prototype.recordRange = function (bundle, slot) {
    return this.fetchRange('d/' + bundle + '.bin', 4 * slot, 4 * slot + 8).then(function (bytes) {
      var view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return [view.getUint32(0, true), view.getUint32(4, true)];
    });
  };

  // One document's record, from its bundle.
  Index.prototype.record = function (number) {
    var self = this;
    var bundle = Math.floor(number / this.manifest.bundle);
    return this.recordRange(bundle, number % this.manifest.bundle).then(function (range) {
      return self.fetchRange('d/' + bundle + '.bin', range[0], range[1]);
    }).then(gunzip).then(function (bytes) {
      return JSON.parse(self.utf8.decode(bytes));
    });
  };

  // The documents with these numbers, for snippets: Map(number → document).
  Index.prototype.documents = function (numbers) {
    var self = this;
    var loads = numbers.map(function (number) {
      if (!self.entryFiles.has(number)) {
        var promise = self.record(number).then(function (r) {
          return { number: number, path: r[0], title: r[1], type: r[2], bodyStart: r[3], text: r[4], simplified: r[5] || '' };
        });
        promise.catch(function () { self.entryFiles.delete(number); });
        self.entryFiles.set(number, promise);
      }
      return self.entryFiles.get(number);
    });
    return Promise.all(loads).then(function (list) {
      var byNumber = new Map();
      list.forEach(function (d) { byNumber.set(d.number, d); });
      return byNumber;
    });
  };

  // Whether a sorted list of numbers holds `value`.
  function holds(sorted, value) {
    var low = 0;
    var high = sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] < value) low = middle + 1;
      else high = middle;
    }
    return low < sorted.length && sorted[low] === value;
  }

  function normalisedParts(document) {
    if (!document.normalised) {
      document.normalised = normalise(document.text);
      document.normalisedTitle = normalise(document.title).text;
      document.normalisedHead = normalise(document.text.slice(0, document.bodyStart)).text;
    }
    return document;
  }

  // Up to this many candidates, a long CJK term is checked against the
  // entries' text instead of the trigrams' positions.
  var VERIFY_LIMIT = 20;

  function countOccurrences(haystack, needle) {
    var found = 0;
    for (var at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found++;
    return found;
  }

  // Rough sizes, gzipped, of what checking a long term may read, to choose
  // between the candidates' texts and the trigrams' positions: a document's
  // record (with its share of its bundle's table), a shard, and a trigram's
  // positions per document that holds it.
  var RECORD_BYTES = 2000;
  var SHARD_BYTES = 6500;
  var POSITION_BYTES = 3;
  // A trigram in this many documents or more has its positions stored fixed
  // (about: the index decides by their size, FIXED_POSITIONS in
  // src/search/index.rs), so that a few candidates' positions are read alone.
  var FIXED_DOCUMENTS = 1200;

  // What reading a trigram's positions costs, about, for `candidates` of the
  // `documents` that hold it.
  function positionCost(documents, candidates) {
    var whole = POSITION_BYTES * documents;
    return documents < FIXED_DOCUMENTS ? whole : Math.min(whole, (RANGE_COST + 4) * candidates);
  }

  // The offsets of trigrams that cover a run of `length` (four or more)
  // characters at the least total `cost(offset)`: the first, the last, and
  // no more than three apart, so that every character lies in one of them
  // and they line up exactly where the whole run occurs (see src/search/mod.rs).
  function cheapestCover(length, cost) {
    var last = length - 3;
    var best = [cost(0)];
    var from = [-1];
    for (var o = 1; o <= last; o++) {
      best[o] = Infinity;
      for (var p = Math.max(0, o - 3); p < o; p++) {
        if (best[p] < best[o]) {
          best[o] = best[p];
          from[o] = p;
        }
      }
      best[o] += cost(o);
    }
    var offsets = [];
    for (var at = last; at >= 0; at = from[at]) offsets.unshift(at);
    return offsets;
  }

  // Every document matching `query` exactly, scored: [{number, score}], best first.
  Index.prototype.search = function (query) {
    return this.searchTerms(queryTerms(query));
  };

  // The stem a word term is looked up by, and whether longer stems it begins match too.
  function termStem(term) {
    return term.stem || stem(term.text);
  }
  function termPrefix(term) {
    return !term.cjk && !term.stem && matchesAsPrefix(term.text);
  }

  // Every document matching all of `wanted` ({cjk, text} terms; a word may
  // carry its `stem`, then matched whole), scored, best first.
  Index.prototype.searchTerms = function (wanted) {
    var self = this;
    var count = this.manifest.count;
    if (!wanted.length) {
      var all = [];
      for (var n = 0; n < count; n++) all.push({ number: n, score: 0 });
      return Promise.resolve(all);
    }
    // Documents still in the running, and their scores so far.
    var alive = new Uint8Array(count).fill(1);
    var scores = new Float64Array(count);
    // Title matches count most (more when the term fills more of the
    // title), then the metadata before the body, then the body; more
    // occurrences and rarer terms (idf) raise the score.
    function add(hits, term) {
      var idf = Math.log(1 + count / Math.max(1, hits.size));
      var length = Array.from(term.text).length;
      for (var n = 0; n < count; n++) {
        if (!alive[n]) continue;
        var c = hits.counts[n];
        if (!c) {
          alive[n] = 0;
          continue;
        }
        var info = hits.info[n];
        var weight = info & IN_TITLE ? 100 + 50 * Math.min(1, length / Math.max(1, self.titleLengths[n]))
          : info & IN_HEAD ? 10 : 1;
        scores[n] += idf * (weight + Math.log(1 + c));
      }
    }
    function emptyHits() {
      return { counts: new Uint16Array(count), info: new Uint8Array(count), size: 0 };
    }
    // A CJK term of four or more characters: a key itself, in none, in a few
    // documents whose text decides, or found by its trigrams' positions
    // (src/search/longer.rs).
    function aligned(term) {
      var chars = Array.from(term.text);
      return self.plan(chars).then(function (plan) {
        if (plan.key) return self.longPostings(plan.key);
        if (plan.none) return emptyHits();
        if (plan.within) {
          var few = plan.within.filter(function (n) { return alive[n]; });
          return few.length <= VERIFY_LIMIT ? byText(few, term) : byPositions(term, chars, few);
        }
        return byPositions(term, chars, null);
      });
    }
    // The documents among `few` whose normalised text holds the term.
    function byText(few, term) {
      var hits = emptyHits();
      return self.documents(few).then(function (documents) {
        few.forEach(function (n) {
          var d = normalisedParts(documents.get(n));
          var found = countOccurrences(d.normalised.text, term.text);
          // The index holds traditional text in both spellings; so does this check.
          if (!found && d.simplified) {
            if (!d.normalisedSimplified) d.normalisedSimplified = normalise(d.simplified).text;
            found = countOccurrences(d.normalisedSimplified, term.text);
          }
          if (!found) return;
          hits.counts[n] = Math.min(found, 63);
          hits.info[n] = (d.normalisedTitle.indexOf(term.text) >= 0 ? IN_TITLE : 0) |
            (d.normalisedHead.indexOf(term.text) >= 0 ? IN_HEAD : 0);
          hits.size++;
        });
        return hits;
      });
    }
    // Documents holding the term (among `within`, unless null): the
    // dictionary gives each trigram's document count, and the cheapest
    // trigrams that cover the term are read rarest first, each narrowing the
    // candidates, until reading the candidates' texts costs less than the
    // rest; else their positions decide.
    function byPositions(term, chars, within) {
      var keys = [];
      for (var i = 0; i + 3 <= chars.length; i++) keys.push(chars.slice(i, i + 3).join(''));
      return Promise.all(keys.map(function (k) { return self.keyCount(k); })).then(function (counts) {
        if (counts.some(function (c) { return !c; })) return emptyHits();
        var loaded = function (o) { return self.shards.has('s/' + self.shardOf(keys[o]) + '.bin'); };
        var offsets = cheapestCover(chars.length, function (o) {
          return (loaded(o) ? 0 : SHARD_BYTES) + positionCost(counts[o], within ? within.length : count);
        });
        var order = offsets.slice().sort(function (a, b) { return counts[a] - counts[b] || a - b; });
        var candidates = new Uint8Array(count);
        var size = 0;
        (within || Array.from({ length: count }, function (_, n) { return n; })).forEach(function (n) {
          if (alive[n] && !candidates[n]) {
            candidates[n] = 1;
            size++;
          }
        });
        var lists = new Map();
        // What the positions would still cost, from the step at `next` on.
        function rest(next) {
          var bytes = 0;
          order.forEach(function (o, j) {
            bytes += positionCost(counts[o], size) + (j >= next && !loaded(o) ? SHARD_BYTES : 0);
          });
          return bytes;
        }
        function step(next) {
          if (!size) return emptyHits();
          if (size <= VERIFY_LIMIT || size * RECORD_BYTES <= rest(next)) {
            var few = [];
            for (var n = 0; n < count; n++) if (candidates[n]) few.push(n);
            return byText(few, term);
          }
          if (next === order.length) return byAlignment(term, keys, offsets, candidates, lists);
          var o = order[next];
          return self.postings(keys[o], false).then(function (hits) {
            lists.set(o, hits);
            for (var n = 0; n < count; n++) {
              if (candidates[n] && !hits.counts[n]) {
                candidates[n] = 0;
                size--;
              }
            }
            return step(next + 1);
          });
        }
        return step(0);
      });
    }
    // The candidates where the covering trigrams' positions line up.
    function byAlignment(term, keys, offsets, candidates, lists) {
      var few = [];
      for (var n = 0; n < count; n++) if (candidates[n]) few.push(n);
      return Promise.all(offsets.map(function (o) { return self.trigram(keys[o], few); })).then(function (positions) {
        var hits = emptyHits();
        for (var n = 0; n < count; n++) {
          if (!candidates[n]) continue;
          var starts = positions[0].get(n);
          var found = 0;
          for (var j = 0; j < starts.length; j++) {
            var ok = true;
            for (var k = 1; k < offsets.length && ok; k++) ok = holds(positions[k].get(n), starts[j] + offsets[k]);
            if (ok) found++;
          }
          if (!found) continue;
          var info = IN_TITLE | IN_HEAD;
          lists.forEach(function (l) { info &= l.info[n]; });
          hits.counts[n] = found;
          hits.info[n] = info;
          hits.size++;
        }
        return hits;
      });
    }
    var chain = Promise.resolve();
    var none = false;
    wanted.forEach(function (term) {
      chain = chain.then(function () {
        if (none) return;
        var length = Array.from(term.text).length;
        var hits = term.cjk && length > 3 ? aligned(term)
          : self.postings(term.cjk ? term.text : termStem(term), termPrefix(term));
        return hits.then(function (found) {
          add(found, term);
          none = found.size === 0;
        });
      });
    });
    return chain.then(function () {
      var list = [];
      for (var n = 0; n < count; n++) if (alive[n]) list.push({ number: n, score: scores[n] });
      list.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
      return list;
    });
  };

  // ---------------------------------------------------------------- forgiving
  //
  // Exact results always come first. When there are fewer than FEW of them,
  // each query term that finds nothing on its own is mended, in this order:
  // its traditional characters simplified (the table of src/search/t2s.txt);
  // a Chinese term cut into the longest pieces the index holds, all of them
  // wanted; one character or letters changed to what the index holds (a
  // typo); or, failing all, the term is left out. Every step taken becomes
  // a note that the page shows, and the results it adds are marked as not exact.

  var FEW = 3;

  // Results shown at first, and on each "show more".
  var PAGE = 10;

  // How many documents one term finds on its own (remembered).
  Index.prototype.termCount = function (term) {
    var key = (term.cjk ? 'c' : 'w') + (term.stem ? '=' + term.stem : ':' + term.text);
    if (!this.termCounts) this.termCounts = new Map();
    if (!this.termCounts.has(key)) {
      this.termCounts.set(key, this.searchTerms([term]).then(function (list) { return list.length; }));
    }
    return this.termCounts.get(key);
  };

  // The mending (search-forgive.js) and the reading of a few documents'
  // positions (search-ranges.js) are loaded the first time a query needs
  // them, so most first searches download only this file. Each script defines
  // window[name], a function given Index and `helpers`.
  var scriptBase = window.document.currentScript
    ? window.document.currentScript.src.replace(/search\.js(\?.*)?$/, '') : '';
  var scriptLoads = {};
  function loadScript(file, name, helpers) {
    if (!scriptLoads[file]) {
      scriptLoads[file] = new Promise(function (resolve, reject) {
        var script = window.document.createElement('script');
        script.src = scriptBase + file;
        script.onload = resolve;
        script.onerror = function () { reject(new Error(script.src + ' could not be loaded')); };
        window.document.head.appendChild(script);
      }).then(function () {
        if (!window[name]) throw new Error(file + ' defines nothing');
        window[name](Index, helpers);
      });
      scriptLoads[file].catch(function () { delete scriptLoads[file]; });
    }
    return scriptLoads[file];
  }
  function loadForgiving() {
    return loadScript('search-forgive.js', 'chengguoForgiving', {
      stem: stem,
      isCjk: isCjk,
      alphabetic: ALPHABETIC,
      normalisedParts: normalisedParts,
      page: PAGE,
    });
  }

  // A term as the reader typed it (AI, not the folded ai), where the query
  // shows it plainly; else as folded.
  function asTyped(query, term) {
    var lower = query.toLowerCase();
    var at = lower.length === query.length ? lower.indexOf(term) : -1;
    return at >= 0 ? query.slice(at, at + term.length) : term;
  }

  // Where the index holds traditional text in both spellings, the results
  // that hold the query only in the other spelling are told apart by their
  // text, when there are few enough to read (VERIFY_LIMIT): {exact, otherSpelling}.
  Index.prototype.asWritten = function (found, wanted) {
    var runs = wanted.filter(function (t) { return t.cjk; }).map(function (t) { return t.text; });
    if (!this.manifest.folded || !runs.length || !found.length || found.length > VERIFY_LIMIT) {
      return Promise.resolve({ exact: found, otherSpelling: [] });
    }
    return this.documents(found.map(function (r) { return r.number; })).then(function (documents) {
      var split = { exact: [], otherSpelling: [] };
      found.forEach(function (r) {
        var text = normalisedParts(documents.get(r.number)).normalised.text;
        var written = runs.every(function (run) { return text.indexOf(run) >= 0; });
        (written ? split.exact : split.otherSpelling).push(r);
      });
      return split;
    });
  };

  // Every document for `query`, exact ones first: {results: [{number, score,
  // exact}], terms (to mark in snippets), notes: [{kind, from, to, pieces}]}.
  Index.prototype.forgive = function (query) {
    var self = this;
    var wanted = queryTerms(query);
    return this.searchTerms(wanted).then(function (found) {
      return self.asWritten(found, wanted);
    }).then(function (split) {
      var exact = split.exact;
      var answer = {
        results: exact.map(function (r) { return { number: r.number, score: r.score, exact: true }; })
          .concat(split.otherSpelling.map(function (r) { return { number: r.number, score: r.score, exact: false }; })),
        terms: wanted,
        notes: [],
      };
      if (exact.length >= FEW || !wanted.length) return answer;
      return Promise.all(wanted.map(function (t) { return self.termCount(t); })).then(function (counts) {
        var lost = wanted.filter(function (t, i) { return !counts[i]; });
        if (!lost.length) return answer;
        return loadForgiving().then(function () {
          var runs = lost.filter(function (t) { return t.cjk; }).map(function (t) { return t.text; });
          return runs.length ? self.simplifier(runs) : null;
        }).then(function (simplify) {
          return Promise.all(wanted.map(function (t, i) {
            return counts[i] ? { terms: [t], note: null } : self.mend(t, simplify);
          })).then(function (mended) {
            var terms = [];
            var notes = [];
            mended.forEach(function (m) {
              terms = terms.concat(m.terms);
              if (m.note) {
                m.note.from = asTyped(query, m.note.from);
                notes.push(m.note);
              }
            });
            // Leaving out every term would find everything: find nothing instead.
            if (!terms.length) return answer;
            return self.searchTerms(terms).then(function (found) {
              var seen = new Set(answer.results.map(function (r) { return r.number; }));
              var more = found.filter(function (r) { return !seen.has(r.number); });
              if (!more.length) return answer;
              var splits = notes.filter(function (n) { return n.kind === 'split'; });
              var ranked = splits.length ? self.closeFirst(more, splits) : Promise.resolve(more);
              return ranked.then(function (list) {
                answer.results = answer.results.concat(list.map(function (r) {
                  return { number: r.number, score: r.score, exact: false };
                }));
                answer.terms = wanted.concat(terms);
                answer.notes = notes;
                return answer;
              });
            });
          });
        });
      });
    });
  };

  // Where the query's terms occur in a document's text: [[start, end)] in display units.
  function matchRanges(document, wanted) {
    var d = normalisedParts(document);
    var norm = d.normalised.text;
    var map = d.normalised.map;
    var ranges = [];
    function push(start, end) {
      var last = map[end - 1];
      var width = d.text.codePointAt(last) > 0xffff ? 2 : 1;
      ranges.push([map[start], last + width]);
    }
    var words = null;
    wanted.forEach(function (term) {
      if (term.cjk) {
        for (var at = norm.indexOf(term.text); at >= 0; at = norm.indexOf(term.text, at + 1)) {
          push(at, at + term.text.length);
        }
      } else {
        if (!words) words = terms(norm).filter(function (t) { return !t.cjk; });
        var queryStem = termStem(term);
        var prefix = termPrefix(term);
        words.forEach(function (w) {
          var documentStem = stem(w.text);
          if (prefix ? documentStem.indexOf(queryStem) === 0 : documentStem === queryStem) push(w.start, w.start + w.text.length);
        });
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push(r.slice());
    });
    return merged;
  }

  // A short piece of the text around the first match in the body, as DOM
  // nodes with <mark> around every match. The title, type and metadata rows
  // before the body would read as labels run together, so the piece never
  // starts before the body when the body has a match or any text; only an
  // entry without a body shows its metadata around the match.
  function snippet(document, wanted) {
    var text = document.text;
    var ranges = matchRanges(document, wanted);
    var bodyStart = Math.min(document.bodyStart || 0, text.length);
    var hasBody = bodyStart < text.length;
    var inBody = ranges.filter(function (r) { return r[0] >= bodyStart; })[0];
    var titleAt = text.indexOf(document.title);
    var titleEnd = titleAt >= 0 ? titleAt + document.title.length : 0;
    var start;
    if (inBody) {
      start = Math.max(bodyStart, inBody[0] - 30);
    } else if (hasBody) {
      start = bodyStart;
    } else {
      var focus = ranges.filter(function (r) { return r[0] >= titleEnd; })[0] || ranges[0];
      start = Math.max(0, (focus ? focus[0] : titleEnd) - 30);
    }
    // Start at a word's beginning where one is near, not inside it.
    if (start > bodyStart && start > 0) {
      var space = text.lastIndexOf(' ', start);
      if (space >= Math.max(bodyStart, start - 12)) start = space + 1;
    }
    var end = Math.min(text.length, start + 120);
    // Never cut a character written as a surrogate pair in two.
    if (start > 0 && text.codePointAt(start - 1) > 0xffff) start--;
    if (end < text.length && text.codePointAt(end - 1) > 0xffff) end++;
    var fragment = window.document.createDocumentFragment();
    if (start > 0 && start !== bodyStart) fragment.appendChild(window.document.createTextNode('…'));
    var at = start;
    ranges.forEach(function (r) {
      if (r[1] <= start || r[0] >= end) return;
      var from = Math.max(r[0], start);
      var to = Math.min(r[1], end);
      if (from > at) fragment.appendChild(window.document.createTextNode(text.slice(at, from)));
      var mark = window.document.createElement('mark');
      mark.textContent = text.slice(from, to);
      fragment.appendChild(mark);
      at = to;
    });
    if (at < end) fragment.appendChild(window.document.createTextNode(text.slice(at, end)));
    if (end < text.length) fragment.appendChild(window.document.createTextNode('…'));
    return fragment;
  }

  // ---------------------------------------------------------------- the page

  var app = window.document.getElementById('search-app');
  var siteBase = app ? app.getAttribute('data-base') : '/';
  var index = new Index(app ? app.getAttribute('data-index') : siteBase + 'search-index/zh/');

  function resultUrl(path) {
    return siteBase + path;
  }

  // The test contract: every result of `query`, best first.
  window.chengguoSearch = function (query) {
    return index.load().then(function () {
      return index.search(String(query));
    }).then(function (list) {
      return index.documents(list.map(function (r) { return r.number; })).then(function (documents) {
        return list.map(function (r) {
          var d = documents.get(r.number);
          return { url: resultUrl(d.path), title: d.title, type: d.type, score: Math.round(r.score * 1000) / 1000 };
        });
      });
    });
  };

  // The same with forgiving: {results: [... and `exact`], notes}, exact results first.
  window.chengguoSearchForgiving = function (query) {
    return index.load().then(function () {
      return index.forgive(String(query));
    }).then(function (answer) {
      return index.documents(answer.results.map(function (r) { return r.number; })).then(function (documents) {
        return {
          notes: answer.notes,
          results: answer.results.map(function (r) {
            var d = documents.get(r.number);
            return { url: resultUrl(d.path), title: d.title, type: d.type, score: Math.round(r.score * 1000) / 1000, exact: r.exact };
          }),
        };
      });
    });
  };

  if (!app) return;

  var input = window.document.getElementById('search-q');
  var form = window.document.getElementById('search-form');
  var status = window.document.getElementById('search-status');
  var list = window.document.getElementById('search-results');
  var facetsBox = window.document.getElementById('search-facets');
  var more = window.document.getElementById('search-more');
  var empty = window.document.getElementById('search-empty');
  var notesBox = window.document.getElementById('search-notes');
  // On a phone the facets sit in a closed panel above the results; on a
  // wide screen, beside them, the panel is open and its toggle hidden.
  var panel = window.document.getElementById('search-filter-panel');
  var wide = window.matchMedia ? window.matchMedia('(min-width: 48rem)') : null;
  function fitPanel() {
    if (panel) panel.open = !wide || wide.matches;
  }
  fitPanel();
  if (wide && wide.addEventListener) wide.addEventListener('change', fitPanel);
  var t = function (name, values) {
    var text = app.getAttribute('data-t-' + name) || '';
    Object.keys(values || {}).forEach(function (k) { text = text.split('{' + k + '}').join(values[k]); });
    return text;
  };

  var selected = {};
  // Results to show again when the page is come back to (see shownBefore).
  var restoring = 0;
  var run = 0;
  var current = null;
  var debounce = null;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get('q') || '';
    selected = {};
    ['type', 'field', 'stage', 'transfer_modes', 'ip', 'region', 'year', 'status'].forEach(function (key) {
      var values = params.getAll(key).filter(Boolean);
      if (values.length) selected[key] = new Set(values);
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value.trim());
    Object.keys(selected).forEach(function (key) {
      Array.from(selected[key]).sort().forEach(function (v) { params.append(key, v); });
    });
    var search = params.toString();
    var url = window.location.pathname + (search ? '?' + search : '') + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      // A new query starts again at the first page.
      window.history.replaceState(null, '', url);
    }
    keepSwitcher();
  }

  // The language switcher leads to the other language's search page with
  // the same query and facets (facet values are keys, the same in both).
  function keepSwitcher() {
    var link = window.document.querySelector('a.lang-switch');
    if (!link) return;
    var target = new URL(link.getAttribute('href'), window.location.href);
    target.search = window.location.search;
    link.setAttribute('href', target.pathname + target.search + target.hash);
  }

  // How many results the reader had shown, kept in the history entry so
  // that Back to this page shows them again, with the one they opened.
  function rememberShown() {
    var state = Object.assign({}, window.history.state || {}, { shown: list.children.length });
    window.history.replaceState(state, '', window.location.href);
  }
  function shownBefore() {
    var state = window.history.state;
    return state && typeof state.shown === 'number' && state.shown > 0 ? Math.min(state.shown, 1000) : 0;
  }

  // Facets other than the type load when the reader opens them (or the URL
  // selects one), so a first search stays small.
  var openFacets = new Set(['type']);

  function facetsWanted() {
    var keys = new Set(openFacets);
    Object.keys(selected).forEach(function (key) { keys.add(key); });
    return Promise.all(Array.from(keys).map(function (key) { return index.facet(key); }));
  }

  // Whether document `number` has a selected value in facet `group` (or none is selected).
  function passes(number, group) {
    var facet = index.manifest.facets[group];
    var chosen = selected[facet.key];
    var values = index.facetValues[facet.key];
    if (!chosen || !chosen.size || !values) return true;
    return values[number].some(function (v) { return chosen.has(facet.values[v].key); });
  }

  function filterAndCount(matches) {
    var facets = index.manifest.facets;
    var counts = facets.map(function (f) {
      return index.facetValues[f.key] ? new Array(f.values.length).fill(0) : null;
    });
    var kept = [];
    matches.forEach(function (m) {
      var failing = -1;
      for (var g = 0; g < facets.length; g++) {
        if (!passes(m.number, g)) {
          if (failing >= 0) return;
          failing = g;
        }
      }
      if (failing < 0) kept.push(m);
      // A facet's counts follow the query and every other facet's choice.
      for (var h = 0; h < facets.length; h++) {
        if ((failing >= 0 && failing !== h) || !counts[h]) continue;
        index.facetValues[facets[h].key][m.number].forEach(function (v) { counts[h][v]++; });
      }
    });
    return { kept: kept, counts: counts };
  }

  function renderFacets(counts) {
    var active = window.document.activeElement;
    var focusKey = active && facetsBox.contains(active)
      ? (active.tagName === 'SUMMARY' ? 'summary:' + active.parentNode.getAttribute('data-facet') : active.name + '=' + active.value)
      : null;
    facetsBox.textContent = '';
    // Focus moves only once the new elements are in the page: focusing one
    // that is not yet attached does nothing, and focus fell to <body>.
    var focusNext = null;
    index.manifest.facets.forEach(function (facet, g) {
      var chosen = selected[facet.key] || new Set();
      var shown = counts[g] ? facet.values.map(function (v, i) { return { value: v, count: counts[g][i] }; })
        .filter(function (x) { return x.count > 0 || chosen.has(x.value.key); }) : null;
      if (shown && !shown.length) return;
      var details = window.document.createElement('details');
      details.className = 'facet facet-' + facet.key;
      details.setAttribute('data-facet', facet.key);
      details.open = openFacets.has(facet.key);
      var summary = window.document.createElement('summary');
      summary.textContent = facet.label;
      details.appendChild(summary);
      if (focusKey === 'summary:' + facet.key) focusNext = summary;
      details.addEventListener('toggle', function () {
        if (details.open === openFacets.has(facet.key)) return;
        if (details.open) {
          openFacets.add(facet.key);
          if (!index.facetValues[facet.key]) search();
        } else {
          openFacets.delete(facet.key);
        }
      });
      if (shown) {
        var fieldset = window.document.createElement('fieldset');
        var legend = window.document.createElement('legend');
        legend.className = 'visually-hidden';
        legend.textContent = facet.label;
        fieldset.appendChild(legend);
        shown.forEach(function (x) {
          var label = window.document.createElement('label');
          var box = window.document.createElement('input');
          box.type = 'checkbox';
          box.name = facet.key;
          box.value = x.value.key;
          box.checked = chosen.has(x.value.key);
          label.appendChild(box);
          label.appendChild(window.document.createTextNode(' ' + x.value.label + ' '));
          var number = window.document.createElement('span');
          number.className = 'facet-count';
          number.textContent = '(' + x.count + ')';
          label.appendChild(number);
          fieldset.appendChild(label);
          if (focusKey === facet.key + '=' + x.value.key) focusNext = box;
        });
        details.appendChild(fieldset);
      }
      facetsBox.appendChild(details);
    });
    if (focusNext) focusNext.focus();
  }

  // The notes of a forgiving search are written by search-forgive.js, which
  // is loaded whenever there are any.
  function renderNotes(notes) {
    if (!notesBox) return;
    if (notes.length && window.chengguoRenderNotes) {
      window.chengguoRenderNotes(notesBox, notes, t, input.value.trim());
    } else {
      notesBox.textContent = '';
      notesBox.hidden = true;
    }
  }

  function typeLabel(key) {
    var facet = index.manifest.facets.find(function (f) { return f.key === 'type'; });
    var value = facet && facet.values.find(function (v) { return v.key === key; });
    return value ? value.label : key;
  }

  function showPage(token, size) {
    var shown = list.children.length;
    var page = current.kept.slice(shown, shown + (size || PAGE));
    return index.documents(page.map(function (r) { return r.number; })).then(function (documents) {
      if (token !== run) return;
      page.forEach(function (r) {
        var d = documents.get(r.number);
        var item = window.document.createElement('li');
        item.className = 'search-result result-' + d.type;
        var type = window.document.createElement('p');
        type.className = 'card-type';
        type.textContent = typeLabel(d.type);
        // Once close matches are shown, every result says which kind it is.
        if (current.forgiving) {
          var kind = window.document.createElement('span');
          kind.className = r.exact ? 'match-kind match-exact' : 'match-kind match-close';
          kind.textContent = t(r.exact ? 'exact' : 'close');
          type.appendChild(window.document.createTextNode(' · '));
          type.appendChild(kind);
        }
        var heading = window.document.createElement('h2');
        var link = window.document.createElement('a');
        link.href = resultUrl(d.path);
        link.textContent = d.title;
        heading.appendChild(link);
        var text = window.document.createElement('p');
        text.className = 'snippet';
        text.appendChild(snippet(d, current.terms));
        item.appendChild(type);
        item.appendChild(heading);
        item.appendChild(text);
        list.appendChild(item);
      });
      more.hidden = list.children.length >= current.kept.length;
    });
  }

  function search() {
    var token = ++run;
    var query = input.value;
    list.setAttribute('data-state', 'loading');
    list.removeAttribute('data-count');
    var started = 0;
    return index.load().then(function () {
      started = window.performance.now();
      return Promise.all([index.forgive(query), facetsWanted()]);
    }).then(function (found) {
      // A User Timing entry per search, for benchmarks and profilers.
      if (window.performance.measure) window.performance.measure('chengguo-search', { start: started });
      if (token !== run) return;
      var answer = found[0];
      var result = filterAndCount(answer.results);
      current = {
        kept: result.kept,
        terms: answer.terms,
        forgiving: answer.results.some(function (r) { return !r.exact; }),
      };
      renderNotes(answer.notes);
      renderFacets(result.counts);
      list.textContent = '';
      var restore = restoring;
      restoring = 0;
      return showPage(token, Math.max(PAGE, restore)).then(function () {
        if (token !== run) return;
        var total = result.kept.length;
        var browsing = !current.terms.length;
        empty.hidden = total > 0;
        status.textContent = total === 0 ? t('none', { query: query.trim() })
          : t(browsing ? 'browse-count' : (total === 1 ? 'count-one' : 'count'), { count: total });
        list.setAttribute('data-count', String(total));
        list.setAttribute('data-state', 'done');
      });
    }).catch(function (error) {
      if (token !== run) return;
      status.textContent = t('error');
      list.setAttribute('data-state', 'error');
      if (window.console) window.console.error(error);
    });
  }

  function now() {
    window.clearTimeout(debounce);
    writeUrl();
    return search();
  }

  input.addEventListener('input', function () {
    window.clearTimeout(debounce);
    // The results shown no longer answer what is typed: say so at once, not
    // only when the debounced search starts (a reader of data-state, such as
    // a test, would otherwise take the previous answer for this one).
    ++run;
    list.setAttribute('data-state', 'loading');
    list.removeAttribute('data-count');
    debounce = window.setTimeout(now, 200);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    now().then(function () {
      var first = list.querySelector('a[href]');
      if (first && window.document.activeElement !== input) first.focus();
    });
  });
  facetsBox.addEventListener('change', function (event) {
    var box = event.target;
    if (!box || box.type !== 'checkbox') return;
    var set = selected[box.name] || (selected[box.name] = new Set());
    if (box.checked) set.add(box.value);
    else set.delete(box.value);
    if (!set.size) delete selected[box.name];
    now();
  });
  // Opening a result remembers where the reader was, for Back.
  list.addEventListener('click', function (event) {
    if (!event.target.closest || !event.target.closest('a[href]')) return;
    var state = Object.assign({}, window.history.state || {}, { shown: list.children.length, scroll: window.scrollY });
    window.history.replaceState(state, '', window.location.href);
  });
  more.addEventListener('click', function () {
    var before = list.children.length;
    showPage(run).then(function () {
      rememberShown();
      var next = list.children[before];
      var link = next && next.querySelector('a[href]');
      if (link) link.focus();
    });
  });

  // Keyboard: ↓ from the box into the results, ↑/↓ between results, Esc back to the box.
  function links() {
    return Array.from(list.querySelectorAll('a[href]'));
  }
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      var all = links();
      if (all.length) {
        event.preventDefault();
        all[0].focus();
      }
    }
  });
  list.addEventListener('keydown', function (event) {
    var all = links();
    var at = all.indexOf(window.document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      input.focus();
    }
  });

  readUrl();
  keepSwitcher();
  restoring = shownBefore();
  var scrollTo = window.history.state && window.history.state.scroll;
  search().then(function () {
    if (typeof scrollTo === 'number') window.scrollTo(0, scrollTo);
  });
  // The scroll position goes with the count, so Back lands on the result opened.
  window.addEventListener('pagehide', function () {
    var state = Object.assign({}, window.history.state || {}, { scroll: window.scrollY });
    window.history.replaceState(state, '', window.location.href);
  });
})();
