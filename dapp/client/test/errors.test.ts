import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChainError, ContractRefused, describe } from '../src/errors.js';

test('describes decoded ink! values the way the contracts name them', () => {
  assert.equal(describe('Paused'), 'Paused');
  assert.equal(describe({ type: 'NotMatured' }), 'NotMatured');
  assert.equal(describe({ type: 'Access', value: 'NotAdmin' }), 'Access(NotAdmin)');
  assert.equal(describe({ type: 'Pool', value: { type: 'Psp22', value: { type: 'Custom', value: 'x' } } }), 'Pool(Psp22(Custom(x)))');
  assert.equal(describe({ premium: 5n, party: false }), '{ premium: 5, party: false }');
  assert.equal(describe([1, 'a']), '[1, a]');
  assert.equal(describe(undefined), 'undefined');
});

test('a refusal names the contract, the message and the error, and exposes its variant path', () => {
  const e = new ContractRefused('tweth', 'tAssetWithdraw', { type: 'Access', value: 'Paused' });
  assert.equal(e.message, 'tweth.tAssetWithdraw refused: Access(Paused)');
  assert.deepEqual(e.variants, ['Access', 'Paused']);
  assert.deepEqual(new ContractRefused('c', 'm', { type: 'NotMatured' }).variants, ['NotMatured']);
  assert.deepEqual(new ContractRefused('c', 'm', 'Paused').variants, ['Paused']);
  assert.ok(e instanceof Error);
});

test('a chain error says what was done and why it failed', () => {
  const e = new ChainError('tweth.tAssetDeposit', 'Contracts.ContractTrapped');
  assert.equal(e.message, 'tweth.tAssetDeposit: Contracts.ContractTrapped');
  assert.equal(e.name, 'ChainError');
});
