import * as vscode from 'vscode';
import { toStoreError } from '../store';

/** The "Perpetua" output channel: what the store did, for people filing bug reports. */
export class Log implements vscode.Disposable {
  private constructor(private readonly channel: vscode.LogOutputChannel) {}

  static register(context: vscode.ExtensionContext): Log {
    const log = new Log(vscode.window.createOutputChannel('Perpetua', { log: true }));
    context.subscriptions.push(log);
    return log;
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Logs the code, the sentence and the technical detail; returns the sentence for the UI. */
  error(error: unknown, context?: string): string {
    const e = toStoreError(error, context);
    this.channel.error(`${e.code}: ${e.message}${e.detail ? `\n  ${e.detail}` : ''}`);
    return e.message;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
