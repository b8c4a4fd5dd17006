// Glossary page: a filter box that narrows the list to the terms whose name or definition contains what is typed.
// Without this script the form stays hidden and the browser's find-in-page does the same job.
const form = document.querySelector('[data-glossary-filter]');
const input = form?.querySelector('input');
const count = form?.querySelector('[data-glossary-count]');
const entries = [...document.querySelectorAll('[data-glossary-entry]')];
const letters = [...document.querySelectorAll('[data-glossary-letter]')];
const fold = (text) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ');

if (form && input) {
  const texts = new Map(entries.map((entry) => [entry, fold(entry.textContent)]));
  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  input.addEventListener('input', () => {
    const wanted = fold(input.value.trim());
    let shown = 0;
    for (const entry of entries) {
      const match = wanted === '' || texts.get(entry).includes(wanted);
      entry.hidden = !match;
      if (match) shown += 1;
    }
    for (const letter of letters) {
      letter.hidden = !letter.querySelector('[data-glossary-entry]:not([hidden])');
    }
    count.textContent = wanted === '' ? '' : `${shown} of ${entries.length} terms`;
  });
}
