// How every script of this repository finds and starts Chromium (component tests, story check,
// bench): Debian's, never a downloaded one, with the flags that keep it off the closed network.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const CHROMIUM_ARGS = [
  '--no-sandbox', // the machines run as root
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** `CHROME_PATH` first, then the usual Debian paths; a clear message when there is none. */
export function findChromium() {
  const path = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
    (p) => p && existsSync(p),
  );
  if (!path) {
    throw new Error(
      'No Chromium found. Install it with `apt-get install -y chromium` (Debian) or set CHROME_PATH to a Chrome/Chromium executable.',
    );
  }
  return path;
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
