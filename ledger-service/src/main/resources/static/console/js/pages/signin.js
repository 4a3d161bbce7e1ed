import { fill, alert } from '../dom.js';
import { key, role, remember, roleOf, takeFlash, HOME } from '../session.js';

const message = document.getElementById('message');
const form = document.getElementById('signin');
const input = document.getElementById('api-key');

if (key() && role()) location.replace(HOME[role()]);
const flash = takeFlash();
if (flash) fill(message, alert(flash));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const candidate = input.value.trim();
  fill(message);
  try {
    const found = await roleOf(candidate);
    if (!found) {
      input.value = '';
      fill(message, alert('The ledger does not know this key (401). Check it and try again.'));
      input.focus();
      return;
    }
    remember(candidate, found);
    location.assign(HOME[found]);
  } catch (error) {
    fill(message, alert(`The ledger could not be reached: ${error.message}`));
  }
});
