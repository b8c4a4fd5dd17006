// Fine-tuning economics: recomputes the break-even day and redraws the cumulative cost chart live.
import { liveForm, bindValues, svg, format } from './lab-live.js';

// Same geometry as LabCharts.cs.
const W = 640, H = 280, LEFT = 70, RIGHT = 16, TOP = 16, BOTTOM = 40;

const form = document.querySelector('[data-lab-form="economics"]');
if (form) liveForm(form, render);

function render(report) {
  const results = document.querySelector('[data-lab-results]');
  const exact = report.breakEvenDays;
  const breakEvenText = report.breakEvenDay == null || exact == null
    ? 'Never: the fine-tuned model costs at least as much per day, so the one-time cost is never paid back.'
    : `cost / saving = ${format.money(report.input.fineTuningCost)} / ${format.money(report.dailySaving)} = ${String(Math.round(exact * 100) / 100)} days, so fine-tuning is cheaper from day ${report.breakEvenDay}.`;
  const series = report.series;
  const max = Math.max(0, ...series.map((p) => Math.max(p.promptingCumulative, p.fineTunedCumulative)));
  bindValues(results, { ...report, breakEvenText, axisMax: format.money(max), axisDays: `day ${report.days}` });

  const chart = results.querySelector('[data-chart="cost"]');
  if (!chart) return;
  const plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM, top = max > 0 ? max : 1;
  const last = Math.max(series.length - 1, 1);
  const points = (key) => series.map((p, i) => `${format.n(LEFT + (i / last) * plotW)},${format.n(TOP + plotH - (p[key] / top) * plotH)}`).join(' ');
  chart.querySelector('polyline.line-prompting').setAttribute('points', points('promptingCumulative'));
  chart.querySelector('polyline.line-finetuned').setAttribute('points', points('fineTunedCumulative'));
  chart.dataset.breakEvenDay = report.breakEvenDay ?? '';
  for (const old of chart.querySelectorAll('.break-even-marker, .break-even-label')) old.remove();
  if (report.breakEvenDay != null && report.breakEvenDay <= report.days) {
    const x = format.n(LEFT + (report.breakEvenDay / Math.max(report.days, 1)) * plotW);
    chart.append(
      svg('line', { class: 'break-even-marker', x1: x, y1: TOP, x2: x, y2: H - BOTTOM }),
      svg('text', { class: 'axis-label break-even-label', x, y: TOP + 12, 'text-anchor': 'middle' }, `day ${report.breakEvenDay}`));
  }
}
