// Writes the EIP-712 usage signature vectors that the ledger's Java verifier is tested against,
// signed by ethers (an implementation independent of web3j) with anvil's well-known dev keys. The
// signatures are deterministic (RFC 6979), so running it again writes the same file:
//   node contracts/scripts/usage-signature-vectors.mjs > ledger-service/src/test/resources/signatures/usage-signature-vectors.json
// Each vector names the domain and report that were signed, the domain and report the ledger checks
// the signature against, and what the check must give: SIGNER (recovers the signer), OTHER (recovers
// some other address) or REFUSED (the signature is not acceptable at all).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Signature, Wallet, toBeHex } = require('ethers');

// anvil's dev accounts 0, 1 and 2: public test keys, never for real funds.
const meter = new Wallet('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const tenant = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const stranger = new Wallet('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const domain = { name: 'GPU Settlement Ledger', version: '1', chainId: 31337,
  verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' };
const types = { UsageReport: [
  { name: 'marketplaceId', type: 'string' }, { name: 'leaseId', type: 'string' },
  { name: 'reportId', type: 'string' }, { name: 'periodStart', type: 'uint64' },
  { name: 'periodEnd', type: 'uint64' }, { name: 'gpuSeconds', type: 'uint64' },
  { name: 'energyWh', type: 'uint64' }] };
const report = { marketplaceId: 'mkt-northwind', leaseId: 'lease-h100-0419', reportId: 'meter-eu7-000183',
  periodStart: 1793700000, periodEnd: 1793703600, gpuSeconds: 28800, energyWh: 0 };

const sign = (wallet, d = domain, r = report) => wallet.signTypedData(d, types, r);

/** The same signature with s replaced by n - s and v flipped: it recovers the same key, and Ethereum refuses it. */
function highS(signature) {
  const sig = Signature.from(signature);
  const s = SECP256K1_N - BigInt(sig.s);
  const v = sig.v === 27 ? 28 : 27;
  return sig.r + toBeHex(s, 32).slice(2) + v.toString(16);
}

/** The same signature with v as 0/1 instead of 27/28, as some signers write it. */
function zeroBasedV(signature) {
  return signature.slice(0, 130) + (parseInt(signature.slice(130), 16) - 27).toString(16).padStart(2, '0');
}

function vector(name, signer, signature, expect, checked = {}) {
  return { name, signer: signer.address, signature, expect,
    checkedDomain: { ...domain, ...(checked.domain ?? {}) }, checkedReport: { ...report, ...(checked.report ?? {}) } };
}

const meterSignature = await sign(meter);
const vectors = [
  vector('valid meter signature', meter, meterSignature, 'SIGNER'),
  vector('valid tenant countersignature', tenant, await sign(tenant), 'SIGNER'),
  vector('valid meter signature with v as 0/1', meter, zeroBasedV(meterSignature), 'SIGNER'),
  vector('wrong chain id', meter, await sign(meter, { ...domain, chainId: 1 }), 'OTHER'),
  vector('wrong verifying contract', meter,
    await sign(meter, { ...domain, verifyingContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' }), 'OTHER'),
  vector('flipped gpuSeconds', meter, meterSignature, 'OTHER', { report: { gpuSeconds: 28801 } }),
  vector('flipped reportId', meter, meterSignature, 'OTHER', { report: { reportId: 'meter-eu7-000184' } }),
  vector('flipped energyWh', meter, meterSignature, 'OTHER', { report: { energyWh: 1 } }),
  vector('high-s signature', meter, highS(meterSignature), 'REFUSED'),
  vector('v of 29', meter, meterSignature.slice(0, 130) + '1d', 'REFUSED'),
  vector('signature by another key', meter, await sign(stranger), 'OTHER'),
];

console.log(JSON.stringify({
  generatedBy: 'contracts/scripts/usage-signature-vectors.mjs (ethers)',
  types, signedDomain: domain, signedReport: report,
  addresses: { meter: meter.address, tenant: tenant.address, stranger: stranger.address },
  vectors }, null, 2));
