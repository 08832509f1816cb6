// Types each input with each precision and GPU into the calculator, as a reader
// would (the events its script listens to), and returns what it wrote for each:
// [input, precision, gpu, data-memory, data-gpus, the result's text].
// Given [inputs, precisions, gpus].  Used by test_calculator_browser.py.
([inputs, precisions, gpus]) => {
  const input = document.getElementById('pc-params');
  const precision = document.getElementById('pc-precision');
  const gpu = document.getElementById('pc-gpu');
  const result = document.getElementById('pc-result');
  const out = [];
  for (const text of inputs) for (const p of precisions) for (const g of gpus) {
    input.value = text; input.dispatchEvent(new Event('input'));
    precision.value = p; precision.dispatchEvent(new Event('change'));
    gpu.value = g; gpu.dispatchEvent(new Event('change'));
    out.push([text, p, g, result.getAttribute('data-memory'), result.getAttribute('data-gpus'),
              result.textContent]);
  }
  return out;
}
