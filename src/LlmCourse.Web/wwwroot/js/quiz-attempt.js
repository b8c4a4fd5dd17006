// Quiz attempt: answers are saved on the server as the learner goes (PUT to the API, debounced), a
// countdown runs from the server's deadline and hands the attempt in when it reaches zero, and submitting
// with unanswered questions asks first. Without this script the form still works by posting.
// Offline, nothing is lost and nothing is sent without saying so: answers that could not be saved are kept on this
// device (localStorage, per attempt) and sent when the network is back, and the form is not posted while offline.
const form = document.getElementById('quiz-form');

const responseOf = (fieldset) => {
  const id = fieldset.dataset.question;
  const prefix = `q-${id}`;
  const field = () => fieldset.querySelector(`[name="${CSS.escape(prefix)}"]`);
  switch (fieldset.dataset.type) {
    case 'single':
    case 'truefalse':
    case 'multiple':
      return { c: [...fieldset.querySelectorAll(`input[name="${CSS.escape(prefix)}"]:checked`)].map((i) => i.value) };
    case 'short':
    case 'essay':
      return { t: field()?.value ?? '' };
    case 'numeric':
      return { n: field()?.value ?? '' };
    case 'matching': {
      const m = {};
      for (const select of fieldset.querySelectorAll('select')) {
        if (select.value) m[select.name.slice(prefix.length + 1)] = select.value;
      }
      return { m };
    }
    case 'ordering': {
      const o = [...fieldset.querySelectorAll('select')].map((s) => s.value);
      return { o: o.every((v) => !v) ? [] : o };
    }
    default:
      return null;
  }
};

const isAnswered = (response) => {
  if (!response) return false;
  if (response.c) return response.c.length > 0;
  if (response.t !== undefined) return response.t.trim() !== '';
  if (response.n !== undefined) return response.n.trim() !== '';
  if (response.m) return Object.keys(response.m).length > 0;
  if (response.o) return response.o.length > 0;
  return false;
};

if (form) {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const status = document.querySelector('[data-quiz-status]');
  const submitButton = form.querySelector('[data-quiz-submit]');
  const fieldsets = [...form.querySelectorAll('[data-question]')];
  const timers = new Map();
  let finished = false;

  const say = (text) => { if (status) status.textContent = text; };
  const OFFLINE_TEXT = 'You are offline — your answers are not saved yet. They stay on this page and on this device, and are saved as soon as you are back online.';
  const pendingKey = `llmcourse.quiz-pending:${form.dataset.api}`;
  const readPending = () => {
    try {
      return JSON.parse(localStorage.getItem(pendingKey) ?? '{}') ?? {};
    } catch {
      return {};
    }
  };
  const writePending = (pending) => {
    if (Object.keys(pending).length === 0) localStorage.removeItem(pendingKey);
    else localStorage.setItem(pendingKey, JSON.stringify(pending));
  };
  // offline.js leaves this form to this module.
  form.dataset.offlineOwn = '';
  const toReview = (late) => { window.location.assign(form.dataset.review + (late ? '?late=true' : '')); };

  const save = async (fieldset) => {
    if (finished) return;
    const body = { [fieldset.dataset.question]: responseOf(fieldset) };
    say('Saving…');
    try {
      const response = await fetch(`${form.dataset.api}/answers`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
        body: JSON.stringify(body),
      });
      if (response.ok) {
        const pending = readPending();
        delete pending[fieldset.dataset.question];
        writePending(pending);
        say('All answers saved.');
        return;
      }
      const problem = await response.json().catch(() => ({}));
      if (response.status === 409) {
        finished = true;
        say(problem.detail ?? 'This attempt is closed.');
        toReview(problem.title === 'Too late');
        return;
      }
      say(`Not saved (${problem.detail ?? response.status}). Use "Save answers".`);
    } catch {
      writePending({ ...readPending(), ...body });
      say(navigator.onLine ? 'Not saved: no connection. Your answers are kept on this device and saved when the connection is back.' : OFFLINE_TEXT);
    }
  };

  // Answers kept while offline (or before a reload) go to the server in one request once the network is back.
  const savePending = async () => {
    const pending = readPending();
    if (finished || !navigator.onLine || Object.keys(pending).length === 0) return;
    try {
      const response = await fetch(`${form.dataset.api}/answers`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf },
        body: JSON.stringify(pending),
      });
      if (response.ok) {
        writePending({});
        say('Back online: all answers saved.');
      } else if (response.status === 409) {
        writePending({});
        finished = true;
        toReview(false);
      }
    } catch {
      say(OFFLINE_TEXT);
    }
  };
  window.addEventListener('offline', () => say(OFFLINE_TEXT));
  window.addEventListener('online', savePending);
  if (!navigator.onLine) say(OFFLINE_TEXT);
  savePending();

  const schedule = (fieldset, delay) => {
    clearTimeout(timers.get(fieldset));
    timers.set(fieldset, setTimeout(() => save(fieldset), delay));
  };

  for (const fieldset of fieldsets) {
    fieldset.addEventListener('change', () => schedule(fieldset, 150));
    fieldset.addEventListener('input', (event) => {
      if ((event.target instanceof HTMLInputElement && event.target.type === 'text') || event.target instanceof HTMLTextAreaElement) {
        schedule(fieldset, 800);
      }
    });
  }

  form.addEventListener('submit', (event) => {
    if (!navigator.onLine && !finished) {
      // Posting now would lose the page and its answers: keep both.
      event.preventDefault();
      say(event.submitter === submitButton
        ? 'You are offline, so the attempt was not handed in. Your answers stay on this page; submit again when you are back online.'
        : OFFLINE_TEXT);
      return;
    }
    if (event.submitter !== submitButton || finished) return;
    const unanswered = Number(form.dataset.unansweredElsewhere || 0) + fieldsets.filter((f) => !isAnswered(responseOf(f))).length;
    if (unanswered > 0 && !form.dataset.autoSubmit &&
        !window.confirm(`${unanswered} question${unanswered === 1 ? ' is' : 's are'} unanswered and will score nothing. Submit anyway?`)) {
      event.preventDefault();
      return;
    }
    const confirmed = document.createElement('input');
    confirmed.type = 'hidden';
    confirmed.name = 'confirmed';
    confirmed.value = 'true';
    form.append(confirmed);
    finished = true;
  });

  const clock = document.querySelector('[data-quiz-clock]');
  const deadline = Date.parse(form.dataset.deadline);
  if (clock && !Number.isNaN(deadline)) {
    // The server's clock decides; correct for the difference from this device's clock.
    const skew = Date.parse(form.dataset.now) - Date.now();
    let warned = false;
    const format = (ms) => {
      const total = Math.max(0, Math.ceil(ms / 1000));
      const h = Math.floor(total / 3600);
      const m = Math.floor(total / 60) % 60;
      const s = String(total % 60).padStart(2, '0');
      return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
    };
    const tick = () => {
      const left = deadline - (Date.now() + skew);
      clock.textContent = format(left);
      if (!warned && left <= 60_000 && left > 0) {
        warned = true;
        say('One minute left.');
      }
      if (left <= 0 && !finished) {
        clearInterval(interval);
        say('Time is up: handing in your answers.');
        form.dataset.autoSubmit = 'true';
        form.requestSubmit(submitButton);
      }
    };
    const interval = setInterval(tick, 250);
    tick();
  }

  document.documentElement.dataset.quizReady = 'ready';
}
