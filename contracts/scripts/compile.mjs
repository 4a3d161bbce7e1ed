// Compiles contracts/src/*.sol (and bench/*.sol, reference contracts that only bench/gas.sh deploys) with solcjs (the npm "solc" package) through its standard-JSON
// interface, resolving @openzeppelin/... imports from node_modules, and writes one .abi and one
// .bin per contract of src/ and bench/ into target/solc/. Skips the work when neither the sources nor the
// compiler settings changed since the last run, to keep rebuilds fast.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const solc = require('solc');

const outDir = join(root, 'target', 'solc');
const stampFile = join(outDir, '.inputs.sha256');

// Optimizer runs are tuned for calls, not deployment size: the distributor's push loop runs
// thousands of times per epoch. evmVersion "cancun" runs on anvil and on current mainnets.
const settings = {
  optimizer: { enabled: true, runs: 10000 },
  viaIR: true,
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

const sources = {};
for (const dir of ['src', 'bench']) {
  for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith('.sol')).sort()) {
    sources[`${dir}/${file}`] = { content: readFileSync(join(root, dir, file), 'utf8') };
  }
}

const stamp = createHash('sha256')
  .update(solc.version())
  .update(JSON.stringify(settings))
  .update(JSON.stringify(sources))
  .digest('hex');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('solc: contracts are up to date');
  process.exit(0);
}

// Imports are either relative to src/ (already resolved to "src/..." by solc) or packages
// under node_modules; nothing is fetched from anywhere else.
function findImports(path) {
  for (const candidate of [join(root, path), join(root, 'node_modules', path)]) {
    if (existsSync(candidate)) {
      return { contents: readFileSync(candidate, 'utf8') };
    }
  }
  return { error: `import not found: ${path}` };
}

const input = { language: 'Solidity', sources, settings };
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const message of output.errors ?? []) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [sourceName, contracts] of Object.entries(output.contracts)) {
  if (!sourceName.startsWith('src/') && !sourceName.startsWith('bench/')) continue;
  for (const [name, artifact] of Object.entries(contracts)) {
    writeFileSync(join(outDir, `${name}.abi`), JSON.stringify(artifact.abi));
    writeFileSync(join(outDir, `${name}.bin`), artifact.evm.bytecode.object);
    written++;
  }
}
writeFileSync(stampFile, stamp);
console.log(`solc ${solc.version()}: wrote ${written} contracts to target/solc`);
