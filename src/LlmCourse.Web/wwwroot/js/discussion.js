// Discussion forms, enhanced: a Preview button that renders the post through the site's own pipeline
// (POST /api/v1/discussion/preview), Ctrl+Enter (or ⌘+Enter) in the text box to send, and one submission
// per click. Without JavaScript the forms post and redirect back to the new post as usual.
const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

function enhance(form) {
  const textarea = form.querySelector('textarea');
  const submit = form.querySelector('button[type="submit"]');
  if (!textarea || !submit) return;

  const preview = document.createElement('div');
  preview.className = 'post-preview prose';
  preview.hidden = true;
  preview.setAttribute('aria-live', 'polite');
  preview.id = `${textarea.id}-preview`;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button';
  button.textContent = 'Preview';
  button.setAttribute('aria-controls', preview.id);
  submit.after(' ', button);
  form.append(preview);

  button.addEventListener('click', async () => {
    preview.hidden = false;
    preview.textContent = 'Rendering…';
    try {
      const response = await fetch('/api/v1/discussion/preview', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token },
        credentials: 'same-origin',
        body: JSON.stringify({ body: textarea.value }),
      });
      const result = await response.json();
      if (response.ok) {
        // Sanitised by the server's Markdown pipeline, the same that renders saved posts.
        preview.innerHTML = result.html;
      } else {
        preview.textContent = result.detail ?? 'Could not render the preview.';
      }
    } catch {
      preview.textContent = 'Could not render the preview (offline?). Posting still works.';
    }
  });

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit(submit);
    }
  });

  form.addEventListener('submit', () => {
    // A second click while the first is on its way would post twice.
    setTimeout(() => { submit.disabled = true; }, 0);
  });
}

document.querySelectorAll('form[data-discussion-form]').forEach(enhance);
document.documentElement.dataset.discussion = 'ready';
