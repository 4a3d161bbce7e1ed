// Signs a usage report as a lease's meter does, with ethers alone: prints the EIP-712 signature
// (0x and 130 hex digits) to send as the report's "signature" (or, with the tenant's key,
// "tenantSignature"). The domain is the ledger's, read from GET /v1/settlement/chain on stdin:
//   curl -s $L/v1/settlement/chain -H "Authorization: Bearer $KEY" \
//     | METER_KEY=0x... node contracts/scripts/sign-usage.mjs <marketplaceId> <leaseId> <reportId> \
//         <periodStart> <periodEnd> <gpuSeconds> [energyWh]
// The arguments are the report's fields in the order of the signed type, times as ISO-8601 UTC in
// whole seconds. The key is the hex private key in METER_KEY, or in the file named by METER_KEY_FILE.
import { readFileSync } from 'node:fs';
import { Wallet } from 'ethers';

const fields = process.argv.slice(2);
if (fields.length < 6 || fields.length > 7) {
  console.error('usage: node contracts/scripts/sign-usage.mjs <marketplaceId> <leaseId> <reportId> '
    + '<periodStart> <periodEnd> <gpuSeconds> [energyWh] < chain.json');
  process.exit(2);
}
const key = process.env.METER_KEY_FILE ? readFileSync(process.env.METER_KEY_FILE, 'utf8').trim() : process.env.METER_KEY;
if (!key) {
  console.error('set METER_KEY (or METER_KEY_FILE) to the signing key');
  process.exit(2);
}
const [marketplaceId, leaseId, reportId, periodStart, periodEnd, gpuSeconds, energyWh = '0'] = fields;

function unixSeconds(iso) {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis) || millis % 1000 !== 0) {
    console.error(`not an instant in whole seconds: ${iso}`);
    process.exit(2);
  }
  return millis / 1000;
}

const chain = JSON.parse(readFileSync(0, 'utf8'));
const domain = { name: 'GPU Settlement Ledger', version: '1', chainId: chain.chainId,
  verifyingContract: chain.anchorAddress };
const types = { UsageReport: [
  { name: 'marketplaceId', type: 'string' }, { name: 'leaseId', type: 'string' },
  { name: 'reportId', type: 'string' }, { name: 'periodStart', type: 'uint64' },
  { name: 'periodEnd', type: 'uint64' }, { name: 'gpuSeconds', type: 'uint64' },
  { name: 'energyWh', type: 'uint64' }] };
const report = { marketplaceId, leaseId, reportId, periodStart: unixSeconds(periodStart),
  periodEnd: unixSeconds(periodEnd), gpuSeconds: BigInt(gpuSeconds), energyWh: BigInt(energyWh) };

console.log(await new Wallet(key).signTypedData(domain, types, report));
