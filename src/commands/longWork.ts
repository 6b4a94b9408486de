import * as vscode from 'vscode';

/** Lets the progress notification paint and the Cancel button be heard between synchronous steps. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `work` under a cancellable progress notification; undefined when the person cancelled. */
export async function withCancellableProgress<T>(
  title: string,
  work: (
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ) => Promise<T>,
): Promise<T | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const result = await work(progress, token);
      return token.isCancellationRequested ? undefined : result;
    },
  );
}
