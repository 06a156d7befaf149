// What goes wrong, told apart: a contract that refuses a call (its own typed error, decoded from
// the dry run, so nothing is sent), a chain that fails a sent transaction, a deployment record
// that does not say what the client needs.

/**
 * A decoded ink! value as text: an enum variant `{ type: 'Pool', value: { type: 'NotMatured' } }`
 * reads `Pool(NotMatured)`, a unit variant `'Paused'` reads `Paused`, structs and numbers as JSON.
 */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    if (typeof o.type === 'string' && keys.every((k) => k === 'type' || k === 'value')) {
      return 'value' in o ? `${o.type}(${describe(o.value)})` : o.type;
    }
    return `{ ${keys.map((k) => `${k}: ${describe(o[k])}`).join(', ')} }`;
  }
  return String(value);
}

/** The contract refused the call in its dry run: nothing was sent. */
export class ContractRefused extends Error {
  override name = 'ContractRefused';
  constructor(
    /** The deployment's name for the contract (`tweth`). */
    readonly contract: string,
    /** The message called (`tAssetWithdraw`); `message` is the error's text, as for any Error. */
    readonly call: string,
    /** The contract's typed error, as dedot decoded it from the ABI. */
    readonly error: unknown,
  ) {
    super(`${contract}.${call} refused: ${describe(error)}`);
  }

  /** The error's variant path (`['Pool', 'NotMatured']`), for matching in code. */
  get variants(): string[] {
    const path: string[] = [];
    let e: unknown = this.error;
    while (e !== undefined) {
      if (typeof e === 'string') {
        path.push(e);
        break;
      }
      if (e && typeof e === 'object' && typeof (e as { type?: unknown }).type === 'string') {
        path.push((e as { type: string }).type);
        e = (e as { value?: unknown }).value;
        continue;
      }
      break;
    }
    return path;
  }
}

/** The chain failed the call: a dispatch error in the dry run or in the block, or no block. */
export class ChainError extends Error {
  override name = 'ChainError';
  constructor(
    /** What was being done (`tweth.tAssetDeposit`). */
    readonly what: string,
    /** The pallet error (`Contracts.ContractTrapped`) or why the chain could not be used. */
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`);
  }
}

/** The deployment record or an ABI does not say what the client needs. */
export class DeploymentError extends Error {
  override name = 'DeploymentError';
}
