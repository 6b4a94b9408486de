// The XSS corpus for the webview UI check: one journey whose input, stages and artifacts of every type carry
// payloads. Each payload, if it ran, would set `window.__xss` or open a dialog; the check watches for both.

const FENCE = '```';
const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);

export const XSS_JOURNEY_ID = 'journey_xss_corpus';
export const XSS_INPUT = 'XSS corpus: none of this may run <img src=x onerror="window.__xss=1;alert(70)">';

const DOCUMENT = `# XSS corpus document

Plain text that must stay visible: **corpus rendered**.

<script>window.__xss = 1; alert(1)</script>
<img src="x" onerror="window.__xss = 1; alert(2)">
<svg><script>window.__xss = 1; alert(3)</script></svg>
<svg onload="window.__xss = 1; alert(4)"></svg>
<iframe srcdoc="<script>parent.__xss = 1; alert(5)</script>"></iframe>
<iframe src="javascript:parent.__xss = 1; alert(6)"></iframe>
<meta http-equiv="refresh" content="0;url=javascript:alert(7)">
<style>body { display: none !important; }</style>
<div style="background: url(javascript:alert(8)); position: fixed; inset: 0; z-index: 9999">overlay</div>
<a href="javascript:window.__xss = 1; alert(9)">javascript link</a>
<a href="&#106;&#97;vascript:alert(10)">entity-encoded javascript link</a>
<a href="command:workbench.action.toggleSidebarVisibility">command link</a>
<a href="file:///etc/passwd">file link</a>
<a href="vscode://settings">vscode link</a>
<a href="https://user:secret@example.com/">credential link</a>
<object data="javascript:alert(11)"></object>
<embed src="javascript:alert(12)">
<form action="javascript:alert(13)"><button>submit</button></form>
<details open ontoggle="window.__xss = 1; alert(14)"><summary>details</summary>body</details>
<math><mtext><table><mglyph><style><img src=x onerror="alert(15)">
<noscript><p title="</noscript><img src=x onerror=alert(16)>"></noscript>
<base href="javascript:alert(17)//">
<input autofocus onfocus="window.__xss = 1; alert(18)">
<video><source onerror="window.__xss = 1; alert(19)"></video>
<img src="https://tracker.example/pixel.png" alt="remote tracker">
&lt;script&gt;alert(20)&lt;/script&gt; is text.

[markdown javascript link](javascript:alert(21))
[markdown data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMik8L3NjcmlwdD4=)
![markdown image](javascript:alert(23))

${FENCE}mermaid
%%{init: {"securityLevel": "loose", "themeCSS": "body { display: none; }"}}%%
flowchart TD
  A["<img src=x onerror=alert(24)>"] --> B["<script>window.__xss=1</script>"]
  click A callback "alert(25)"
  click B href "javascript:alert(26)"
${FENCE}

${FENCE}html
<script>alert(27)</script>
${FENCE}
`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="320" height="80" onload="window.__xss=1;alert(30)">
  <script>window.__xss = 1; alert(31)</script>
  <rect width="320" height="80" fill="#eeeeee" style="fill: #dddddd; background: url(javascript:alert(32))"/>
  <a xlink:href="javascript:alert(33)"><text x="10" y="30">svg corpus rendered</text></a>
  <foreignObject width="100" height="50"><iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe></foreignObject>
  <animate attributeName="href" to="javascript:alert(34)"/>
  <set attributeName="onmouseover" to="alert(35)"/>
  <image href="x" onerror="window.__xss=1;alert(36)"/>
  <use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='alert(37)'/&gt;&lt;/svg&gt;#x"/>
</svg>`;

const MERMAID = `%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%
---
config:
  securityLevel: loose
---
flowchart LR
  X["<img src=x onerror='window.__xss=1;alert(40)'>"] --> Y[mermaid corpus rendered]
  click X call alert(41)
  click Y "javascript:alert(42)"
`;

const VEGA = JSON.stringify({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  description: 'vega corpus',
  data: { url: 'https://tracker.example/data.json' },
  mark: 'bar',
  encoding: {
    x: { field: 'a', type: 'nominal' },
    y: { field: 'b', type: 'quantitative' },
    href: { value: 'javascript:alert(43)' },
  },
});

const VEGA_EXPR = JSON.stringify({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  data: { values: [{ a: 'vega corpus rendered', b: 3 }] },
  transform: [{ calculate: "alert(44) || constructor.constructor('window.__xss=1')()", as: 'c' }],
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
});

const MINDMAP = JSON.stringify({
  text: 'mindmap corpus <img src=x onerror="window.__xss=1;alert(50)">',
  children: [{ text: '<script>window.__xss=1</script>', children: [{ text: 'javascript:alert(51)' }] }],
});

const CODE = `</code></pre><script>window.__xss = 1; alert(60)</script>
<img src=x onerror="alert(61)">
const corpus = 'code corpus rendered';
`;

const OTHER = `{"html": "<script>window.__xss=1;alert(62)</script>", "note": "other corpus rendered"}`;

function artifact(id, type, title, content, metadata = {}) {
  return { id: `artifact_xss_${id}`, type, title, content, metadata, createdAt: T0 + 1000 };
}

export function xssDocument() {
  return {
    format: 'perpetua-journeys',
    version: 1,
    exportedAt: new Date(T0).toISOString(),
    journeys: [
      {
        id: XSS_JOURNEY_ID,
        input: XSS_INPUT,
        status: 'running',
        settings: {
          stageTypes: ['discovering'],
          maxStages: 2,
          autoAdvance: false,
          model: '<script>alert(71)</script>',
        },
        createdAt: T0,
        updatedAt: T0 + 5000,
        stages: [
          {
            id: 'stage_xss_1',
            type: 'discovering',
            status: 'complete',
            prompt: 'Prompt <img src=x onerror="window.__xss=1;alert(72)"> [link](javascript:alert(73))',
            result:
              'Result <script>window.__xss=1</script> <iframe srcdoc="<script>alert(74)</script>"></iframe>',
            thinking: '<script>alert(75)</script> thinking stays text',
            createdAt: T0 + 100,
            updatedAt: T0 + 200,
            artifacts: [
              artifact('doc', 'document', 'XSS document <img src=x onerror=alert(76)>', DOCUMENT, {
                format: 'markdown',
              }),
              artifact('svg', 'visualization', 'XSS svg', SVG, { format: 'svg' }),
              artifact('mermaid', 'visualization', 'XSS mermaid', MERMAID, { format: 'mermaid' }),
              artifact('vega', 'visualization', 'XSS vega remote data', VEGA, { format: 'vega-lite' }),
              artifact('vegaexpr', 'visualization', 'XSS vega expression', VEGA_EXPR, {
                format: 'vega-lite',
              }),
              artifact(
                'html',
                'document',
                'XSS html document',
                '<p>html corpus rendered</p><img src=x onerror="window.__xss=1;alert(77)"><script>alert(78)</script>',
                { format: 'html' },
              ),
              artifact('mindmap', 'mindmap', 'XSS mindmap', MINDMAP, { format: 'json' }),
              artifact('code', 'code', 'xss.ts', CODE, { language: 'typescript' }),
              artifact('other', 'other', 'XSS other', OTHER, { format: 'json' }),
            ],
          },
        ],
      },
    ],
  };
}
