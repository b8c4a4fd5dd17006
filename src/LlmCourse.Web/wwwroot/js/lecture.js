// Lecture viewer: the ← and → keys move between slides. Each slide is its own page, so deep links and
// the browser's back and forward buttons work as they do for any link.
const isTyping = (el) => el instanceof HTMLElement &&
  (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (isTyping(event.target)) return;
  const selector = event.key === 'ArrowLeft' ? '[data-prev]' : event.key === 'ArrowRight' ? '[data-next]' : null;
  const link = selector && document.querySelector(selector);
  if (link) {
    event.preventDefault();
    link.click();
  }
});

// Lets tests (and anything else) know the keys are live.
document.documentElement.dataset.lectureKeys = 'ready';
