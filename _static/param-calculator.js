/* Weights-memory calculator of the parameter chapter (web site only).
 *
 * Every constant and every word (bytes per number format, GPU memory in MiB as
 * the driver reports it and the bytes of a MiB, units, count words, limits,
 * messages) comes from the page: _ext/book/features/param_memory/calculator.py writes them from
 * data/facts.yaml and the edition's data/labels.yaml into data-constants, so no
 * figure and no word of either edition is typed here.  The formula and the
 * rounding are _ext/book/features/param_memory/model.py's and _ext/book/data/book_numbers.py's, step for
 * step (only + - * / and floor on doubles, which give the same results in both
 * languages); tests/test_calculator.py checks it in both editions.
 * Without JavaScript the widget stays hidden and the tables above stand in.
 */
(function () {
  "use strict";
  var root = document.querySelector(".param-calculator[data-constants]");
  if (!root) return;
  var C = JSON.parse(root.getAttribute("data-constants"));
  var input = root.querySelector("#pc-params");
  var precision = root.querySelector("#pc-precision");
  var gpu = root.querySelector("#pc-gpu");
  var result = root.querySelector("#pc-result");

  function pow10(k) {
    var p = 1;
    for (var i = 0; i < k; i++) p *= 10;
    return p;
  }

  function roundSig(x, digits) {
    var e = 0;
    if (x >= 1) { while (pow10(e + 1) <= x) e += 1; }
    else { while (x * pow10(-e) < 1) e -= 1; }
    var k = e - digits + 1;
    var n = k >= 0 ? Math.floor(x / pow10(k) + 0.5) : Math.floor(x * pow10(-k) + 0.5);
    if (n >= pow10(digits)) { n = pow10(digits - 1); k += 1; }
    return [n, k];
  }

  function decimalText(n, k) {
    var digits = String(n);
    if (k >= 0) return digits + "0".repeat(k);
    var places = -k;
    digits = digits.padStart(places + 1, "0");
    var whole = digits.slice(0, -places);
    var frac = digits.slice(-places).replace(/0+$/, "");
    return whole + (frac ? "." + frac : "");
  }

  function size(nk) { return Math.max(String(nk[0]).length + nk[1], 0); }

  /* "12500" -> "12,500", as book_numbers.group_thousands. */
  function groupThousands(text) {
    var sign = text.charAt(0) === "-" ? "-" : "";
    var parts = text.replace(/^-/, "").split(".");
    var whole = parts[0], groups = [];
    while (whole.length > 3) { groups.unshift(whole.slice(-3)); whole = whole.slice(0, -3); }
    return sign + [whole].concat(groups).join(",") + (parts.length > 1 ? "." + parts[1] : "");
  }

  /* The edition's template for a unit: a string, or {one, other} (English). */
  function applyUnit(template, text) {
    if (typeof template !== "string") template = text === "1" ? template.one : template.other;
    return template.replace("{n}", text);
  }

  function formatSig(x, digits) { var nk = roundSig(x, digits); return decimalText(nk[0], nk[1]); }

  function formatBytes(bytes) {
    var units = C.byteUnits;
    for (var i = 0; i < units.length; i++) {
      if (bytes >= units[i][1]) {
        var unit = units[i][0];
        var nk = roundSig(bytes / units[i][1], C.significantBytes);
        if (size(nk) > 3 && i > 0) {
          nk = roundSig(bytes / units[i - 1][1], C.significantBytes);
          unit = units[i - 1][0];
        }
        return decimalText(nk[0], nk[1]) + " " + unit;
      }
    }
    return applyUnit(C.byteTemplate, formatSig(bytes, C.significantBytes));
  }

  function formatCount(count) {
    var words = C.countWords;
    for (var i = 0; i < words.length; i++) {
      if (count >= words[i][1]) {
        var word = words[i][0];
        var nk = roundSig(count / words[i][1], C.significantCount);
        if (i > 0 && size(nk) > words[i][2]) {
          nk = roundSig(count / words[i - 1][1], C.significantCount);
          word = words[i - 1][0];
        }
        return decimalText(nk[0], nk[1]) + word;
      }
    }
    var text = formatSig(count, C.significantCount);
    return C.groupSmallCounts ? groupThousands(text) : text;
  }

  function formatInteger(n) {
    var text = String(n), groups = [];
    while (text.length > 3) { groups.unshift(text.slice(-3)); text = text.slice(0, -3); }
    return [text].concat(groups).join(",");
  }

  function weightsBytes(params, bytesPerParam) { return params * bytesPerParam; }

  /* Sizes are decimal (1 GB = 10^9 bytes); a GPU holds what its driver reports. */
  function gpuBytes(gpuMiB) { return gpuMiB * C.bytesPerMiB; }

  function gpusNeeded(weightBytes, gpuMiB) { return Math.ceil(weightBytes / gpuBytes(gpuMiB)); }

  /* The edition's words for "parameters", at the end of the input. */
  var paramsWords = new RegExp("(" + C.paramsWords.map(function (w) {
    return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("|") + ")$", "i");

  /* "700 billion" (or the Japanese edition's count words), "700B", "7e11", "700,000,000,000", full-width
     digits... -> a number, or the name of the message that explains what is wrong. */
  function parseParams(text) {
    var s = text.normalize("NFKC").replace(/[\u2212\u2010-\u2015]/g, "-")
      .replace(/[\s,_]/g, "").replace(paramsWords, "");
    if (s === "") return { error: "empty" };
    var m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?(.*)$/i.exec(s);
    if (!m) return { error: "invalid" };
    var suffix = m[4].toLowerCase();
    if (suffix && !Object.prototype.hasOwnProperty.call(C.suffixes, suffix)) return { error: "invalid" };
    var value = Number(m[2] + (m[3] !== undefined ? "e" + m[3] : "")) * (suffix ? C.suffixes[suffix] : 1);
    if (m[1] === "-" && value !== 0) return { error: "negative" };
    if (!isFinite(value) || value > C.maxParams) return { error: "tooLarge" };
    if (value < C.minParams) return { error: "tooSmall" };
    return { value: value };
  }

  function find(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return list[0];
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function update() {
    var parsed = parseParams(input.value);
    if (parsed.error) {
      result.textContent = C.messages[parsed.error];
      result.setAttribute("data-state", "error");
      result.removeAttribute("data-memory");
      result.removeAttribute("data-gpus");
      input.setAttribute("aria-invalid", "true");
      return;
    }
    var p = find(C.precisions, precision.value), g = find(C.gpus, gpu.value);
    var bytes = weightsBytes(parsed.value, p.bytes);
    var memory = formatBytes(bytes), gpus = formatInteger(gpusNeeded(bytes, g.mib));
    result.textContent = fill(C.messages.result, {
      memory: memory, count: formatCount(parsed.value), bytes: p.bytesText,
      gpu: g.name, capacity: g.capacityText, gpus: applyUnit(C.gpusTemplate, gpus)
    });
    result.setAttribute("data-state", "ok");
    result.setAttribute("data-memory", memory);
    result.setAttribute("data-gpus", gpus);
    input.removeAttribute("aria-invalid");
  }

  input.addEventListener("input", update);
  precision.addEventListener("change", update);
  gpu.addEventListener("change", update);
  root.hidden = false;
  var fallback = document.querySelector(".param-calculator-nojs");
  if (fallback) fallback.hidden = true;
  update();
})();
