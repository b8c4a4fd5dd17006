// PEFT / LoRA calculator: presets fill the size fields, editing a size switches to Custom, and every
// change recomputes the table and the memory bars through /api/v1/lab/peft.
import { liveForm, bindValues, html, format } from './lab-live.js';

const form = document.querySelector('[data-lab-form="peft"]');
if (form) {
  const preset = form.querySelector('#preset');
  const sizes = ['hiddenSize', 'layers', 'intermediateSize', 'vocabularySize', 'keyValueSize'];
  preset.addEventListener('change', () => {
    const option = preset.selectedOptions[0];
    if (option.value === 'custom') return;
    for (const name of sizes) {
      const key = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      form.querySelector(`#${name}`).value = option.getAttribute(`data-${key}`);
    }
  });
  for (const name of sizes) {
    form.querySelector(`#${name}`).addEventListener('input', () => { preset.value = 'custom'; });
  }
  liveForm(form, render);
}

function render(report) {
  const results = document.querySelector('[data-lab-results]');
  bindValues(results, report);
  results.querySelector('[data-bind="matrices"]')?.replaceChildren(...report.matrices.map((m) => {
    const tr = html('tr');
    for (const value of [m.matrix, `${m.in} × ${m.out}`, format.count(m.perLayer), format.count(m.total)]) tr.append(html('td', {}, value));
    return tr;
  }));

  // Same geometry as _MemoryChart.cshtml: 440 px for the larger total.
  const max = Math.max(report.fullFineTuning.totalBytes, report.lora.totalBytes);
  const scale = max > 0 ? 440 / max : 0;
  for (const [key, memory] of [['full', report.fullFineTuning], ['lora', report.lora]]) {
    const row = results.querySelector(`[data-chart="memory"] [data-row="${key}"]`);
    if (!row) continue;
    const parts = [['.bar-weights', memory.weightsBytes], ['.bar-gradients', memory.gradientBytes], ['.bar-optimizer', memory.optimizerBytes]];
    let x = 90;
    for (const [selector, bytes] of parts) {
      const rect = row.querySelector(selector);
      rect.setAttribute('x', format.n(x));
      rect.setAttribute('width', format.n(bytes * scale));
      x += bytes * scale;
    }
    const label = row.querySelector('.chart-value');
    label.setAttribute('x', format.n(96 + memory.totalBytes * scale));
    label.textContent = `${format.gib(memory.totalBytes)} GiB`;
  }
}
