// The client's smoke story against a deployed suite on a dev chain that can move its clock
// (chopsticks, scripts/chain.sh): an LP deposits WETH, asks to withdraw part, a keeper rolls
// the reactor over until the request matures, the LP withdraws; the LP stakes TOKE and votes
// for a venue; a keeper measures tWETH's depth, the LP buys cover on tWETH and sells the
// policy token. Every step goes through the typed client (dry run
// first, then the block's events) and is checked against balances read back. A call that
// must fail is refused by its dry run and sends nothing.
//
//   node dist/bin/smoke.js --url ws://127.0.0.1:8011 --deployments <dir> --network local --abi <dir>

import { parseArgs } from 'node:util';
import {
  ContractRefused, Laas, advanceTo, balanceOf, buyCover, deposit, devSigner, formatUnits, now, observeDepth, parseUnits,
  quoteCover, reactorState, requestWithdrawal, rollover, stake, transferPolicy, vote, withdraw,
} from '../src/index.js';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:8011' },
    deployments: { type: 'string', default: 'deployments' },
    network: { type: 'string', default: 'local' },
    abi: { type: 'string', default: 'abi' },
  },
});

function say(line: string): void {
  console.log(`[client-smoke] ${line}`);
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`check failed: ${what}`);
}

const DAY_MS = 86_400_000n;

