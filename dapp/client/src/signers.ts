// Signers from secret URIs: the dev accounts (`//Alice` … `//Ferdie`) on a dev chain, or any
// account's mnemonic/seed. Wallets in a dapp sign through their extension instead.

import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** An sr25519 signer for `suri` (`//Alice`), addressed with the generic prefix 42. */
export async function devSigner(suri: string): Promise<KeyringPair> {
  await cryptoWaitReady();
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
}
