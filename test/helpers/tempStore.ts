import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions, type Store } from '../../src/store';

/** A fresh folder per test, removed afterwards; every store opened through it is closed. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'perpetua-test-'));
  private readonly stores: Store[] = [];

  file(name = 'perpetua.db'): string {
    return join(this.path, name);
  }

  open(name = 'perpetua.db', options?: OpenStoreOptions): Store {
    const store = openStore(this.file(name), options);
    this.stores.push(store);
    return store;
  }

  dispose(): void {
    for (const s of this.stores) s.close();
    rmSync(this.path, { recursive: true, force: true });
  }
}
