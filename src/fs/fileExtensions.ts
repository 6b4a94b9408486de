// Which file extension an artifact gets, so VS Code picks the right language (highlighting, folding,
// Markdown preview): metadata.language, then metadata.format, then metadata.filename, then its content.
import type { ArtifactMetadata, ArtifactType } from '../store';

const BY_NAME: Record<string, string> = {
  typescript: '.ts',
  ts: '.ts',
  tsx: '.tsx',
  javascript: '.js',
  js: '.js',
  jsx: '.jsx',
  python: '.py',
  py: '.py',
  rust: '.rs',
  rs: '.rs',
  go: '.go',
  golang: '.go',
  java: '.java',
  kotlin: '.kt',
  swift: '.swift',
  c: '.c',
  cpp: '.cpp',
  'c++': '.cpp',
  csharp: '.cs',
  'c#': '.cs',
  ruby: '.rb',
  php: '.php',
  r: '.r',
  shell: '.sh',
  bash: '.sh',
  sh: '.sh',
  zsh: '.sh',
  powershell: '.ps1',
  sql: '.sql',
  html: '.html',
  css: '.css',
  scss: '.scss',
  xml: '.xml',
  json: '.json',
  jsonc: '.jsonc',
  yaml: '.yaml',
  yml: '.yaml',
  toml: '.toml',
  ini: '.ini',
  markdown: '.md',
  md: '.md',
  text: '.txt',
  plaintext: '.txt',
  txt: '.txt',
  csv: '.csv',
  svg: '.svg',
  mermaid: '.mmd',
  mmd: '.mmd',
  'vega-lite': '.vl.json',
  vegalite: '.vl.json',
  vega: '.vg.json',
  graphviz: '.dot',
  dot: '.dot',
  latex: '.tex',
  tex: '.tex',
};

const MERMAID_START =
  /^\s*(%%.*\n\s*)*(graph|flowchart|sequenceDiagram|classDiagram|stateDiagram(-v2)?|erDiagram|gantt|pie|mindmap|timeline|journey|gitGraph|quadrantChart|xychart-beta)\b/;

function fromName(value: unknown): string | undefined {
  return typeof value === 'string' ? BY_NAME[value.trim().toLowerCase()] : undefined;
}

function fromFilename(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /\.([A-Za-z0-9+#-]{1,10})$/.exec(value.trim());
  if (!match) return undefined;
  return fromName(match[1]) ?? `.${match[1]!.toLowerCase()}`;
}

function looksLikeJson(content: string): unknown {
  const text = content.trim();
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromContent(type: ArtifactType, content: string): string {
  const head = content.slice(0, 4000);
  if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head)) return '.svg';
  if (MERMAID_START.test(head)) return '.mmd';
  const json = looksLikeJson(content);
  if (json !== undefined) {
    const schema =
      typeof json === 'object' && json !== null ? (json as Record<string, unknown>).$schema : undefined;
    if (typeof schema === 'string' && schema.includes('vega-lite')) return '.vl.json';
    if (typeof schema === 'string' && schema.includes('/vega/')) return '.vg.json';
    return '.json';
  }
  if (type === 'code') {
    if (/^#!.*\bpython/.test(head) || /^\s*(def |from \S+ import |import \S+$)/m.test(head)) return '.py';
    if (/^#!.*\b(ba|z)?sh\b/.test(head)) return '.sh';
    if (/^\s*(fn |use |impl |pub fn |let mut )/m.test(head)) return '.rs';
    if (/^\s*package \w+/m.test(head) && /^\s*func /m.test(head)) return '.go';
    if (
      /^\s*(export |import .* from |interface |type \w+ =)/m.test(head) ||
      /:\s*(string|number)\b/.test(head)
    )
      return '.ts';
    if (/^\s*(function |const |let |var )/m.test(head)) return '.js';
    if (/^\s*(SELECT|CREATE TABLE|INSERT INTO)\b/im.test(head)) return '.sql';
    return '.txt';
  }
  if (type === 'document' || type === 'mindmap') return '.md';
  if (/^\s*#{1,6} \S/m.test(head) || /^\s*[-*] \S/m.test(head)) return '.md';
  return '.txt';
}

/** The extension, with its dot (".ts", ".vl.json"). */
export function extensionFor(artifact: {
  type: ArtifactType;
  metadata: ArtifactMetadata;
  content: string;
}): string {
  const m = artifact.metadata;
  return (
    fromName(m.language) ??
    fromName(m.format) ??
    fromFilename(m.filename) ??
    fromContent(artifact.type, artifact.content)
  );
}
