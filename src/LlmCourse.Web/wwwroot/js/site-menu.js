// The header menu is a <details>: it works without this module. Here: on wide screens it stays open (for browsers
// that cannot show a closed disclosure's content through CSS), and Escape closes it on phones.
const menu = document.querySelector('[data-site-menu]');
if (menu) {
  const wide = window.matchMedia('(min-width: 64rem)');
  const follow = () => { menu.open = wide.matches; };
  follow();
  wide.addEventListener('change', follow);
  menu.addEventListener('keydown', event => {
    if (event.key === 'Escape' && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector('summary')?.focus();
    }
  });
}