async function main(): Promise<void> {
  const t0 = Date.now();
  const laas = await Laas.open({ url: opts.url!, deployments: opts.deployments!, network: opts.network!, abi: opts.abi! });
  try {
    const deployer = await devSigner('//Alice');
    const lp = await devSigner('//Dave');
    const keeper = await devSigner('//Eve');
    const tweth = { pool: 'tweth', asset: 'weth' };

    // --- liquidity: deposit, request, rollovers, withdraw --------------------------------
    const amount = parseUnits('10');
    const exit = parseUnits('4');
    await laas.send(deployer, 'weth', 'test_asset', 'mint', [lp.address, amount]);
    const before = await balanceOf(laas, 'tweth', lp.address);
    const { minted, events } = await deposit(laas, lp, tweth, amount);
    const after = await balanceOf(laas, 'tweth', lp.address);
    check(minted > 0n && after - before === minted, `deposit minted ${minted}, balance ${before} -> ${after}`);
    check(events.some((e) => e.contract === 'tweth' && e.name === 'Deposited'), 'a Deposited event from tweth');
    check(events.some((e) => e.contract === 'weth' && e.name === 'Transfer'), 'a Transfer event from weth');
    say(`lp deposited 10 WETH for ${formatUnits(minted, 18, 4)} tWETH (events: ${events.map((e) => `${e.contract}.${e.name}`).join(', ')})`);

    const maturity = await requestWithdrawal(laas, lp, 'tweth', exit);
    say(`lp asked to withdraw 4 tWETH; the request matures at epoch ${maturity}`);

    // Withdrawing before maturity is refused by the dry run: no transaction, no block.
    const head = await laas.chain.head();
    const refused = await withdraw(laas, lp, 'tweth', exit).then(() => undefined, (e: unknown) => e);
    check(refused instanceof ContractRefused, `an early withdrawal is refused (got ${String(refused)})`);
    check((refused as ContractRefused).variants.includes('NotMatured'), `refused as NotMatured (${String(refused)})`);
    check((await laas.chain.head()) === head, 'a refused call sends nothing');
    say(`an early withdrawal was refused before sending: ${(refused as ContractRefused).message}`);

    for (let i = 0; i < 4; i++) {
      const state = await reactorState(laas, 'reactor');
      if (state.epoch >= maturity) break;
      await advanceTo(laas.client, state.nextRolloverMs);
      const cycle = await rollover(laas, keeper, 'reactor');
      say(`keeper rolled the reactor over into cycle ${cycle} (clock moved to ${state.nextRolloverMs})`);
    }
    const epoch = (await reactorState(laas, 'reactor')).epoch;
    check(epoch >= maturity, `epoch ${epoch} reached the request's maturity ${maturity}`);

    const wethBefore = await balanceOf(laas, 'weth', lp.address);
    const paid = await withdraw(laas, lp, 'tweth', exit);
    const wethAfter = await balanceOf(laas, 'weth', lp.address);
    check(paid.asset > 0n && paid.toke === 0n && wethAfter - wethBefore === paid.asset, `withdraw paid ${paid.asset} + ${paid.toke} TOKE; WETH ${wethBefore} -> ${wethAfter}`);
    say(`lp withdrew 4 tWETH at epoch ${epoch} for ${formatUnits(paid.asset, 18, 4)} WETH`);

    // --- TOKE: stake in the reactor, vote for the AMM ------------------------------------
    const staked = parseUnits('100');
    await laas.send(deployer, 'toke', 'toke', 'psp22Transfer', [lp.address, staked, '0x']);
    const staking = { staking: 'ld_staking', toke: 'toke', reactor: 'reactor' };
    const stakeEvents = await stake(laas, lp, staking, staked);
    check(stakeEvents.some((e) => e.contract === 'ld_staking'), 'ld_staking reports the stake');
    const voteEvents = await vote(laas, lp, staking, [['amm', 10_000]]);
    check(voteEvents.some((e) => e.contract === 'ld_staking'), 'ld_staking reports the vote');
    say(`lp staked 100 TOKE in the reactor and directed it all to the AMM (${voteEvents.map((e) => e.name).join(', ')})`);

    // --- cover: a quote, a policy, sold on -------------------------------------------------------
    const depth = await observeDepth(laas, keeper, 'registry', 0);
    say(`a keeper measured tWETH's depth at the AMM: buying 1 WETH moves its price ${depth} bps`);
    const cover = parseUnits('1000');
    await laas.send(deployer, 'usd', 'test_asset', 'mint', [lp.address, parseUnits('100')]);
    const quote = await quoteCover(laas, 'cover_pool', 0, cover, DAY_MS, lp.address);
    check(quote.premium > 0n, `a positive premium (${quote.premium})`);
    say(`1,000 USD of NAV-drawdown cover on tWETH for a day is quoted at ${formatUnits(quote.premium, 18, 4)} USD (margin ${quote.marginBps} bps)`);
    // The price moves with the clock (the NAV's age, utilisation): allow 1% over the quote.
    const maxPremium = quote.premium + quote.premium / 100n;
    const usdBefore = await balanceOf(laas, 'usd', lp.address);
    const { policy, events: bought } = await buyCover(laas, lp, { pool: 'cover_pool', asset: 'usd' }, 0, cover, DAY_MS, maxPremium);
    const paidPremium = usdBefore - (await balanceOf(laas, 'usd', lp.address));
    const sale = bought.find((e) => e.contract === 'cover_pool' && e.name === 'CoverBought')?.data as { premium?: bigint } | undefined;
    check(sale?.premium === paidPremium && paidPremium <= maxPremium, `paid the premium the sale recorded (${paidPremium}, event ${sale?.premium})`);
    // The junior and the reinsurance were paid their shares of it (20% and 10%).
    check(bought.some((e) => e.contract === 'junior_pool' && e.name === 'Underwritten') && bought.some((e) => e.contract === 'reinsurance_pool' && e.name === 'Underwritten'), 'both layers underwrote their share');
    const owner = await laas.read('policies', 'policy_nft', 'psp34OwnerOf', [{ type: 'U128', value: policy }]);
    check(owner?.address() === lp.address, `lp owns policy ${policy}`);
    say(`lp bought policy ${policy} for ${formatUnits(paidPremium, 18, 4)} USD (the junior and the reinsurance underwrote their shares) and holds its token (chain time ${await now(laas.client)})`);
    const sold = await transferPolicy(laas, lp, 'policies', policy, keeper.address);
    const newOwner = await laas.read('policies', 'policy_nft', 'psp34OwnerOf', [{ type: 'U128', value: policy }]);
    check(newOwner?.address() === keeper.address && sold.some((e) => e.contract === 'policies' && e.name === 'Transfer'), 'the policy changed hands');
    say(`lp sold policy ${policy} to the keeper: the keeper now holds the right to claim`);

    say(`passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await laas.disconnect();
  }
}

main().catch((e: unknown) => {
  console.error(`[client-smoke] FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
