import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAbis, loadDeployment, parseDeployment } from '../src/deployments.js';
import { DeploymentError } from '../src/errors.js';

const ADDRESS = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const HASH = `0x${'ab'.repeat(32)}`;

test('reads the record the deploy tool writes', () => {
  const d = parseDeployment(JSON.stringify({ tweth: { contract: 'tasset', address: ADDRESS, code_hash: HASH } }), 'local.json');
  assert.deepEqual(d, { tweth: { contract: 'tasset', address: ADDRESS, code_hash: HASH } });
});

test('refuses a malformed record with what is wrong', () => {
  const cases: Array<[string, RegExp]> = [
    ['not json', /is not JSON/],
    ['[]', /not a deployment record/],
    ['null', /not a deployment record/],
    [JSON.stringify({ 'Bad-Name': { contract: 'tasset', address: ADDRESS, code_hash: HASH } }), /not a contract name/],
    [JSON.stringify({ tweth: 5 }), /not an entry/],
    [JSON.stringify({ tweth: { address: ADDRESS, code_hash: HASH } }), /no contract name/],
    [JSON.stringify({ tweth: { contract: 'tasset', address: '0x1234', code_hash: HASH } }), /no SS58 address/],
    [JSON.stringify({ tweth: { contract: 'tasset', address: ADDRESS, code_hash: '0x12' } }), /no code hash/],
  ];
  for (const [text, why] of cases) {
    assert.throws(() => parseDeployment(text, 'local.json'), (e: unknown) => e instanceof DeploymentError && why.test(e.message), text);
  }
});

test('loads a network\'s record and the ABIs it needs, the books code with every tAsset', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'laas-client-'));
  await writeFile(join(dir, 'local.json'), JSON.stringify({ tweth: { contract: 'tasset', address: ADDRESS, code_hash: HASH } }));
  await writeFile(join(dir, 'tasset.json'), '{"spec":{}}');
  await writeFile(join(dir, 'tasset_books.json'), '{"spec":{"books":true}}');
  const d = await loadDeployment(dir, 'local');
  const abis = await loadAbis(dir, d);
  assert.deepEqual(Object.keys(abis).sort(), ['tasset', 'tasset_books']);
  await assert.rejects(loadDeployment(dir, 'rococo'), /no deployment record at .*rococo\.json/);
  await writeFile(join(dir, 'other.json'), JSON.stringify({ amm: { contract: 'venue_amm', address: ADDRESS, code_hash: HASH } }));
  await assert.rejects(loadAbis(dir, await loadDeployment(dir, 'other')), /no ABI for venue_amm/);
});
