// Evaluation lab: both forms recompute as you type, through /api/v1/lab/accuracy and /api/v1/lab/text-metrics.
import { liveForm, bindValues, html } from './lab-live.js';

const accuracyForm = document.querySelector('[data-lab-form="accuracy"]');
if (accuracyForm) {
  liveForm(accuracyForm, (report) => {
    const results = document.querySelector('[data-lab-results="accuracy"]');
    bindValues(results, { ...report, accuracy: report.accuracy.toFixed(4) });
    results.querySelector('[data-bind="items"]')?.replaceChildren(...report.items.map((item) => {
      const tr = html('tr', { class: item.correct ? 'row-ok' : 'row-bad' });
      for (const value of [item.index, item.predicted, item.gold, item.correct ? '✓ yes' : '✗ no']) tr.append(html('td', {}, String(value)));
      return tr;
    }));
  });
}

// A table row: a header cell, then data cells (data-bind kept where the page has it, for the first n rows).
function row(head, cells) {
  const tr = html('tr');
  tr.append(html('th', { scope: 'row' }, head));
  for (const [text, bind, format] of cells) {
    const attributes = bind ? { 'data-bind': bind } : {};
    if (format) attributes['data-format'] = format;
    tr.append(html('td', attributes, text));
  }
  return tr;
}

const fixed = (value, digits) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));

const textForm = document.querySelector('[data-lab-form="text"]');
if (textForm) {
  liveForm(textForm, (report) => {
    const results = document.querySelector('[data-lab-results="text"]');
    // The number of orders follows the settings, so the rows are drawn again before the values are bound.
    results.querySelector('[data-bind-rows="bleu.orders"]')?.replaceChildren(...report.bleu.orders.map((order, i) => {
      // Same wording as BleuNote.cs.
      order.note = !order.used ? 'left out: the candidate is too short'
        : order.smoothed && order.matched === 0 ? 'no match: smoothed'
          : order.smoothed ? 'add-k: k added to matched and total'
            : order.matched === 0 ? 'no match' : '';
      return row(`${order.order}-grams`, [
        [String(order.matched), `bleu.orders.${i}.matched`],
        [String(order.total), `bleu.orders.${i}.total`],
        [fixed(order.precision, 2), `bleu.orders.${i}.precision`, '2'],
        [order.note, `bleu.orders.${i}.note`],
      ]);
    }));
    results.querySelector('[data-bind-rows="chrf.orders"]')?.replaceChildren(...report.chrf.orders.map((order) =>
      row(`${order.kind} ${order.order}`, [
        [String(order.matched)], [String(order.candidateCount)], [String(order.referenceCount)],
        [fixed(order.precision, 4)], [fixed(order.recall, 4)], [fixed(order.fScore, 4)],
      ])));
    bindValues(results, report);
  });
}
