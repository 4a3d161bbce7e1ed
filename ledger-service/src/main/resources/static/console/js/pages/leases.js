import { el, fill, table, status, link, load } from '../dom.js';
import { get, path } from '../api.js';
import { page } from '../layout.js';

const STATES = ['', 'ACTIVE', 'CLOSED'];

function filterForm(auditor, onSubmit) {
  const field = (name, label) => el('label', {}, label, el('input', { name, id: `filter-${name}` }));
  return el('form', { class: 'inline', id: 'filters', onsubmit: (e) => { e.preventDefault(); onSubmit(new FormData(e.target)); } },
    el('label', {}, 'State', el('select', { name: 'state', id: 'filter-state' },
      STATES.map((s) => el('option', { value: s }, s || 'any')))),
    field('providerId', 'Provider'), field('tenantId', 'Tenant'),
    auditor ? field('marketplaceId', 'Marketplace') : null,
    el('button', { type: 'submit' }, 'Show'));
}

const COLUMNS = [
  { label: 'Lease', value: (l) => link(l.leaseId, 'lease.html', { lease: l.leaseId, marketplace: l.marketplaceId }) },
  { label: 'Marketplace', value: (l) => l.marketplaceId },
  { label: 'Provider', value: (l) => l.providerId },
  { label: 'Tenant', value: (l) => l.tenantId },
  { label: 'GPUs', value: (l) => `${l.gpuCount} × ${l.gpuModel}` },
  { label: 'State', value: (l) => status(l.state) },
  { label: 'GPU-seconds', num: true, value: (l) => l.gpuSecondsRecorded },
  { label: 'Charged units', num: true, value: (l) => l.chargedUnits },
];

page('Leases', ['MARKETPLACE', 'AUDITOR'], (main, role) => {
  const results = el('div', { id: 'lease-list' });
  let filters = {};
  const show = (cursor) => load(results, async () => {
    const list = await get(path('/v1/leases', { ...filters, limit: 25, cursor }));
    const next = list.nextCursor
      ? el('button', { type: 'button', id: 'next-page', onclick: () => show(list.nextCursor) }, 'Next page')
      : el('span', { class: 'hint' }, 'Last page.');
    const first = cursor ? el('button', { type: 'button', class: 'secondary', onclick: () => show() }, 'First page') : null;
    return [table('Leases', COLUMNS, list.items, 'no lease matches.'), el('div', { class: 'pager' }, first, next)];
  });
  main.append(filterForm(role === 'AUDITOR', (data) => { filters = Object.fromEntries(data); show(); }), results);
  show();
});
