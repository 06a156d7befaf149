// chopsticks serves what it has not stored yet from its "provider": an upstream chain, or, for a
// chain started from a chain spec, the spec itself. That genesis provider answers no child-trie
// request, and every contract's storage is a child trie, so pallet-contracts fails at its first
// instantiation with "childstate_getStorage not implemented". At genesis there are no child
// tries (the contracts node's dev spec has none): an empty answer is exact. This script teaches
// the provider that answer, in place and idempotently; scripts/chain.sh runs it after npm ci.
const fs = require('fs');
const path = require('path');
const dir = process.argv[2] || __dirname;
const files = ['cjs', 'esm'].map((kind) => path.join(dir, 'node_modules/@acala-network/chopsticks-core/dist', kind, 'genesis-provider.js'));
const marker = "case 'childstate_getStorage':";
const anchor = /\n([ \t]*)default:\n[ \t]*throw Error\(`\$\{method\} not implemented`\);/;
let patched = 0;
for (const file of files) {
  if (!fs.existsSync(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(marker)) { patched++; continue; }
  const found = text.match(anchor);
  if (!found) { console.error(`[chain] ${file}: the provider's shape changed; update chain/patch-genesis-provider.cjs`); process.exit(1); }
  const pad = found[1];
  const cases = [
    `${pad}${marker}`,
    `${pad}case 'childstate_getStorageAt':`,
    `${pad}    return null;`,
    `${pad}case 'childstate_getKeysPaged':`,
    `${pad}case 'childstate_getKeysPagedAt':`,
    `${pad}    return [];`,
  ].join('\n');
  fs.writeFileSync(file, text.replace(anchor, `\n${cases}${found[0]}`));
  patched++;
}
if (patched === 0) { console.error('[chain] no genesis provider found to patch'); process.exit(1); }
console.log(`[chain] the genesis provider answers child-trie reads (${patched} file(s))`);
