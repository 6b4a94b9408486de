import { randomUUID } from 'node:crypto';

/** A fresh nonce per page load; only the script tags we write carry it. */
export function createNonce(): string {
  return randomUUID().replace(/-/g, '');
}
