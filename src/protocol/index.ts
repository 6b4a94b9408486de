// Host⇄webview protocol: messages and DTOs shared by `src/panels` and `webview/`. No vscode, DOM or Node.
export * from './documentFormat';
export * from './dtos';
export * from './markdownHead';
export * from './messages';
