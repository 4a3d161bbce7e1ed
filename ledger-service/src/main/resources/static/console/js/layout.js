// The frame of every page after sign-in: the bar with the role's pages, and the guard that sends a
// visitor without a key to the sign-in page and tells a key of another role what it may not see.
import { el, fill, alert } from './dom.js';
import { key, role, forget, HOME } from './session.js';

const PAGES = {
  MARKETPLACE: [['leases.html', 'Leases'], ['statements.html', 'Statements & balances'], ['proof.html', 'Proof check']],
  AUDITOR: [['leases.html', 'Leases'], ['epochs.html', 'Epochs'], ['proof.html', 'Proof check'],
    ['verify.html', 'Verify & export']],
  OPERATOR: [['epochs.html', 'Epochs'], ['operations.html', 'Processors & reconciliation'], ['keys.html', 'Keys']],
  PROVIDER: [['payouts.html', 'Payouts']],
};

function bar(current) {
  const here = location.pathname.split('/').pop();
  const items = (PAGES[current] ?? []).map(([href, label]) =>
    el('li', {}, el('a', { href, 'aria-current': href === here ? 'page' : null }, label)));
  const signOut = el('button', { type: 'button', class: 'secondary', id: 'sign-out',
    onclick: () => { forget(); location.assign('index.html'); } }, 'Sign out');
  return [
    el('span', { class: 'brand' }, 'GPU ledger console'),
    el('nav', { 'aria-label': 'Console pages' }, el('ul', {}, items)),
    el('div', { class: 'who' }, el('span', { class: 'badge', id: 'role' }, current), signOut),
  ];
}

/**
 * Lays out a page for the given roles and runs render(main, role) once the visitor is known.
 * A page opened without a key goes to the sign-in page.
 */
export function page(title, roles, render) {
  if (!key()) {
    location.replace('index.html');
    return;
  }
  const current = role();
  document.title = `${title} · GPU ledger console`;
  fill(document.getElementById('top'), bar(current));
  const main = document.getElementById('main');
  fill(main, el('h1', {}, title));
  if (!roles.includes(current)) {
    main.append(alert(`A ${current} key may not see this page.`),
      el('p', {}, el('a', { href: HOME[current] }, 'Go to your start page')));
    return;
  }
  render(main, current);
}
