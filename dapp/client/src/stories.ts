// The suite's user stories as functions: what an LP, a keeper, a TOKE staker and a cover buyer
// do, each a few dry-run-first transactions whose results are read back from the chain.

import { ContractRefused } from './errors.js';
import type { Laas, Signer, SuiteEvent } from './suite.js';
import type { PrimaryPoolQuote } from './bindings/primary-pool/types.js';
import type { ReactorState } from './bindings/reactor/types.js';

/**
 * The PSP22 token `name` of the deployment, whatever contract implements it (test assets,
 * TOKE, tAssets): all speak PSP22 with the standard's selectors, so the test asset's bindings
 * type the calls; the handle itself is built from the token's own ABI.
 */
function psp22(laas: Laas, name: string) {
  const kind = laas.entry(name).contract as 'test_asset';
  return { kind, handle: laas.contract(name, kind) };
}

/** `owner`'s balance of `token`. */
export async function balanceOf(laas: Laas, token: string, owner: string): Promise<bigint> {
  return (await psp22(laas, token).handle.query.psp22BalanceOf(owner, { caller: owner })).data;
}

/** Approves `spender` for exactly `amount` of `token` unless it already may spend that much. */
export async function ensureAllowance(laas: Laas, owner: Signer, token: string, spender: string, amount: bigint): Promise<void> {
  const { kind, handle } = psp22(laas, token);
  const allowed = (await handle.query.psp22Allowance(owner.address, spender, { caller: owner.address })).data;
  if (allowed >= amount) return;
  await laas.send(owner, token, kind, 'psp22Approve', [spender, amount]);
}

/** Names of a pool and what it holds. */
export interface PoolNames {
  /** The tAsset (`tweth`). */
  pool: string;
  /** Its asset (`weth`). */
  asset: string;
}

/** An LP deposits `amount` of the pool's asset (approving it first) for tAssets: the tAssets minted. */
export async function deposit(laas: Laas, lp: Signer, names: PoolNames, amount: bigint): Promise<{ minted: bigint; events: SuiteEvent[] }> {
  await ensureAllowance(laas, lp, names.asset, laas.address(names.pool), amount);
  const r = await laas.send(lp, names.pool, 'tasset', 'tAssetDeposit', [amount]);
  return { minted: r.value, events: r.events };
}

/** An LP asks to withdraw `amount` tAssets: the epoch at which the request matures. */
export async function requestWithdrawal(laas: Laas, lp: Signer, pool: string, amount: bigint): Promise<number> {
  return (await laas.send(lp, pool, 'tasset', 'tAssetRequestWithdrawal', [amount])).value;
}

/** An LP withdraws `amount` matured tAssets: what was paid, in the asset and in TOKE. */
export async function withdraw(laas: Laas, lp: Signer, pool: string, amount: bigint): Promise<{ asset: bigint; toke: bigint; events: SuiteEvent[] }> {
  const r = await laas.send(lp, pool, 'tasset', 'tAssetWithdraw', [amount]);
  const [asset, toke] = r.value;
  return { asset, toke, events: r.events };
}

/** An LP claims fees and emissions: what was paid, in the asset and in TOKE. */
export async function claim(laas: Laas, lp: Signer, pool: string): Promise<{ asset: bigint; toke: bigint }> {
  const [asset, toke] = (await laas.send(lp, pool, 'tasset', 'tAssetClaim', [])).value;
  return { asset, toke };
}

/** The reactor's state: cycle, epoch, next rollover, NAV. */
export async function reactorState(laas: Laas, reactor: string): Promise<ReactorState> {
  return laas.read(reactor, 'reactor', 'state', []);
}

/** A keeper rolls the reactor over: the cycle it is in now. */
export async function rollover(laas: Laas, keeper: Signer, reactor: string): Promise<number> {
  return (await laas.send(keeper, reactor, 'reactor', 'rollover', [])).value;
}

/** A TOKE holder stakes `amount` TOKE (approving the staking contract first) in `reactor`. */
export async function stake(laas: Laas, staker: Signer, names: { staking: string; toke: string; reactor: string }, amount: bigint): Promise<SuiteEvent[]> {
  await ensureAllowance(laas, staker, names.toke, laas.address(names.staking), amount);
  return (await laas.send(staker, names.staking, 'ld_staking', 'stake', [laas.address(names.reactor), amount])).events;
}

/** A staker directs their stake in `reactor` over its venues (`[venue name, bps]`, summing to 10,000). */
export async function vote(laas: Laas, staker: Signer, names: { staking: string; reactor: string }, allocation: Array<[string, number]>): Promise<SuiteEvent[]> {
  const pairs: Array<[string, number]> = allocation.map(([venue, bps]) => [laas.address(venue), bps]);
  return (await laas.send(staker, names.staking, 'ld_staking', 'vote', [laas.address(names.reactor), pairs])).events;
}

/** A keeper measures a position's depth at its AMM (cover is priced from it): price impact, bps. */
export async function observeDepth(laas: Laas, keeper: Signer, registry: string, position: number): Promise<bigint> {
  return (await laas.send(keeper, registry, 'position_registry', 'observeDepth', [position])).value;
}

/** A policy's holder transfers it (PSP34) to `to`, who then holds the right to claim. */
export async function transferPolicy(laas: Laas, holder: Signer, policies: string, policy: bigint, to: string): Promise<SuiteEvent[]> {
  return (await laas.send(holder, policies, 'policy_nft', 'psp34Transfer', [to, { type: 'U128', value: policy }, '0x'])).events;
}

/** What `buyer` would pay for `amount` of cover on `product` for `termMs`. */
export async function quoteCover(laas: Laas, pool: string, product: number, amount: bigint, termMs: bigint, buyer: string): Promise<PrimaryPoolQuote> {
  return laas.read(pool, 'primary_pool', 'quote', [product, amount, termMs, buyer], buyer);
}

/**
 * A buyer takes `amount` of cover on `product` for `termMs`, paying at most `maxPremium` of the
 * pool's cover asset (approved first): the policy token's id.
 */
export async function buyCover(
  laas: Laas,
  buyer: Signer,
  names: { pool: string; asset: string },
  product: number,
  amount: bigint,
  termMs: bigint,
  maxPremium: bigint,
): Promise<{ policy: bigint; events: SuiteEvent[] }> {
  await ensureAllowance(laas, buyer, names.asset, laas.address(names.pool), maxPremium);
  const buy = () => laas.send(buyer, names.pool, 'primary_pool', 'buyCover', [product, amount, termMs, maxPremium]);
  try {
    const r = await buy();
    return { policy: r.value, events: r.events };
  } catch (e) {
    // After a long quiet spell the pool's expiry buckets are more than one call can process:
    // bring the pool and the product up to date (anyone may), then buy.
    if (!(e instanceof ContractRefused && e.variants.includes('Behind'))) throw e;
    await catchUp(laas, buyer, names.pool, product);
    const r = await buy();
    return { policy: r.value, events: r.events };
  }
}

/** Processes `pool`'s and `product`'s expiry buckets until both are current (bounded). */
export async function catchUp(laas: Laas, caller: Signer, pool: string, product: number): Promise<void> {
  for (let i = 0; i < 64; i++) {
    const poolCurrent = (await laas.send(caller, pool, 'primary_pool', 'advance', [])).value;
    const productCurrent = (await laas.send(caller, pool, 'primary_pool', 'advanceProduct', [product])).value;
    if (poolCurrent && productCurrent) return;
  }
  throw new ContractRefused(pool, 'advance', { type: 'Behind' });
}
