import { el, table, facts, status, mono, link, load, param } from '../dom.js';
import { get, path, segment } from '../api.js';
import { page } from '../layout.js';
import { usageChart } from '../usage-chart.js';

function leaseFacts(l) {
  return facts([
    ['Marketplace', l.marketplaceId], ['Provider', l.providerId], ['Payout address', mono(l.providerPayoutAddress)],
    ['Tenant', l.tenantId], ['GPUs', `${l.gpuCount} × ${l.gpuModel}`], ['Billing', l.billing],
    ['State', status(l.state)], ['Starts', l.startsAt], ['Ends', l.endsAt], ['Closed', l.closedAt],
    ['GPU-seconds recorded', l.gpuSecondsRecorded], ['Charged units', l.chargedUnits],
    ['Fee units', l.feeUnits], ['Provider units', l.providerUnits], ['Held units', l.heldUnits],
  ]);
}

function history(events, canProve) {
  return table('History, oldest first', [
    { label: '#', num: true, value: (e) => e.sequenceNumber },
    { label: 'Event', value: (e) => e.type },
    { label: 'Occurred', value: (e) => e.occurredAt },
    { label: 'Recorded', value: (e) => e.recordedAt },
    { label: 'Hash (keccak256)', value: (e) => el('span', { class: 'mono event-hash' }, e.hash) },
    canProve ? { label: 'Proof', value: (e) => {
      const check = link('check', 'proof.html', { event: e.eventId });
      check.setAttribute('aria-label', `Check the inclusion proof of event ${e.sequenceNumber}, ${e.type}`);
      return check;
    } } : null,
  ].filter(Boolean), events);
}

/** Every event of the lease, following the history's cursor to its end. */
async function allEvents(leaseId, marketplaceId) {
  const events = [];
  let cursor;
  do {
    const page = await get(path(`/v1/leases/${segment(leaseId)}/events`, { marketplaceId, cursor }));
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

page('Lease', ['MARKETPLACE', 'AUDITOR', 'OPERATOR'], (main, role) => {
  const leaseId = param('lease');
  const marketplaceId = role === 'MARKETPLACE' ? null : param('marketplace');
  main.querySelector('h1').textContent = `Lease ${leaseId ?? ''}`;
  const sections = ['details', 'usage', 'history'].map((id) => el('section', { class: 'card', id: `lease-${id}`, 'aria-labelledby': `${id}-title` }));
  const titles = { details: 'Terms and totals', usage: 'Usage over time', history: 'History' };
  sections.forEach((s) => main.append(el('h2', { id: `${s.id.slice(6)}-title` }, titles[s.id.slice(6)]), s));
  const [details, usage, events] = sections;
  load(details, async () => leaseFacts(await get(path(`/v1/leases/${segment(leaseId)}`, { marketplaceId }))));
  const history$ = allEvents(leaseId, marketplaceId);
  load(usage, async () => usageChart(await history$));
  load(events, async () => history(await history$, role !== 'OPERATOR'));
});
