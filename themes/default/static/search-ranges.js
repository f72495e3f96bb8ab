// chengguo search, reading a few documents' positions of a common trigram
// with one request of several ranges (src/search/mod.rs). Loaded by
// search.js the first time a long phrase needs it; adds its methods to
// search.js's Index. Plain JavaScript, no inline script.
(function () {
  'use strict';

  window.chengguoRanges = function (Index, helpers) {
    var readFixed = helpers.readFixed;
    var FIXED = helpers.FIXED;
    var RANGE_COST = helpers.RANGE_COST;

    // Ranges closer than RANGE_GAP bytes are read as one, and at most
    // MAX_RANGES go in a request.
    var RANGE_GAP = 48;
    var MAX_RANGES = 256;

    // The positions of one fixed trigram of shard `number` in the documents
    // `few` (sorted numbers) only: Map(document → offsets), or null when
    // reading them alone would cost more than the whole list. Each document's
    // positions lie where the counts in the info bytes before it say, so they
    // are read with one request of several ranges.
    Index.prototype.fewPositions = function (number, posting, few) {
      var stored = posting.stored;
      if (stored.form !== FIXED) return null;
      var ranges = [];
      var documents = [];
      var offset = 0;
      var next = 0;
      for (var i = 0; i < posting.numbers.length && next < few.length; i++) {
        var length = 2 * (posting.info[i] >> 2);
        while (next < few.length && few[next] < posting.numbers[i]) next++;
        if (few[next] === posting.numbers[i]) {
          var from = stored.from + offset;
          var last = ranges[ranges.length - 1];
          if (last && from - last[1] <= RANGE_GAP) last[1] = from + length;
          else ranges.push([from, from + length]);
          documents.push([posting.numbers[i], from, length]);
        }
        offset += length;
      }
      var bytes = ranges.reduce(function (sum, r) { return sum + r[1] - r[0]; }, 0);
      if (ranges.length > MAX_RANGES || bytes + RANGE_COST * ranges.length >= stored.to - stored.from) return null;
      var found = new Map();
      if (!ranges.length) return Promise.resolve(found);
      var self = this;
      var pack = Math.floor(number / this.manifest.pack);
      return this.fetchRanges('p/' + pack + '.bin', ranges).then(function (read) {
        var r = 0;
        documents.forEach(function (d) {
          while (d[1] >= ranges[r][1]) r++;
          found.set(d[0], readFixed(read[r], d[1] - ranges[r][0], d[2] / 2));
        });
        return found;
      }, function (error) {
        if (!error.rangesRefused) throw error;
        // A server that answers several ranges with the whole file (some do)
        // is asked for one range a key from now on.
        self.oneRange = true;
        return null;
      });
    };

    // Several ranges of one file in one request: an array of bytes, one per
    // range ([from, to), sorted, apart). A server may answer with the ranges
    // as parts of a multipart body or with one range that holds them all, each
    // cut here; an answer with the whole file is stopped and refused
    // (error.rangesRefused).
    Index.prototype.fetchRanges = function (path, ranges) {
      if (ranges.length === 1) {
        return this.fetchRange(path, ranges[0][0], ranges[0][1]).then(function (bytes) { return [bytes]; });
      }
      var url = this.url + path + (this.version ? '?v=' + this.version : '');
      var header = 'bytes=' + ranges.map(function (r) { return r[0] + '-' + (r[1] - 1); }).join(',');
      var abort = new AbortController();
      return fetch(url, { headers: { Range: header }, cache: 'no-store', signal: abort.signal }).then(function (response) {
        if (!response.ok) throw new Error(url + ': ' + response.status);
        if (response.status !== 206) {
          // The whole file is coming: stop it, and let the caller read less.
          abort.abort();
          var refused = new Error(url + ': several ranges answered with the whole file');
          refused.rangesRefused = true;
          throw refused;
        }
        var type = response.headers.get('Content-Type') || '';
        var contentRange = response.headers.get('Content-Range') || '';
        return response.arrayBuffer().then(function (buffer) {
          var body = new Uint8Array(buffer);
          // Parts as [first byte, bytes].
          var parts;
          if (/^multipart\/byteranges/i.test(type)) parts = multipartParts(body, type);
          else parts = [[rangeStart(contentRange), body]];
          return ranges.map(function (r) {
            for (var k = 0; k < parts.length; k++) {
              var start = parts[k][0];
              var bytes = parts[k][1];
              if (start <= r[0] && r[1] <= start + bytes.length) return bytes.subarray(r[0] - start, r[1] - start);
            }
            throw new Error(url + ': range ' + r[0] + '-' + r[1] + ' not in the answer');
          });
        });
      });
    };

    // The first byte of a Content-Range header (`bytes 100-199/5000`).
    function rangeStart(header) {
      var match = /bytes\s+(\d+)-/i.exec(header);
      if (!match) throw new Error('no Content-Range: ' + header);
      return Number(match[1]);
    }

    // The parts of a multipart/byteranges body (RFC 9110, 14.6): each
    // boundary line, headers with a Content-Range, an empty line, the bytes.
    function multipartParts(body, type) {
      var match = /boundary="?([^";]+)"?/i.exec(type);
      if (!match) throw new Error('multipart answer without a boundary');
      var ascii = new TextDecoder('latin1').decode(body);
      var delimiter = '--' + match[1];
      var parts = [];
      var at = ascii.indexOf(delimiter);
      while (at >= 0) {
        at += delimiter.length;
        if (ascii.substr(at, 2) === '--') break;
        var headersEnd = ascii.indexOf('\r\n\r\n', at);
        if (headersEnd < 0) break;
        var headers = ascii.slice(at, headersEnd);
        var range = /content-range:\s*bytes\s+(\d+)-(\d+)/i.exec(headers);
        if (!range) throw new Error('a part without a Content-Range');
        var from = Number(range[1]);
        var start = headersEnd + 4;
        var length = Number(range[2]) - from + 1;
        parts.push([from, body.subarray(start, start + length)]);
        at = ascii.indexOf(delimiter, start + length);
      }
      return parts;
    }
  };
})();
