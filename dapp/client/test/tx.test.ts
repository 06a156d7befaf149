import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, Chain } from '../src/chain.js';
import { ChainError, ContractRefused } from '../src/errors.js';
import { send, type Callable, type DryRun } from '../src/tx.js';

const FAST = { timeoutMs: 200, pollMs: 5 };
const SIGNER = { address: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY' };

/** A chain that includes each submitted extrinsic after `emptyBlocks` empty blocks (never, if `include` is false). */
function fakeChain(opts: { emptyBlocks?: number; include?: boolean; failed?: boolean } = {}) {
  const blocks: Block[] = [{ hash: '0x00', number: 0, extrinsics: ['0xtimestamp'] }];
  const submitted: string[] = [];
  const chain: Chain = {
    head: async () => blocks.length - 1,
    block: async (n) => blocks[n],
    events: async (hash) => {
      const b = blocks.find((x) => x.hash === hash)!;
      return b.extrinsics.map((_, i) => ({
        phase: { type: 'ApplyExtrinsic', value: i },
        event: i === b.extrinsics.length - 1 && opts.failed
          ? { pallet: 'System', palletEvent: { name: 'ExtrinsicFailed', data: { dispatchError: 'trap' } } }
          : { pallet: 'System', palletEvent: { name: 'ExtrinsicSuccess', data: {} } },
        topics: [],
      })) as never;
    },
    submit: async (hex) => {
      submitted.push(hex);
      if (opts.include === false) return;
      // Blocks come a little later, as on a chain.
      setTimeout(() => {
        for (let i = 0; i < (opts.emptyBlocks ?? 0); i++) {
          blocks.push({ hash: `0xe${blocks.length}`, number: blocks.length, extrinsics: ['0xtimestamp'] });
        }
        blocks.push({ hash: `0xb${blocks.length}`, number: blocks.length, extrinsics: ['0xtimestamp', '0xother', hex] });
      }, 10);
    },
    errorName: (e) => `Contracts.${String(e)}`,
  };
  return { chain, blocks, submitted };
}

/** A contract whose `deposit` dry run answers `data` (or throws `thrown`), recording the extrinsics built. */
function fakeContract(data: unknown, opts: { deposit?: { type: string; value?: bigint }; thrown?: unknown } = {}) {
  const built: Array<{ args: unknown[]; options: Record<string, unknown> }> = [];
  const queried: Array<{ args: unknown[]; options: Record<string, unknown> }> = [];
  const contract = {
    query: {
      deposit: async (...a: unknown[]): Promise<DryRun> => {
        queried.push({ args: a.slice(0, -1), options: a.at(-1) as Record<string, unknown> });
        if (opts.thrown) throw opts.thrown;
        return { data, raw: { gasRequired: { refTime: 11n, proofSize: 22n }, storageDeposit: opts.deposit ?? { type: 'Charge', value: 33n } } };
      },
    },
    tx: {
      deposit: (...a: unknown[]) => {
        built.push({ args: a.slice(0, -1), options: a.at(-1) as Record<string, unknown> });
        return { sign: async () => undefined, toHex: () => '0xdeposit' };
      },
    },
  } as unknown as Callable;
  return { contract, built, queried };
}

test('a refusal in the dry run throws the contract\'s error and sends nothing', async () => {
  const { chain, submitted } = fakeChain();
  const { contract, built } = fakeContract({ isErr: true, err: { type: 'CapExceeded' } });
  await assert.rejects(send(chain, 'tweth', contract, 'deposit', [5n], SIGNER, FAST), (e: unknown) => {
    assert.ok(e instanceof ContractRefused);
    assert.deepEqual(e.variants, ['CapExceeded']);
    assert.equal(e.message, 'tweth.deposit refused: CapExceeded');
    return true;
  });
  assert.equal(built.length, 0);
  assert.equal(submitted.length, 0);
});

test('a call that passes its dry run is sent with its gas and deposit, and found in its block', async () => {
  const { chain, submitted } = fakeChain({ emptyBlocks: 2 });
  const { contract, built, queried } = fakeContract({ isOk: true, value: 42n });
  const r = await send(chain, 'tweth', contract, 'deposit', [5n], SIGNER, FAST);
  assert.deepEqual(queried[0], { args: [5n], options: { caller: SIGNER.address } });
  assert.deepEqual(built[0], { args: [5n], options: { gasLimit: { refTime: 13n, proofSize: 27n }, storageDepositLimit: 33n } });
  assert.deepEqual(submitted, ['0xdeposit']);
  assert.equal(r.value, 42n);
  assert.equal(r.blockNumber, 3);
  // Only the extrinsic's own events (its index in the block is 2).
  assert.equal(r.records.length, 1);
  assert.deepEqual(r.records[0]!.phase, { type: 'ApplyExtrinsic', value: 2 });
});

test('a message without a Result returns its value; a refund sets no deposit limit', async () => {
  const { chain } = fakeChain();
  const { contract, built } = fakeContract(7, { deposit: { type: 'Refund', value: 5n } });
  const r = await send(chain, 'amm', contract, 'deposit', [], SIGNER, FAST);
  assert.equal(r.value, 7);
  assert.equal(built[0]!.options.storageDepositLimit, undefined);
});

test('an extrinsic that fails in its block is reported with the pallet error', async () => {
  const { chain } = fakeChain({ failed: true });
  const { contract } = fakeContract({ isOk: true, value: 1n });
  await assert.rejects(send(chain, 'tweth', contract, 'deposit', [1n], SIGNER, FAST), (e: unknown) => {
    assert.ok(e instanceof ChainError);
    assert.match(e.message, /^tweth\.deposit: failed in block 1: Contracts\.trap$/);
    return true;
  });
});

test('an extrinsic never included times out with a chain error', async () => {
  const { chain } = fakeChain({ include: false });
  const { contract } = fakeContract({ isOk: true, value: 1n });
  await assert.rejects(send(chain, 'tweth', contract, 'deposit', [1n], SIGNER, FAST), /not included in a block within 200 ms/);
});

test('dry-run failures thrown by dedot are told apart: trap, LangError, anything else', async () => {
  const { chain, submitted } = fakeChain();
  const trap = fakeContract(undefined, { thrown: { moduleError: { pallet: 'Contracts', name: 'ContractTrapped' } } });
  await assert.rejects(send(chain, 'reactor', trap.contract, 'deposit', [], SIGNER, FAST), (e: unknown) => e instanceof ChainError && e.reason === 'Contracts.ContractTrapped');
  const lang = fakeContract(undefined, { thrown: { langError: 'CouldNotReadInput' } });
  await assert.rejects(send(chain, 'reactor', lang.contract, 'deposit', [], SIGNER, FAST), (e: unknown) => e instanceof ContractRefused && e.variants[0] === 'CouldNotReadInput');
  const other = fakeContract(undefined, { thrown: new Error('socket closed') });
  await assert.rejects(send(chain, 'reactor', other.contract, 'deposit', [], SIGNER, FAST), /reactor\.deposit: socket closed/);
  assert.equal(submitted.length, 0);
});

test('a message the ABI does not have is a chain error before anything is sent', async () => {
  const { chain, submitted } = fakeChain();
  const { contract } = fakeContract({ isOk: true, value: 1n });
  await assert.rejects(send(chain, 'tweth', contract, 'withdraw', [], SIGNER, FAST), /tweth\.withdraw: no such message/);
  assert.equal(submitted.length, 0);
});
