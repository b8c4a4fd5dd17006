// Glossary terms in the course's text: each first use is a link to /glossary#term with a tooltip (its definition's first
// sentence) that CSS shows on hover and keyboard focus, and that aria-describedby reads out. This module adds what CSS
// cannot: Escape hides the tooltip, a first tap on a touch screen shows it (a second tap follows the link), a tap
// elsewhere closes it, and a tooltip that would leave the screen is moved back inside it.
const MARGIN = 8;
let lastPointer = 'mouse';

const termOf = (node) => (node instanceof Element ? node.closest('.term') : null);

function place(term) {
  const tip = term.querySelector('.term-tip');
  if (!tip) return;
  tip.style.left = '';
  tip.classList.remove('is-above');
  const box = tip.getBoundingClientRect();
  if (box.width === 0) return;
  const overflowRight = box.right - (document.documentElement.clientWidth - MARGIN);
  if (overflowRight > 0) tip.style.left = `${-Math.min(overflowRight, Math.max(0, box.left - MARGIN))}px`;
  if (box.bottom > window.innerHeight - MARGIN && box.top - box.height > MARGIN) tip.classList.add('is-above');
}

function closeAll(except) {
  for (const open of document.querySelectorAll('.term.is-open')) {
    if (open !== except) open.classList.remove('is-open');
  }
}

document.addEventListener('pointerdown', (event) => {
  lastPointer = event.pointerType || 'mouse';
  if (!termOf(event.target)) closeAll(null);
}, true);

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('.term-link') : null;
  const term = termOf(link);
  if (!term || lastPointer !== 'touch' || term.classList.contains('is-open')) return;
  // First tap: show the definition here instead of leaving the page.
  event.preventDefault();
  closeAll(term);
  term.classList.remove('is-dismissed');
  term.classList.add('is-open');
  link.focus({ preventScroll: true });
  place(term);
});

document.addEventListener('focusin', (event) => {
  const term = termOf(event.target);
  if (term) {
    term.classList.remove('is-dismissed');
    place(term);
  }
});

document.addEventListener('focusout', (event) => {
  const term = termOf(event.target);
  if (term && !term.contains(event.relatedTarget)) term.classList.remove('is-open', 'is-dismissed');
});

document.addEventListener('pointerover', (event) => {
  const term = termOf(event.target);
  if (term) requestAnimationFrame(() => place(term));
});

document.addEventListener('pointerout', (event) => {
  const term = termOf(event.target);
  if (term && !term.contains(event.relatedTarget)) term.classList.remove('is-dismissed');
});

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const shown = [...document.querySelectorAll('.term')].filter((term) =>
    term.classList.contains('is-open') || term.matches(':hover') || term.contains(document.activeElement));
  for (const term of shown) {
    term.classList.remove('is-open');
    term.classList.add('is-dismissed');
  }
});
