// The chain as the client uses it: blocks, their events, submitting a signed extrinsic, and a
// dev chain's clock. A narrow interface, so the transaction logic is tested without a chain.

import { LegacyClient, WsProvider } from 'dedot';
import type { IEventRecord } from 'dedot/types';
import { u8aToHex } from 'dedot/utils';
import { ChainError } from './errors.js';

/** One block as the client needs it: its hash and its extrinsics (hex, in order). */
export interface Block {
  hash: string;
  number: number;
  extrinsics: string[];
}

/** What the client needs of a chain. */
export interface Chain {
  /** The best block's number. */
  head(): Promise<number>;
  /** The block numbered `n` on the best chain, or `undefined` if there is none yet. */
  block(n: number): Promise<Block | undefined>;
  /** The events of the block `hash`. */
  events(hash: string): Promise<IEventRecord[]>;
  /** Submits a signed extrinsic (hex) to the pool, without watching it. */
  submit(extrinsic: string): Promise<void>;
  /** A dispatch error as `Pallet.Error` (`Contracts.ContractTrapped`). */
  errorName(dispatchError: unknown): string;
}

/**
 * Connects to a pallet-contracts chain over its legacy JSON-RPC (what substrate-contracts-node
 * and chopsticks speak).
 */
export async function connect(url: string): Promise<LegacyClient> {
  try {
    return await LegacyClient.new(new WsProvider({ endpoint: url, retryDelayMs: 0, timeout: 30_000 }));
  } catch (e) {
    throw new ChainError(`connect to ${url}`, e instanceof Error ? e.message : String(e));
  }
}

/** The [`Chain`] of a connected client. */
export function chainOf(client: LegacyClient): Chain {
  return {
    head: async () => (await client.rpc.chain_getHeader())?.number ?? 0,
    block: async (n) => {
      const hash = await client.rpc.chain_getBlockHash(n);
      if (!hash) return undefined;
      const signed = await client.rpc.chain_getBlock(hash);
      if (!signed) return undefined;
      return { hash, number: n, extrinsics: signed.block.extrinsics.map((x) => (typeof x === 'string' ? x : u8aToHex(x))) };
    },
    events: async (hash) => (await (await client.at(hash as `0x${string}`)).query.system.events()) as IEventRecord[],
    submit: async (extrinsic) => {
      await client.rpc.author_submitExtrinsic(extrinsic as `0x${string}`);
    },
    errorName: (dispatchError) => {
      const meta = client.registry.findErrorMeta(dispatchError as never);
      return meta ? `${meta.pallet}.${meta.name}` : JSON.stringify(dispatchError, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    },
  };
}

/** The chain's clock: `Timestamp::Now` of the best block, in ms. */
export async function now(client: LegacyClient): Promise<bigint> {
  return BigInt(await client.query.timestamp.now());
}

/**
 * Moves a dev chain's clock to `ms` (chopsticks' `dev_timeTravel`): the next block is stamped
 * with it. Refused by a chain that is not a dev chain.
 */
export async function timeTravel(client: LegacyClient, ms: bigint): Promise<void> {
  try {
    await client.provider.send('dev_timeTravel', [Number(ms)]);
  } catch (e) {
    throw new ChainError('dev_timeTravel', `this chain cannot move its clock (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Moves a dev chain's clock to `ms` and seals a block stamped with it (chopsticks'
 * `dev_newBlock`), so dry runs after it see the new time.
 */
export async function advanceTo(client: LegacyClient, ms: bigint): Promise<void> {
  await timeTravel(client, ms);
  try {
    await client.provider.send('dev_newBlock', [{ count: 1 }]);
  } catch (e) {
    throw new ChainError('dev_newBlock', `this chain cannot seal a block on demand (${e instanceof Error ? e.message : String(e)})`);
  }
}
