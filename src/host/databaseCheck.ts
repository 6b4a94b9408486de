import { spawn } from 'node:child_process';
import type * as vscode from 'vscode';
import { StoreError, type CheckReport } from '../store';

/**
 * Runs `perpetua check --json` (the bundled CLI) in a child process: an integrity check reads the whole file,
 * which must not freeze the extension host, and killing the process is a real cancel. SQLite's checks only read.
 */
export function checkInChildProcess(
  cliPath: string,
  databasePath: string,
  token: vscode.CancellationToken,
): Promise<CheckReport | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--db', databasePath, '--json', 'check'], {
      // In desktop VS Code execPath is Electron; this makes it run the script as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const cancel = token.onCancellationRequested(() => child.kill());
    child.on('error', (error) => {
      cancel.dispose();
      reject(new StoreError('INTERNAL', 'The database check could not be started.', String(error)));
    });
    child.on('close', (code, signal) => {
      cancel.dispose();
      if (token.isCancellationRequested) return resolve(undefined);
      try {
        // Exit 1 means "problems found"; the report is on stdout either way.
        const report = JSON.parse(stdout) as CheckReport;
        if (typeof report.ok === 'boolean' && Array.isArray(report.problems)) return resolve(report);
      } catch {
        // fall through to the error below
      }
      reject(
        new StoreError(
          'INTERNAL',
          'The database check stopped without a report.',
          `exit ${code ?? signal}: ${stderr.trim() || stdout.trim()}`,
        ),
      );
    });
  });
}
