// Site-wide behaviour: copy buttons (share links, embed code) and print buttons. Everything works without it.
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    const status = button.closest('.share-panel')?.querySelector('.copy-status');
    try {
      await navigator.clipboard.writeText(source.value);
      if (status) status.textContent = 'Copied to the clipboard.';
    } catch {
      source.select();
      if (status) status.textContent = 'Press Ctrl+C to copy the selected text.';
    }
  });
}

// "Print or save as PDF" (the printable week): the browser's own print dialog, which can also save a PDF.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
