// Transactions the careful way: dry-run first and report the contract's own error instead of
// sending a call that would fail; send with the dry run's gas and storage deposit; wait for the
// block that includes it; decode what happened from that block's events.

import type { IEventRecord } from 'dedot/types';
import type { Chain } from './chain.js';
import { ChainError, ContractRefused } from './errors.js';

/** A message's result as dedot's dry run returns it. */
export interface DryRun {
  data: unknown;
  raw: { gasRequired: unknown; storageDeposit: { type: string; value?: bigint } };
  flags?: { revert?: boolean };
}

/** What a contract handle offers for one message: its dry run and its extrinsic. */
export interface Callable {
  query: Record<string, ((...args: never[]) => Promise<DryRun>) & { meta?: { args: unknown[] } }>;
  tx: Record<string, (...args: never[]) => Signable>;
}

/** An extrinsic that can be signed and encoded. */
export interface Signable {
  sign(signer: never, options?: object): Promise<unknown>;
  toHex(): string;
}

/** How long to wait for inclusion, and how often to look. */
export interface Wait {
  timeoutMs: number;
  pollMs: number;
}

export const DEFAULT_WAIT: Wait = { timeoutMs: 60_000, pollMs: 100 };

/** A transaction included in a block. */
export interface Included<T> {
  /** The message's `Ok` value as the dry run answered it (the events say what happened). */
  value: T;
  blockHash: string;
  blockNumber: number;
  /** The events the extrinsic emitted, in order (system, balances, contracts). */
  records: IEventRecord[];
}

/** A result's `Ok` value; the error of a `Result::Err` as a [`ContractRefused`]. */
export function unwrap(contract: string, message: string, data: unknown): unknown {
  if (data && typeof data === 'object' && ('isOk' in data || 'isErr' in data)) {
    const r = data as { isOk?: boolean; isErr?: boolean; value?: unknown; err?: unknown };
    if (r.isErr) throw new ContractRefused(contract, message, r.err);
    return r.value;
  }
  return data;
}

/** The dry run of `message` as `caller`: its `Ok` value, or the contract's error thrown. */
export async function dryRun(name: string, contract: Callable, message: string, args: unknown[], caller: string): Promise<{ value: unknown; run: DryRun }> {
  const query = contract.query[message];
  if (!query) throw new ChainError(`${name}.${message}`, 'no such message in the contract\'s ABI');
  let run: DryRun;
  try {
    run = await (query as (...a: unknown[]) => Promise<DryRun>)(...args, { caller });
  } catch (e) {
    // dedot throws for a dispatch error (trap, out of gas) and for an ink! LangError.
    const err = e as { name?: string; moduleError?: { pallet: string; name: string }; langError?: unknown; message?: string };
    if (err.moduleError) throw new ChainError(`${name}.${message}`, `${err.moduleError.pallet}.${err.moduleError.name}`);
    if (err.langError !== undefined) throw new ContractRefused(name, message, err.langError);
    throw new ChainError(`${name}.${message}`, err.message ?? String(e));
  }
  return { value: unwrap(name, message, run.data), run };
}

/**
 * Sends `message(...args)` to `contract` (named `name` in errors) signed by `signer` (whose
 * address is `caller`): dry-run first (a refusal throws [`ContractRefused`] and nothing is sent),
 * then the extrinsic with the dry run's gas (plus a margin) and storage deposit as limits, then waits for the
 * block that includes it. A dispatch error in that block throws [`ChainError`].
 */
export async function send(
  chain: Chain,
  name: string,
  contract: Callable,
  message: string,
  args: unknown[],
  signer: { address: string },
  wait: Wait = DEFAULT_WAIT,
): Promise<Included<unknown>> {
  const what = `${name}.${message}`;
  const { value, run } = await dryRun(name, contract, message, args, signer.address);
  const build = contract.tx[message];
  if (!build) throw new ChainError(what, 'the message is not a transaction in the contract\'s ABI');
  const deposit = run.raw.storageDeposit;
  const tx = (build as (...a: unknown[]) => Signable)(...args, {
    gasLimit: withMargin(run.raw.gasRequired),
    // A refund needs no limit; a charge is held to what the dry run charged.
    storageDepositLimit: deposit.type === 'Charge' ? deposit.value : undefined,
  });
  await tx.sign(signer as never);
  const hex = tx.toHex();
  const from = await chain.head();
  await chain.submit(hex);
  const { block, index } = await inclusion(chain, what, hex, from + 1, wait);
  const records = (await chain.events(block.hash)).filter(
    (r) => r.phase.type === 'ApplyExtrinsic' && r.phase.value === index,
  );
  const failed = records.find((r) => r.event.pallet === 'System' && (r.event.palletEvent as { name?: string }).name === 'ExtrinsicFailed');
  if (failed) {
    const data = (failed.event.palletEvent as { data?: { dispatchError?: unknown } }).data;
    throw new ChainError(what, `failed in block ${block.number}: ${chain.errorName(data?.dispatchError)}`);
  }
  return { value, blockHash: block.hash, blockNumber: block.number, records };
}

/**
 * The dry run's required gas plus a quarter: a call that runs in the next block can need a
 * little more than its dry run did (a cover pool's roll may cross one more expiry bucket), and
 * unused gas is refunded.
 */
export function withMargin(gas: unknown): unknown {
  const g = gas as { refTime?: unknown; proofSize?: unknown };
  if (typeof g?.refTime !== 'bigint' || typeof g?.proofSize !== 'bigint') return gas;
  return { refTime: g.refTime + g.refTime / 4n, proofSize: g.proofSize + g.proofSize / 4n };
}

/** Looks for `hex` in blocks from `from` on until it is found or `wait.timeoutMs` passes. */
export async function inclusion(chain: Chain, what: string, hex: string, from: number, wait: Wait): Promise<{ block: { hash: string; number: number }; index: number }> {
  const deadline = Date.now() + wait.timeoutMs;
  let n = from;
  for (;;) {
    const block = await chain.block(n);
    if (block) {
      const index = block.extrinsics.indexOf(hex);
      if (index >= 0) return { block, index };
      n += 1;
      continue;
    }
    if (Date.now() >= deadline) {
      throw new ChainError(what, `not included in a block within ${wait.timeoutMs} ms (looked up to block ${n - 1})`);
    }
    await new Promise((r) => setTimeout(r, wait.pollMs));
  }
}
