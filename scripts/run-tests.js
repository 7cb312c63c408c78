#!/usr/bin/env node
// Runs every compiled test file (unit tests beside the code in src/, then
// the integration and compatibility tiers in test/) with node's test runner.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const outDir = process.env.CAIS_TEST_OUT ?? 'dist';
const tiers = process.argv.slice(2);
const roots = tiers.length > 0 ? tiers : ['src', 'test/integration', 'test/compat'];

function find(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return name.endsWith('.test.js') ? [path] : [];
  });
}

const files = roots.flatMap((root) => find(join(outDir, root))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
