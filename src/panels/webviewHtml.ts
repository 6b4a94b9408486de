import * as vscode from 'vscode';
import type { ViewTarget } from '../protocol';
import { contentSecurityPolicy } from './csp';
import { createNonce } from './nonce';
import { preloadedChunks } from './preload';

/** The only folder a Perpetua webview may load from: the built webview bundle. */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [webviewAssetsRoot(extensionUri)],
  };
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The whole page of a Perpetua webview; everything it shows arrives later by message. */
export function buildWebviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  options: { target: ViewTarget; title: string; allowRemoteImages: boolean },
): string {
  const nonce = createNonce();
  const root = webviewAssetsRoot(extensionUri);
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
  const csp = contentSecurityPolicy(webview.cspSource, nonce, options.allowRemoteImages);
  const preloads = preloadedChunks(vscode.Uri.joinPath(root, 'main.js').fsPath)
    .map((chunk) => `<link rel="modulepreload" nonce="${nonce}" href="${escapeAttribute(asset(chunk))}">`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<script async nonce="${nonce}" src="${escapeAttribute(asset('boot.js'))}"></script>
<link rel="stylesheet" href="${escapeAttribute(asset('codicon.css'))}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${escapeAttribute(asset('main.css'))}">
${preloads}
<title>${escapeAttribute(options.title)}</title>
</head>
<body data-view="${options.target.kind}">
<main id="app" aria-busy="true" aria-live="polite"><p class="loading">Loading…</p></main>
<script type="module" nonce="${nonce}" src="${escapeAttribute(asset('main.js'))}"></script>
</body>
</html>`;
}
