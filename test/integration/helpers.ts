import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PerpetuaApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';

export const EXTENSION_ID = 'perpetua.perpetua-journey-explorer';

/** The running extension's API (activating it if needed). */
export async function perpetua(): Promise<PerpetuaApi> {
  const extension = vscode.extensions.getExtension<PerpetuaApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/** A folder the runner made for this test run (removed by the runner). */
export function testFile(name: string): string {
  const dir = process.env.PERPETUA_TEST_DIR;
  if (!dir)
    throw new Error('PERPETUA_TEST_DIR is not set; run the suite through scripts/vscode/run-integration.mjs');
  return join(dir, name);
}

/** Async like VS Code's own calls, though the provider answers synchronously. */
export function children(api: PerpetuaApi, node?: TreeNode): Promise<TreeNode[]> {
  return Promise.resolve(api.view.provider.getChildren(node));
}

export function itemOf(api: PerpetuaApi, node: TreeNode): vscode.TreeItem {
  return api.view.provider.getTreeItem(node);
}

export function labelOf(api: PerpetuaApi, node: TreeNode): string {
  const label = itemOf(api, node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 3000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function setDatabasePath(path: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('perpetua')
    .update('databasePath', path, vscode.ConfigurationTarget.Global);
}

/** Back to the default test database, empty, with no filter, grouping or extra pages. */
export async function resetPerpetua(api: PerpetuaApi): Promise<void> {
  if (vscode.workspace.getConfiguration('perpetua').get<string>('databasePath')) {
    await setDatabasePath(undefined);
    await waitFor(
      'the default database to reopen',
      () => api.host.current()?.path === process.env.PERPETUA_DB,
    );
  }
  await api.view.options.setStatuses(undefined);
  await api.view.options.setGrouped(false);
  api.view.provider.reset(); // forget pages shown by an earlier test
  api.host.write((store) =>
    store.transaction(() => {
      let page = store.journeys.findAll({ limit: 1000 });
      while (page.items.length > 0) {
        for (const j of page.items) store.journeys.delete(j.id);
        page = store.journeys.findAll({ limit: 1000 });
      }
    }),
  );
}
