// Flashcards: flip in place (click or Space) and move with the arrow keys. Without this script the card is a link
// to the flipped view and the arrows are plain links.
const card = document.querySelector('[data-flashcard]');
const typing = (el) => el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

function flip() {
  if (!card) return;
  const front = card.querySelector('.flashcard-front');
  const back = card.querySelector('.flashcard-back');
  const flipped = !card.classList.contains('is-flipped');
  card.classList.toggle('is-flipped', flipped);
  front.hidden = flipped;
  back.hidden = !flipped;
  const hint = card.querySelector('[data-flip-hint]');
  if (hint) hint.textContent = flipped ? ' (press to show the question)' : ' (press to show the answer)';
}

card?.addEventListener('click', (event) => {
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
