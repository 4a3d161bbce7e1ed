// Recovers who signed each usage report of a lease's history with ethers alone, trusting nothing the
// ledger computed: the EIP-712 domain is the ledger's chain id and anchor address (GET
// /v1/settlement/chain), the message each report's fields as stored.
//   curl -s -H "Authorization: Bearer $AUDITOR_KEY" $L/v1/leases/$LEASE/events \
//     | node scripts/recover-usage-signers.mjs <chainId> <anchorAddress>
// Prints one JSON object per signed report: its id, the address its signature recovers to and, when
// countersigned, the tenant's; compare them with the lease's meterSigner and tenantSigner.
import { verifyTypedData } from 'ethers';

const [chainId, verifyingContract] = process.argv.slice(2);
if (!chainId || !verifyingContract) {
  console.error('usage: node scripts/recover-usage-signers.mjs <chainId> <anchorAddress> < history.json');
  process.exit(2);
}
const domain = { name: 'GPU Settlement Ledger', version: '1', chainId: Number(chainId), verifyingContract };
const types = { UsageReport: [
  { name: 'marketplaceId', type: 'string' }, { name: 'leaseId', type: 'string' },
  { name: 'reportId', type: 'string' }, { name: 'periodStart', type: 'uint64' },
  { name: 'periodEnd', type: 'uint64' }, { name: 'gpuSeconds', type: 'uint64' },
  { name: 'energyWh', type: 'uint64' }] };
const seconds = (iso) => Math.floor(Date.parse(iso) / 1000);

const history = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));
for (const event of history.events) {
  // The stored payload exactly, as the event hash covers it.
  const payload = JSON.parse(event.payloadText);
  for (const report of payload.reports ?? []) {
    if (!report.signature) continue;
    const message = { marketplaceId: payload.marketplaceId, leaseId: payload.leaseId, reportId: report.reportId,
      periodStart: seconds(report.periodStart), periodEnd: seconds(report.periodEnd),
      gpuSeconds: report.gpuSeconds, energyWh: 0 };
    console.log(JSON.stringify({ reportId: report.reportId,
      signer: verifyTypedData(domain, types, message, report.signature),
      tenantSigner: report.tenantSignature ? verifyTypedData(domain, types, message, report.tenantSignature) : null }));
  }
}
