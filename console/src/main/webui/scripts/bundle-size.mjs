// The first screen's JavaScript, gzipped: the entry script of dist/index.html and every chunk it preloads or
// imports statically. Fails the build above the budget (400 KB, issue #14), so the figure in the README stays true.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist');
const budget = 400 * 1024;
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const first = new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const seen = new Set();
const queue = [...first];
while (queue.length) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(path.join(dist, file), 'utf8');
  // Static imports only (import ... from "./x.js"); import("./x.js") is a lazily loaded screen.
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    queue.push(path.posix.join('/assets', m[1].slice(2)));
  }
}
let total = 0;
for (const file of seen) total += gzipSync(readFileSync(path.join(dist, file))).length;
const kb = (total / 1024).toFixed(1);
console.log(`first screen JavaScript: ${kb} KB gzipped (${seen.size} files; budget ${budget / 1024} KB)`);
if (total > budget) {
  console.error(`error: over the budget of ${budget / 1024} KB`);
  process.exit(1);
}
