//! Numbers as the decimal text wallets display for attributes.

use ink::prelude::vec::Vec;

/// `value` in decimal ASCII digits.
pub fn decimal(value: u128) -> Vec<u8> {
    let mut digits = Vec::with_capacity(39);
    let mut rest = value;
    loop {
        // `rest % 10` is below 10, so the cast keeps it whole.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        digits.push(b'0'.saturating_add(digit));
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    digits.reverse();
    digits
}
