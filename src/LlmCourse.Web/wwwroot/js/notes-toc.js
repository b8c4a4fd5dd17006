// Class notes: a permalink beside each section heading, the contents open beside the text on wide screens, and the
// section being read marked in the contents. The page reads the same without it.
const article = document.querySelector('[data-notes]');
const toc = document.querySelector('[data-toc]');
const wide = window.matchMedia('(min-width: 60rem)');

const headings = article ? [...article.querySelectorAll('h2[id], h3[id]')] : [];
for (const heading of headings) {
  const link = document.createElement('a');
  link.className = 'permalink';
  link.href = `#${heading.id}`;
  link.textContent = '#';
  link.setAttribute('aria-label', `Link to the section “${heading.textContent.trim()}”`);
  heading.append(' ', link);
}

if (toc) {
  // Closed by default so a phone shows the text first; a wide screen has room for it beside the text.
  const follow = () => { if (wide.matches) toc.open = true; };
  follow();
  wide.addEventListener('change', follow);

  const links = new Map([...toc.querySelectorAll('a[href^="#"]')].map(a => [decodeURIComponent(a.hash.slice(1)), a]));
  let current = null;
  let queued = false;
  const mark = () => {
    queued = false;
    // The current section is the last heading that has scrolled past the top quarter of the window.
    const line = window.innerHeight / 4;
    let found = null;
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top <= line) found = heading;
      else break;
    }
    const link = found ? links.get(found.id) : null;
    if (link === current) return;
    current?.removeAttribute('aria-current');
    link?.setAttribute('aria-current', 'location');
    current = link ?? null;
  };
  window.addEventListener('scroll', () => { if (!queued) { queued = true; requestAnimationFrame(mark); } }, { passive: true });
  window.addEventListener('hashchange', mark);
  mark();
}
