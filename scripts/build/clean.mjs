#!/usr/bin/env node
// Removes every package's build output (JS, types, build info), so a build holds no stale file.
import { readdirSync, rmSync } from 'node:fs';

for (const pkg of readdirSync('packages')) rmSync(`packages/${pkg}/dist`, { recursive: true, force: true });
