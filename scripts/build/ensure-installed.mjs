#!/usr/bin/env node
// `npm start` on a fresh clone: installs the dependencies first (npm ci) when node_modules is
// missing or older than package-lock.json, so the quick start is a single command.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log('Installing dependencies (npm ci)… about 2 minutes the first time.');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
