// Shared by the Lab's modules: live updates of a GET form through its JSON API. The form still submits
// normally without JavaScript; with it, changes are sent (debounced) to data-api and the page redrawn.
export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function html(name, attributes = {}, text) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export const format = {
  percent: (p) => (p <= 0 ? '0%' : p < 0.001 ? '<0.1%' : `${(p * 100).toFixed(1)}%`),
  money: (v) => Number(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  count: (v) => Number(v).toLocaleString('en-US'),
  gib: (bytes) => (bytes / 1024 ** 3).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  n: (v) => String(Math.round(v * 100) / 100),
};

function valueAt(data, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), data);
}

// Fills every [data-bind="a.b.c"] under root from the JSON, formatted as data-format says.
export function bindValues(root, data) {
  for (const element of root.querySelectorAll('[data-bind]')) {
    const value = valueAt(data, element.dataset.bind);
    if (value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value))) continue;
    const kind = element.dataset.format;
    let text = String(value);
    if (kind === 'money') text = format.money(value);
    else if (kind === 'count') text = format.count(value);
    else if (kind === 'gib') text = format.gib(value);
    else if (kind === 'percent') text = `${Number(value).toFixed(4)}%`;
    else if (kind && /^\d+$/.test(kind)) text = Number(value).toFixed(Number(kind));
    else if (Array.isArray(value)) text = value.join(' ');
    element.textContent = text;
  }
}

function queryOf(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (name !== 'mode' && typeof value === 'string') params.append(name, value);
  }
  return params;
}

function showErrors(form, errors) {
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    const messages = errors[slot.dataset.errorFor];
    slot.textContent = messages ? messages.join(' ') : '';
    const input = form.querySelector(`#${CSS.escape(slot.dataset.errorFor)}`);
    if (input) input.toggleAttribute('aria-invalid', Boolean(messages));
  }
  // The server-rendered summary describes the submitted form; live errors are shown field by field.
  form.querySelector('.form-errors')?.remove();
}

/**
 * Sends the form to its API whenever a control changes (after `delay` ms of quiet) and calls render(json).
 * Only the latest request's answer is drawn. Returns a function that triggers an update at once.
 */
export function liveForm(form, render, { delay = 250 } = {}) {
  const status = form.querySelector('[data-lab-status]');
  let timer = 0;
  let latest = 0;

  async function update() {
    const ticket = ++latest;
    const params = queryOf(form);
    try {
      const response = await fetch(`${form.dataset.api}?${params}`, { headers: { Accept: 'application/json' } });
      if (ticket !== latest) return;
      const body = await response.json();
      if (response.status === 400 && body.errors) {
        showErrors(form, body.errors);
        form.dataset.state = 'invalid';
        if (status) status.textContent = 'Some inputs need fixing; the results show the last valid settings.';
        return;
      }
      if (!response.ok) {
        if (status) status.textContent = body.detail ?? 'The Lab could not compute this.';
        return;
      }
      showErrors(form, {});
      render(body);
      form.dataset.state = 'ok';
      if (status) status.textContent = 'Updated.';
      const mode = form.querySelector('input[name="mode"]')?.value;
      if (mode) params.set('mode', mode);
      history.replaceState(null, '', `${form.action}?${params}`);
    } catch {
      if (ticket === latest && status) status.textContent = 'Could not reach the server; submit the form to try again.';
    }
  }

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    update();
  });
  return update;
}
