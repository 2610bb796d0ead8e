// Loaded into a backend process with `node --import` by the clock-step test: when the test writes a
// number of milliseconds to CLOCK_STEP_FILE, the process's system clock (Date.now) steps by it, as an
// NTP correction or an operator would — the monotonic clock (performance.now) runs on untouched, as
// it does on a real host.
import { existsSync, readFileSync, rmSync } from 'node:fs';

const realNow = Date.now.bind(Date);
let offset = 0;
Date.now = () => realNow() + offset;
const file = process.env.CLOCK_STEP_FILE;
if (file) {
  setInterval(() => {
    if (!existsSync(file)) return;
    const step = Number(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    offset += step;
    process.stderr.write(`test clock stepped by ${step} ms (now ${offset} ms off)\n`);
  }, 20).unref();
}
