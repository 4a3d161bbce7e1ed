import { el, table, status, mono, link, load } from '../dom.js';
import { get, path } from '../api.js';
import { page } from '../layout.js';

const COLUMNS = [
  { label: 'Epoch', num: true, value: (e) => link(String(e.epoch), 'epoch.html', { epoch: e.epoch }) },
  { label: 'Status', value: (e) => status(e.status) },
  { label: 'Closed', value: (e) => e.closedAt },
  { label: 'Events', num: true, value: (e) => e.eventCount },
  { label: 'Payouts', num: true, value: (e) => e.payoutCount },
  { label: 'Total units', num: true, value: (e) => e.totalUnits },
  { label: 'Anchor tx', value: (e) => mono(e.anchorTxHash) },
];

page('Epochs', ['OPERATOR', 'AUDITOR'], (main) => {
  const list = el('div', { id: 'epoch-list' });
  const show = (cursor) => load(list, async () => {
    const epochs = await get(path('/v1/settlement/epochs', { limit: 25, cursor }));
    const next = epochs.nextCursor
      ? el('button', { type: 'button', id: 'next-page', onclick: () => show(epochs.nextCursor) }, 'Older epochs')
      : el('span', { class: 'hint' }, 'Oldest epoch reached.');
    return [table('Epochs, newest first', COLUMNS, epochs.epochs, 'no epoch closed yet.'), el('div', { class: 'pager' }, next)];
  });
  main.append(el('section', { class: 'card' }, list));
  show();
});
