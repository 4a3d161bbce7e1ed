// Runs `npm ci` in contracts/ unless node_modules already holds exactly what package-lock.json
// pins: npm's own record of the installed tree (node_modules/.package-lock.json) must list every
// locked package at the same version and integrity, leaving out only optional packages of other
// platforms. Keeps repeated builds from reinstalling 47 packages each time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function upToDate() {
  const installedFile = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installedFile)) return false;
  const locked = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages;
  const installed = JSON.parse(readFileSync(installedFile, 'utf8')).packages;
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '') continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional) continue; // another platform's binary, skipped by npm
      return false;
    }
    if (have.version !== entry.version || have.integrity !== entry.integrity) return false;
    if (!existsSync(join(root, path))) return false;
  }
  return Object.keys(installed).every((path) => path in locked);
}

if (upToDate()) {
  console.log('npm: node_modules is up to date with package-lock.json');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
