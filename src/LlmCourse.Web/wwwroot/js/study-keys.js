// Keyboard shortcuts for the study modes: a key press clicks the control whose data-key names it (for example
// the review ratings 1 to 4), and Space opens the answer (data-reveal). Everything also works by Tab and Enter.
const typing = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat || typing(event.target)) return;
  const reveal = document.querySelector('details[data-reveal]');
  if (event.key === ' ' && reveal && !reveal.open && !(event.target instanceof HTMLButtonElement) && event.target.tagName !== 'SUMMARY') {
    event.preventDefault();
    reveal.open = true;
    reveal.querySelector('summary')?.focus();
    return;
  }

  const control = document.querySelector(`[data-key="${CSS.escape(event.key.toLowerCase())}"]`);
  if (control && !control.disabled) {
    event.preventDefault();
    control.click();
  }
});

// The first control of a fresh question gets focus, so the keyboard path starts in the right place.
document.querySelector('[data-autofocus]')?.focus();
