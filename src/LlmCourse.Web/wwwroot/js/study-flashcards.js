// Flashcards: flip in place (click or Space) and move with the arrow keys. Without this script the card's flip link
// leads to the flipped view and the arrows are plain links.
// The flip turns the card edge-on, swaps the faces, and turns it back. The motion lives in site.css, which switches it
// off under prefers-reduced-motion; when no animation runs (reduced motion, or a browser without CSS animations) the
// faces swap at once.
const link = document.querySelector('[data-flashcard]');
const card = link?.closest('.flashcard');
const typing = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
let turning = false;
// A flip asked for mid-turn is not dropped: it runs when the turn ends (a second ask cancels it, as two flips would).
let queued = false;

function showFace(flipped) {
  card.classList.toggle('is-flipped', flipped);
  card.querySelector('.flashcard-front').hidden = flipped;
  card.querySelector('.flashcard-back').hidden = !flipped;
  link.setAttribute('aria-label', flipped ? 'Answer shown; show the question' : 'Question shown; show the answer');
}

// Adds a class whose CSS animation is one half of the turn; resolves when it ends, or at once when none runs.
function half(className) {
  card.classList.add(className);
  const running = card.getAnimations().filter((a) => a.animationName === className);
  if (running.length === 0) {
    card.classList.remove(className);
    return Promise.resolve();
  }
  return Promise.all(running.map((a) => a.finished)).catch(() => undefined).then(() => card.classList.remove(className));
}

async function flip() {
  if (!card) return;
  if (turning) {
    queued = !queued;
    return;
  }
  turning = true;
  const flipped = !card.classList.contains('is-flipped');
  try {
    await half('flashcard-turn-out');
    showFace(flipped);
    await half('flashcard-turn-in');
  } finally {
    turning = false;
  }
  if (queued) {
    queued = false;
    flip();
  }
}

link?.addEventListener('click', (event) => {
  event.preventDefault();
  flip();
});

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
  if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
    event.preventDefault();
    flip();
  } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const link = document.querySelector(event.key === 'ArrowLeft' ? 'a[rel=prev]' : 'a[rel=next]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  }
});
