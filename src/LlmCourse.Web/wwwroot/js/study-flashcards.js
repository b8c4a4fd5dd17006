// Flashcards: flip in place (click or Space) and move with the arrow keys. Without this script the card's flip link
// leads to the flipped view and the arrows are plain links.
const link = document.querySelector('[data-flashcard]');
const card = link?.closest('.flashcard');
const typing = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

function flip() {
  if (!card) return;
  const front = card.querySelector('.flashcard-front');
  const back = card.querySelector('.flashcard-back');
  const flipped = !card.classList.contains('is-flipped');
  card.classList.toggle('is-flipped', flipped);
  front.hidden = flipped;
  back.hidden = !flipped;
  link.setAttribute('aria-label', flipped ? 'Answer shown; show the question' : 'Question shown; show the answer');
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
