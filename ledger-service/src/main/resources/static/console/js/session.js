// The key lives in this tab's sessionStorage only: it goes out in the Authorization header and
// nowhere else (no cookie, no URL, no log). Closing the tab forgets it.

const KEY = 'ledger.console.key';
const ROLE = 'ledger.console.role';
const FLASH = 'ledger.console.flash';

export const key = () => sessionStorage.getItem(KEY);
export const role = () => sessionStorage.getItem(ROLE);

export function remember(apiKey, keyRole) {
  sessionStorage.setItem(KEY, apiKey);
  sessionStorage.setItem(ROLE, keyRole);
}

export function forget(message) {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ROLE);
  if (message) sessionStorage.setItem(FLASH, message);
}

export function takeFlash() {
  const message = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  return message;
}

/** Where each role starts. */
export const HOME = {
  MARKETPLACE: 'leases.html',
  AUDITOR: 'leases.html',
  OPERATOR: 'epochs.html',
  PROVIDER: 'payouts.html',
};

async function status(apiKey, path) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
    cache: 'no-store', credentials: 'omit',
  });
  return response.status;
}

/**
 * Tells a key's role from what it may read, through the routes every client uses: the ledger has
 * no route of the console's own. Answers null for a key the ledger does not know.
 */
export async function roleOf(apiKey) {
  const leases = await status(apiKey, '/v1/leases?limit=1');
  if (leases === 401) return null;
  if (leases === 200) {
    return (await status(apiKey, '/v1/accounts?limit=1')) === 200 ? 'AUDITOR' : 'MARKETPLACE';
  }
  return (await status(apiKey, '/v1/keys?limit=1')) === 200 ? 'OPERATOR' : 'PROVIDER';
}
