// Sampling playground: sliders mirror the number inputs, and every change redraws the distribution
// chart, the table and the continuations from /api/v1/lab/sampling without reloading the page.
import { liveForm, svg, html, format } from './lab-live.js';

// Same geometry as LabCharts.cs.
const WIDTH = 640, LABEL = 130, AREA = 420, ROW = 36, TOP = 28;

const form = document.querySelector('[data-lab-form="sampling"]');
if (form) {
  for (const range of form.querySelectorAll('input[type="range"][data-sync]')) {
    const number = form.querySelector(`#${range.dataset.sync}`);
    range.hidden = false;
    range.value = number.value;
    range.addEventListener('input', () => { number.value = range.value; });
    number.addEventListener('input', () => { if (number.value !== '') range.value = number.value; });
  }
  liveForm(form, render);
}

function render(report) {
  const results = document.querySelector('[data-lab-results]');
  drawChart(results.querySelector('[data-chart="sampling"]'), report);
  const show = (t) => (t === '<s>' ? '(start)' : t);
  const c = report.context;
  const seen = c.trigramContextCount > 0
    ? `seen ${format.count(c.trigramContextCount)} times in the course, followed by ${format.count(c.trigramContextTypes)} different tokens`
    : 'never seen together in the course, so the model backs off to shorter contexts';
  results.querySelector('[data-bind="context"]').textContent =
    `The model conditions on “${show(c.u)} ${show(c.v)}” (${seen}). Most likely next token: “${report.argmax}”.`;
  results.querySelector('[data-bind="kept"]').textContent =
    `${format.count(report.keptCount)} of ${format.count(report.tokenCount)} tokens can be drawn; together the model gave them ${format.percent(report.keptRawMass)} of its probability.`;

  const body = results.querySelector('[data-bind="rows"]');
  body.replaceChildren(...report.rows.map((r) => {
    const tr = html('tr');
    const cells = [r.rank, null, format.percent(r.raw), format.percent(r.tempered), r.keptByTopK ? 'kept' : 'cut',
      format.percent(r.afterTopK), format.percent(r.cumulativeAfterTopK), r.keptByTopP ? 'kept' : 'cut', format.percent(r.final)];
    for (const value of cells) {
      const td = html('td');
      if (value === null) td.append(html('code', {}, r.token)); else td.textContent = String(value);
      tr.append(td);
    }
    return tr;
  }));

  const list = results.querySelector('[data-bind="continuations"]');
  list.replaceChildren(...report.continuations.map((k) => {
    const li = html('li');
    const tokens = k.tokens.filter((t) => t.token !== '</s>').length;
    const stop = k.stopReason === 'end-of-sentence' ? `${tokens} tokens, ended the sentence` : `${tokens} tokens, stopped at max tokens`;
    li.append(html('span', { class: 'prompt-echo' }, report.prompt), ' ', html('strong', {}, k.text), ' ', html('span', { class: 'meta' }, `(${stop})`));
    return li;
  }));
}

function drawChart(chart, report) {
  if (!chart) return;
  const rows = report.rows;
  const height = TOP + rows.length * ROW + 4;
  chart.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  chart.setAttribute('height', height);
  chart.dataset.temperature = format.n(report.settings.temperature);
  chart.dataset.topK = report.settings.topK;
  chart.dataset.topP = format.n(report.settings.topP);
  const scale = Math.max(...rows.map((r) => Math.max(r.raw, r.tempered, r.final)), 0) || 1;
  const width = (p) => format.n(Math.max(0, (p / scale) * AREA));
  const group = chart.querySelector('.chart-rows');
  group.replaceChildren(...rows.map((r, i) => {
    const cut = !r.keptByTopK ? 'cut-topk' : !r.keptByTopP ? 'cut-topp' : 'kept';
    const g = svg('g', { class: `chart-row ${cut}`, transform: `translate(0 ${TOP + i * ROW})`, 'data-token': r.token });
    g.append(
      svg('text', { class: 'chart-label', x: LABEL - 8, y: 20, 'text-anchor': 'end' }, r.token),
      svg('rect', { class: 'bar-raw', x: LABEL, y: 2, width: width(r.raw), height: 9, 'data-value': r.raw }),
      svg('rect', { class: 'bar-tempered', x: LABEL, y: 12, width: width(r.tempered), height: 9, 'data-value': r.tempered }),
      svg('rect', { class: 'bar-final', x: LABEL, y: 22, width: width(r.final), height: 9, 'data-value': r.final }),
      svg('text', { class: 'chart-value', x: LABEL + AREA + 8, y: 20 },
        cut === 'cut-topk' ? 'cut by top-k' : cut === 'cut-topp' ? 'cut by top-p' : format.percent(r.final)));
    return g;
  }));
}
