// Token amounts: the suite's tokens have 18 decimals (the cover asset too on a dev chain);
// amounts travel as bigint base units and are shown as decimal text.

/** Base units in one whole token of `decimals` decimals. */
export function unit(decimals = 18): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 38) {
    throw new RangeError(`decimals must be an integer in 0..=38, got ${decimals}`);
  }
  return 10n ** BigInt(decimals);
}

/**
 * `"12.5"` as base units of a `decimals`-decimal token (`12_500_000_000_000_000_000n` for 18).
 * Refuses negative numbers, more fraction digits than the token has, and anything that is not
 * a plain decimal number, rather than rounding a user's amount silently.
 */
export function parseUnits(text: string, decimals = 18): bigint {
  const scale = unit(decimals);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text.trim().replaceAll('_', ''));
  if (!m) throw new RangeError(`not an amount: "${text}"`);
  const whole = m[1] ?? '0';
  const fraction = m[2] ?? '';
  if (fraction.length > decimals) {
    throw new RangeError(`"${text}" has more than ${decimals} decimals`);
  }
  return BigInt(whole) * scale + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/**
 * Base units as decimal text, trailing zeros dropped (`formatUnits(12_500…n) === "12.5"`);
 * `digits` rounds the fraction down to that many digits for display.
 */
export function formatUnits(amount: bigint, decimals = 18, digits?: number): string {
  const scale = unit(decimals);
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  let fraction = (abs % scale).toString().padStart(decimals, '0');
  if (digits !== undefined) fraction = fraction.slice(0, Math.max(0, digits));
  fraction = fraction.replace(/0+$/, '');
  const whole = (abs / scale).toString();
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
