import { el, fill, table, status, mono, load, alert } from '../dom.js';
import { get, post, path, segment } from '../api.js';
import { page } from '../layout.js';

const ROLES = ['MARKETPLACE', 'AUDITOR', 'OPERATOR', 'PROVIDER'];

function createForm(issued, refresh) {
  const form = el('form', { class: 'inline', id: 'key-form' },
    el('label', {}, 'Marketplace (* for operators and auditors, the payout address for a provider)',
      el('input', { name: 'marketplaceId', id: 'key-marketplace', required: true })),
    el('label', {}, 'Role', el('select', { name: 'role', id: 'key-role' }, ROLES.map((r) => el('option', { value: r }, r)))),
    el('label', {}, 'Label (optional)', el('input', { name: 'label', id: 'key-label' })),
    el('label', {}, 'Expires at (optional, ISO-8601)', el('input', { name: 'expiresAt', id: 'key-expires' })),
    el('button', { type: 'submit' }, 'Create key'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
    try {
      const key = await post('/v1/keys', body);
      fill(issued, el('div', { class: 'notice', role: 'status' }, el('strong', {}, `Key ${key.keyId} created. `),
        'Copy it now; the ledger shows it this once: ', el('code', { id: 'new-key' }, key.key)));
      form.reset();
      refresh();
    } catch (error) {
      fill(issued, alert(error.message));
    }
  });
  return form;
}

function revokeButton(k, refresh, problems) {
  if (k.revokedAt) return 'revoked';
  return el('button', { type: 'button', class: 'secondary', 'data-key-id': k.keyId, 'aria-label': `Revoke key ${k.keyId}`,
    onclick: async () => {
      try {
        await post(`/v1/keys/${segment(k.keyId)}/revoke`);
        refresh();
      } catch (error) {
        fill(problems, alert(error.message));
      }
    } }, 'Revoke');
}

page('Keys', ['OPERATOR'], (main) => {
  const issued = el('div', { id: 'issued' });
  const list = el('div', { id: 'key-list' });
  const problems = el('div');
  const show = (cursor) => load(list, async () => {
    const keys = await get(path('/v1/keys', { limit: 50, cursor }));
    const next = keys.nextCursor ? el('button', { type: 'button', onclick: () => show(keys.nextCursor) }, 'Next page') : null;
    return [table('Keys, oldest first', [
      { label: 'Key id', value: (k) => mono(k.keyId) },
      { label: 'Role', value: (k) => k.role },
      { label: 'Marketplace', value: (k) => k.marketplaceId },
      { label: 'Label', value: (k) => k.label },
      { label: 'Created', value: (k) => k.createdAt },
      { label: 'Expires', value: (k) => k.expiresAt },
      { label: 'Last used', value: (k) => k.lastUsedAt },
      { label: 'State', value: (k) => (k.revokedAt ? status('REVOKED') : status('ACTIVE')) },
      { label: 'Revoke', value: (k) => revokeButton(k, () => show(cursor), problems) },
    ], keys.items), el('div', { class: 'pager' }, next)];
  });
  main.append(el('h2', {}, 'New key'), el('section', { class: 'card' }, createForm(issued, () => show()), issued),
    el('h2', {}, 'Keys'), problems, el('section', { class: 'card' }, list));
  show();
});
