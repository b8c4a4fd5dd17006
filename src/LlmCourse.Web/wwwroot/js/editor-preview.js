// Live preview for the instructor's Markdown editor: renders through the site's pipeline on the server
// (POST /api/v1/instructor/preview) a moment after typing stops. Without JavaScript the Preview button does the same.
const form = document.getElementById('editor-form');
const textarea = document.getElementById('editor-text');
const preview = document.getElementById('editor-preview');
const problems = document.getElementById('editor-problems');
const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

let timer = 0;
let sequence = 0;

async function refresh() {
  const mine = ++sequence;
  try {
    const response = await fetch('/api/v1/instructor/preview', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
      credentials: 'same-origin',
      body: JSON.stringify({ path: form.dataset.path, text: textarea.value }),
    });
    if (!response.ok || mine !== sequence) {
      return;
    }
    const result = await response.json();
    // The HTML comes from the site's sanitising Markdown pipeline, the same that renders learner pages.
    preview.innerHTML = result.html;
    problems.replaceChildren();
    if (result.problems.length > 0) {
      const list = document.createElement('ul');
      list.className = 'form-errors editor-problems';
      for (const p of result.problems) {
        const item = document.createElement('li');
        item.id = `line-${p.line}`;
        item.textContent = `Line ${p.line}: ${p.message}`;
        list.append(item);
      }
      problems.append(list);
    }
    form.dataset.previewed = String(mine);
  } catch {
    // Offline or signed out: the Preview button still works.
  }
}

if (form && textarea && preview && problems) {
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  document.documentElement.dataset.editorPreview = 'ready';
}
