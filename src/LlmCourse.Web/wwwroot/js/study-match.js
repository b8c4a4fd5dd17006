// Match: a ticking clock, and pairing without page loads. Clicking a question then an answer (or the reverse)
// pairs them at once; keyboard users choose with the arrow keys and press Enter (the form's Pair button).
// The server keeps the real time; this clock only shows it.
const board = document.querySelector('[data-match-board]');
const clock = document.querySelector('[data-match-clock]');
const mistakesEl = document.querySelector('[data-match-mistakes]');
const announce = document.querySelector('[data-match-announce]');

if (clock) {
  const started = performance.now() - parseFloat(clock.dataset.elapsed) * 1000;
  let penalty = 0;
  const tick = () => { clock.textContent = `${Math.floor((performance.now() - started) / 1000 + penalty)} s`; };
  setInterval(tick, 250);
  board?.addEventListener('match:penalty', () => { penalty += 1; tick(); });
}

let busy = false;

async function pair() {
  const term = board.querySelector('input[name=term]:checked');
  const answer = board.querySelector('input[name=answer]:checked');
  if (!term || !answer || busy) return;
  busy = true;
  const body = new FormData(board);
  term.checked = false;
  answer.checked = false;
  let result;
  try {
    const response = await fetch(board.action, { method: 'POST', body, headers: { 'X-Requested-With': 'fetch' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    result = await response.json();
  } catch {
    window.location.reload();
    return;
  } finally {
    busy = false;
  }
  for (const input of document.querySelectorAll('[data-match-handle]')) input.value = result.handle;
  const tiles = [term.closest('.match-tile'), answer.closest('.match-tile')];
  if (result.outcome === 'matched') {
    for (const tile of tiles) {
      tile.classList.add('is-matched');
      tile.querySelector('input').disabled = true;
    }
    announce.textContent = 'Matched.';
  } else if (result.outcome === 'mismatch') {
    mistakesEl.textContent = result.mistakes;
    board.dispatchEvent(new Event('match:penalty'));
    announce.textContent = 'Not a pair: one second added.';
    for (const tile of tiles) {
      tile.classList.add('is-wrong');
      setTimeout(() => tile.classList.remove('is-wrong'), 600);
    }
  }
  if (result.finished) document.querySelector('[data-match-show]').submit();
}

if (board) {
  board.addEventListener('submit', (event) => {
    event.preventDefault();
    pair();
  });
  // A pointer click (detail > 0) pairs as soon as both sides are chosen; arrow keys only move the choice.
  board.addEventListener('click', (event) => {
    if (event.detail > 0 && event.target.closest('.match-tile')) setTimeout(pair, 0);
  });
}
