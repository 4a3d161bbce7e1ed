import { el, fill, table, facts, load, alert } from '../dom.js';
import { get, path, segment, download } from '../api.js';
import { page } from '../layout.js';

const KINDS = { marketplace: 'My marketplace (fee income)', providers: 'A provider', tenants: 'A tenant' };

function statementPath(data) {
  const kind = data.get('kind');
  const base = kind === 'marketplace' ? '/v1/statements/marketplace' : `/v1/statements/${kind}/${segment(data.get('subject'))}`;
  return path(base, { from: data.get('from'), to: data.get('to') });
}

function lines(statement) {
  const totals = statement.totals ?? {};
  return [
    table(`Statement ${statement.statement} ${statement.subjectId ?? ''}`, [
      { label: 'Lease', value: (l) => l.leaseId },
      { label: 'Provider', value: (l) => l.providerId },
      { label: 'Tenant', value: (l) => l.tenantId },
      { label: 'GPU-seconds', num: true, value: (l) => l.net?.gpuSeconds ?? l.gpuSecondsRecorded },
      { label: 'Charged units', num: true, value: (l) => l.net?.chargedUnits ?? l.chargedUnits },
      { label: 'Fee units', num: true, value: (l) => l.net?.feeUnits ?? l.feeUnits },
      { label: 'Provider units', num: true, value: (l) => l.net?.providerUnits ?? l.providerUnits },
    ], statement.leases, 'no lease in this window.'),
    el('h3', {}, 'Totals (net)'),
    facts([['GPU-seconds', totals.net?.gpuSeconds], ['Charged units', totals.net?.chargedUnits],
      ['Fee units', totals.net?.feeUnits], ['Provider units', totals.net?.providerUnits]]),
  ];
}

function statementForm(result) {
  const input = (name, label, type = 'text') => el('label', {}, label, el('input', { name, type, id: `statement-${name}` }));
  const kind = el('select', { name: 'kind', id: 'statement-kind' },
    Object.entries(KINDS).map(([value, text]) => el('option', { value }, text)));
  const form = el('form', { class: 'inline', id: 'statement-form' },
    el('label', {}, 'Statement', kind), input('subject', 'Provider or tenant id'),
    input('from', 'From (ISO-8601, optional)'), input('to', 'To (ISO-8601, optional)'),
    el('button', { type: 'submit' }, 'Show'),
    el('button', { type: 'button', class: 'secondary', id: 'statement-csv', onclick: () => csv(new FormData(form), result) }, 'Download CSV'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(result, async () => lines(await get(statementPath(new FormData(form)))));
  });
  return form;
}

async function csv(data, result) {
  try {
    const text = await get(statementPath(data), { accept: 'text/csv' });
    download(text, `statement-${data.get('kind')}${data.get('subject') ? '-' + data.get('subject') : ''}.csv`, 'text/csv');
  } catch (error) {
    fill(result, alert(error.message));
  }
}

function balanceForm(result) {
  const form = el('form', { class: 'inline', id: 'balance-form' },
    el('label', {}, 'Tenant', el('input', { name: 'tenant', id: 'balance-tenant', required: true })),
    el('button', { type: 'submit' }, 'Show balance'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const tenant = new FormData(form).get('tenant');
    load(result, async () => {
      const b = await get(`/v1/tenants/${segment(tenant)}/balance`);
      return facts([['Tenant', b.tenantId], ['Deposits', b.depositsUnits], ['Credits', b.creditsUnits],
        ['Charges', b.chargesUnits], ['Balance', b.balanceUnits], ['Overdrawn', b.overdrawnUnits], ['Held', b.heldUnits]]);
    });
  });
  return form;
}

page('Statements & balances', ['MARKETPLACE'], (main) => {
  const statement = el('div', { id: 'statement' });
  const balance = el('div', { id: 'balance' });
  main.append(
    el('h2', {}, 'Statements'), el('section', { class: 'card' }, statementForm(statement), statement),
    el('h2', {}, 'Tenant balances'), el('section', { class: 'card' }, balanceForm(balance), balance));
});
