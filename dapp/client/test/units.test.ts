import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUnits, parseUnits, unit } from '../src/units.js';

test('parses whole and fractional amounts exactly', () => {
  assert.equal(parseUnits('10'), 10n * 10n ** 18n);
  assert.equal(parseUnits('12.5'), 12_500_000_000_000_000_000n);
  assert.equal(parseUnits('0.000000000000000001'), 1n);
  assert.equal(parseUnits('1_000.25', 6), 1_000_250_000n);
  assert.equal(parseUnits('7.', 2), 700n);
  assert.equal(parseUnits(' 3 ', 0), 3n);
});

test('refuses what is not a plain amount instead of rounding it', () => {
  for (const bad of ['', '-1', '1e18', 'abc', '1.2.3', '0x10', '.5']) {
    assert.throws(() => parseUnits(bad), RangeError, bad);
  }
  assert.throws(() => parseUnits('0.0000000000000000001'), /more than 18 decimals/);
  assert.throws(() => parseUnits('1.234', 2), /more than 2 decimals/);
  assert.throws(() => unit(39), RangeError);
  assert.throws(() => unit(1.5), RangeError);
});

test('formats base units, dropping trailing zeros and rounding down for display', () => {
  assert.equal(formatUnits(12_500_000_000_000_000_000n), '12.5');
  assert.equal(formatUnits(10n ** 18n), '1');
  assert.equal(formatUnits(0n), '0');
  assert.equal(formatUnits(1n), '0.000000000000000001');
  assert.equal(formatUnits(-1_500_000n, 6), '-1.5');
  assert.equal(formatUnits(1_999_999_999_999_999_999n, 18, 4), '1.9999');
  assert.equal(formatUnits(1_000_000_000_000_000_001n, 18, 4), '1');
});

test('formatting and parsing round-trip', () => {
  for (const text of ['0', '1', '0.1', '123456789.000000000000000001', '340282366920938463463.374607431768211455']) {
    assert.equal(formatUnits(parseUnits(text)), text);
  }
});
