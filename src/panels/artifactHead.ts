import { documentFormat, markdownPreviewHead, type ToWebviewMessage } from '../protocol';

// A long Markdown document goes to its panel in two messages: its head first, then the whole. Posting a
// megabyte takes a while (serialised, copied across processes, parsed again), and the page can draw the head
// meanwhile. No vscode here: the webview benchmark posts the same two messages.

/** The head message to post before `message`, when `message` shows a long Markdown document. */
export function artifactHeadMessage(message: ToWebviewMessage): ToWebviewMessage | undefined {
  if (message.type !== 'showArtifact' || documentFormat(message.artifact) !== 'markdown') return undefined;
  const content = message.artifact.content;
  const head = markdownPreviewHead(content);
  if (head === undefined) return undefined;
  return {
    type: 'showArtifactHead',
    artifact: { ...message.artifact, content: head },
    options: message.options,
    wholeBytes: Buffer.byteLength(content, 'utf8'),
  };
}
