// Deposits tokens into the prepaid escrow for a marketplace's tenant, as a tenant's wallet would:
//   node contracts/scripts/deposit.mjs --rpc http://127.0.0.1:8545 --escrow 0x... --token 0x... \
//       --marketplace demo-marketplace --tenant tenant-1 --amount 5000000
// The run command prints this line with the local chain's addresses filled in.
//
// 1. The depositor is the key in --key-file (or DEPOSITOR_KEY), else, on a local chain (id 31337)
//    only, anvil's well-known development account 1, derived from anvil's public test mnemonic.
// 2. If the depositor holds less than --amount, the shortfall is minted to it, which only the
//    token's owner may do: with LEDGER_SIGNER_KEY_FILE set (the run command's signer owns its test
//    token), that key sends the mint and nothing else. Otherwise send the depositor tokens first.
// 3. Approves the escrow for the amount if its allowance is short, then calls
//    deposit(keccak256(bytes(marketplace + "/" + tenant)), amount).
// Prints the Deposited log: its transaction hash and log index, and the depositId
// "chain:<txHash>:<logIndex>" under which the ledger credits it once confirmed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Contract, HDNodeWallet, JsonRpcProvider, Wallet, getAddress, id } from 'ethers';

const LOCAL_CHAIN_ID = 31337n;
// anvil's default accounts come from this public mnemonic; they hold test ether on a fresh anvil.
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
const ANVIL_ACCOUNT_1 = "m/44'/60'/0'/0/1";

const TOKEN_ABI = [
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function owner() view returns (address)',
  'function mint(address to, uint256 amount)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error OwnableUnauthorizedAccount(address account)',
];
const ESCROW_ABI = [
  'function token() view returns (address)',
  'function deposit(bytes32 account, uint256 amount)',
  'event Deposited(bytes32 indexed account, address indexed from, uint256 amount)',
  'error ZeroAccount()',
  'error ZeroAmount()',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
];

function fail(message) {
  console.error(`deposit: ${message}`);
  process.exit(1);
}

const { values: opts } = parseArgs({
  options: {
    rpc: { type: 'string' },
    escrow: { type: 'string' },
    token: { type: 'string' },
    marketplace: { type: 'string' },
    tenant: { type: 'string' },
    amount: { type: 'string' },
    'key-file': { type: 'string' },
  },
  strict: true,
});
for (const name of ['rpc', 'escrow', 'token', 'marketplace', 'tenant', 'amount']) {
  if (!opts[name]) fail(`--${name} is required (see the top of scripts/deposit.mjs)`);
}
if (!/^[1-9][0-9]*$/.test(opts.amount)) fail('--amount is a positive integer of token units (1250000 is 1.25 tokens of 6 decimals)');
// "/" separates the two ids in the account key; the ledger's ids never contain it.
if (opts.marketplace.includes('/') || opts.tenant.includes('/')) fail('a marketplace or tenant id never contains "/"');

const amount = BigInt(opts.amount);
const account = id(`${opts.marketplace}/${opts.tenant}`); // keccak256 of the UTF-8 bytes
// No response cache: ethers would otherwise answer a nonce asked for within 250 ms from the
// previous answer, which a chain that mines at once (anvil's default) has already used.
const provider = new JsonRpcProvider(opts.rpc, undefined, { pollingInterval: 200, cacheTimeout: -1 });

function readKey(file) {
  return readFileSync(file, 'utf8').trim();
}

async function depositor(chainId) {
  const key = opts['key-file'] ? readKey(opts['key-file']) : process.env.DEPOSITOR_KEY;
  if (key) return new Wallet(key, provider);
  if (chainId !== LOCAL_CHAIN_ID) fail(`chain ${chainId} is not a local anvil: give the depositor's key with --key-file`);
  return HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, ANVIL_ACCOUNT_1).connect(provider);
}

async function main() {
  const { chainId } = await provider.getNetwork();
  const wallet = await depositor(chainId);
  const escrow = new Contract(getAddress(opts.escrow), ESCROW_ABI, wallet);
  const token = new Contract(getAddress(opts.token), TOKEN_ABI, wallet);
  if (getAddress(await escrow.token()) !== getAddress(opts.token)) fail('the escrow holds another token than --token');

  const balance = await token.balanceOf(wallet.address);
  if (balance < amount) {
    const minterKeyFile = process.env.LEDGER_SIGNER_KEY_FILE;
    if (!minterKeyFile) {
      fail(`${wallet.address} holds ${balance} units, short of ${amount}: send it tokens, or set `
        + 'LEDGER_SIGNER_KEY_FILE to the token owner\'s key file to mint test tokens');
    }
    const minter = new Wallet(readKey(minterKeyFile), provider);
    if (getAddress(await token.owner()) !== minter.address) fail('the key in LEDGER_SIGNER_KEY_FILE does not own the token, so cannot mint');
    await (await token.connect(minter).mint(wallet.address, amount - balance)).wait();
  }
  if ((await token.allowance(wallet.address, escrow.target)) < amount) {
    await (await token.approve(escrow.target, amount)).wait();
  }

  const receipt = await (await escrow.deposit(account, amount)).wait();
  const log = receipt.logs.map((l) => ({ l, parsed: escrow.interface.parseLog(l) }))
    .find(({ l, parsed }) => parsed?.name === 'Deposited' && getAddress(l.address) === escrow.target);
  if (!log) fail(`no Deposited log in ${receipt.hash}`);
  console.log(JSON.stringify({
    txHash: receipt.hash,
    logIndex: log.l.index,
    blockNumber: receipt.blockNumber,
    account,
    from: log.parsed.args.from,
    amountUnits: log.parsed.args.amount.toString(),
    depositId: `chain:${receipt.hash}:${log.l.index}`,
  }, null, 2));
}

try {
  await main();
} catch (e) {
  const reason = e.revert ? `${e.revert.name}(${e.revert.args.join(', ')})` : (e.shortMessage ?? e.message);
  fail(reason);
} finally {
  provider.destroy();
}
