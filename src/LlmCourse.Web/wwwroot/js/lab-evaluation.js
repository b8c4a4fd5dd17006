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

const textForm = document.querySelector('[data-lab-form="text"]');
if (textForm) {
  liveForm(textForm, (report) => {
    const results = document.querySelector('[data-lab-results="text"]');
    for (const order of report.bleu.orders) {
      // Same wording as BleuNote.cs.
      order.note = !order.used ? 'left out: the candidate is too short' : order.smoothed ? 'no match: smoothed' : order.matched === 0 ? 'no match' : '';
    }
    bindValues(results, report);
  });
}
